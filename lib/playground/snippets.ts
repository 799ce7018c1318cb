/**
 * Example snippets for the sandbox, by topic, each in both languages: the
 * TypeScript learner API and the Django Python it stands for (the Python mode
 * runs it on the same engine). Each one runs on every dataset size, and both
 * versions run the same statements and print the same lines
 * (tests/playground/snippets.test.ts); the Python versions were checked against
 * real Django 5.2 (`../shared/django-reference/ask`): same statements, same output.
 */
import type { LearnerLanguage } from '../runner/protocol';

export interface Snippet {
  id: string;
  title: string;
  /** The TypeScript version. */
  code: string;
  /** The Django (Python) version. */
  python: string;
}

export interface SnippetTopic {
  topic: string;
  snippets: Snippet[];
}

const s = (id: string, title: string, ts: string[], python: string[]): Snippet => ({
  id,
  title,
  code: ts.join('\n') + '\n',
  python: python.join('\n') + '\n',
});

export const SNIPPET_TOPICS: SnippetTopic[] = [
  {
    topic: 'N+1 queries',
    snippets: [
      s(
        'n-plus-one',
        'N+1: post.author in a loop',
        [
          '// N+1: one query for the posts, then one query per',
          '// post for its author (post.author loads lazily).',
          "const posts = Post.objects.order_by('-created_at').slice(0, 100);",
          "for (const post of posts) print(post.title, '—', post.author.username);",
        ],
        [
          '# N+1: one query for the posts, then one query per',
          '# post for its author (post.author loads lazily).',
          "posts = Post.objects.order_by('-created_at')[:100]",
          'for post in posts:',
          "    print(post.title, '—', post.author.username)",
        ],
      ),
      s(
        'select-related',
        'Fixed: select_related()',
        [
          "// select_related('author') JOINs blog_author in:",
          '// post.author is loaded. 1 statement instead of 101.',
          "const posts = Post.objects.select_related('author').order_by('-created_at').slice(0, 100);",
          "for (const post of posts) print(post.title, '—', post.author.username);",
        ],
        [
          "# select_related('author') JOINs blog_author in:",
          '# post.author is loaded. 1 statement instead of 101.',
          "posts = Post.objects.select_related('author').order_by('-created_at')[:100]",
          'for post in posts:',
          "    print(post.title, '—', post.author.username)",
        ],
      ),
      s(
        'nested-fk',
        'N+1 two levels deep',
        [
          '// comment.post.author: two lazy loads per comment.',
          "// Try select_related('post__author') on line 3.",
          "const comments = Comment.objects.order_by('-created_at').slice(0, 30);",
          'for (const c of comments) print(c.post.author.username, c.rating);',
        ],
        [
          '# comment.post.author: two lazy loads per comment.',
          "# Try select_related('post__author') on line 3.",
          "comments = Comment.objects.order_by('-created_at')[:30]",
          'for c in comments:',
          '    print(c.post.author.username, c.rating)',
        ],
      ),
      s(
        'reverse-fk',
        'Reverse FK: author.post_set',
        [
          '// A reverse relation in a loop: one query per author.',
          "// prefetch_related('post_set') loads them in 1 query.",
          "const authors = Author.objects.order_by('username').slice(0, 20);",
          'for (const author of authors) print(author.username, len(author.post_set.all()));',
        ],
        [
          '# A reverse relation in a loop: one query per author.',
          "# prefetch_related('post_set') loads them in 1 query.",
          "authors = Author.objects.order_by('username')[:20]",
          'for author in authors:',
          '    print(author.username, len(author.post_set.all()))',
        ],
      ),
      s(
        'prefetch-m2m',
        'Many-to-many: prefetch_related()',
        [
          "// select_related can't follow a many-to-many;",
          "// prefetch_related loads all the tags in one query.",
          "const posts = Post.objects.prefetch_related('tags').slice(0, 20);",
          'for (const post of posts) print(post.title, post.tags.all().map((tag) => tag.name));',
        ],
        [
          "# select_related can't follow a many-to-many;",
          '# prefetch_related loads all the tags in one query.',
          "posts = Post.objects.prefetch_related('tags')[:20]",
          'for post in posts:',
          '    print(post.title, [tag.name for tag in post.tags.all()])',
        ],
      ),
      s(
        'prefetch-object',
        'Prefetch() with a filtered queryset',
        [
          '// Prefetch() filters the prefetch; to_attr: a list.',
          'const authors = Author.objects.prefetch_related(',
          "  Prefetch('post_set', { queryset: Post.objects.filter({ published: true }).order_by('-view_count'), to_attr: 'published_posts' }),",
          ').slice(0, 10);',
          'for (const a of authors) print(a.username, a.published_posts.length);',
        ],
        [
          'from django.db.models import Prefetch',
          '',
          '# Prefetch() filters the prefetch; to_attr: a list.',
          'authors = Author.objects.prefetch_related(',
          "    Prefetch('post_set', queryset=Post.objects.filter(published=True).order_by('-view_count'), to_attr='published_posts'),",
          ')[:10]',
          'for a in authors:',
          '    print(a.username, len(a.published_posts))',
        ],
      ),
    ],
  },
  {
    topic: 'Counting and aggregating',
    snippets: [
      s(
        'count-in-loop',
        'count() per row vs annotate()',
        [
          '// One COUNT query per author...',
          "for (const a of Author.objects.order_by('username').slice(0, 10)) print(a.username, a.post_set.count());",
          '',
          '// ...or one GROUP BY query for all of them.',
          "const counted = Author.objects.annotate({ post_count: Count('post') }).order_by('username').slice(0, 10);",
          'for (const a of counted) print(a.username, a.post_count);',
        ],
        [
          'from django.db.models import Count',
          '',
          '# One COUNT query per author...',
          "for a in Author.objects.order_by('username')[:10]:",
          '    print(a.username, a.post_set.count())',
          '',
          '# ...or one GROUP BY query for all of them.',
          "counted = Author.objects.annotate(post_count=Count('post')).order_by('username')[:10]",
          'for a in counted:',
          '    print(a.username, a.post_count)',
        ],
      ),
      s(
        'exists-count',
        'exists() vs count() vs len()',
        [
          "const tagged = Post.objects.filter({ tags__name: 'python' });",
          "print('exists:', tagged.exists()); // SELECT 1 ... LIMIT 1",
          "print('count:', tagged.count()); // SELECT COUNT(*)",
          "print('len:', len(tagged)); // fetches every row",
        ],
        [
          "tagged = Post.objects.filter(tags__name='python')",
          "print('exists:', tagged.exists())  # SELECT 1 ... LIMIT 1",
          "print('count:', tagged.count())  # SELECT COUNT(*)",
          "print('len:', len(tagged))  # fetches every row",
        ],
      ),
      s(
        'aggregate',
        'aggregate() and conditional counts',
        [
          'print(Post.objects.aggregate({ avg_views: Avg(\'view_count\'), most: Max(\'view_count\') }));',
          'const authors = Author.objects.annotate({',
          "  posts: Count('post'),",
          "  published: Count('post', { filter: Q({ post__published: true }) }),",
          "}).order_by('-posts').values('username', 'posts', 'published').slice(0, 8);",
          'print(list(authors));',
        ],
        [
          'from django.db.models import Avg, Count, Max, Q',
          '',
          "print(Post.objects.aggregate(avg_views=Avg('view_count'), most=Max('view_count')))",
          'authors = Author.objects.annotate(',
          "    posts=Count('post'),",
          "    published=Count('post', filter=Q(post__published=True)),",
          ").order_by('-posts').values('username', 'posts', 'published')[:8]",
          'print(list(authors))',
        ],
      ),
    ],
  },
  {
    topic: 'Loading less',
    snippets: [
      s(
        'only-defer',
        'only() and defer()',
        [
          '// only() leaves long text columns out of the SELECT...',
          "for (const post of Post.objects.only('title', 'slug').slice(0, 5)) print(post.title);",
          '',
          '// ...but reading a deferred field costs a query per object.',
          "for (const post of Post.objects.defer('content').slice(0, 5)) print(post.title, post.content.length);",
        ],
        [
          '# only() leaves long text columns out of the SELECT...',
          "for post in Post.objects.only('title', 'slug')[:5]:",
          '    print(post.title)',
          '',
          '# ...but reading a deferred field costs a query per object.',
          "for post in Post.objects.defer('content')[:5]:",
          '    print(post.title, len(post.content))',
        ],
      ),
      s(
        'values',
        'values() and values_list()',
        [
          '// Plain data, no model instances: shown as a table.',
          "print(list(Post.objects.filter({ published: true }).order_by('-view_count').values('title', 'view_count', 'author__username').slice(0, 8)));",
          "print(list(Tag.objects.order_by('name').values_list('id', 'name').slice(0, 5)));",
        ],
        [
          '# Plain data, no model instances: shown as a table.',
          "print(list(Post.objects.filter(published=True).order_by('-view_count').values('title', 'view_count', 'author__username')[:8]))",
          "print(list(Tag.objects.order_by('name').values_list('id', 'name')[:5]))",
        ],
      ),
      s(
        'iterator',
        'iterator() for big result sets',
        [
          '// iterator() streams rows instead of caching them.',
          'let total = 0;',
          'for (const c of Comment.objects.only(\'rating\').iterator({ chunk_size: 500 })) total += c.rating;',
          "print('sum of ratings:', total);",
        ],
        [
          '# iterator() streams rows instead of caching them.',
          'total = 0',
          "for c in Comment.objects.only('rating').iterator(chunk_size=500):",
          '    total += c.rating',
          "print('sum of ratings:', total)",
        ],
      ),
    ],
  },
  {
    topic: 'Writes',
    snippets: [
      s(
        'bulk-create',
        'save() in a loop vs bulk_create()',
        [
          "for (const i of range(20)) Tag.objects.create({ name: `one-by-one-${i}` }); // 20 INSERTs",
          '',
          'const tags = range(150).map((i) => new Tag({ name: `bulk-${i}` }));',
          'Tag.objects.bulk_create(tags, { batch_size: 100 }); // 2 INSERTs',
          "print(Tag.objects.filter({ name__startswith: 'bulk-' }).count(), 'tags created');",
        ],
        [
          'for i in range(20):',
          "    Tag.objects.create(name=f'one-by-one-{i}')  # 20 INSERTs",
          '',
          "tags = [Tag(name=f'bulk-{i}') for i in range(150)]",
          'Tag.objects.bulk_create(tags, batch_size=100)  # 2 INSERTs',
          "print(Tag.objects.filter(name__startswith='bulk-').count(), 'tags created')",
        ],
      ),
      s(
        'update-f',
        'update() with F()',
        [
          '// One UPDATE in the database, not a load + save per post.',
          "const n = Post.objects.filter({ published: true }).update({ view_count: F('view_count').add(1) });",
          "print(n, 'posts updated');",
        ],
        [
          'from django.db.models import F',
          '',
          '# One UPDATE in the database, not a load + save per post.',
          "n = Post.objects.filter(published=True).update(view_count=F('view_count') + 1)",
          "print(n, 'posts updated')",
        ],
      ),
      s(
        'delete-cascade',
        'delete() and its cascade',
        [
          "// Deleting an author deletes their posts and the posts'",
          '// comments (CASCADE); comment.author -> NULL (SET_NULL).',
          "const author = Author.objects.order_by('id').first();",
          'print(author.delete());',
        ],
        [
          "# Deleting an author deletes their posts and the posts'",
          '# comments (CASCADE); comment.author -> NULL (SET_NULL).',
          "author = Author.objects.order_by('id').first()",
          'print(author.delete())',
        ],
      ),
    ],
  },
  {
    topic: 'Expressions and indexes',
    snippets: [
      s(
        'subquery',
        'Subquery() and Exists()',
        [
          'const newest = Comment.objects.filter({ post: OuterRef(\'pk\') }).order_by(\'-created_at\');',
          'const posts = Post.objects.annotate({',
          "  last_comment: Subquery(newest.values('created_at').slice(0, 1)),",
          '  has_comments: Exists(Comment.objects.filter({ post: OuterRef(\'pk\') })),',
          "}).values('title', 'last_comment', 'has_comments').slice(0, 6);",
          'print(list(posts));',
        ],
        [
          'from django.db.models import Exists, OuterRef, Subquery',
          '',
          "newest = Comment.objects.filter(post=OuterRef('pk')).order_by('-created_at')",
          'posts = Post.objects.annotate(',
          "    last_comment=Subquery(newest.values('created_at')[:1]),",
          "    has_comments=Exists(Comment.objects.filter(post=OuterRef('pk'))),",
          ").values('title', 'last_comment', 'has_comments')[:6]",
          'print(list(posts))',
        ],
      ),
      s(
        'window',
        'Window functions',
        [
          'const ranked = Post.objects.annotate({',
          "  rank: Window({ expression: Rank(), order_by: F('view_count').desc() }),",
          "}).values('title', 'view_count', 'rank').slice(0, 8);",
          'print(list(ranked));',
        ],
        [
          'from django.db.models import F, Window',
          'from django.db.models.functions import Rank',
          '',
          'ranked = Post.objects.annotate(',
          "    rank=Window(expression=Rank(), order_by=F('view_count').desc()),",
          ").values('title', 'view_count', 'rank')[:8]",
          'print(list(ranked))',
        ],
      ),
      s(
        'index',
        'Index or full scan? (EXPLAIN)',
        [
          '// Open each statement and press EXPLAIN QUERY PLAN.',
          "print(Post.objects.filter({ title: 'Notes on code review' }).count()); // SEARCH: title has db_index",
          "print(Post.objects.filter({ title__startswith: 'Notes' }).count()); // LIKE: walks the whole index",
          'print(Post.objects.filter({ view_count__gt: 5000 }).count()); // no index: SCAN',
          "print(Post.objects.filter({ published_date__year: 2025 }).count()); // a range on an index: SEARCH",
        ],
        [
          '# Open each statement and press EXPLAIN QUERY PLAN.',
          "print(Post.objects.filter(title='Notes on code review').count())  # SEARCH: title has db_index",
          "print(Post.objects.filter(title__startswith='Notes').count())  # LIKE: walks the whole index",
          'print(Post.objects.filter(view_count__gt=5000).count())  # no index: SCAN',
          'print(Post.objects.filter(published_date__year=2025).count())  # a range on an index: SEARCH',
        ],
      ),
    ],
  },
];

