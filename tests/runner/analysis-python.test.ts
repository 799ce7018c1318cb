/**
 * Findings on runs of Django's Python (the sandbox's Python mode): the same
 * patterns as in TypeScript, on the Python lines, with fixes written the way
 * Django writes them: keyword arguments (`annotate(post_count=Count('post'))`,
 * `Prefetch('post_set', queryset=...)`), not the TypeScript API's trailing object.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { createBlogSchema, openBlog } from '../../lib/db/datasets/blog';
import type { ModelClass } from '../../lib/orm/model';
import { callWithKeywords, findings, lineCounts } from '../../lib/runner/analysis';
import type { RunRecord } from '../../lib/runner/record';
import type { RelationAccess } from '../../lib/runner/relation-access';
import { describeSchema, type DatasetSchema } from '../../lib/runner/schema-info';
import { runObservingRelations, runOnSnapshot } from '../../lib/runner/session';
import { blogSnapshot, loadSqlJs } from '../helpers/sqljs';

describe('callWithKeywords', () => {
  it('writes keyword arguments as Python keywords or as a trailing TypeScript object', () => {
    expect(callWithKeywords('python', 'annotate', [], [['n', "Count('post')"]])).toBe("annotate(n=Count('post'))");
    expect(callWithKeywords('typescript', 'annotate', [], [['n', "Count('post')"]])).toBe("annotate({ n: Count('post') })");
    expect(callWithKeywords(undefined, 'Prefetch', ["'tags'"], [['queryset', 'qs'], ['to_attr', "'t'"]])).toBe("Prefetch('tags', { queryset: qs, to_attr: 't' })");
    expect(callWithKeywords('python', 'Prefetch', ["'tags'"], [['queryset', 'qs'], ['to_attr', "'t'"]])).toBe("Prefetch('tags', queryset=qs, to_attr='t')");
    expect(callWithKeywords('typescript', 'count', [], [])).toBe('count()');
  });
});

describe('findings on Python runs (tiny blog)', () => {
  let SQL: SqlJsStatic;
  let snapshot: Uint8Array;
  let schema: DatasetSchema;

  beforeAll(async () => {
    SQL = await loadSqlJs();
    snapshot = await blogSnapshot('tiny');
    const world = openBlog(SQL);
    createBlogSchema(world);
    schema = describeSchema(Object.values(world.models) as ModelClass[], world.runtime.connections.get('default').db);
  });

  function run(code: string): { record: RunRecord; access: RelationAccess | null } {
    const result = runObservingRelations(SQL, snapshot, code, { language: 'python' });
    expect(result.record.error).toBeNull();
    return result;
  }

  const analyse = (code: string) => {
    const { record, access } = run(code);
    return { record, found: findings(record, { code, schema, access, language: 'python' }) };
  };

  it('FK in a loop: the loop body line runs N, the fix goes on the line that builds the query', () => {
    const code = ["posts = Post.objects.order_by('id')[:10]", 'for post in posts:', '    print(post.author.username)', ''].join('\n');
    const { record, found } = analyse(code);
    expect(lineCounts(record)).toEqual([
      { line: 2, count: 1, label: '1 query' },
      { line: 3, count: 10, label: '10 queries' },
    ]);
    const [f] = found;
    expect(f.title).toBe('N+1: Post.author');
    expect(f.fix).toBe("select_related('author')");
    expect(f.lines).toEqual([3]);
    expect(f.fixLine).toBe(1);
    expect(f.message).toContain("Add `select_related('author')` to the query on line 1");
  });

  it('count() per row suggests annotate() with a keyword argument', () => {
    const code = ['for a in Author.objects.order_by("username")[:5]:', '    print(a.username, a.post_set.count())', ''].join('\n');
    const [f] = analyse(code).found;
    expect(f.fix).toBe("annotate(post_count=Count('post'))");
    expect(f.message).toContain("add `annotate(post_count=Count('post'))` to the query on line 1 and read `author.post_count`");
    expect(f.message).not.toContain('{');
  });

  it('exists() per row suggests an Exists() annotation with a keyword argument', () => {
    const [f] = analyse(['for a in Author.objects.all()[:5]:', '    print(a.post_set.exists())', ''].join('\n')).found;
    expect(f.fix).toBe('annotate(has_post=Exists(...))');
  });

  it('a filtered related manager per row suggests Prefetch(queryset=...)', () => {
    const code = ['for a in Author.objects.all()[:5]:', '    print(len(a.post_set.filter(published=True)))', ''].join('\n');
    const [f] = analyse(code).found;
    expect(f.fix).toBe("prefetch_related(Prefetch('post_set', queryset=...))");
    expect(f.message).toContain("`prefetch_related(Prefetch('post_set', queryset=Post.objects.filter(...)))` on the query on line 1");
  });

  it("names the manager's model for the Prefetch queryset, also for a many-to-many (post.tags → Tag)", () => {
    const code = ['for p in Post.objects.all()[:5]:', "    print(len(p.tags.filter(name__startswith='p')))", ''].join('\n');
    const [f] = analyse(code).found;
    expect(f.message).toContain("`prefetch_related(Prefetch('tags', queryset=Tag.objects.filter(...)))`");
  });

  it('the same run in TypeScript still gets the TypeScript syntax', () => {
    const code = "for (const a of Author.objects.all().slice(0, 5)) print(a.post_set.count());";
    const record = runOnSnapshot(SQL, snapshot, code);
    expect(findings(record, { code, schema }).map((f) => f.fix)).toEqual(["annotate({ post_count: Count('post') })"]);
    expect(findings(record, { code, schema, language: 'typescript' }).map((f) => f.fix)).toEqual(["annotate({ post_count: Count('post') })"]);
  });

  it('nested lazy loads: one select_related path, on the Python lines', () => {
    const code = ['comments = Comment.objects.all()[:5]', 'for c in comments:', '    print(c.post.author.username)', ''].join('\n');
    const [f] = analyse(code).found;
    expect(f.fix).toBe("select_related('post__author')");
    expect(f.lines).toEqual([3]);
    expect(f.fixLine).toBe(1);
  });

  it('a deferred field read per row points at only() on the query line', () => {
    const code = ["for p in Post.objects.only('title')[:4]:", '    print(len(p.content))', ''].join('\n');
    const [f] = analyse(code).found;
    expect(f.kind).toBe('deferred_field');
    expect(f.message).toContain("Add 'content' to `only()` on line 1");
  });

  it('an unused eager load is reported on its Python line', () => {
    const code = ['posts = Post.objects.select_related("author", "category")[:4]', 'for p in posts:', '    print(p.author.username)', ''].join('\n');
    const unused = analyse(code).found.filter((f) => f.kind === 'unused_eager_load');
    expect(unused.map((f) => [f.title, f.fixLine])).toEqual([['Unused select_related: Post.category', 1]]);
  });
});
