/**
 * Section 5: scale, through the runner (`runCode`, as a learner's run): an N+1
 * loop of many lazy loads against its raw replay, iterator() against plain
 * iteration on a big table (peak instances held), and the run record's size
 * and recording cost for a bulk_create with long texts and a very long query
 * loop (recorder subscribed vs the same run with no connection recorded).
 */
import type { SqlJsStatic } from 'sql.js';
import { openBlog, type BlogWorld } from '../lib/db/datasets/blog';
import type { RunRecord } from '../lib/runner/record';
import { runCode } from '../lib/runner/run';
import { learnerScope } from '../lib/runner/scope';
import { closeWorld, resetQueryLogs, type DataSet } from './env';
import { captureStatements, RawReplay, sameStatements } from './raw';
import { bytes, check, int, mark, ms, msSpread, ratio, ratioSpread, type Check, type SectionResult, type Table } from './table';
import { DJANGO_RATIOS, RATIO_TARGETS, RECORD_JSON_TARGET_MB, RECORDING_OVERHEAD_TARGET } from './targets';
import { measureInterleaved, measureWarmAndAfterGc, now, pairedRatios, type Stats } from './timing';

export interface ScaleOptions {
  SQL: SqlJsStatic;
  /** Data for the N+1 loop and the record-size runs (`default`). */
  data: DataSet;
  /** Data for iterator() vs plain iteration (`large`). */
  bigData: DataSet;
  /** Lazy loads in the N+1 loop (10,000). */
  nPlusOne: number;
  /** Rows in the long-text bulk_create (10,000) and characters of text per row. */
  bulkRows: number;
  textChars: number;
  /** Queries in the long loop (100,000). */
  loopQueries: number;
  warmup: number;
  reps: number;
  /** Rounds for the slowest runs (the long loop, the big table). */
  slowReps: number;
}

export interface NPlusOneResult {
  label: string;
  code: string;
  statements: number;
  orm_ms: Stats;
  orm_no_recording_ms: Stats;
  raw_ms: Stats;
  ratio: Stats;
  ratio_no_recording: Stats;
  /** ORM/raw with a full GC forced before each sample (see bench/timing.ts). */
  ratio_after_gc: Stats;
  statements_per_second: number;
  target: number;
  django: number | null;
  sql_identical: boolean;
  rows_match: boolean;
}

export interface IterationResult {
  id: 'iterator' | 'all';
  label: string;
  code: string;
  rows: number;
  ms: Stats;
  peak_instances: number;
  instances: number;
}

export interface RecordResult {
  id: 'bulk_create_text' | 'query_loop';
  label: string;
  code: string;
  statements: number;
  /** Statements listed in full in the record (the rest are counted in totals and groups). */
  listed: number;
  json_bytes: number;
  stringify_ms: number;
  recorded_ms: Stats;
  unrecorded_ms: Stats;
  /** Recorded / unrecorded, paired per round. */
  overhead: Stats;
  /** Median recorded − median unrecorded. */
  recording_ms: number;
  sql_ms: number;
}

export interface ScaleData {
  n_plus_one: NPlusOneResult;
  iteration: { dataset: string; results: IterationResult[] };
  records: RecordResult[];
}

interface Runner {
  world: BlogWorld;
  run(code: string, record: boolean): RunRecord;
  close(): void;
}

/** runCode on one world (default + replica, as runOnSnapshot), reused across samples; extra names in scope. */
function runner(SQL: SqlJsStatic, data: DataSet, extra: Record<string, unknown> = {}): Runner {
  const world = openBlog(SQL, data.bytes, { replica: true });
  const scope = { ...learnerScope(world.runtime, { ...world.models }), ...extra };
  return {
    world,
    run(code, record) {
      const r = runCode({ code, scope, connections: record ? world.runtime.connections.all() : [] });
      if (r.error) throw new Error(`bench code failed: ${r.error.type}: ${r.error.message} (line ${r.error.line})`);
      return r;
    },
    close: () => closeWorld(world),
  };
}

