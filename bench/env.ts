/**
 * What every bench section shares: sql.js under Node, dataset snapshots (built
 * once per process), and running ORM code the way a learner's run does
 * (a RunRecorder subscribed, the code's line marked as instrumented learner code marks it).
 */
import type { SqlJsStatic } from 'sql.js';
import { buildBlogSnapshot, openBlog, type BlogWorld } from '../lib/db/datasets/blog';
import type { BlogSize } from '../lib/db/datasets/blog-data';
import { loadSqlJs } from '../lib/node/sqljs';
import type { Connection } from '../lib/orm/backend/connection';
import { instanceCounter } from '../lib/orm/iterables';
import { RunRecorder, type RunRecord } from '../lib/runner/record';
import { currentLearnerLine, learnerLine } from '../lib/runner/line-markers';

export { loadSqlJs };

/** The data a section runs on: a generated dataset size or a database file. */
export interface DataSet {
  /** Shown in tables: `default`, `tiny`, or the file name. */
  label: string;
  bytes: Uint8Array;
}

const snapshots = new Map<BlogSize, Uint8Array>();

/** The blog dataset of a size as snapshot bytes, built once per process. */
export function blogSnapshot(SQL: SqlJsStatic, size: BlogSize): Uint8Array {
  let bytes = snapshots.get(size);
  if (!bytes) {
    bytes = buildBlogSnapshot(SQL, size);
    snapshots.set(size, bytes);
  }
  return bytes;
}

/** Keeps bytes built elsewhere (the start-up section times builds) for later sections. */
export function setBlogSnapshot(size: BlogSize, bytes: Uint8Array): void {
  snapshots.set(size, bytes);
}

export function blogDataSet(SQL: SqlJsStatic, size: BlogSize): DataSet {
  return { label: size, bytes: blogSnapshot(SQL, size) };
}

/** A fresh runtime and blog models on a copy of the data (the runtime becomes the active one). */
export function openWorld(SQL: SqlJsStatic, data: DataSet): BlogWorld {
  return openBlog(SQL, data.bytes);
}

export function closeWorld(world: BlogWorld): void {
  for (const c of world.runtime.connections.all()) c.db.close();
}

/**
 * Calls `fn` as if from learner line 1, as the runner's line markers
 * (lib/runner/line-markers.ts) set it, so the recorder attributes statements
 * as it does in a real run.
 */
export function learnerCall<T>(fn: () => T): T {
  learnerLine.line = 1;
  try {
    return fn();
  } finally {
    learnerLine.line = 0;
  }
}

/**
 * What `runCode` (lib/runner/run.ts) sets up around learner code, without the
 * transpile and Function compile that every run pays once: a RunRecorder on
 * the connections (reading each statement's learner line from the marker),
 * the instance counter reset, and `Error.stackTraceLimit` raised to 100 (errors
 * the ORM raises or catches cost that many frames). `finish()` undoes it and
 * returns the record. Keep this in step with runCode.
 */
export class Recording {
  private readonly recorder = new RunRecorder(currentLearnerLine);
  private readonly unsubscribe: (() => void)[];
  private readonly stackTraceLimit = Error.stackTraceLimit;
  private active = true;

  constructor(connections: readonly Connection[]) {
    instanceCounter.reset();
    this.unsubscribe = connections.map((c) => c.subscribe(this.recorder.onStatement));
    Error.stackTraceLimit = RUN_STACK_TRACE_LIMIT;
  }

  finish(durationMs = 0): RunRecord {
    this.dispose();
    this.recorder.noteInstances(instanceCounter.created, instanceCounter.peak);
    return this.recorder.finish(null, null, durationMs);
  }

  /** Unsubscribes and restores the stack trace limit without building a record. */
  dispose(): void {
    if (!this.active) return;
    this.active = false;
    Error.stackTraceLimit = this.stackTraceLimit;
    for (const u of this.unsubscribe) u();
  }
}

/** runCode's Error.stackTraceLimit while learner code runs. */
const RUN_STACK_TRACE_LIMIT = 100;

/** A fresh run's query-log state: connection.queries empty (a reused world would keep the last run's). */
export function resetQueryLogs(world: BlogWorld): void {
  for (const c of world.runtime.connections.all()) c.reset_queries();
}
