import { beforeAll, describe, expect, test } from 'vitest';
import { findNPlusOne, maxQueries, maxRowsFetched, mustNotUse, mustUse, noNPlusOne, sameOutput } from '../../lib/lessons/checks';
import { loadSqlJs } from '../../lib/node/sqljs';
import { calledNames } from '../../lib/lessons/tokens';
import type { RunRecord } from '../../lib/runner/record';
import { buildSnapshot, runOnSnapshot } from '../../lib/runner/session';

describe('reading the code: calledNames', () => {
  test('method calls, function calls, new, optional calls', () => {
    const calls = calledNames(`const qs = Post.objects.select_related('author');
const p = new Prefetch('tags');
len(qs); qs?.exists?.();`);
    expect(Object.fromEntries(calls)).toEqual({ select_related: [1], Prefetch: [2], len: [3], exists: [3] });
  });

  test('comments, strings and template text do not count; template expressions do', () => {
    const source = `// Post.objects.select_related('author')
/* prefetch_related('tags')
   still a comment */
print("select_related(");
print('exists()');
print(\`only() \${Post.objects.count()} and \${ { a: 1 }.a } defer()\`);
const re = /values\\(/g;
const half = 10 / 2; annotate(half / 2);`;
    const calls = calledNames(source);
    expect([...calls.keys()].sort()).toEqual(['annotate', 'count', 'print']);
    expect(calls.get('count')).toEqual([6]);
    expect(calls.get('annotate')).toEqual([8]);
  });

  test('a declaration is not a call', () => {
    expect(calledNames('function select_related(x) { return x; }').has('select_related')).toBe(false);
  });

  test('must_use and must_not_use reasons', () => {
    const code = "// select_related('author') would help\nfor (const p of Post.objects.prefetch_related('author')) print(p);";
    expect(mustUse(code, ['select_related'])).toMatchObject({ passed: false, reason: 'does not call select_related, which this lesson is about' });
    expect(mustNotUse(code, ['prefetch_related'])).toMatchObject({ passed: false, reason: 'uses prefetch_related (line 2), which this lesson asks you not to use' });
    expect(mustUse(code, ['prefetch_related'])).toMatchObject({ passed: true, reason: 'calls prefetch_related (line 2)' });
  });
});

describe('checks on run records (tiny blog)', () => {
  let run: (code: string) => RunRecord;
  beforeAll(async () => {
    const SQL = await loadSqlJs();
    const snapshot = buildSnapshot(SQL, { kind: 'dataset', dataset: 'blog', size: 'tiny' });
    run = (code) => runOnSnapshot(SQL, snapshot, code);
  });

  test('max_queries names the query that repeats', () => {
    const record = run("const posts = Post.objects.all();\nfor (const post of posts) print(post.author.username);");
    expect(maxQueries(record, 2)).toMatchObject({ passed: false, reason: '61 statements, budget is 2 (60 similar queries on blog_author from line 2: lazy FK load Post.author)' });
    expect(maxQueries(run("print(Post.objects.count())"), 1)).toMatchObject({ passed: true, reason: '1 statement, budget is 1' });
  });

  test('no_n_plus_one: repeated lazy loads of one relation', () => {
    const record = run("const posts = Post.objects.all();\nfor (const post of posts) print(post.author.username);");
    expect(noNPlusOne(record)).toMatchObject({ passed: false, reason: 'N+1: Post.author loaded 60 times (line 2)' });
    expect(noNPlusOne(run("for (const post of Post.objects.select_related('author')) print(post.author.username);")).passed).toBe(true);
  });

  test('no_n_plus_one: a related manager evaluated once per object', () => {
    const record = run('for (const post of Post.objects.all().slice(0, 5))\n  print(post.tags.all().map((t) => t.name));');
    expect(findNPlusOne(record).map((f) => f.message)).toEqual([
      'N+1: 5 similar queries on blog_tag from line 2, one per object (WHERE "blog_post_tags"."post_id" = %s)',
    ]);
    expect(noNPlusOne(run("for (const post of Post.objects.prefetch_related('tags').slice(0, 5)) print(post.tags.all().map((t) => t.name));")).passed).toBe(true);
  });

  test('no_n_plus_one: deferred fields loaded per object', () => {
    const record = run("for (const post of Post.objects.only('title').slice(0, 3))\n  print(post.content.length);");
    expect(noNPlusOne(record).reason).toBe('N+1: deferred field Post.content loaded 3 times (line 2)');
  });

  test('two different queries from two lines are not an N+1', () => {
    expect(noNPlusOne(run('print(Post.objects.filter({ published: true }).count());\nprint(Post.objects.filter({ published: false }).count());')).passed).toBe(true);
  });

  test('same_output_as_before: the first differing line', () => {
    const before = run("print('alice'); print('bob');");
    expect(sameOutput(run("print('alice'); print('carol');"), before).reason).toBe("output differs from before at line 2: expected 'bob', got 'carol'");
    expect(sameOutput(run("print('alice');"), before).reason).toBe("output stops after 1 line; before printed 2 (line 2: 'bob')");
    expect(sameOutput(run("print('alice'); print('bob'); print('eve');"), before).reason).toBe("output has 3 lines; before printed 2 (extra line 3: 'eve')");
    expect(sameOutput(run("print('alice', ); print('bob');"), before)).toMatchObject({ passed: true, reason: 'same 2 lines as before' });
  });

  test('max_rows_fetched', () => {
    const record = run('print(len(Post.objects.all()));\nprint(Author.objects.count());');
    expect(maxRowsFetched(record, 10)).toMatchObject({ passed: false, reason: '61 rows fetched, budget is 10 (60 by line 1, from blog_post)' });
    expect(maxRowsFetched(run('print(Post.objects.count());'), 10)).toMatchObject({ passed: true, reason: '1 row fetched, budget is 10' });
  });
});