function firstIds(world: BlogWorld, table: string, limit: number): number[] {
  const raw = world.runtime.connections.get('default').db.raw;
  return (raw.exec(`SELECT "id" FROM "${table}" ORDER BY "id" LIMIT ${limit}`)[0]?.values ?? []).map((r) => Number(r[0]));
}

export function benchNPlusOne(options: ScaleOptions): NPlusOneResult {
  const r = runner(options.SQL, options.data);
  const code = `let n = 0;\nfor (const c of Comment.objects.all().slice(0, ${options.nPlusOne})) {\n  if (c.post.id) n++;\n}\nresult = n;`;
  try {
    const connections = r.world.runtime.connections.all();
    const captured = captureStatements(connections, () => r.run(code, false));
    const replay = new RawReplay(r.world.runtime.connections.get('default').db.raw, captured);
    let measured: ReturnType<typeof measureWarmAndAfterGc>;
    try {
      measured = measureWarmAndAfterGc(
        [
          { name: 'orm', setup: () => resetQueryLogs(r.world), run: () => r.run(code, true) },
          { name: 'orm_bare', setup: () => resetQueryLogs(r.world), run: () => r.run(code, false) },
          { name: 'raw', run: () => replay.run() },
        ],
        { warmup: options.warmup, reps: options.reps },
        'orm',
        'raw',
      );
    } finally {
      replay.free();
    }
    const again = captureStatements(connections, () => r.run(code, false));
    const v = measured.warm.variants;
    const ratioStats = pairedRatios(v.orm, v.raw);
    return {
      label: `for (const c of Comment.objects.all().slice(0, ${options.nPlusOne})) c.post`,
      code,
      statements: captured.length,
      orm_ms: v.orm.stats,
      orm_no_recording_ms: v.orm_bare.stats,
      raw_ms: v.raw.stats,
      ratio: ratioStats,
      ratio_no_recording: pairedRatios(v.orm_bare, v.raw),
      ratio_after_gc: measured.ratioAfterGc,
      statements_per_second: captured.length / (v.orm.stats.median / 1000),
      target: RATIO_TARGETS.n_plus_one,
      django: DJANGO_RATIOS.n_plus_one ?? null,
      sql_identical: sameStatements(captured, again),
      rows_match: replay.lastRows === replay.capturedRows,
    };
  } finally {
    r.close();
  }
}

export function benchIteration(options: ScaleOptions): ScaleData['iteration'] {
  const r = runner(options.SQL, options.bigData);
  const cases = [
    { id: 'iterator' as const, label: 'for (const p of Post.objects.iterator({ chunk_size: 1000 }))', code: 'let n = 0;\nfor (const p of Post.objects.iterator({ chunk_size: 1000 })) n++;\nresult = n;' },
    { id: 'all' as const, label: 'for (const p of Post.objects.all())', code: 'let n = 0;\nfor (const p of Post.objects.all()) n++;\nresult = n;' },
  ];
  try {
    const last = new Map<string, RunRecord>();
    const m = measureInterleaved(
      cases.map((c) => ({ name: c.id, setup: () => resetQueryLogs(r.world), run: () => last.set(c.id, r.run(c.code, true)) })),
      { warmup: Math.min(options.warmup, 1), reps: options.reps },
    );
    return {
      dataset: options.bigData.label,
      results: cases.map((c) => {
        const rec = last.get(c.id)!;
        return { id: c.id, label: c.label, code: c.code, rows: Number(rec.result), ms: m.variants[c.id].stats, peak_instances: rec.totals.peak_instances, instances: rec.totals.instances };
      }),
    };
  } finally {
    r.close();
  }
}

function jsonSize(record: RunRecord): { bytes: number; ms: number } {
  const start = now();
  const text = JSON.stringify(record);
  const elapsed = now() - start;
  return { bytes: Buffer.byteLength(text, 'utf8'), ms: elapsed };
}

