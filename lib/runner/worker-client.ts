/**
 * The page's side of the runner (no React): starts the runner worker, sends it
 * one request at a time, enforces the time limit, and restarts it after a
 * runaway run.
 *
 *   const client = new RunnerClient({ createWorker: createRunnerWorker });
 *   const outcome = await client.run(code, { size: 'default' });
 *   if ('record' in outcome) ...            // the run record
 *   else if ('timeout' in outcome) ...      // stopped after outcome.limit_ms
 *
 * Semantics:
 * - requests are queued and sent in order, one at a time;
 * - a run gets `timeLimitMs` (default 5 s) from the moment it is sent: past it
 *   the worker is terminated, the run answers `{ timeout: true, limit_ms }`, and a
 *   fresh worker starts, restoring the dataset snapshots the page kept (no
 *   regeneration); queued requests then continue on the new worker;
 * - `run(code, { key })` cancels runs with the same key that are still queued
 *   (only the newest code matters), they answer `{ cancelled: true }`;
 * - `stop()` cancels everything queued and terminates a request in flight.
 * The worker is reached only through `WorkerLike`, so tests pass a fake one.
 */
import { standardBlogSize, type LessonData } from '../lessons/lesson';
import type { LessonRunRequest as LessonRun, LessonRunResult } from '../lessons/runner';
import type { BlogSize, ExplainRow, LearnerLanguage, LessonDataErrorInfo, WorkerMessage, WorkerRequest } from './protocol';
import type { RunRecord } from './record';
import type { RelationAccess } from './relation-access';
import type { DatasetSchema } from './schema-info';

export const DEFAULT_TIME_LIMIT_MS = 5000;
/** Building a dataset is not learner code: it gets a generous limit of its own. */
export const PREPARE_LIMIT_MS = 120_000;

export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export interface RunSuccess {
  record: RunRecord;
  access: RelationAccess | null;
  size: BlogSize;
  /** Time in the worker (restore + run), and from send to answer. */
  worker_ms: number;
  round_trip_ms: number;
}
export type RunOutcome =
  | RunSuccess
  | { timeout: true; limit_ms: number }
  | { cancelled: true }
  | { failed: string };

/** A lesson run (lib/lessons LessonRunner semantics); `dataError` when the lesson's own data could not be built. */
export interface LessonRunSuccess {
  result: LessonRunResult;
  worker_ms: number;
  round_trip_ms: number;
}
export type LessonRunOutcome = LessonRunSuccess | { dataError: LessonDataErrorInfo } | { timeout: true; limit_ms: number } | { cancelled: true } | { failed: string };

export type LessonTypesOutcome =
  | { declarations: string; compilerOptions: Record<string, unknown>; typed: boolean }
  | { dataError: LessonDataErrorInfo }
  | { timeout: true; limit_ms: number }
  | { cancelled: true }
  | { failed: string };

export type ExplainOutcome = { plan: ExplainRow[]; error: string | null } | { timeout: true; limit_ms: number } | { cancelled: true } | { failed: string };

export interface DatasetInfo {
  size: BlogSize;
  rows: Record<string, number>;
  build_ms: number;
  bytes: number;
}

export type RunnerPhase = 'starting' | 'ready' | 'busy' | 'restarting' | 'failed';

export interface RunnerStatus {
  phase: RunnerPhase;
  /** What the runner is doing, for a status line ("Generating the default blog dataset…"). */
  message: string;
  schema: DatasetSchema | null;
  declarations: string | null;
  compilerOptions: Record<string, unknown> | null;
  /** Whether the declarations are typed (field names checked) or the `any` fallback. */
  typedDeclarations: boolean;
  scopeNames: string[];
  datasets: Partial<Record<BlogSize, DatasetInfo>>;
  /** Workers started after a timeout or a crash. */
  restarts: number;
  timeLimitMs: number;
}

type Task =
  | { kind: 'prepare'; id: number; size: BlogSize; key?: undefined; resolve: (o: { ok: true } | { cancelled: true } | { failed: string } | { timeout: true; limit_ms: number }) => void }
  | { kind: 'run'; id: number; size: BlogSize; code: string; file: string | null; language?: LearnerLanguage; key?: string; resolve: (o: RunOutcome) => void }
  | { kind: 'explain'; id: number; size: BlogSize; sql: string; params: unknown[]; key?: string; resolve: (o: ExplainOutcome) => void }
  /** `size` when the lesson's data is a standard blog size (prepared as such); otherwise a lesson-prepare comes first. */
  | { kind: 'lesson-run'; id: number; size: BlogSize | null; run: LessonRun; key?: string; resolve: (o: LessonRunOutcome) => void }
  | { kind: 'lesson-types'; id: number; size: null; data: LessonData; key?: undefined; resolve: (o: LessonTypesOutcome) => void };

