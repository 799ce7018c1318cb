/**
 * Section 1: ORM overhead over raw sql.js. Each workload runs three ways,
 * interleaved in one process on the same database: the ORM with a run
 * recorder subscribed (as learners run it), the ORM with no listener, and the
 * raw replay of exactly the SQL the ORM ran (captured on a warm-up run).
 */
import type { SqlJsStatic } from 'sql.js';
import type { BlogWorld } from '../lib/db/datasets/blog';
import { Count } from '../lib/orm';
import type { Model } from '../lib/orm/model';
import { closeWorld, learnerCall, openWorld, Recording, resetQueryLogs, type DataSet } from './env';
import { captureStatements, RawReplay, sameStatements } from './raw';
import { check, int, mark, msSpread, ratio, ratioSpread, type Check, type SectionResult, type Table } from './table';
import { DJANGO_RATIOS, RATIO_TARGETS } from './targets';
import { measureWarmAndAfterGc, pairedRatios, type Stats, type Variant } from './timing';

export interface OverheadOptions {
  warmup: number;
  reps: number;
  /** Smaller write and loop workloads (smoke runs). */
  quick?: boolean;
  /** Short read workloads are repeated within a sample until it lasts this long (default 30 ms). */
  minSampleMs?: number;
  /** Only these workload ids. */
  only?: string[];
  /** Called before each workload is measured (progress). */
  onWorkload?: (id: string) => void;
}

/** One ORM workload; `run` is what the learner would write. */
export interface Workload {
  id: string;
  label: string;
  /** Key in RATIO_TARGETS. */
  target: keyof typeof RATIO_TARGETS;
  /** Key in DJANGO_RATIOS, when the issue gives Django's ratio for exactly this workload. */
  django: string | null;
  run: () => unknown;
  /** Untimed, before each ORM call (fresh objects for writes). */
  setup?: () => void;
  /** Untimed, after each call of every variant (undo writes so every sample starts from the same rows). */
  cleanup?: () => void;
}

export interface WorkloadResult {
  id: string;
  label: string;
  dataset: string;
  statements: number;
  rows: number;
  /** Calls of the workload per sample (1 unless it is very short). */
  inner: number;
  raw_ms: Stats;
  orm_ms: Stats;
  orm_no_listener_ms: Stats;
  /** ORM (recorded) / raw, paired per round, JIT-warm (no forced GC). */
  ratio: Stats;
  /** The same with a full GC forced before each sample: the ORM's code partly cold again, as after a major GC in a run. */
  ratio_after_gc: Stats;
  ratio_no_listener: Stats;
  /** ORM recorded / ORM without listener. */
  recording_cost: Stats;
  target: number;
  pass: boolean;
  django: number | null;
  /** The ORM ran exactly the captured SQL and parameters again after timing. */
  sql_identical: boolean;
  /** The raw replay read as many rows as the ORM's statements returned. */
  rows_match: boolean;
  captured_sql: string[];
}

export interface OverheadData {
  dataset: string;
  min_sample_ms: number;
  counts: Record<string, number>;
  workloads: WorkloadResult[];
}

function tableCounts(world: BlogWorld): Record<string, number> {
  const raw = world.runtime.connections.get('default').db.raw;
  const out: Record<string, number> = {};
  for (const t of ['blog_author', 'blog_category', 'blog_tag', 'blog_post', 'blog_post_tags', 'blog_comment']) {
    out[t] = Number(raw.exec(`SELECT COUNT(*) FROM "${t}"`)[0].values[0][0]);
  }
  return out;
}

function ids(world: BlogWorld, table: string, limit: number): number[] {
  const raw = world.runtime.connections.get('default').db.raw;
  const rows = raw.exec(`SELECT "id" FROM "${table}" ORDER BY "id" LIMIT ${limit}`)[0]?.values ?? [];
  return rows.map((r) => Number(r[0]));
}

function maxId(world: BlogWorld, table: string): number {
  const raw = world.runtime.connections.get('default').db.raw;
  return Number(raw.exec(`SELECT COALESCE(MAX("id"), 0) FROM "${table}"`)[0].values[0][0]);
}

const BODY = 'Thanks for writing this up, the part about query counts was exactly what I needed. ';