function recordCase(options: ScaleOptions, id: RecordResult['id'], label: string, code: string, extra: Record<string, unknown>, reps: number, cleanup?: (world: BlogWorld) => void): RecordResult {
  const r = runner(options.SQL, options.data, extra);
  try {
    let last: RunRecord | null = null;
    const teardown = cleanup ? () => cleanup(r.world) : undefined;
    const m = measureInterleaved(
      [
        { name: 'recorded', setup: () => resetQueryLogs(r.world), run: () => (last = r.run(code, true)), teardown },
        { name: 'unrecorded', setup: () => resetQueryLogs(r.world), run: () => r.run(code, false), teardown },
      ],
      { warmup: 0, reps },
    );
    const record = last! as RunRecord;
    const json = jsonSize(record);
    const v = m.variants;
    return {
      id,
      label,
      code,
      statements: record.totals.statements,
      listed: record.statements.length,
      json_bytes: json.bytes,
      stringify_ms: json.ms,
      recorded_ms: v.recorded.stats,
      unrecorded_ms: v.unrecorded.stats,
      overhead: pairedRatios(v.recorded, v.unrecorded),
      recording_ms: v.recorded.stats.median - v.unrecorded.stats.median,
      sql_ms: record.totals.sql_ms,
    };
  } finally {
    r.close();
  }
}

export function benchRecords(options: ScaleOptions): RecordResult[] {
  const probe = runner(options.SQL, options.data);
  const postIds = firstIds(probe.world, 'blog_post', 1000);
  const authorIds = firstIds(probe.world, 'blog_author', 1000);
  const tagIds = firstIds(probe.world, 'blog_tag', 1000);
  const startComment = Number(probe.world.runtime.connections.get('default').db.raw.exec('SELECT COALESCE(MAX("id"), 0) FROM "blog_comment"')[0].values[0][0]);
  probe.close();

  const sentence = 'The query log shows every statement, its parameters and the line that ran it. ';
  const TEXT = sentence.repeat(Math.ceil(options.textChars / sentence.length)).slice(0, options.textChars);
  const bulkCode = [
    'const objs = [];',
    `for (let i = 0; i < ${options.bulkRows}; i++) {`,
    '  objs.push(new Comment({ post_id: POST_IDS[i % POST_IDS.length], author_id: AUTHOR_IDS[i % AUTHOR_IDS.length],',
    '    body: TEXT + i, rating: (i % 5) + 1, created_at: now() }));',
    '}',
    'Comment.objects.bulk_create(objs);',
  ].join('\n');
  const loopCode = `for (let i = 0; i < ${options.loopQueries}; i++) {\n  Tag.objects.get({ pk: TAG_IDS[i % TAG_IDS.length] });\n}`;

  // JIT warm-up for the long loop, so its few rounds measure steady state.
  const warm = runner(options.SQL, options.data, { TAG_IDS: tagIds });
  warm.run(loopCode.replace(String(options.loopQueries), String(Math.min(5000, options.loopQueries))), true);
  warm.close();

  return [
    recordCase(options, 'bulk_create_text', `Comment.objects.bulk_create(${int(options.bulkRows)} comments × ${int(options.textChars)} chars)`, bulkCode, { POST_IDS: postIds, AUTHOR_IDS: authorIds, TEXT }, options.reps, (world) =>
      world.runtime.connections.get('default').db.raw.run('DELETE FROM "blog_comment" WHERE "id" > ?', [startComment]),
    ),
    recordCase(options, 'query_loop', `Tag.objects.get({ pk }) × ${int(options.loopQueries)}`, loopCode, { TAG_IDS: tagIds }, options.slowReps),
  ];
}

