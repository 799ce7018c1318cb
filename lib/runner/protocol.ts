/**
 * The messages between the page (`worker-client.ts`) and the runner worker
 * (`worker.ts`). Plain, structured-clone-safe objects only: no classes, no
 * functions. Every request that expects an answer carries an `id`, and the
 * answer repeats it.
 */
import type { BlogSize } from '../db/datasets/blog-data';
import type { LessonData } from '../lessons/lesson';
import type { LessonRunRequest as LessonRun, LessonRunResult } from '../lessons/runner';
import type { RunRecord } from './record';
import type { RelationAccess } from './relation-access';
import type { DatasetSchema } from './schema-info';

export type { BlogSize };

// ------------------------------------------------------------------ page → worker

export interface InitRequest {
  type: 'init';
  /** Absolute URL of sql-wasm.wasm, served by the app itself (never a CDN). */
  wasmUrl: string;
  /** Snapshots the page already holds (after a restart): restored, not regenerated. */
  snapshots: { size: BlogSize; bytes: Uint8Array }[];
}

/** Build (or confirm) the pristine snapshot of a dataset size. */
export interface PrepareRequest {
  type: 'prepare';
  id: number;
  size: BlogSize;
}

/** The language of learner code: TypeScript with Django's names, or Django's own Python (lib/python). */
export type LearnerLanguage = 'typescript' | 'python';

export interface RunRequest {
  type: 'run';
  id: number;
  size: BlogSize;
  code: string;
  file?: string | null;
  /** Default TypeScript. */
  language?: LearnerLanguage;
}

/** `EXPLAIN QUERY PLAN` of one statement, on a fresh copy of the snapshot. */
export interface ExplainRequest {
  type: 'explain';
  id: number;
  size: BlogSize;
  sql: string;
  params: unknown[];
}

/**
 * Lesson pages (lib/lessons): build (or confirm) the database of a lesson's
 * data before a lesson run, with the generous preparation limit; the worker
 * keeps a few lesson databases (a standard blog size reuses its snapshot).
 */
export interface LessonPrepareRequest {
  type: 'lesson-prepare';
  id: number;
  data: LessonData;
}

/**
 * Runs code on a fresh copy of a lesson's database (createLocalRunner hosted in
 * the worker); with `run.custom`, the lesson's check.ts then runs on the run's
 * final database. The learner time limit applies as to `run`.
 */
export interface LessonRunWorkerRequest {
  type: 'lesson-run';
  id: number;
  run: LessonRun;
}

/** The editor typings for a lesson's own models (models.ts). */
export interface LessonTypesRequest {
  type: 'lesson-types';
  id: number;
  data: LessonData;
}

export type WorkerRequest = InitRequest | PrepareRequest | RunRequest | ExplainRequest | LessonPrepareRequest | LessonRunWorkerRequest | LessonTypesRequest;

// ------------------------------------------------------------------ worker → page

/** sql.js is loaded and the learner API is known; datasets are built on demand. */
export interface ReadyMessage {
  type: 'ready';
  schema: DatasetSchema;
  /** The .d.ts Monaco uses for the learner's code, and the compiler options it is written for. */
  declarations: string;
  compiler_options: Record<string, unknown>;
  /** False when only the untyped fallback declarations are available. */
  typed_declarations: boolean;
  /** Names in scope for learner code (models, ORM API, helpers). */
  scope_names: string[];
  /** Sizes restored from the page's snapshots. */
  sizes: BlogSize[];
  /** What the network guard disabled. */
  blocked: string[];
  init_ms: number;
}

export interface ProgressMessage {
  type: 'progress';
  id?: number;
  phase: 'sqljs' | 'dataset' | 'warmup';
  message: string;
}

/** A dataset size is ready; `bytes` is a copy for the page to keep (restarts restore it). */
export interface DatasetMessage {
  type: 'dataset';
  id: number;
  size: BlogSize;
  rows: Record<string, number>;
  bytes: Uint8Array | null;
  build_ms: number;
}

export interface RunResultMessage {
  type: 'result';
  id: number;
  record: RunRecord;
  /** How pre-loaded relations were used (for "unused select_related/prefetch_related"). */
  access: RelationAccess | null;
  /** Time the worker spent on the request, restore included. */
  worker_ms: number;
}

export interface ExplainRow {
  id: number;
  parent: number;
  detail: string;
}

export interface ExplainResultMessage {
  type: 'explained';
  id: number;
  plan: ExplainRow[];
  error: string | null;
}

/** Something went wrong in the runner itself (not in the learner's code). */
export interface FailureMessage {
  type: 'failure';
  id: number | null;
  message: string;
}

/** The lesson's own data could not be built (lib/lessons LessonDataError, as plain data). */
export interface LessonDataErrorInfo {
  file: string;
  message: string;
  line?: number;
  column?: number;
}

export interface LessonPreparedMessage {
  type: 'lesson-prepared';
  id: number;
  key: string;
  build_ms: number;
  error: LessonDataErrorInfo | null;
}

export interface LessonResultMessage {
  type: 'lesson-result';
  id: number;
  result: LessonRunResult | null;
  error: LessonDataErrorInfo | null;
  worker_ms: number;
}

export interface LessonTypedMessage {
  type: 'lesson-typed';
  id: number;
  declarations: string;
  compiler_options: Record<string, unknown>;
  typed: boolean;
  error: LessonDataErrorInfo | null;
}

export type WorkerMessage =
  | LessonPreparedMessage
  | LessonResultMessage
  | LessonTypedMessage
  | ReadyMessage
  | ProgressMessage
  | DatasetMessage
  | RunResultMessage
  | ExplainResultMessage
  | FailureMessage;
