/**
 * The inspector's analysis of a run record: summary and modeled time, similar
 * and duplicate statements as django-debug-toolbar marks them, folded blocks,
 * N+1 findings with the fix to suggest, unused eager loads, per-line counts,
 * EXPLAIN badges. Synthetic records pin the rules; records from real runs check
 * that the ORM's causes and SQL are recognised.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { createBlogSchema, openBlog } from '../../lib/db/datasets/blog';
import type { ModelClass } from '../../lib/orm/model';
import {
  explainLines,
  explainVerdict,
  findings,
  lineCounts,
  modeledTime,
  queryLine,
  statementBlocks,
  statementViews,
  summarize,
} from '../../lib/runner/analysis';
import type { RunRecord, StatementEntry, StatementGroup } from '../../lib/runner/record';
import type { RelationAccess } from '../../lib/runner/relation-access';
import { describeSchema, type DatasetSchema } from '../../lib/runner/schema-info';
import { runObservingRelations } from '../../lib/runner/session';
import { blogSnapshot, loadSqlJs } from '../helpers/sqljs';

// ------------------------------------------------------------------ synthetic records

const POSTS_SQL = 'SELECT "blog_post"."id", "blog_post"."title", "blog_post"."author_id" FROM "blog_post" LIMIT 3';
const AUTHOR_SQL = 'SELECT "blog_author"."id", "blog_author"."username" FROM "blog_author" WHERE "blog_author"."id" = %s LIMIT 21';

function stmt(sql: string, params: (number | string)[], line: number | null, cause: string, extra: Partial<StatementEntry> = {}): StatementEntry {
  return { sql, params, display_sql: sql, alias: 'default', duration_ms: 0.5, rows: 1, line, cause, kind: 'read', ...extra };
}

/** A record built the way RunRecorder builds one: exact groups, lines and totals. */
function record(statements: StatementEntry[], options: { unlisted?: StatementEntry[]; duration?: number } = {}): RunRecord {
  const all = [...statements, ...(options.unlisted ?? [])];
  const groups = new Map<string, StatementGroup & { keys: Set<string> }>();
  const lines: Record<string, number> = {};
  for (const s of all) {
    let g = groups.get(s.sql);
    if (!g) {
      g = { sql: s.sql, count: 0, duration_ms: 0, rows: 0, duplicates: 0, causes: {}, lines: {}, kind: s.kind, keys: new Set() };
      groups.set(s.sql, g);
    }
    g.count++;
    g.duration_ms += s.duration_ms;
    g.rows += s.rows;
    g.causes[s.cause] = (g.causes[s.cause] ?? 0) + 1;
    const key = JSON.stringify(s.params);
    if (g.keys.has(key)) g.duplicates++;
    else g.keys.add(key);
    if (s.line !== null) {
      g.lines[s.line] = (g.lines[s.line] ?? 0) + 1;
      lines[s.line] = (lines[s.line] ?? 0) + 1;
    }
  }
  return {
    file: null,
    output: [],
    error: null,
    statements,
    duration_ms: options.duration ?? 10,
    totals: {
      statements: all.length,
      reads: all.filter((s) => s.kind === 'read').length,
      writes: all.filter((s) => s.kind === 'write').length,
      transaction: 0,
      sql_ms: all.reduce((t, s) => t + s.duration_ms, 0),
      rows: all.reduce((t, s) => t + s.rows, 0),
      instances: 6,
      peak_instances: 3,
    },
    groups: [...groups.values()].map(({ keys: _k, ...g }) => g),
    lines,
    elided: { statements: options.unlisted?.length ?? 0, output_lines: 0, truncated_params: 0, note: null },
  };
}

const nPlusOne = () =>
  record([
    stmt(POSTS_SQL, [], 2, 'evaluate', { rows: 3 }),
    stmt(AUTHOR_SQL, [7], 3, 'lazy FK load Post.author'),
    stmt(AUTHOR_SQL, [8], 3, 'lazy FK load Post.author'),
    stmt(AUTHOR_SQL, [7], 3, 'lazy FK load Post.author'),
  ]);

