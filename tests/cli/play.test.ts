/**
 * `npm run play`: the examples' query counts, the --json record, one fresh
 * database per file, --fixture/--database, and every bad-input message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/play';
import { wantsColor } from '../../lib/cli/terminal-style';
import { buildBlogSnapshot } from '../../lib/db/datasets/blog';
import { BLOG_SIZES } from '../../lib/db/datasets/blog-data';
import { loadSqlJs } from '../../lib/node/sqljs';
import type { RunRecord } from '../../lib/runner/record';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = path.join(ROOT, 'tests/fixtures/blog-reference.json');
const referenceRecords = JSON.parse(readFileSync(REFERENCE, 'utf8')) as { model: string; pk: number; fields: Record<string, unknown> }[];
const referenceCount = (model: string) => referenceRecords.filter((r) => r.model === model).length;
const TINY_POSTS = BLOG_SIZES.tiny.posts;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'play-test-'));
});

/** Writes a file in the test's temporary folder and returns its path. */
function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function play(argv: string[], color = false) {
  const writes: string[] = [];
  const errors: string[] = [];
  const code = await main(argv, {
    stdout: (text) => writes.push(text),
    stderr: (text) => errors.push(text),
    readFile: (file) => readFileSync(path.resolve(ROOT, file)),
    color,
    loadSqlJs,
  });
  return { code, stdout: writes.join(''), stderr: errors.join(''), writes };
}

async function playJson(argv: string[]) {
  const result = await play([...argv, '--json']);
  return { ...result, json: JSON.parse(result.stdout) as RunRecord | RunRecord[] };
}

