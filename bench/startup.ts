/**
 * Section 3 (Node part): building each dataset, the per-run reset (restore the
 * snapshot, register Django's SQL functions, create the runtime and models),
 * and a worker-like cold start measured in fresh Node processes.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SqlJsStatic } from 'sql.js';
import { buildBlogSnapshot, openBlog, type BlogWorld } from '../lib/db/datasets/blog';
import type { BlogSize } from '../lib/db/datasets/blog-data';
import { openDatabase } from '../lib/db/database';
import type { SqliteDatabase } from '../lib/db/sqlite';
import { runOnSnapshot } from '../lib/runner/session';
import { blogSnapshot, closeWorld, setBlogSnapshot } from './env';
import { bytes, check, mark, msSpread, type Check, type SectionResult, type Table } from './table';
import { RESET_TARGET_MS, RUN_TO_PAINT_TARGET_MS } from './targets';
import { benchBrowser, browserTable, type BrowserData } from './browser';
import { currentClock, measure, measureInterleaved, stats, type Stats, type Variant } from './timing';

const run = promisify(execFile);

export interface BuildResult {
  size: BlogSize;
  ms: Stats;
  bytes: number;
}

export interface ResetResult {
  id: string;
  label: string;
  ms: Stats;
}

export interface ColdStartResult {
  runs: number;
  import_ms: Stats;
  init_ms: Stats;
  build_ms: Stats;
  /** initSqlJs + build default: what a new worker waits before its first run can start. */
  total_ms: Stats;
}

export interface StartupData {
  builds: BuildResult[];
  reset: ResetResult[];
  reset_target_ms: number;
  cold_start: ColdStartResult | { skipped: string };
  browser: BrowserData | { skipped: string };
}

export interface StartupOptions {
  SQL: SqlJsStatic;
  /** Sizes to build, with how many timed builds each. */
  builds: Partial<Record<BlogSize, number>>;
  /** The dataset the per-run reset restores (the target is for `default`). */
  resetSize: BlogSize;
  resetReps: number;
  /** Fresh processes for the cold start (0 skips it). */
  coldStarts: number;
  /** Run clicks measured in headless Chromium (0 skips the browser part). */
  browserRuns: number;
}

/** Builds each size `reps` times (fresh generator + inserts + export); keeps the last bytes for later sections. */
export function benchBuilds(SQL: SqlJsStatic, builds: Partial<Record<BlogSize, number>>): BuildResult[] {
  const out: BuildResult[] = [];
  for (const [size, reps] of Object.entries(builds) as [BlogSize, number][]) {
    if (!reps) continue;
    let last: Uint8Array | null = null;
    const m = measure(
      () => {
        last = buildBlogSnapshot(SQL, size);
      },
      { warmup: 0, reps },
    );
    setBlogSnapshot(size, last!);
    out.push({ size, ms: m.stats, bytes: last!.length });
  }
  return out;
}

/** The per-run reset, piece by piece, measured interleaved (each round runs every step once). */
export function benchReset(SQL: SqlJsStatic, size: BlogSize, reps: number): ResetResult[] {
  const snapshot = blogSnapshot(SQL, size);
  const probe = openDatabase(SQL, snapshot);
  const firstId = Number(probe.raw.exec('SELECT MIN("id") FROM "blog_post"')[0]?.values[0][0] ?? 1);
  probe.close();
  let db: SqliteDatabase | null = null;
  let world: BlogWorld | null = null;
  const closeAll = () => {
    db?.close();
    db = null;
    if (world) closeWorld(world);
    world = null;
  };
  const steps: (Variant & { label: string })[] = [
    {
      name: 'open_database',
      label: 'openDatabase(SQL, bytes): restore + Django SQL functions + PRAGMA',
      run: () => (db = openDatabase(SQL, snapshot)),
      teardown: closeAll,
    },
    {
      name: 'open_blog',
      label: 'per-run reset: openBlog(SQL, bytes, { replica: true })\n  (2 databases, runtime, blog models; as runOnSnapshot)',
      run: () => (world = openBlog(SQL, snapshot, { replica: true })),
      teardown: closeAll,
    },
    {
      name: 'open_blog_first_query',
      label: 'reset + first query (Post.objects.get({ pk }))',
      run: () => {
        world = openBlog(SQL, snapshot, { replica: true });
        (world.models.Post as unknown as { objects: { get(a: object): unknown } }).objects.get({ pk: firstId });
      },
      teardown: closeAll,
    },
    {
      name: 'close',
      label: "closing the run's 2 databases",
      setup: () => (world = openBlog(SQL, snapshot, { replica: true })),
      run: closeAll,
    },
    {
      name: 'empty_run',
      label: "an empty run: runOnSnapshot(SQL, bytes, '')\n  (reset + transpile + record + close)",
      run: () => runOnSnapshot(SQL, snapshot, ''),
    },
  ];
  const m = measureInterleaved(steps, { warmup: Math.min(3, reps), reps });
  return steps.map((s) => ({ id: s.name, label: s.label, ms: m.variants[s.name].stats }));
}