describe('summary', () => {
  it('counts statements and models time as measured + statements × latency', () => {
    const s = summarize(nPlusOne(), 1);
    expect(s).toMatchObject({ statements: 4, reads: 4, writes: 0, sqlMs: 2, runMs: 10, modeledMs: 6, latencyMs: 1, rows: 6 });
    expect(s.similarGroups).toBe(1);
    expect(s.duplicates).toBe(1);
    expect(summarize(nPlusOne(), 5).modeledMs).toBe(22);
    expect(modeledTime(3, 101, 1)).toBe(104);
  });

  it('uses the exact totals, not the listed statements, when statements were elided', () => {
    const listed = [stmt(POSTS_SQL, [], 1, 'evaluate')];
    const unlisted = Array.from({ length: 50 }, (_, i) => stmt(AUTHOR_SQL, [i], 1, 'lazy FK load Post.author'));
    const s = summarize(record(listed, { unlisted }));
    expect(s.statements).toBe(51);
    expect(s.modeledMs).toBeCloseTo(51 * 0.5 + 51);
  });
});

describe('similar and duplicate statements (django-debug-toolbar)', () => {
  it('marks similar (same SQL) and duplicates (same SQL and params)', () => {
    const views = statementViews(nPlusOne());
    expect(views.map((v) => v.similar)).toEqual([1, 3, 3, 3]);
    expect(views.map((v) => v.duplicates)).toEqual([1, 2, 1, 2]);
    expect(views[0].similarColor).toBeNull();
    expect(views[1].similarColor).toBe(0);
    expect(views[1].duplicateColor).toBe(0);
    expect(views[2].duplicateColor).toBeNull();
  });

  it('folds consecutive similar statements into one "× N similar" block', () => {
    const blocks = statementBlocks(nPlusOne());
    expect(blocks.map((b) => b.kind)).toEqual(['single', 'similar']);
    const group = blocks[1];
    if (group.kind !== 'similar') throw new Error('expected a block');
    expect(group.statements).toHaveLength(3);
    expect(group.lines).toEqual([3]);
    expect(group.causes).toEqual(['lazy FK load Post.author']);
    expect(group.duration_ms).toBeCloseTo(1.5);
  });

  it('keeps short runs unfolded and counts unlisted statements of an elided group', () => {
    const two = record([stmt(POSTS_SQL, [], 1, 'evaluate'), stmt(AUTHOR_SQL, [1], 2, 'x'), stmt(AUTHOR_SQL, [2], 2, 'x')]);
    expect(statementBlocks(two).map((b) => b.kind)).toEqual(['single', 'single', 'single']);
    const unlisted = Array.from({ length: 95 }, (_, i) => stmt(AUTHOR_SQL, [i + 10], 2, 'x'));
    const elided = record([stmt(POSTS_SQL, [], 1, 'evaluate'), ...Array.from({ length: 5 }, (_, i) => stmt(AUTHOR_SQL, [i], 2, 'x'))], { unlisted });
    const blocks = statementBlocks(elided);
    const last = blocks[blocks.length - 1];
    expect(last.kind).toBe('similar');
    if (last.kind === 'similar') {
      expect(last.statements).toHaveLength(5);
      expect(last.unlisted).toBe(95);
    }
  });
});

describe('per-line counts', () => {
  it('labels each line with its statements', () => {
    expect(lineCounts(nPlusOne())).toEqual([
      { line: 2, count: 1, label: '1 query' },
      { line: 3, count: 3, label: '3 queries' },
    ]);
  });
});

describe('the query line of a lazy queryset', () => {
  const code = "const posts = Post.objects.all();\nconst n = 1;\nfor (const post of posts) print(post.author.username);";
  it('is the nearest line above that builds Model.objects', () => {
    expect(queryLine(code, 3, 'Post')).toBe(1);
    expect(queryLine(code, 3, 'Comment')).toBe(3);
    expect(queryLine(undefined, 3, 'Post')).toBe(3);
  });
});