describe('npm run play: the examples', () => {
  it('n-plus-one.ts runs 1 + N statements on --size tiny, N the number of posts', async () => {
    const { code, json } = await playJson(['examples/n-plus-one.ts', '--size', 'tiny']);
    const record = json as RunRecord;
    expect(code).toBe(0);
    expect(record.error).toBeNull();
    expect(record.totals.statements).toBe(1 + TINY_POSTS);
    expect(record.output).toHaveLength(TINY_POSTS);
    expect(record.statements[0]).toMatchObject({ cause: 'evaluate', line: 4 });
    expect(record.statements.slice(1).every((s) => s.cause === 'lazy FK load Post.author' && s.line === 5)).toBe(true);
  });

  it('n-plus-one-fixed.ts prints the same lines with one JOIN query', async () => {
    const naive = (await playJson(['examples/n-plus-one.ts', '--size', 'tiny'])).json as RunRecord;
    const { json } = await playJson(['examples/n-plus-one-fixed.ts', '--size', 'tiny']);
    const fixed = json as RunRecord;
    expect(fixed.totals.statements).toBe(1);
    expect(fixed.statements[0].sql).toContain('INNER JOIN "blog_author"');
    expect(fixed.output).toEqual(naive.output);
  });

  it('every example runs without an error, with the statement count its header promises', async () => {
    const files = readdirSync(path.join(ROOT, 'examples')).filter((f) => /\.(ts|py)$/.test(f)).sort();
    const expected: Record<string, number> = {
      'annotate-count.ts': 1,
      'assert-num-queries.ts': 6, // 1, then 1 + 3 (the failing assertion), then a COUNT
      'bulk-create.ts': 5, // BEGIN, 2 INSERTs, COMMIT, then the COUNT
      'cache-signals.ts': 5,
      'case-when-coalesce.ts': 2,
      'delete-cascade.ts': 11, // COUNT, 2 collecting SELECTs, BEGIN, 5 writes, COMMIT, COUNT
      'exists-vs-count.ts': 3,
      'exists.ts': 4,
      'f-expressions.py': 4,
      'functions.ts': 2,
      'index-explain.ts': 9, // EXPLAIN, the schema editor's 7 (PRAGMAs, BEGIN, CREATE INDEX, COMMIT), EXPLAIN
      'iterator.ts': 2,
      'lazy-evaluation.ts': 1,
      'n-plus-one-fixed.ts': 1,
      'n-plus-one.py': 1 + TINY_POSTS,
      'n-plus-one.ts': 1 + TINY_POSTS,
      'only-defer.ts': 5, // 2 SELECTs, then one per deferred content read
      'prefetch-tags.ts': 2,
      'q-distinct.py': 3,
      'raw-sql.py': 4,
      'replica-router.ts': 5, // 4 reads (3 on replica), 1 UPDATE on default
      'subquery-outerref.ts': 1,
      'transaction-atomic.py': 14, // 7 of them BEGIN/SAVEPOINT/ROLLBACK/RELEASE/COMMIT
      'update-bulk-update.ts': 5, // UPDATE, SELECT, BEGIN, bulk UPDATE, COMMIT
      'window-top-n.ts': 1,
    };
    expect(files).toEqual(Object.keys(expected));
    const { code, json } = await playJson([...files.map((f) => `examples/${f}`), '--size', 'tiny']);
    expect(code).toBe(0);
    const counts = Object.fromEntries((json as RunRecord[]).map((r) => [path.basename(r.file!), r.totals.statements]));
    expect(counts).toEqual(expected);
    expect((json as RunRecord[]).map((r) => r.error)).toEqual(files.map(() => null));
    // ... and the header says so: "Expect 5 statements" ("Expect 1 + N statements" for the N+1 ones).
    for (const file of files) {
      const header = readFileSync(path.join(ROOT, 'examples', file), 'utf8').match(/^(?:\/\/|#).*\bExpect (\d+|1 \+ N) statements?\b/m);
      expect(header, `${file}: no "Expect N statements" in the header comment`).not.toBeNull();
      expect(header![1] === '1 + N' ? 1 + TINY_POSTS : Number(header![1]), file).toBe(expected[file]);
    }
  });

  it('n-plus-one.py (Django Python) runs the same 1 + N statements as the TypeScript version', async () => {
    const ts = (await playJson(['examples/n-plus-one.ts', '--size', 'tiny'])).json as RunRecord;
    const py = (await playJson(['examples/n-plus-one.py', '--size', 'tiny'])).json as RunRecord;
    expect(py.error).toBeNull();
    expect(py.statements.map((s) => s.sql)).toEqual(ts.statements.map((s) => s.sql));
    expect(py.statements.slice(1).every((s) => s.line === 5)).toBe(true);
  });

  it('prefetch-tags.ts loads the tags with one IN query', async () => {
    const record = (await playJson(['examples/prefetch-tags.ts', '--size', 'tiny'])).json as RunRecord;
    expect(record.statements[1].cause).toBe('prefetch Post.tags');
    expect(record.statements[1].sql).toMatch(/"blog_post_tags"\."post_id" IN \(%s(, %s){9}\)/);
  });
});

describe('npm run play --json', () => {
  it('prints one record with the fields of design.md, `file` set, one line and cause per statement', async () => {
    const { stdout, json } = await playJson(['examples/exists-vs-count.ts', '--size', 'tiny']);
    const record = json as RunRecord;
    expect(Array.isArray(json)).toBe(false);
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(Object.keys(record)).toEqual(expect.arrayContaining(['file', 'output', 'error', 'statements', 'duration_ms']));
    expect(record.file).toBe('examples/exists-vs-count.ts');
    expect(record.output[0]).toBe('exists: True');
    expect(record.statements.map((s) => [s.line, s.cause])).toEqual([
      [5, 'exists'],
      [6, 'count'],
      [7, 'evaluate'],
    ]);
    for (const s of record.statements) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['sql', 'params', 'display_sql', 'alias', 'duration_ms', 'rows', 'line', 'cause']));
      expect(s.alias).toBe('default');
      expect(s.duration_ms).toBeGreaterThan(0);
    }
    expect(record.statements[0].params).toEqual([1, 'python']); // Django: SELECT %s AS "a" ... with 1
    expect(record.statements[0].display_sql).toContain(`"blog_tag"."name" = 'python'`);
  });

  it('gives an array for several files, each on fresh data, written as each file finishes', async () => {
    const deleter = write('delete.ts', 'Comment.objects.all().delete();\nprint(Comment.objects.count());\n');
    const counter = write('count.ts', 'print(Comment.objects.count());\n');
    const { json, writes } = await playJson([deleter, counter, deleter, '--size', 'tiny']);
    const records = json as RunRecord[];
    expect(records.map((r) => r.file)).toEqual([deleter, counter, deleter]);
    expect(records.map((r) => r.output)).toEqual([['0'], [String(BLOG_SIZES.tiny.comments)], ['0']]);
    expect(records[0].totals.writes).toBeGreaterThan(0);
    expect(writes[0].startsWith('[\n{"file":')).toBe(true);
    expect(writes.filter((w) => w.includes('"file":'))).toHaveLength(3);
    expect(writes.at(-1)).toBe('\n]\n');
  });

  it('serialises `result` without running queries: instances as { model, pk }, querysets by name', async () => {
    const file = write('result.ts', 'result = { first: Post.objects.first(), all: Post.objects.all(), n: 2 };\n');
    const record = (await playJson([file, '--size', 'tiny'])).json as RunRecord;
    expect(record.result).toEqual({ first: { model: 'blog.Post', pk: 1 }, all: '<QuerySet>', n: 2 });
    expect(record.totals.statements).toBe(1);
  });
});