/** The section's workloads on a world's data (the lists of ids come from the data, so any blog database works). */
export function overheadWorkloads(world: BlogWorld, options: { quick?: boolean } = {}): Workload[] {
  const { Post, Author, Comment } = world.models as unknown as Record<string, typeof Model & { objects: any }>;
  const raw = world.runtime.connections.get('default').db.raw;
  const getCount = options.quick ? 200 : 1000;
  const createCount = options.quick ? 1000 : 10000;
  const updateCount = options.quick ? 200 : 1000;
  const postIds = ids(world, 'blog_post', getCount);
  const authorIds = ids(world, 'blog_author', 1000);
  const getIds = postIds.length ? Array.from({ length: getCount }, (_, i) => postIds[i % postIds.length]) : [];

  const list: Workload[] = [
    { id: 'all', label: 'Post.objects.all()', target: 'all', django: 'all', run: () => [...Post.objects.all()] },
    {
      id: 'select_related',
      label: "Post.objects.select_related('author', 'category')",
      target: 'select_related',
      django: 'select_related',
      run: () => [...Post.objects.select_related('author', 'category')],
    },
    {
      id: 'prefetch_tags',
      label: "Post.objects.prefetch_related('tags')",
      target: 'prefetch_related',
      django: 'prefetch_tags',
      run: () => [...Post.objects.prefetch_related('tags')],
    },
    {
      id: 'prefetch_related',
      label: "Post.objects.prefetch_related('tags', 'comment_set')",
      target: 'prefetch_related',
      django: null,
      run: () => [...Post.objects.prefetch_related('tags', 'comment_set')],
    },
    {
      id: 'annotate',
      label: "Author.objects.annotate({ n: Count('post') })",
      target: 'annotate',
      django: 'annotate',
      run: () => [...Author.objects.annotate({ n: Count('post') })],
    },
    {
      id: 'values_list',
      label: "Post.objects.values_list('id', { flat: true })",
      target: 'values_list',
      django: 'values_list',
      run: () => [...Post.objects.values_list('id', { flat: true })],
    },
  ];

  if (getIds.length) {
    list.push({
      id: 'get_loop',
      label: `Post.objects.get({ pk }) × ${int(getCount)}`,
      target: 'get_loop',
      django: 'get_loop',
      run: () => {
        let last: unknown;
        for (const pk of getIds) last = Post.objects.get({ pk });
        return last;
      },
    });
  }

  if (postIds.length && authorIds.length) {
    const start = maxId(world, 'blog_comment');
    const created = new Date(Date.UTC(2025, 5, 1, 12, 0, 0));
    let objs: Model[] = [];
    list.push({
      id: 'bulk_create',
      label: `Comment.objects.bulk_create(${int(createCount)} comments)`,
      target: 'bulk_create',
      django: 'bulk_create',
      setup: () => {
        objs = Array.from(
          { length: createCount },
          (_, i) =>
            new Comment({
              post_id: postIds[i % postIds.length],
              author_id: authorIds[i % authorIds.length],
              body: `${BODY}#${i}`,
              rating: (i % 5) + 1,
              created_at: created,
            }),
        );
      },
      run: () => Comment.objects.bulk_create(objs),
      cleanup: () => raw.run('DELETE FROM "blog_comment" WHERE "id" > ?', [start]),
    });
  }

  if (postIds.length) {
    const posts: Model[] = [...Post.objects.filter({ pk__in: postIds.slice(0, updateCount) }).order_by('pk')];
    list.push({
      id: 'bulk_update',
      label: `Post.objects.bulk_update(${int(posts.length)} posts, ['view_count'])`,
      target: 'bulk_update',
      django: 'bulk_update',
      // The same values every call, so every call runs the same statements with the same parameters.
      setup: () => {
        for (const p of posts) (p as unknown as Record<string, number>).view_count = (Number(p.pk) * 7) % 1000;
      },
      run: () => Post.objects.bulk_update(posts, ['view_count']),
    });
  }
  return list;
}

/** Measures one workload: capture on a warm-up run, then ORM recorded / ORM bare / raw interleaved. */
export function measureWorkload(world: BlogWorld, w: Workload, dataset: string, options: OverheadOptions): WorkloadResult {
  const connections = world.runtime.connections.all();
  const db = world.runtime.connections.get('default').db.raw;

  const captureRun = () => {
    w.setup?.();
    try {
      return captureStatements(connections, () => learnerCall(w.run));
    } finally {
      w.cleanup?.();
    }
  };
  const captured = captureRun();
  const replay = new RawReplay(db, captured);

  let recording: Recording | null = null;
  const variants: Variant[] = [
    {
      name: 'orm',
      setup: () => {
        w.setup?.();
        resetQueryLogs(world);
        recording = new Recording(connections);
      },
      run: () => {
        learnerCall(w.run);
        return recording!.finish();
      },
      teardown: () => {
        recording?.dispose();
        recording = null;
        w.cleanup?.();
      },
    },
    {
      name: 'orm_bare',
      setup: () => {
        w.setup?.();
        resetQueryLogs(world);
      },
      run: () => learnerCall(w.run),
      teardown: () => w.cleanup?.(),
    },
    { name: 'raw', run: () => replay.run(), teardown: () => w.cleanup?.() },
  ];

  let measured: ReturnType<typeof measureWarmAndAfterGc>;
  try {
    measured = measureWarmAndAfterGc(
      variants,
      { warmup: options.warmup, reps: options.reps, inner: w.setup ? 1 : 'auto', minSampleMs: options.minSampleMs ?? 30 },
      'orm',
      'raw',
    );
  } finally {
    replay.free();
  }
  const again = captureRun();
  const result = measured.warm;
  const v = result.variants;
  const ratioStats = pairedRatios(v.orm, v.raw);
  const target = RATIO_TARGETS[w.target];
  return {
    id: w.id,
    label: w.label,
    dataset,
    statements: captured.length,
    rows: replay.capturedRows,
    inner: result.inner,
    raw_ms: v.raw.stats,
    orm_ms: v.orm.stats,
    orm_no_listener_ms: v.orm_bare.stats,
    ratio: ratioStats,
    ratio_after_gc: measured.ratioAfterGc,
    ratio_no_listener: pairedRatios(v.orm_bare, v.raw),
    recording_cost: pairedRatios(v.orm, v.orm_bare),
    target,
    pass: ratioStats.median <= target,
    django: w.django ? DJANGO_RATIOS[w.django] ?? null : null,
    sql_identical: sameStatements(captured, again),
    rows_match: replay.lastRows === replay.capturedRows,
    captured_sql: [...new Set(captured.map((s) => s.sql))],
  };
}