describe('findings on synthetic records', () => {
  it('names the N+1 relation, its count, its lines and the select_related fix', () => {
    const code = 'const posts = Post.objects.all().slice(0, 3);\nfor (const post of posts)\n  print(post.author.username);';
    const [f] = findings(nPlusOne(), { code });
    expect(f.kind).toBe('n_plus_one');
    expect(f.fix).toBe("select_related('author')");
    expect(f.count).toBe(3);
    expect(f.lines).toEqual([3]);
    expect(f.fixLine).toBe(1);
    expect(f.message).toContain('`Post.author` was loaded 3 times, one query per post (line 3)');
    expect(f.message).toContain("Add `select_related('author')` to the query on line 1");
  });

  it('needs at least two repeats', () => {
    const one = record([stmt(POSTS_SQL, [], 1, 'evaluate'), stmt(AUTHOR_SQL, [1], 2, 'lazy FK load Post.author')]);
    expect(findings(one)).toEqual([]);
  });

  it('reports plain duplicates that no N+1 explains', () => {
    const sql = 'SELECT COUNT(*) AS "__count" FROM "blog_post"';
    const dup = record([stmt(sql, [], 1, 'count'), stmt(sql, [], 2, 'count')]);
    const [f] = findings(dup);
    expect(f.kind).toBe('duplicate');
    expect(f.lines).toEqual([1, 2]);
  });

  it('reads related-manager causes (related manager Author.post_set), with or without a schema', () => {
    const sql = 'SELECT "blog_post"."id" FROM "blog_post" WHERE "blog_post"."author_id" = %s';
    const r = record([
      stmt('SELECT "blog_author"."id" FROM "blog_author"', [], 1, 'evaluate'),
      stmt(sql, [1], 1, 'related manager Author.post_set'),
      stmt(sql, [2], 1, 'related manager Author.post_set'),
    ]);
    const [f] = findings(r);
    expect(f.fix).toBe("prefetch_related('post_set')");
    expect(f.message).toContain('`author.post_set` ran 2 queries, one per author (line 1)');
    const countSql = 'SELECT COUNT(*) AS "__count" FROM "blog_post" WHERE "blog_post"."author_id" = %s';
    const counted = record([stmt(countSql, [1], 2, 'related manager Author.post_set (count)'), stmt(countSql, [2], 2, 'related manager Author.post_set (count)')]);
    expect(findings(counted)[0].fix).toBe("annotate({ post_count: Count('post') })");
  });

  it('recognises a related manager by its SQL when the cause is generic', () => {
    const sql = 'SELECT "blog_post"."id" FROM "blog_post" WHERE "blog_post"."author_id" = %s';
    const schema: DatasetSchema = {
      tables: ['blog_author', 'blog_post'],
      models: [
        { name: 'Author', db_table: 'blog_author', fields: [], reverse: [{ accessor: 'post_set', query_name: 'post', kind: 'reverse_fk', from: 'Post', field: 'author' }], ordering: [], indexes: [] },
        {
          name: 'Post',
          db_table: 'blog_post',
          fields: [
            {
              name: 'author', attname: 'author_id', column: 'author_id', type: 'ForeignKey', db_type: 'integer', null: false, unique: false, primary_key: false, db_index: true, max_length: null,
              relation: { kind: 'fk', to: 'Author', on_delete: 'CASCADE', related_accessor: 'post_set', related_query_name: 'post' },
            },
          ],
          reverse: [],
          ordering: [],
          indexes: [],
        },
      ],
    };
    const r = record([stmt('SELECT "blog_author"."id" FROM "blog_author"', [], 1, 'evaluate'), stmt(sql, [1], 2, 'evaluate'), stmt(sql, [2], 2, 'evaluate')]);
    expect(findings(r, { schema }).map((f) => f.fix)).toEqual(["prefetch_related('post_set')"]);
    expect(findings(r)).toEqual([]);
  });
});

describe('EXPLAIN QUERY PLAN', () => {
  it('badges a full scan as SCAN and an index lookup as SEARCH USING INDEX', () => {
    const scan = [{ id: 2, parent: 0, detail: 'SCAN blog_post' }];
    expect(explainVerdict(scan)).toEqual({ badge: 'SCAN', tables: ['blog_post'] });
    const search = [{ id: 3, parent: 0, detail: 'SEARCH blog_post USING INDEX blog_post_author_id_dd7a8485 (author_id=?)' }];
    expect(explainVerdict(search).badge).toBe('SEARCH USING INDEX');
    const pk = [{ id: 3, parent: 0, detail: 'SEARCH blog_author USING INTEGER PRIMARY KEY (rowid=?)' }];
    expect(explainVerdict(pk).badge).toBe('SEARCH USING INDEX');
    const ordered = [{ id: 2, parent: 0, detail: 'SCAN blog_post USING INDEX blog_post_created_45f0c6_idx' }];
    expect(explainVerdict(ordered)).toEqual({ badge: 'SCAN USING INDEX', tables: ['blog_post'] });
    const join = [...search, { id: 4, parent: 0, detail: 'SCAN blog_comment' }];
    expect(explainVerdict(join).badge).toBe('SCAN');
  });

  it('indents the plan by parent', () => {
    const plan = [
      { id: 2, parent: 0, detail: 'SCAN blog_comment' },
      { id: 5, parent: 0, detail: 'CORRELATED SCALAR SUBQUERY 1' },
      { id: 8, parent: 5, detail: 'SEARCH blog_post USING INTEGER PRIMARY KEY (rowid=?)' },
      { id: 12, parent: 0, detail: 'USE TEMP B-TREE FOR ORDER BY' },
    ];
    expect(explainLines(plan).map((l) => [l.depth, l.badge])).toEqual([
      [0, 'SCAN'],
      [0, null],
      [1, 'SEARCH'],
      [0, 'TEMP B-TREE'],
    ]);
  });
});