const COLD_START = fileURLToPath(new URL('./cold-start.ts', import.meta.url));

/** initSqlJs + build the default snapshot in `runs` fresh Node processes (sequentially). */
export async function benchColdStart(runs: number): Promise<ColdStartResult | { skipped: string }> {
  if (runs <= 0) return { skipped: 'not run in this mode' };
  const samples: { import_ms: number; init_ms: number; build_ms: number }[] = [];
  for (let i = 0; i < runs; i++) {
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', COLD_START], { cwd: fileURLToPath(new URL('..', import.meta.url)), timeout: 120_000 });
      samples.push(JSON.parse(stdout.trim().split('\n').pop()!));
    } catch (e) {
      return { skipped: `the cold-start process failed: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  return {
    runs,
    import_ms: stats(samples.map((s) => s.import_ms)),
    init_ms: stats(samples.map((s) => s.init_ms)),
    build_ms: stats(samples.map((s) => s.build_ms)),
    total_ms: stats(samples.map((s) => s.init_ms + s.build_ms)),
  };
}

export function startupTables(data: StartupData, resetSize: BlogSize): { tables: Table[]; checks: Check[] } {
  const checks: Check[] = [];
  const tables: Table[] = [];
  tables.push({
    title: 'dataset build: generate rows + Django DDL + insert + export (the snapshot a session restores)',
    columns: [{ header: 'size' }, { header: 'ms (min–max)', align: 'right' }, { header: 'builds', align: 'right' }, { header: 'snapshot', align: 'right' }],
    rows: data.builds.map((b) => [b.size, msSpread(b.ms), String(b.ms.n), bytes(b.bytes)]),
  });
  const reset = data.reset.find((r) => r.id === 'open_blog');
  if (reset && resetSize === 'default') checks.push(check('per-run reset (default)', reset.ms.median, data.reset_target_ms, 'ms'));
  tables.push({
    title: `per-run reset on ${resetSize}`,
    columns: [{ header: 'step' }, { header: 'ms (min–max)', align: 'right' }, { header: 'target', align: 'right' }, { header: '' }],
    rows: data.reset.map((r) => [
      r.label,
      msSpread(r.ms),
      r.id === 'open_blog' && resetSize === 'default' ? `≤ ${data.reset_target_ms}` : '',
      r.id === 'open_blog' && resetSize === 'default' ? mark(r.ms.median <= data.reset_target_ms) : '',
    ]),
    notes: [
      `median of ${data.reset[0]?.ms.n ?? 0} rounds; each round runs every step once (rotating order, GC forced before each)`,
      ...(currentClock() === 'cpu' ? ['cpu clock: CPU time of all threads (V8 GC helpers too) can exceed the wall time; the target is a wall-clock latency'] : []),
    ],
  });
  const cold = data.cold_start;
  if ('skipped' in cold) {
    tables.push({ title: 'worker-like cold start (fresh Node process)', columns: [{ header: 'skipped' }], rows: [[cold.skipped]] });
  } else {
    tables.push({
      title: `worker-like cold start: ${cold.runs} fresh Node process${cold.runs > 1 ? 'es' : ''}`,
      columns: [{ header: 'step' }, { header: 'ms (min–max)', align: 'right' }],
      rows: [
        ['initSqlJs (compile + instantiate the wasm)', msSpread(cold.init_ms)],
        ['buildBlogSnapshot(SQL, default)', msSpread(cold.build_ms)],
        ['total before the first run can start', msSpread(cold.total_ms)],
        ['(module import under tsx: transpiles the ORM, not comparable to a bundle)', msSpread(cold.import_ms)],
      ],
    });
  }
  return { tables, checks };
}

export async function benchStartup(options: StartupOptions): Promise<SectionResult<StartupData>> {
  const builds = benchBuilds(options.SQL, options.builds);
  const reset = benchReset(options.SQL, options.resetSize, options.resetReps);
  const cold_start = await benchColdStart(options.coldStarts);
  const browser = options.browserRuns > 0 ? await benchBrowser({ runs: options.browserRuns }) : { skipped: 'not run in this mode' };
  const data: StartupData = { builds, reset, reset_target_ms: RESET_TARGET_MS, cold_start, browser };
  const { tables, checks } = startupTables(data, options.resetSize);
  const b = browserTable(browser, RUN_TO_PAINT_TARGET_MS);
  tables.push(b.table);
  checks.push(...b.checks);
  return { id: 'startup', title: 'Reset and start-up under Node', tables, checks, data };
}