export const ALL_SNIPPETS: Snippet[] = SNIPPET_TOPICS.flatMap((t) => t.snippets);

export const DEFAULT_SNIPPET = ALL_SNIPPETS[0];

export function snippetById(id: string): Snippet | undefined {
  return ALL_SNIPPETS.find((x) => x.id === id);
}

/** A snippet's code in the given language. */
export function snippetCode(snippet: Snippet, language: LearnerLanguage): string {
  return language === 'python' ? snippet.python : snippet.code;
}

/** The example whose code in `language` is exactly `code` (an unmodified example). */
export function snippetByCode(code: string, language: LearnerLanguage): Snippet | undefined {
  return ALL_SNIPPETS.find((x) => snippetCode(x, language) === code);
}

/**
 * What the editor shows after switching from `from` to `to`: the code last
 * written in `to` (`saved`, null if none), or the default example. When the
 * editor holds an unmodified example and `to` holds none of the learner's own
 * code (nothing saved, or an unmodified example too), the same example in `to`
 * instead, so the toggle translates an example. Code the learner wrote is never replaced.
 */
export function codeAfterSwitch(current: string, from: LearnerLanguage, to: LearnerLanguage, saved: string | null): string {
  const example = snippetByCode(current, from);
  if (example && (saved === null || snippetByCode(saved, to))) return snippetCode(example, to);
  return saved ?? snippetCode(DEFAULT_SNIPPET, to);
}
