/**
 * Running a lesson's code. `checkLesson` talks to a `LessonRunner`, so the same
 * evaluation runs under Node (`npm run lessons:check`, tests) and in the
 * browser, where the lesson page's worker implements `run` (it can simply host
 * `createLocalRunner` inside the worker and post requests to it).
 */
import type { SqlJsStatic } from 'sql.js';
import { buildFixtureSnapshot, createBlogSchema, openBlog } from '../db/datasets/blog';
import { openDatabase } from '../db/database';
import { loaddata } from '../db/fixtures';
import { Prng } from '../db/prng';
import { SchemaEditor } from '../db/schema';
import { Apps } from '../orm/apps';
import { Model, type ModelClass } from '../orm/model';
import type { Runtime } from '../orm/runtime';
import { createRuntime } from '../orm/setup';
import type { RunRecord } from '../runner/record';
import { autoMigrate } from '../runner/migrate';
import { runCode } from '../runner/run';
import { learnerScope } from '../runner/scope';
import { buildSnapshot, runOnSnapshot } from '../runner/session';
import { compileCustomCheck, readOnlyDb, runCustomCheck, type CustomCheckResult } from './custom-check';
import { LessonDataError } from './data-error';
import type { LessonData } from './lesson';
import { evaluateModule } from './module';

export interface LessonRunRequest {
  data: LessonData;
  code: string;
  /** The file name the record carries: `before.ts`, `solution.ts`, `learner.ts`. */
  file: string;
  /** check.ts to run on this run's final database. */
  custom?: { source: string; file: string; before: RunRecord; data: 'visible' | 'hidden' };
}

export interface LessonRunResult {
  record: RunRecord;
  custom?: CustomCheckResult & { title: string | null };
}

export interface LessonRunner {
  run(request: LessonRunRequest): Promise<LessonRunResult>;
}

export { LessonDataError };

/** App label of models.ts models: tables are `app_<model>` unless Meta says otherwise; fixtures say `app.book`. */
export const LESSON_APP_LABEL = 'app';

interface World {
  runtime: Runtime;
  models: Record<string, ModelClass>;
}

function closeWorld(world: World): void {
  for (const c of world.runtime.connections.all()) c.db.close();
}

/** A runtime on `bytes` with models.ts's models (fresh classes every time, as for the blog models). */
function openModelsWorld(SQL: SqlJsStatic, bytes: Uint8Array | undefined, source: string, replica: boolean): World {
  const apps = new Apps(LESSON_APP_LABEL);
  const databases = { default: openDatabase(SQL, bytes), ...(replica ? { replica: openDatabase(SQL, bytes) } : {}) };
  const runtime = createRuntime({ databases, apps });
  const result = evaluateModule(source, 'models.ts', learnerScope(runtime, {}));
  if ('error' in result) {
    closeWorld({ runtime, models: {} });
    throw new LessonDataError('models.ts', result.error.message, result.error.line, result.error.column);
  }
  const models: Record<string, ModelClass> = {};
  for (const [name, value] of Object.entries(result.exports)) {
    if (typeof value === 'function' && value.prototype instanceof Model) models[name] = value as ModelClass;
  }
  if (!Object.keys(models).length) {
    closeWorld({ runtime, models });
    throw new LessonDataError('models.ts', 'expected exported models (`export class Book extends Model { ... }`), got none');
  }
  try {
    apps.register(...Object.values(models));
  } catch (e) {
    closeWorld({ runtime, models });
    throw new LessonDataError('models.ts', `${(e as Error).name}: ${(e as Error).message}`);
  }
  return { runtime, models };
}

function openWorld(SQL: SqlJsStatic, bytes: Uint8Array | undefined, data: LessonData, replica: boolean): World {
  if (data.models !== null) return openModelsWorld(SQL, bytes, data.models, replica);
  const world = openBlog(SQL, bytes, { replica });
  return { runtime: world.runtime, models: { ...world.models } };
}

function baseSnapshot(SQL: SqlJsStatic, data: LessonData): Uint8Array | undefined {
  const source = data.source;
  if (data.models !== null) {
    // The lesson's own tables, then its fixture rows.
    const world = openModelsWorld(SQL, undefined, data.models, false);
    try {
      new SchemaEditor(world.runtime.connections.get('default')).create_models(world.runtime.apps.get_models());
      if (source.kind === 'fixture') loadFixture(world, source.records, source.file);
      return world.runtime.connections.get('default').db.export();
    } finally {
      closeWorld(world);
    }
  }
  switch (source.kind) {
    case 'dataset':
      return buildSnapshot(SQL, { kind: 'dataset', dataset: source.dataset, size: source.size, seed: source.seed ?? undefined });
    case 'fixture':
      try {
        return buildFixtureSnapshot(SQL, source.records, source.file);
      } catch (e) {
        throw new LessonDataError(source.file, (e as Error).message.replace(`${source.file}: `, ''));
      }
    case 'empty':
      return undefined;
  }
}

function loadFixture(world: World, records: unknown, file: string): void {
  try {
    loaddata(world.runtime.apps, records, file);
  } catch (e) {
    throw new LessonDataError(file, (e as Error).message.replace(`${file}: `, ''));
  }
}

