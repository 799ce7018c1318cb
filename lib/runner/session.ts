import type { SqlJsStatic } from 'sql.js';
import { buildBlogSnapshot, buildFixtureSnapshot, openBlog, type BlogWorld } from '../db/datasets/blog';
import { checkBlogDatabase } from '../db/datasets/blog-database';
import { BLOG_SIZES, type BlogSize } from '../db/datasets/blog-data';
import type { ModelClass } from '../orm/model';
import { activateRuntime } from '../orm/runtime';
import type { LIMITS, RunRecord } from './record';
import { runCode } from './run';
import { autoMigrate } from './migrate';
import { observeRelationAccess, type RelationAccess } from './relation-access';
import { learnerScope } from './scope';

export const DATASETS = { blog: { sizes: Object.keys(BLOG_SIZES) as BlogSize[] } } as const;
export type DatasetName = keyof typeof DATASETS;

/** What data a run starts from: a generated dataset size, a Django fixture, or an existing database file. */
export type DataSource =
  | { kind: 'dataset'; dataset: DatasetName; size: BlogSize; seed?: number }
  | { kind: 'fixture'; records: unknown; name: string }
  | { kind: 'database'; bytes: Uint8Array };

/**
 * The database bytes every run of this source restores (built once, restored per run).
 * Throws FixtureError for a bad fixture, DatabaseFileError for a database without the blog tables.
 */
export function buildSnapshot(SQL: SqlJsStatic, source: DataSource): Uint8Array {
  switch (source.kind) {
    case 'dataset':
      return buildBlogSnapshot(SQL, source.size, source.seed);
    case 'fixture':
      return buildFixtureSnapshot(SQL, source.records, source.name);
    case 'database':
      checkBlogDatabase(SQL, source.bytes);
      return source.bytes;
  }
}

export interface RunOnSnapshotOptions {
  file?: string | null;
  limits?: Partial<typeof LIMITS>;
  /** The learner's language (default TypeScript); see RunOptions.language. */
  language?: 'typescript' | 'python';
  /**
   * Called with the run's fresh world before the learner's code runs; what it
   * returns is called when the run ends (the worker observes relation reads with it).
   */
  onWorld?: (world: BlogWorld) => (() => void) | void;
  /** A world from `openRunWorld(SQL, snapshot)`, opened ahead of time (the worker does, between runs); used once. */
  world?: BlogWorld;
}

/** The fresh world a run uses: both databases restored from the snapshot, learner models migrated on first use. */
export function openRunWorld(SQL: SqlJsStatic, snapshot: Uint8Array): BlogWorld {
  const world = openBlog(SQL, snapshot, { replica: true });
  world.runtime.apps.onRegister = autoMigrate(world.runtime.connections.get('default'));
  return world;
}

/**
 * Runs learner code on a fresh copy of a snapshot (default database, plus a
 * `replica` alias starting as the same data) and returns the run record. The
 * snapshot itself is never changed.
 */
export function runOnSnapshot(SQL: SqlJsStatic, snapshot: Uint8Array, code: string, options: RunOnSnapshotOptions = {}): RunRecord {
  const world = options.world ?? openRunWorld(SQL, snapshot);
  // A world opened ahead of time may not be the active runtime any more (building another
  // dataset since then activated and closed its own).
  activateRuntime(world.runtime);
  const done = options.onWorld?.(world);
  try {
    return runCode({
      code,
      file: options.file ?? null,
      scope: learnerScope(world.runtime, { ...world.models }),
      connections: world.runtime.connections.all(),
      limits: options.limits,
      language: options.language,
    });
  } finally {
    done?.();
    for (const c of world.runtime.connections.all()) c.db.close();
  }
}

/**
 * runOnSnapshot, also recording which eager loads the run made and which
 * relations it read (what the analysis needs to flag an unused eager load).
 */
export function runObservingRelations(
  SQL: SqlJsStatic,
  snapshot: Uint8Array,
  code: string,
  options: Omit<RunOnSnapshotOptions, 'onWorld'> = {},
): { record: RunRecord; access: RelationAccess | null } {
  let access: RelationAccess | null = null;
  const record = runOnSnapshot(SQL, snapshot, code, {
    ...options,
    onWorld: (world) => {
      const stop = observeRelationAccess(Object.values(world.models) as ModelClass[]);
      return () => {
        access = stop();
      };
    },
  });
  return { record, access };
}
