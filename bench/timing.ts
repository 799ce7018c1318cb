/**
 * Timing helpers: summary statistics, forced GC between samples, and
 * interleaved measurement of several variants (A, B, C, B, C, A, ...) so that
 * drift (CPU frequency, other processes, heap growth) hits every variant alike.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface Stats {
  /** Number of samples. */
  n: number;
  median: number;
  min: number;
  max: number;
  /** First and third quartiles (linear interpolation). */
  q1: number;
  q3: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
  };
}

export type Clock = 'wall' | 'cpu';
let clock: Clock = 'wall';

/**
 * What samples measure: `wall` (performance.now(), the default: what a learner
 * waits) or `cpu` (this process's user + system CPU time, from
 * process.cpuUsage(): steadier when other processes compete for the cores, and
 * it includes V8's GC helper threads).
 */
export function setClock(value: Clock): void {
  clock = value;
}

export function currentClock(): Clock {
  return clock;
}

/** Milliseconds on the current clock. */
export function now(): number {
  if (clock === 'wall') return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

let gcFn: (() => void) | null | undefined;

/**
 * A full garbage collection, so garbage left by one sample is not collected
 * during the next one (which may belong to another variant). Uses
 * `--expose-gc` when given, else enables it at run time.
 */
export function collectGarbage(): void {
  if (gcFn === undefined) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (typeof g === 'function') gcFn = g;
    else {
      try {
        v8.setFlagsFromString('--expose-gc');
        gcFn = vm.runInNewContext('gc') as () => void;
      } catch {
        gcFn = null;
      }
    }
  }
  gcFn?.();
}

/** Whether samples are preceded by a forced GC (reported with the results). */
export function gcAvailable(): boolean {
  collectGarbage();
  return gcFn !== null;
}

export interface Variant {
  name: string;
  /** Untimed, before each call of `run` (fresh objects, subscribing nothing timed). */
  setup?: () => void;
  /** The timed work. */
  run: () => unknown;
  /** Untimed, after each call of `run` (undo writes, unsubscribe). */
  teardown?: () => void;
}

export interface MeasureOptions {
  /** Untimed rounds of every variant before sampling (JIT, statement caches). */
  warmup: number;
  /** Timed rounds; each round takes one sample of every variant. */
  reps: number;
  /**
   * Calls of `run` per sample, summed into one sample, so that very short
   * operations are not dominated by timer resolution. `'auto'` picks the count
   * that makes the fastest variant's sample last about `minSampleMs`.
   */
  inner?: number | 'auto';
  minSampleMs?: number;
  /**
   * Force a full GC before each sample (default true). A full GC also drops
   * V8's optimized code that embedded objects which died ("weak objects"
   * deopts), so the next sample runs partly cold: fair for steady-state
   * comparisons only when off.
   */
  collectBeforeSample?: boolean;
}

export interface Measured {
  /** Milliseconds per call of `run`, one value per round. */
  samples: number[];
  stats: Stats;
}

export interface MeasureResult {
  variants: Record<string, Measured>;
  inner: number;
  reps: number;
  warmup: number;
}

function timeOnce(v: Variant): number {
  v.setup?.();
  const start = now();
  try {
    v.run();
    return now() - start;
  } finally {
    v.teardown?.();
  }
}

function sample(v: Variant, inner: number): number {
  let total = 0;
  for (let i = 0; i < inner; i++) total += timeOnce(v);
  return total / inner;
}

/**
 * Measures variants interleaved: each round runs every variant once, starting
 * with a different one each round (A B C, B C A, C A B, ...), with a forced GC
 * before each sample unless told otherwise. Returns per-call milliseconds per round.
 */
export function measureInterleaved(variants: readonly Variant[], options: MeasureOptions): MeasureResult {
  const minSampleMs = options.minSampleMs ?? 5;
  let warmupMs = Infinity;
  const warmupRounds = options.inner === 'auto' ? Math.max(options.warmup, 1) : options.warmup;
  for (let w = 0; w < warmupRounds; w++) {
    for (const v of variants) warmupMs = Math.min(warmupMs, timeOnce(v));
  }
  let inner = 1;
  if (options.inner === 'auto') inner = Math.min(1000, Math.max(1, Math.ceil(minSampleMs / Math.max(warmupMs, 1e-3))));
  else if (typeof options.inner === 'number') inner = options.inner;

  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let r = 0; r < options.reps; r++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(r + k) % variants.length];
      if (options.collectBeforeSample !== false) collectGarbage();
      samples.get(v.name)!.push(sample(v, inner));
    }
  }
  const out: Record<string, Measured> = {};
  for (const [name, s] of samples) out[name] = { samples: s, stats: stats(s) };
  return { variants: out, inner, reps: options.reps, warmup: options.warmup };
}

/**
 * Measures variants JIT-warm (no forced GC) and, in fewer rounds, the ratio of
 * variants `a` and `b` with a full GC forced before each sample, which leaves
 * the JavaScript side partly cold again (see `collectBeforeSample`).
 */
export function measureWarmAndAfterGc(variants: readonly Variant[], options: MeasureOptions, a: string, b: string): { warm: MeasureResult; ratioAfterGc: Stats } {
  const warm = measureInterleaved(variants, { ...options, collectBeforeSample: false });
  const pair = variants.filter((v) => v.name === a || v.name === b);
  const cold = measureInterleaved(pair, { ...options, reps: Math.ceil(options.reps / 2), collectBeforeSample: true });
  return { warm, ratioAfterGc: pairedRatios(cold.variants[a], cold.variants[b]) };
}

/** Per-round ratios a/b of two interleaved variants (paired, so drift cancels). */
export function pairedRatios(a: Measured, b: Measured): Stats {
  return stats(a.samples.map((x, i) => x / b.samples[i]));
}

/** Times `fn` `count` times in one block; returns microseconds per call. */
export function microsPerCall(fn: () => unknown, count: number): number {
  const start = now();
  for (let i = 0; i < count; i++) fn();
  return ((now() - start) * 1000) / count;
}

/** Median and spread of `reps` samples of `fn` (ms), after `warmup` untimed calls, GC before each. */
export function measure(fn: () => unknown, options: { warmup: number; reps: number; setup?: () => void; teardown?: () => void }): Measured {
  const r = measureInterleaved([{ name: 'x', run: fn, setup: options.setup, teardown: options.teardown }], { warmup: options.warmup, reps: options.reps });
  return r.variants.x;
}
