/**
 * The messages between the page (`worker-client.ts`) and the runner worker
 * (`worker.ts`). Plain, structured-clone-safe objects only: no classes, no
 * functions. Every request that expects an answer carries an `id`, and the
 * answer repeats it.
 */
import type { BlogSize } from '../db/datasets/blog-data';
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

export interface RunRequest {
  type: 'run';
  id: number;
  size: BlogSize;
  code: string;
  file?: string | null;
}

/** `EXPLAIN QUERY PLAN` of one statement, on a fresh copy of the snapshot. */
export interface ExplainRequest {
  type: 'explain';
  id: number;
  size: BlogSize;
  sql: string;
  params: unknown[];
}

export type WorkerRequest = InitRequest | PrepareRequest | RunRequest | ExplainRequest;

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

export type WorkerMessage =
  | ReadyMessage
  | ProgressMessage
  | DatasetMessage
  | RunResultMessage
  | ExplainResultMessage
  | FailureMessage;