export function scaleTables(data: ScaleData, options: Pick<ScaleOptions, 'textChars' | 'bulkRows'>): { tables: Table[]; checks: Check[] } {
  const n = data.n_plus_one;
  const checks: Check[] = [check('ORM/raw N+1 loop', n.ratio.median, n.target, '×')];
  const tables: Table[] = [];
  tables.push({
    title: `N+1 loop through the runner (recording on): ${int(n.statements)} statements`,
    columns: [
      { header: 'code' },
      { header: 'raw ms', align: 'right' },
      { header: 'ORM ms', align: 'right' },
      { header: 'statements/s', align: 'right' },
      { header: 'ORM/raw (IQR)', align: 'right' },
      { header: 'target', align: 'right' },
      { header: '' },
      { header: 'not recorded', align: 'right' },
      { header: 'after full GC', align: 'right' },
      { header: 'Django 5.2', align: 'right' },
    ],
    rows: [[n.label, msSpread(n.raw_ms), msSpread(n.orm_ms), int(n.statements_per_second), ratioSpread(n.ratio), `≤ ${n.target}`, mark(n.ratio.median <= n.target), ratio(n.ratio_no_recording.median), ratio(n.ratio_after_gc.median), n.django === null ? '—' : ratio(n.django)]],
    notes: [
      'ORM = runCode() with the run recorder on both connections; "not recorded" = runCode() recording no connection; raw = the captured statements replayed',
      'JIT-warm (no GC forced); "after full GC" = the same ratio with a full GC forced before each sample (bench/timing.ts)',
      ...(!n.sql_identical || !n.rows_match ? ['WARNING: the ORM ran different SQL (or rows) after timing than when captured'] : []),
    ],
  });
  const it = data.iteration;
  tables.push({
    title: `memory proxy: iterator() vs plain iteration over all posts (${it.dataset})`,
    columns: [{ header: 'code' }, { header: 'rows', align: 'right' }, { header: 'ms (min–max)', align: 'right' }, { header: 'peak instances held', align: 'right' }, { header: 'instances built', align: 'right' }],
    rows: it.results.map((r) => [r.label, int(r.rows), msSpread(r.ms), int(r.peak_instances), int(r.instances)]),
    notes: ['peak instances = record.totals.peak_instances (most model instances the ORM held at once)'],
  });
  for (const r of data.records) {
    checks.push(check(`run record JSON, ${r.id}`, r.json_bytes / 1e6, RECORD_JSON_TARGET_MB, 'MB'));
    checks.push(check(`recording overhead, ${r.id}`, r.overhead.median, RECORDING_OVERHEAD_TARGET, '×'));
  }
  tables.push({
    title: 'run record size and recording cost',
    columns: [
      { header: 'code' },
      { header: 'stmts', align: 'right' },
      { header: 'listed', align: 'right' },
      { header: 'JSON', align: 'right' },
      { header: `≤ ${RECORD_JSON_TARGET_MB} MB`, align: 'right' },
      { header: 'stringify ms', align: 'right' },
      { header: 'recorded ms', align: 'right' },
      { header: 'not recorded ms', align: 'right' },
      { header: 'overhead (IQR)', align: 'right' },
      { header: `≤ ${RECORDING_OVERHEAD_TARGET}×`, align: 'right' },
    ],
    rows: data.records.map((r) => [
      r.label,
      int(r.statements),
      int(r.listed),
      bytes(r.json_bytes),
      mark(r.json_bytes / 1e6 <= RECORD_JSON_TARGET_MB),
      ms(r.stringify_ms),
      msSpread(r.recorded_ms),
      msSpread(r.unrecorded_ms),
      ratioSpread(r.overhead),
      mark(r.overhead.median <= RECORDING_OVERHEAD_TARGET),
    ]),
    notes: [
      `bulk_create rows carry ${int(options.textChars)} characters of text each (${int(options.bulkRows)} rows); the record keeps the first 200 characters of a parameter`,
      'overhead = recorded / not recorded, paired per round; "must stay far below 100 MB" is checked as ≤ 10 MB',
    ],
  });
  return { tables, checks };
}

export function benchScale(options: ScaleOptions): SectionResult<ScaleData> {
  const data: ScaleData = { n_plus_one: benchNPlusOne(options), iteration: benchIteration(options), records: benchRecords(options) };
  const { tables, checks } = scaleTables(data, options);
  return { id: 'scale', title: 'Scale (through the runner, recording on)', tables, checks, data };
}