interface InFlight {
  task: Task;
  /** A run or explain whose dataset had to be prepared first. */
  stage: 'prepare' | 'main';
  sentAt: number;
  timer: unknown;
}

export interface RunnerClientOptions {
  createWorker: () => WorkerLike;
  /** Absolute URL of sql-wasm.wasm (default: /sql-wasm.wasm on this origin). */
  wasmUrl?: string;
  timeLimitMs?: number;
  timers?: Timers;
}

export class RunnerClient {
  private worker: WorkerLike | null = null;
  private workerReady = false;
  private workerSizes = new Set<BlogSize>();
  private readonly snapshots = new Map<BlogSize, Uint8Array>();
  private readonly queue: Task[] = [];
  private current: InFlight | null = null;
  private nextId = 1;
  private readonly listeners = new Set<(s: RunnerStatus) => void>();
  private readonly timers: Timers;
  private readonly wasmUrl: string;
  private disposed = false;
  private statusValue: RunnerStatus;

  constructor(private readonly options: RunnerClientOptions) {
    this.timers = options.timers ?? realTimers;
    this.wasmUrl = options.wasmUrl ?? defaultWasmUrl();
    this.statusValue = {
      phase: 'starting',
      message: 'Starting the runner…',
      schema: null,
      declarations: null,
      compilerOptions: null,
      typedDeclarations: false,
      scopeNames: [],
      datasets: {},
      restarts: 0,
      timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    };
    this.startWorker();
  }

  get status(): RunnerStatus {
    return this.statusValue;
  }

  get timeLimitMs(): number {
    return this.statusValue.timeLimitMs;
  }

  set timeLimitMs(ms: number) {
    this.setStatus({ timeLimitMs: ms });
  }