describe('npm run play: data sources', () => {
  it('--fixture runs on exactly the fixture’s rows', async () => {
    const file = write('counts.ts', 'print(Author.objects.count(), Post.objects.count(), Comment.objects.count(), Tag.objects.count());\n');
    const record = (await playJson([file, '--fixture', REFERENCE])).json as RunRecord;
    const expected = ['blog.author', 'blog.post', 'blog.comment', 'blog.tag'].map(referenceCount).join(' ');
    expect(record.output).toEqual([expected]);
    const naive = (await playJson(['examples/n-plus-one.ts', '--fixture', REFERENCE])).json as RunRecord;
    expect(naive.totals.statements).toBe(1 + referenceCount('blog.post'));
  });

  it('--fixture loads records that point forward (Django loads a fixture in one transaction)', async () => {
    const reversed = write('reversed.json', JSON.stringify([...referenceRecords].reverse()));
    const file = write('posts.ts', 'print(Post.objects.filter({ author__username: "alice" }).count());\n');
    const { code, json } = await playJson([file, '--fixture', reversed]);
    expect(code).toBe(0);
    const alice = referenceRecords.find((r) => r.model === 'blog.author' && r.fields.username === 'alice')!;
    const expected = referenceRecords.filter((r) => r.model === 'blog.post' && r.fields.author === alice.pk).length;
    expect((json as RunRecord).output).toEqual([String(expected)]);
  });

  it('--database runs on a copy of an SQLite file and never writes the file', async () => {
    const bytes = buildBlogSnapshot(await loadSqlJs(), 'tiny');
    const db = write('blog.sqlite3', bytes);
    const deleter = write('delete-posts.ts', 'Post.objects.all().delete();\nprint(Post.objects.count());\n');
    const counter = write('count-posts.ts', 'print(Post.objects.count());\n');
    const { code, json } = await playJson([deleter, counter, '--database', db]);
    expect(code).toBe(0);
    expect((json as RunRecord[]).map((r) => r.output)).toEqual([['0'], [String(TINY_POSTS)]]);
    expect(Buffer.compare(readFileSync(db), Buffer.from(bytes))).toBe(0);
  });
});

describe('npm run play: learner errors', () => {
  it('reports a syntax error with its line and column, and exits 1', async () => {
    const file = write('syntax.ts', 'const a = 1;\nconst x = ;\n');
    const { code, json } = await playJson([file, '--size', 'tiny']);
    expect(code).toBe(1);
    expect((json as RunRecord).error).toMatchObject({ type: 'SyntaxError', message: 'Unexpected token', line: 2, column: 11 });
    const human = await play([file, '--size', 'tiny']);
    expect(human.stdout).toContain('SyntaxError at line 2, column 11: Unexpected token');
    expect(human.stderr).toBe('');
  });

  it('prints an ORM error as `FieldError at line L, column C: message`', async () => {
    const file = write('field-error.ts', 'const ok = 1;\nprint(Post.objects.filter({ titel: "x" }).count());\n');
    const { code, stdout } = await play([file, '--size', 'tiny']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FieldError at line 2, column \d+: Cannot resolve keyword 'titel' into field\. Choices are: /m);
  });

  it('exits 1 when any run had an error, 0 when none had', async () => {
    const broken = write('broken.ts', 'Post.objects.get({ pk: -1 });\n');
    expect((await play(['examples/annotate-count.ts', broken, '--size', 'tiny'])).code).toBe(1);
    expect((await play(['examples/annotate-count.ts', 'examples/lazy-evaluation.ts', '--size', 'tiny'])).code).toBe(0);
  });
});

