/**
 * Example snippets for the sandbox, by topic. Each one runs on every dataset
 * size (tests/playground/snippets.test.ts runs them all) and shows one thing
 * worth looking at in the query log.
 */

export interface Snippet {
  id: string;
  title: string;
  code: string;
}

export interface SnippetTopic {
  topic: string;
  snippets: Snippet[];
}

const s = (id: string, title: string, lines: string[]): Snippet => ({ id, title, code: lines.join('\n') + '\n' });

export const SNIPPET_TOPICS: SnippetTopic[] = [
  {
    topic: 'N+1 queries',
    snippets: [
      s('n-plus-one', 'N+1: post.author in a loop', [
        '// N+1: one query for the posts, then one query per',
        '// post for its author (post.author loads lazily).',
        "const posts = Post.objects.order_by('-created_at').slice(0, 100);",
        "for (const post of posts) print(post.title, '—', post.author.username);",
      ]),
      s('select-related', 'Fixed: select_related()', [
        "// select_related('author') JOINs blog_author in:",
        '// post.author is loaded. 1 statement instead of 101.',
        "const posts = Post.objects.select_related('author').order_by('-created_at').slice(0, 100);",
        "for (const post of posts) print(post.title, '—', post.author.username);",
      ]),
      s('nested-fk', 'N+1 two levels deep', [
        '// comment.post.author: two lazy loads per comment.',
        "// Try select_related('post__author') on line 3.",
        "const comments = Comment.objects.order_by('-created_at').slice(0, 30);",
        'for (const c of comments) print(c.post.author.username, c.rating);',
      ]),
      s('reverse-fk', 'Reverse FK: author.post_set', [
        '// A reverse relation in a loop: one query per author.',
        "// prefetch_related('post_set') loads them in 1 query.",
        "const authors = Author.objects.order_by('username').slice(0, 20);",
        'for (const author of authors) print(author.username, len(author.post_set.all()));',
      ]),
      s('prefetch-m2m', 'Many-to-many: prefetch_related()', [
        "// select_related can't follow a many-to-many;",
        "// prefetch_related loads all the tags in one query.",
        "const posts = Post.objects.prefetch_related('tags').slice(0, 20);",
        'for (const post of posts) print(post.title, post.tags.all().map((tag) => tag.name));',
      ]),
      s('prefetch-object', 'Prefetch() with a filtered queryset', [
        '// Prefetch() filters the prefetch; to_attr: a list.',
        'const authors = Author.objects.prefetch_related(',
        "  Prefetch('post_set', { queryset: Post.objects.filter({ published: true }).order_by('-view_count'), to_attr: 'published_posts' }),",
        ').slice(0, 10);',
        'for (const a of authors) print(a.username, a.published_posts.length);',
      ]),
    ],
  },
  {
    topic: 'Counting and aggregating',
    snippets: [
      s('count-in-loop', 'count() per row vs annotate()', [
        '// One COUNT query per author...',
        "for (const a of Author.objects.order_by('username').slice(0, 10)) print(a.username, a.post_set.count());",
        '',
        '// ...or one GROUP BY query for all of them.',
        "const counted = Author.objects.annotate({ post_count: Count('post') }).order_by('username').slice(0, 10);",
        'for (const a of counted) print(a.username, a.post_count);',
      ]),
      s('exists-count', 'exists() vs count() vs len()', [
        "const tagged = Post.objects.filter({ tags__name: 'python' });",
        "print('exists:', tagged.exists()); // SELECT 1 ... LIMIT 1",
        "print('count:', tagged.count()); // SELECT COUNT(*)",
        "print('len:', len(tagged)); // fetches every row",
      ]),
      s('aggregate', 'aggregate() and conditional counts', [
        'print(Post.objects.aggregate({ avg_views: Avg(\'view_count\'), most: Max(\'view_count\') }));',
        'const authors = Author.objects.annotate({',
        "  posts: Count('post'),",
        "  published: Count('post', { filter: Q({ post__published: true }) }),",
        "}).order_by('-posts').values('username', 'posts', 'published').slice(0, 8);",
        'print(list(authors));',
      ]),
    ],
  },
  {
    topic: 'Loading less',
    snippets: [
      s('only-defer', 'only() and defer()', [
        '// only() leaves long text columns out of the SELECT...',
        "for (const post of Post.objects.only('title', 'slug').slice(0, 5)) print(post.title);",
        '',
        '// ...but reading a deferred field costs a query per object.',
        "for (const post of Post.objects.defer('content').slice(0, 5)) print(post.title, post.content.length);",
      ]),
      s('values', 'values() and values_list()', [
        '// Plain data, no model instances: shown as a table.',
        "print(list(Post.objects.filter({ published: true }).order_by('-view_count').values('title', 'view_count', 'author__username').slice(0, 8)));",
        "print(list(Tag.objects.order_by('name').values_list('id', 'name').slice(0, 5)));",
      ]),
      s('iterator', 'iterator() for big result sets', [
        '// iterator() streams rows instead of caching them.',
        'let total = 0;',
        'for (const c of Comment.objects.only(\'rating\').iterator({ chunk_size: 500 })) total += c.rating;',
        "print('sum of ratings:', total);",
      ]),
    ],
  },
  {
    topic: 'Writes',
    snippets: [
      s('bulk-create', 'save() in a loop vs bulk_create()', [
        "for (const i of range(20)) Tag.objects.create({ name: `one-by-one-${i}` }); // 20 INSERTs",
        '',
        'const tags = range(150).map((i) => new Tag({ name: `bulk-${i}` }));',
        'Tag.objects.bulk_create(tags, { batch_size: 100 }); // 2 INSERTs',
        "print(Tag.objects.filter({ name__startswith: 'bulk-' }).count(), 'tags created');",
      ]),
      s('update-f', 'update() with F()', [
        '// One UPDATE in the database, not a load + save per post.',
        "const n = Post.objects.filter({ published: true }).update({ view_count: F('view_count').add(1) });",
        "print(n, 'posts updated');",
      ]),
      s('delete-cascade', 'delete() and its cascade', [
        "// Deleting an author deletes their posts and the posts'",
        '// comments (CASCADE); comment.author -> NULL (SET_NULL).',
        "const author = Author.objects.order_by('id').first();",
        'print(author.delete());',
      ]),
    ],
  },
  {
    topic: 'Expressions and indexes',
    snippets: [
      s('subquery', 'Subquery() and Exists()', [
        'const newest = Comment.objects.filter({ post: OuterRef(\'pk\') }).order_by(\'-created_at\');',
        'const posts = Post.objects.annotate({',
        "  last_comment: Subquery(newest.values('created_at').slice(0, 1)),",
        '  has_comments: Exists(Comment.objects.filter({ post: OuterRef(\'pk\') })),',
        "}).values('title', 'last_comment', 'has_comments').slice(0, 6);",
        'print(list(posts));',
      ]),
      s('window', 'Window functions', [
        'const ranked = Post.objects.annotate({',
        "  rank: Window({ expression: Rank(), order_by: F('view_count').desc() }),",
        "}).values('title', 'view_count', 'rank').slice(0, 8);",
        'print(list(ranked));',
      ]),
      s('index', 'Index or full scan? (EXPLAIN)', [
        '// Open each statement and press EXPLAIN QUERY PLAN.',
        "print(Post.objects.filter({ title: 'Notes on code review' }).count()); // SEARCH: title has db_index",
        "print(Post.objects.filter({ title__startswith: 'Notes' }).count()); // LIKE: walks the whole index",
        'print(Post.objects.filter({ view_count__gt: 5000 }).count()); // no index: SCAN',
        "print(Post.objects.filter({ published_date__year: 2025 }).count()); // a range on an index: SEARCH",
      ]),
    ],
  },
];

export const ALL_SNIPPETS: Snippet[] = SNIPPET_TOPICS.flatMap((t) => t.snippets);

export const DEFAULT_SNIPPET = ALL_SNIPPETS[0];

export function snippetById(id: string): Snippet | undefined {
  return ALL_SNIPPETS.find((x) => x.id === id);
}