// ------------------------------------------------------------------ records from real runs

describe('findings on real runs (tiny blog)', () => {
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
    const result = runObservingRelations(SQL, snapshot, code, {});
    expect(result.record.error).toBeNull();
    return result;
  }

  it('FK in a loop: 1 + N and select_related on the line that builds the query', () => {
    const code = "const posts = Post.objects.order_by('id').slice(0, 10);\nfor (const post of posts) print(post.author.username);";
    const { record, access } = run(code);
    expect(record.totals.statements).toBe(11);
    expect(lineCounts(record)).toEqual([{ line: 2, count: 11, label: '11 queries' }]);
    const [f] = findings(record, { code, schema, access });
    expect(f.title).toBe('N+1: Post.author');
    expect(f.fix).toBe("select_related('author')");
    expect(f.fixLine).toBe(1);
    expect(f.message).toContain('`Post.author` was loaded 10 times, one query per post (line 2)');
  });

  it('the fixed version has no finding', () => {
    const code = "for (const post of Post.objects.select_related('author').slice(0, 10)) print(post.author.username);";
    const { record, access } = run(code);
    expect(record.totals.statements).toBe(1);
    expect(findings(record, { code, schema, access })).toEqual([]);
  });

  it('a chain of lazy loads suggests one select_related path', () => {
    const code = 'const comments = Comment.objects.all().slice(0, 5);\nfor (const c of comments) print(c.post.author.username);';
    const { record, access } = run(code);
    const [f] = findings(record, { code, schema, access });
    expect(f.fix).toBe("select_related('post__author')");
    expect(f.count).toBe(10);
  });

  it('reverse FK and M2M managers suggest prefetch_related, count() suggests annotate', () => {
    const reverse = run('for (const a of Author.objects.all()) print(len(a.post_set.all()));');
    expect(findings(reverse.record, { schema }).map((f) => f.fix)).toEqual(["prefetch_related('post_set')"]);
    const m2m = run('for (const p of Post.objects.all().slice(0, 5)) print(p.tags.all().map((t) => t.name));');
    expect(findings(m2m.record, { schema }).map((f) => f.fix)).toEqual(["prefetch_related('tags')"]);
    const reverseM2m = run('for (const t of Tag.objects.all().slice(0, 3)) print(len(t.post_set.all()));');
    expect(findings(reverseM2m.record, { schema }).map((f) => f.fix)).toEqual(["prefetch_related('post_set')"]);
    const count = run('for (const a of Author.objects.all()) print(a.post_set.count());');
    expect(findings(count.record, { schema }).map((f) => f.fix)).toEqual(["annotate({ post_count: Count('post') })"]);
  });

  it('a deferred field read per row points at only()/defer()', () => {
    const code = "for (const p of Post.objects.only('title').slice(0, 4)) print(p.content.length);";
    const { record, access } = run(code);
    const [f] = findings(record, { code, schema, access });
    expect(f.kind).toBe('deferred_field');
    expect(f.message).toContain("Add 'content' to `only()` on line 1");
  });

  it('flags an eager load whose relation is never read, and only that one', () => {
    const code = "for (const p of Post.objects.select_related('author', 'category').prefetch_related('tags').slice(0, 4)) print(p.author.username);";
    const { record, access } = run(code);
    const unused = findings(record, { code, schema, access }).filter((f) => f.kind === 'unused_eager_load');
    expect(unused.map((f) => f.title).sort()).toEqual(['Unused prefetch_related: Post.tags', 'Unused select_related: Post.category']);
  });

  it('a deeper select_related than needed suggests the shorter path', () => {
    const code = "for (const c of Comment.objects.select_related('post__author').slice(0, 4)) print(c.post.title);";
    const { record, access } = run(code);
    const [f] = findings(record, { code, schema, access });
    expect(f.kind).toBe('unused_eager_load');
    expect(f.fix).toBe("select_related('post')");
  });

  it('an eager load that is used is not flagged', () => {
    const code = "for (const p of Post.objects.prefetch_related('tags').slice(0, 4)) print(p.tags.all().map((t) => t.name));";
    const { record, access } = run(code);
    expect(findings(record, { code, schema, access })).toEqual([]);
  });
});