export function overheadTable(data: OverheadData): Table {
  const c = data.counts;
  return {
    title: `dataset ${data.dataset}: ${int(c.blog_author)} authors, ${int(c.blog_post)} posts, ${int(c.blog_comment)} comments, ${int(c.blog_post_tags)} post-tag links`,
    columns: [
      { header: 'workload' },
      { header: 'stmts', align: 'right' },
      { header: 'rows', align: 'right' },
      { header: 'raw ms (min–max)', align: 'right' },
      { header: 'ORM ms (min–max)', align: 'right' },
      { header: 'ORM/raw (IQR)', align: 'right' },
      { header: 'target', align: 'right' },
      { header: '' },
      { header: 'no listener', align: 'right' },
      { header: 'after full GC', align: 'right' },
      { header: 'Django 5.2', align: 'right' },
    ],
    rows: data.workloads.map((r) => [
      r.label,
      int(r.statements),
      int(r.rows),
      msSpread(r.raw_ms),
      msSpread(r.orm_ms),
      ratioSpread(r.ratio),
      `≤ ${r.target}`,
      mark(r.pass),
      ratio(r.ratio_no_listener.median),
      ratio(r.ratio_after_gc.median),
      r.django === null ? '—' : ratio(r.django),
    ]),
    notes: [
      'ORM = learner-style run: a RunRecorder subscribed, its line marked as learner code; "no listener" = the same ORM calls with nothing subscribed (connection.queries stays on, settings.DEBUG is true in runs)',
      'raw = the captured SQL replayed with sql.js prepared statements, rows built as plain objects; writes replay the same BEGIN/COMMIT',
      `ratio = median of per-round ORM/raw over ${data.workloads[0]?.ratio.n ?? 0} rounds (each round runs ORM, no-listener and raw in rotating order; reads repeat within a sample to last ≥ ${data.min_sample_ms} ms), JIT-warm: no GC is forced`,
      '"after full GC" = the same ratio with a full GC forced before each sample: V8 then drops optimized ORM code whose embedded objects died ("weak objects" deopts), so the sample runs partly cold, as a run does after a major GC; raw sql.js is hardly affected',
      "Django 5.2 = Django ORM / raw sqlite3 from the issue, for reference (its prefetch figure is for prefetch_related('tags') alone); its raw side is C sqlite3, ours is sql.js (wasm), a slower denominator, so the same ORM cost gives a smaller ratio here",
      ...(data.workloads.some((r) => !r.sql_identical || !r.rows_match)
        ? [`WARNING: ${data.workloads.filter((r) => !r.sql_identical || !r.rows_match).map((r) => r.id).join(', ')}: the ORM's SQL or row count changed between capture and check`]
        : []),
    ],
  };
}

export interface OverheadRunOptions extends OverheadOptions {
  SQL: SqlJsStatic;
  data: DataSet;
}

/** Section 1 on one dataset. */
export function benchOverhead(options: OverheadRunOptions): SectionResult<OverheadData> {
  const world = openWorld(options.SQL, options.data);
  try {
    const counts = tableCounts(world);
    const workloads = overheadWorkloads(world, options).filter((w) => !options.only || options.only.includes(w.id));
    const results = workloads.map((w) => {
      options.onWorkload?.(w.id);
      return measureWorkload(world, w, options.data.label, options);
    });
    const data: OverheadData = { dataset: options.data.label, min_sample_ms: options.minSampleMs ?? 30, counts, workloads: results };
    const checks: Check[] = results.map((r) => check(`ORM/raw ${r.id} (${r.dataset})`, r.ratio.median, r.target, '×'));
    return {
      id: `overhead:${options.data.label}`,
      title: `ORM overhead over raw sql.js (${options.data.label})`,
      tables: [overheadTable(data)],
      checks,
      data,
    };
  } finally {
    closeWorld(world);
  }
}