  /** Calls `listener` on every status change; returns the unsubscribe function. */
  subscribe(listener: (s: RunnerStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs learner code (TypeScript, or Django's Python with `language: 'python'`) on a fresh copy of the dataset. */
  run(code: string, options: { size: BlogSize; key?: string; file?: string | null; language?: LearnerLanguage }): Promise<RunOutcome> {
    if (options.key) this.cancelQueued((t) => t.key === options.key);
    return new Promise((resolve) => {
      this.enqueue({ kind: 'run', id: this.nextId++, size: options.size, code, file: options.file ?? null, language: options.language, key: options.key, resolve });
    });
  }

  /** EXPLAIN QUERY PLAN of a statement (SQL with %s placeholders and its params). */
  explain(sql: string, params: unknown[], options: { size: BlogSize }): Promise<ExplainOutcome> {
    return new Promise((resolve) => {
      this.enqueue({ kind: 'explain', id: this.nextId++, size: options.size, sql, params, resolve });
    });
  }

  /**
   * Runs a lesson's code (before.ts, the learner's, with check.ts) on a fresh
   * copy of the lesson's data, built first in the worker if needed (that part
   * has the preparation limit, the run itself the learner time limit). The
   * browser side of lib/lessons' LessonRunner.
   */
  runLesson(run: LessonRun, options: { key?: string } = {}): Promise<LessonRunOutcome> {
    if (options.key) this.cancelQueued((t) => t.key === options.key);
    return new Promise((resolve) => {
      this.enqueue({ kind: 'lesson-run', id: this.nextId++, size: standardBlogSize(run.data), run, key: options.key, resolve });
    });
  }

  /** The editor typings for a lesson with its own models (models.ts runs in the worker). */
  lessonTypes(data: LessonData): Promise<LessonTypesOutcome> {
    return new Promise((resolve) => {
      this.enqueue({ kind: 'lesson-types', id: this.nextId++, size: null, data, resolve });
    });
  }

  /** Builds a dataset size ahead of the first run (progress shows in the status). */
  prepare(size: BlogSize): Promise<{ ok: true } | { cancelled: true } | { failed: string } | { timeout: true; limit_ms: number }> {
    if (this.snapshots.has(size) && this.workerSizes.has(size)) return Promise.resolve({ ok: true });
    return new Promise((resolve) => {
      this.enqueue({ kind: 'prepare', id: this.nextId++, size, resolve });
    });
  }

  /** Cancels every queued request and stops the one in flight (the worker restarts). */
  stop(): void {
    this.cancelQueued(() => true);
    if (this.current) {
      const { task } = this.current;
      this.clearCurrent();
      task.resolve({ cancelled: true });
      this.restart('Stopped. Restarting the runner…');
    }
  }

  /** Requests waiting to be sent, plus the one in flight. */
  get pending(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelQueued(() => true);
    if (this.current) {
      this.current.task.resolve({ cancelled: true });
      this.clearCurrent();
    }
    this.worker?.terminate();
    this.worker = null;
    this.listeners.clear();
  }

  // ---------------------------------------------------------------- internals

  private setStatus(patch: Partial<RunnerStatus>): void {
    this.statusValue = { ...this.statusValue, ...patch };
    for (const l of [...this.listeners]) l(this.statusValue);
  }

  private startWorker(): void {
    if (this.disposed) return;
    let worker: WorkerLike;
    try {
      worker = this.options.createWorker();
    } catch (e) {
      this.fail(`The runner could not start: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.worker = worker;
    this.workerReady = false;
    this.workerSizes = new Set();
    worker.onmessage = (event) => {
      if (this.worker === worker) this.onMessage(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.worker === worker) this.onCrash(event.message || 'the runner worker failed to load');
    };
    const snapshots = [...this.snapshots].map(([size, bytes]) => ({ size, bytes }));
    worker.postMessage({ type: 'init', wasmUrl: this.wasmUrl, snapshots });
  }

  private restart(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.setStatus({ phase: 'restarting', message, restarts: this.statusValue.restarts + 1 });
    this.startWorker();
  }

  private fail(message: string): void {
    this.setStatus({ phase: 'failed', message });
    this.cancelQueued(() => true, { failed: message });
  }

  private onCrash(message: string): void {
    if (!this.workerReady) {
      // The worker never came up (wasm or script failed to load): retrying would fail again.
      this.worker?.terminate();
      this.worker = null;
      if (this.current) {
        this.current.task.resolve({ failed: message });
        this.clearCurrent();
      }
      this.fail(`The runner could not start: ${message}`);
      return;
    }
    if (this.current) {
      this.current.task.resolve({ failed: `The runner crashed: ${message}` });
      this.clearCurrent();
    }
    this.restart('The runner crashed. Restarting…');
  }

  private enqueue(task: Task): void {
    if (this.disposed || this.statusValue.phase === 'failed') {
      task.resolve({ failed: this.statusValue.message || 'The runner is not available.' });
      return;
    }
    this.queue.push(task);
    this.pump();
  }

  private cancelQueued(match: (t: Task) => boolean, outcome: { cancelled: true } | { failed: string } = { cancelled: true }): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (match(this.queue[i])) {
        const [task] = this.queue.splice(i, 1);
        task.resolve(outcome);
      }
    }
  }

  private clearCurrent(): void {
    if (this.current) this.timers.clearTimeout(this.current.timer);
    this.current = null;
  }

  private pump(): void {
    if (this.current || !this.workerReady || !this.worker) return;
    const task = this.queue.shift();
    if (!task) {
      if (this.statusValue.phase === 'busy') this.setStatus({ phase: 'ready', message: 'Ready' });
      return;
    }
    const needsPrepare = this.needsPrepare(task);
    if (task.kind === 'prepare' && !needsPrepare) {
      task.resolve({ ok: true });
      this.pump();
      return;
    }
    this.send(task, needsPrepare ? 'prepare' : 'main');
  }

  /** Lesson data that is not a standard blog size is confirmed before every lesson run (the worker keeps only a few). */
  private needsPrepare(task: Task): boolean {
    if (task.kind === 'lesson-types') return false;
    if (task.kind === 'lesson-run' && task.size === null) return true;
    return !this.workerSizes.has(task.size!);
  }

  /** Preparing data and reading a lesson's models are not learner code: they get the generous limit. */
  private limitFor(task: Task, stage: 'prepare' | 'main'): number {
    return stage === 'prepare' || task.kind === 'lesson-types' ? PREPARE_LIMIT_MS : this.statusValue.timeLimitMs;
  }

  private send(task: Task, stage: 'prepare' | 'main'): void {
    const worker = this.worker!;
    const limit = this.limitFor(task, stage);
    const timer = this.timers.setTimeout(() => this.onTimeout(), limit);
    this.current = { task, stage, sentAt: this.timers.now(), timer };
    if (stage === 'prepare' && task.kind === 'lesson-run' && task.size === null) {
      this.setStatus({ phase: 'busy', message: "Preparing the lesson's data…" });
      worker.postMessage({ type: 'lesson-prepare', id: task.id, data: task.run.data });
    } else if (stage === 'prepare' && task.size !== null) {
      this.setStatus({ phase: 'busy', message: `Preparing the ${task.size} dataset…` });
      worker.postMessage({ type: 'prepare', id: task.id, size: task.size });
    } else if (task.kind === 'run') {
      this.setStatus({ phase: 'busy', message: 'Running…' });
      worker.postMessage({ type: 'run', id: task.id, size: task.size, code: task.code, file: task.file, ...(task.language ? { language: task.language } : {}) });
    } else if (task.kind === 'explain') {
      this.setStatus({ phase: 'busy', message: 'Explaining…' });
      worker.postMessage({ type: 'explain', id: task.id, size: task.size, sql: task.sql, params: task.params });
    } else if (task.kind === 'lesson-run') {
      this.setStatus({ phase: 'busy', message: task.run.file === 'before.ts' ? 'Running before.ts…' : 'Running…' });
      worker.postMessage({ type: 'lesson-run', id: task.id, run: task.run });
    } else if (task.kind === 'lesson-types') {
      this.setStatus({ phase: 'busy', message: "Reading the lesson's models…" });
      worker.postMessage({ type: 'lesson-types', id: task.id, data: task.data });
    }
  }

  private onTimeout(): void {
    const current = this.current;
    if (!current) return;
    const limit = this.limitFor(current.task, current.stage);
    this.clearCurrent();
    current.task.resolve({ timeout: true, limit_ms: limit });
    const seconds = limit / 1000;
    this.restart(`Stopped after ${seconds} s (the time limit). Starting a fresh runner…`);
  }

  private onMessage(message: WorkerMessage): void {
    switch (message.type) {
      case 'progress':
        this.setStatus({ message: message.message });
        return;
      case 'ready':
        this.workerReady = true;
        for (const size of message.sizes) this.workerSizes.add(size);
        this.setStatus({
          phase: this.current || this.queue.length ? 'busy' : 'ready',
          message: 'Ready',
          schema: message.schema,
          declarations: message.declarations,
          compilerOptions: message.compiler_options,
          typedDeclarations: message.typed_declarations,
          scopeNames: message.scope_names,
        });
        this.pump();
        return;
      case 'dataset': {
        this.workerSizes.add(message.size);
        if (message.bytes) this.snapshots.set(message.size, message.bytes);
        const bytes = this.snapshots.get(message.size)?.byteLength ?? 0;
        this.setStatus({
          datasets: { ...this.statusValue.datasets, [message.size]: { size: message.size, rows: message.rows, build_ms: message.build_ms, bytes } },
        });
        const current = this.current;
        if (!current || current.task.id !== message.id) return;
        this.clearCurrent();
        if (current.task.kind === 'prepare') {
          current.task.resolve({ ok: true });
          this.pump();
        } else {
          this.send(current.task, 'main');
        }
        return;
      }
      case 'result': {
        const current = this.current;
        if (!current || current.task.id !== message.id || current.task.kind !== 'run') return;
        this.clearCurrent();
        current.task.resolve({
          record: message.record,
          access: message.access,
          size: current.task.size,
          worker_ms: message.worker_ms,
          round_trip_ms: this.timers.now() - current.sentAt,
        });
        this.pump();
        return;
      }
      case 'explained': {
        const current = this.current;
        if (!current || current.task.id !== message.id || current.task.kind !== 'explain') return;
        this.clearCurrent();
        current.task.resolve({ plan: message.plan, error: message.error });
        this.pump();
        return;
      }
      case 'lesson-prepared': {
        const current = this.current;
        if (!current || current.task.id !== message.id || current.task.kind !== 'lesson-run') return;
        this.clearCurrent();
        if (message.error) {
          current.task.resolve({ dataError: message.error });
          this.pump();
        } else {
          this.send(current.task, 'main');
        }
        return;
      }
      case 'lesson-result': {
        const current = this.current;
        if (!current || current.task.id !== message.id || current.task.kind !== 'lesson-run') return;
        this.clearCurrent();
        if (message.error || !message.result) current.task.resolve({ dataError: message.error ?? { file: current.task.run.file, message: 'the lesson run returned nothing' } });
        else current.task.resolve({ result: message.result, worker_ms: message.worker_ms, round_trip_ms: this.timers.now() - current.sentAt });
        this.pump();
        return;
      }
      case 'lesson-typed': {
        const current = this.current;
        if (!current || current.task.id !== message.id || current.task.kind !== 'lesson-types') return;
        this.clearCurrent();
        if (message.error) current.task.resolve({ dataError: message.error });
        else current.task.resolve({ declarations: message.declarations, compilerOptions: message.compiler_options, typed: message.typed });
        this.pump();
        return;
      }
      case 'failure': {
        const current = this.current;
        if (message.id === null || !current || current.task.id !== message.id) {
          if (!this.workerReady) {
            this.worker?.terminate();
            this.worker = null;
            this.fail(`The runner could not start: ${message.message}`);
          }
          return;
        }
        this.clearCurrent();
        if (current.task.kind === 'prepare' || current.stage === 'prepare') {
          this.setStatus({ message: `Could not build the ${current.task.size ?? "lesson's"} dataset: ${message.message}` });
        }
        current.task.resolve({ failed: message.message });
        this.pump();
        return;
      }
    }
  }
}

function defaultWasmUrl(): string {
  const origin = typeof location !== 'undefined' ? location.origin : 'http://localhost';
  return new URL('/sql-wasm.wasm', origin).toString();
}

