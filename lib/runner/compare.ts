/**
 * Before/after comparison: runs two versions of the code on identical fresh data
 * (every run restores the same snapshot), several times each, interleaved so
 * that both see the same machine conditions, and reduces the runs to medians
 * and spreads. `scaleSeries` re-runs both at several dataset sizes.
 *
 * The runner is injected (`RunFn`), so this is testable without a worker.
 */
import type { BlogSize } from './protocol';
import type { RunRecord } from './record';
import { modeledTime } from './analysis';

export type RunFn = (code: string, size: BlogSize) => Promise<{ record: RunRecord } | { timeout: true; limit_ms: number } | { cancelled: true } | { failed: string }>;

export interface Stat {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function stat(samples: number[]): Stat {
  if (!samples.length) return { median: 0, min: 0, max: 0, samples: [] };
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples };
}

export interface VersionResult {
  label: string;
  /** Statements, rows and instances are the same on every run (same code, same data). */
  statements: number;
  reads: number;
  writes: number;
  rows: number;
  instances: number;
  sqlMs: Stat;
  runMs: Stat;
  modeledMs: Stat;
  output: string[];
  error: RunRecord['error'];
  /** The last run's record (for a closer look). */
  record: RunRecord;
}

export type CompareOutcome =
  | { ok: true; before: VersionResult; after: VersionResult; sameOutput: boolean; size: BlogSize; repeats: number; latencyMs: number }
  | { ok: false; version: 'before' | 'after'; reason: string };

function failure(outcome: Awaited<ReturnType<RunFn>>): string | null {
  if ('record' in outcome) return null;
  if ('timeout' in outcome) return `stopped after ${outcome.limit_ms / 1000} s (the time limit)`;
  if ('cancelled' in outcome) return 'cancelled';
  return outcome.failed;
}

function reduce(label: string, records: RunRecord[], latencyMs: number): VersionResult {
  const last = records[records.length - 1];
  const t = last.totals;
  return {
    label,
    statements: t.statements,
    reads: t.reads,
    writes: t.writes,
    rows: t.rows,
    instances: t.instances,
    sqlMs: stat(records.map((r) => r.totals.sql_ms)),
    runMs: stat(records.map((r) => r.duration_ms)),
    modeledMs: stat(records.map((r) => modeledTime(r.totals.sql_ms, r.totals.statements, latencyMs))),
    output: last.output,
    error: last.error,
    record: last,
  };
}

/** Same printed output and the same error (or none). */
export function sameOutput(a: RunRecord, b: RunRecord): boolean {
  if (a.output.length !== b.output.length) return false;
  for (let i = 0; i < a.output.length; i++) if (a.output[i] !== b.output[i]) return false;
  const ea = a.error ? `${a.error.type}: ${a.error.message}` : null;
  const eb = b.error ? `${b.error.type}: ${b.error.message}` : null;
  return ea === eb;
}

export interface CompareOptions {
  size: BlogSize;
  repeats?: number;
  latencyMs?: number;
  labels?: [string, string];
  /** Called after each run with (done, total). */
  onProgress?: (done: number, total: number) => void;
  signal?: { aborted: boolean };
}

export async function compareVersions(run: RunFn, before: string, after: string, options: CompareOptions): Promise<CompareOutcome> {
  const repeats = Math.max(1, options.repeats ?? 5);
  const latencyMs = options.latencyMs ?? 1;
  const [labelA, labelB] = options.labels ?? ['Before', 'After'];
  const records: Record<'before' | 'after', RunRecord[]> = { before: [], after: [] };
  const total = repeats * 2;
  let done = 0;
  for (let i = 0; i < repeats; i++) {
    for (const version of ['before', 'after'] as const) {
      if (options.signal?.aborted) return { ok: false, version, reason: 'cancelled' };
      const outcome = await run(version === 'before' ? before : after, options.size);
      const reason = failure(outcome);
      if (reason || !('record' in outcome)) return { ok: false, version, reason: reason ?? 'failed' };
      records[version].push(outcome.record);
      options.onProgress?.(++done, total);
    }
  }
  const a = reduce(labelA, records.before, latencyMs);
  const b = reduce(labelB, records.after, latencyMs);
  return { ok: true, before: a, after: b, sameOutput: sameOutput(a.record, b.record), size: options.size, repeats, latencyMs };
}

export interface ScalePoint {
  size: BlogSize;
  /** Rows in the main table of the dataset (posts), the x axis. */
  scale: number;
  before: { statements: number; sqlMs: number; modeledMs: number } | null;
  after: { statements: number; sqlMs: number; modeledMs: number } | null;
  error: string | null;
}

/** Runs both versions once at each size, smallest first. */
export async function scaleSeries(
  run: RunFn,
  before: string,
  after: string,
  sizes: { size: BlogSize; scale: number }[],
  options: { latencyMs?: number; onPoint?: (p: ScalePoint, index: number) => void; signal?: { aborted: boolean } } = {},
): Promise<ScalePoint[]> {
  const latencyMs = options.latencyMs ?? 1;
  const points: ScalePoint[] = [];
  for (const { size, scale } of sizes) {
    if (options.signal?.aborted) break;
    const point: ScalePoint = { size, scale, before: null, after: null, error: null };
    for (const version of ['before', 'after'] as const) {
      const outcome = await run(version === 'before' ? before : after, size);
      const reason = failure(outcome);
      if (reason || !('record' in outcome)) {
        point.error = `${version === 'before' ? 'Before' : 'After'}: ${reason}`;
        continue;
      }
      const t = outcome.record.totals;
      point[version] = { statements: t.statements, sqlMs: t.sql_ms, modeledMs: modeledTime(t.sql_ms, t.statements, latencyMs) };
    }
    points.push(point);
    options.onPoint?.(point, points.length - 1);
  }
  return points;
}