describe('npm run play: human output', () => {
  it('shows the output, each statement with line, cause, time, rows and SQL, then the totals', async () => {
    const { stdout } = await play(['examples/n-plus-one.ts', '--size', 'tiny']);
    expect(stdout).toMatch(/^Data: blog dataset, size tiny \(ready in [\d.,]+ ms\)$/m);
    expect(stdout).toContain('── examples/n-plus-one.ts ──\nOutput\n');
    expect(stdout).toMatch(/^#1 line 4 · evaluate · [\d.]+ ms · 60 rows\n {4}SELECT "blog_post"\."id", /m);
    expect(stdout).toMatch(/^#2 line 5 · lazy FK load Post\.author · [\d.]+ ms · 1 row\n {4}SELECT .* WHERE "blog_author"\."id" = \d+ LIMIT 21$/m);
    expect(stdout).toMatch(/^ {2}60 × lazy FK load Post\.author, line 5/m);
    expect(stdout).toMatch(/^61 statements \(61 reads, 0 writes\) · SQL [\d.]+ ms · run [\d.]+ ms\n$/m);
    expect(stdout).not.toContain('\x1b[');
  });

  it('dims the SQL when colour is on', async () => {
    const { stdout } = await play(['examples/annotate-count.ts', '--size', 'tiny'], true);
    expect(stdout).toContain('\x1b[2m    SELECT "blog_author"."id"');
  });

  it('says which statements the record left out', async () => {
    const file = write('many.ts', 'for (let i = 0; i < 10; i++) for (const post of Post.objects.all()) post.author;\nTag.objects.count();\n');
    const { stdout } = await play([file, '--size', 'tiny']);
    const listed = stdout.match(/^#/gm)!.length;
    expect(stdout).toContain(`Not listed: ${611 - listed} statements beyond the first 500 are counted but not listed`);
    expect(stdout).toMatch(/^#500 line 1 .*\n.*\n… from here on, only the first 5 statements of each kind are listed\n#… line 2 · count · /m);
    expect(stdout).toMatch(/^611 statements/m);
  });

  it('colours only a terminal without NO_COLOR', () => {
    expect(wantsColor(true, {})).toBe(true);
    expect(wantsColor(false, {})).toBe(false);
    expect(wantsColor(undefined, {})).toBe(false);
    expect(wantsColor(true, { NO_COLOR: '1' })).toBe(false);
  });

  it('--help prints the usage with the exit codes', async () => {
    const { code, stdout } = await play(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run play -- FILE\.ts\.\.\./);
    expect(stdout).toContain('1  some file');
  });
});

describe('npm run play: bad input', () => {
  const sqlite = async (edit: (db: import('sql.js').Database) => void) => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database(buildBlogSnapshot(SQL, 'tiny'));
    edit(db);
    return db.export();
  };

  const cases: [string, () => Promise<string[]> | string[], RegExp][] = [
    ['an unknown size', () => ['examples/n-plus-one.ts', '--size', 'huge'], /^play: unknown size 'huge' \(valid: tiny, default, large\)\n$/],
    ['an unknown dataset', () => ['examples/n-plus-one.ts', '--dataset', 'shop'], /^play: unknown dataset 'shop' \(valid: blog\)\n$/],
    ['a missing file', () => ['examples/nope.ts'], /^play: file examples\/nope\.ts: no such file\n$/],
    ['a folder', () => ['examples'], /^play: file examples: is a directory, not a file\n$/],
    ['an option without its value', () => ['examples/n-plus-one.ts', '--size'], /^play: --size needs a value \(tiny, default, large\)\n$/],
    ['an option given twice', () => ['examples/n-plus-one.ts', '--size', 'tiny', '--size=large'], /^play: --size given twice\n$/],
    ['--fixture with --database', () => ['examples/n-plus-one.ts', '--fixture', 'a.json', '--database', 'b.sqlite3'], /^play: --fixture and --database cannot be used together\n$/],
    ['--size with --fixture', () => ['examples/n-plus-one.ts', '--fixture', REFERENCE, '--size', 'tiny'], /^play: --size applies to generated datasets; it cannot be used with --fixture\n$/],
    ['a missing fixture', () => ['examples/n-plus-one.ts', '--fixture', 'nope.json'], /^play: fixture nope\.json: no such file\n$/],
    ['a fixture that is not JSON', () => ['examples/n-plus-one.ts', '--fixture', write('broken.json', '[{"model": ')], /^play: fixture .*broken\.json is not valid JSON: /],
    [
      'a fixture with an unknown field',
      () => ['examples/n-plus-one.ts', '--fixture', write('field.json', JSON.stringify([{ model: 'blog.tag', pk: 1, fields: { nam: 'x' } }]))],
      /^play: invalid fixture .*field\.json: record 1 \(blog\.tag pk=1\): Tag has no field named 'nam'\n$/,
    ],
    [
      'a fixture with a bad value',
      () => ['examples/n-plus-one.ts', '--fixture', write('value.json', JSON.stringify([{ model: 'blog.author', pk: 4, fields: { username: 'x', joined_at: 'soon' } }]))],
      /^play: invalid fixture .*value\.json: record 1 \(blog\.author pk=4\): 'joined_at' expects an ISO date\/time/,
    ],
    [
      'a fixture whose foreign key points at nothing',
      () => {
        const records = referenceRecords.map((r) => (r.model === 'blog.post' && r.pk === 3 ? { ...r, fields: { ...r.fields, author: 999 } } : r));
        return ['examples/n-plus-one.ts', '--fixture', write('dangling.json', JSON.stringify(records))];
      },
      /^play: invalid fixture .*dangling\.json: record \d+ \(blog\.post pk=3\): 'author' refers to blog\.author pk=999, which is neither in the fixture nor in the database\n$/,
    ],
    [
      'a fixture breaking a unique constraint',
      () => ['examples/n-plus-one.ts', '--fixture', write('unique.json', JSON.stringify([1, 2].map((pk) => ({ model: 'blog.tag', pk, fields: { name: 'same' } }))))],
      /^play: invalid fixture .*unique\.json: record 2 \(blog\.tag pk=2\): could not load: UNIQUE constraint failed: blog_tag\.name\n$/,
    ],
    ['a missing database', () => ['examples/n-plus-one.ts', '--database', 'nope.sqlite3'], /^play: database nope\.sqlite3: no such file\n$/],
    ['a database that is not SQLite', () => ['examples/n-plus-one.ts', '--database', 'package.json'], /^play: database package\.json: not an SQLite database \(file is not a database\)\n$/],
    [
      'a database without some blog tables',
      async () => ['examples/n-plus-one.ts', '--database', write('partial.sqlite3', await sqlite((db) => db.run('DROP TABLE blog_comment; DROP TABLE blog_post_tags')))],
      /^play: database .*partial\.sqlite3: missing the blog tables blog_post_tags, blog_comment \(it has blog_author, blog_category, blog_post, blog_tag\)\n$/,
    ],
    [
      'a database without a blog column',
      async () => ['examples/n-plus-one.ts', '--database', write('old.sqlite3', await sqlite((db) => db.run('ALTER TABLE blog_post DROP COLUMN view_count')))],
      /^play: database .*old\.sqlite3: missing the blog columns blog_post\.view_count\n$/,
    ],
  ];

  it.each(cases)('%s: one line on stderr, exit 2', async (_name, argv, message) => {
    const { code, stdout, stderr } = await play(await argv());
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
    expect(stdout).toBe('');
  });

  it.each([
    ['no files', [], /^play: no files given\n\nUsage: npm run play/],
    ['an unknown option', ['examples/n-plus-one.ts', '--frob'], /^play: unknown option '--frob'\n\nUsage: npm run play/],
  ])('%s: the message, then the usage, exit 2', async (_name, argv, message) => {
    const { code, stderr } = await play(argv);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });
});

describe('scripts/play.ts', () => {
  it('wires main to the process: exit code, stderr, no colour in a pipe', () => {
    const ok = spawnSync('npx', ['tsx', 'scripts/play.ts', 'examples/n-plus-one-fixed.ts', '--size', 'tiny'], { cwd: ROOT, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^1 statement \(1 read, 0 writes\)/m);
    expect(ok.stdout).not.toContain('\x1b[');
    const missing = spawnSync('npx', ['tsx', 'scripts/play.ts', 'nope.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('play: file nope.ts: no such file\n');
  });
});