/** Runs data.ts on top of the base rows; its statements are not part of any run record. */
function applySetup(SQL: SqlJsStatic, base: Uint8Array | undefined, data: LessonData): Uint8Array {
  const world = openWorld(SQL, base, data, false);
  try {
    const record = runCode({
      code: data.setup ?? '',
      file: 'data.ts',
      scope: { ...learnerScope(world.runtime, world.models), SEED: data.seed, rng: new Prng(data.seed) },
      connections: [],
    });
    if (record.error) {
      const e = record.error;
      throw new LessonDataError('data.ts', `${e.type}: ${e.message}`, e.line ?? undefined, e.column ?? undefined);
    }
    return world.runtime.connections.get('default').db.export();
  } finally {
    closeWorld(world);
  }
}

/**
 * A runner on sql.js, for Node and for a browser worker alike: builds each
 * lesson database once (cached by `LessonData.key`) and runs every request on a
 * fresh copy of it.
 */
export interface LocalRunnerOptions {
  /**
   * A database the host already holds for `data` (the browser worker's blog
   * snapshot of a size): used instead of building and caching another copy.
   */
  existing?: (data: LessonData) => Uint8Array | undefined;
  /** Lesson databases kept (least recently used dropped first); default: all. */
  maxSnapshots?: number;
}

export function createLocalRunner(SQL: SqlJsStatic, options: LocalRunnerOptions = {}): LessonRunner & { snapshot(data: LessonData): Uint8Array } {
  const snapshots = new Map<string, Uint8Array>();
  const limit = Math.max(1, options.maxSnapshots ?? Infinity);

  const snapshot = (data: LessonData): Uint8Array => {
    const existing = options.existing?.(data);
    if (existing) return existing;
    let bytes = snapshots.get(data.key);
    if (bytes) {
      // Most recently used last.
      snapshots.delete(data.key);
    } else {
      const base = baseSnapshot(SQL, data);
      bytes = data.setup !== null ? applySetup(SQL, base, data) : (base ?? new SQL.Database().export());
    }
    snapshots.set(data.key, bytes);
    while (snapshots.size > limit) snapshots.delete(snapshots.keys().next().value!);
    return bytes;
  };

  /** check.ts on a copy of the run's final database. */
  const runCustom = (custom: NonNullable<LessonRunRequest['custom']>, record: RunRecord, finalBytes: Uint8Array | null): NonNullable<LessonRunResult['custom']> => {
    const { source, file, before, data } = custom;
    const compiled = compileCustomCheck(source, file);
    if ('error' in compiled) {
      return { passed: false, message: `${file}${compiled.error.line ? `:${compiled.error.line}` : ''}: ${compiled.error.message}`, title: null };
    }
    if (!finalBytes) return { passed: false, message: `${file} did not run: the run's final database could not be saved`, title: compiled.title };
    const db = openDatabase(SQL, finalBytes);
    try {
      return { ...runCustomCheck(compiled.check, { record, before, db: readOnlyDb(db), data }, file), title: compiled.title };
    } finally {
      db.close();
    }
  };

  const runSync = (request: LessonRunRequest): LessonRunResult => {
    const bytes = snapshot(request.data);
    let finalBytes: Uint8Array | null = null;
    const keepFinal = (world: World) => () => {
      try {
        finalBytes = world.runtime.connections.get('default').db.export();
      } catch {
        finalBytes = null; // e.g. the code left a transaction open
      }
    };
    let record: RunRecord;
    if (request.data.models === null) {
      // The blog models: exactly the sandbox's run.
      record = runOnSnapshot(SQL, bytes, request.code, { file: request.file, ...(request.custom ? { onWorld: (w) => keepFinal({ runtime: w.runtime, models: { ...w.models } }) } : {}) });
    } else {
      // The same, with models.ts's models.
      const world = openWorld(SQL, bytes, request.data, true);
      world.runtime.apps.onRegister = autoMigrate(world.runtime.connections.get('default'));
      try {
        record = runCode({
          code: request.code,
          file: request.file,
          scope: learnerScope(world.runtime, world.models),
          connections: world.runtime.connections.all(),
        });
        if (request.custom) keepFinal(world)();
      } finally {
        closeWorld(world);
      }
    }
    return request.custom ? { record, custom: runCustom(request.custom, record, finalBytes) } : { record };
  };

  return {
    snapshot,
    run: async (request) => runSync(request),
  };
}

/**
 * The models a lesson's code sees (models.ts's own, or the blog models) and
 * the names in its scope: what the editor's typings are generated from.
 * Raises LessonDataError when models.ts is broken.
 */
export function lessonModels(SQL: SqlJsStatic, data: LessonData): { models: ModelClass[]; scopeNames: string[] } {
  const world = openWorld(SQL, undefined, data, false);
  try {
    return { models: Object.values(world.models), scopeNames: [...Object.keys(learnerScope(world.runtime, world.models)), 'print'] };
  } finally {
    closeWorld(world);
  }
}
