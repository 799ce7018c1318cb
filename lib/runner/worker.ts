/// <reference lib="webworker" />
/**
 * The runner worker: owns sql.js, the ORM and the learner's code; the page's
 * thread never runs learner code. Started by `worker-client.ts`:
 *   new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })
 *
 * - `init`: loads sql.js's wasm from the app itself, then blocks the network
 *   (network-guard.ts) and answers `ready` with the schema and the .d.ts.
 * - `prepare`: builds a dataset size's pristine snapshot once (or keeps the one
 *   the page handed back after a restart) and sends the page a copy.
 * - `run`: runs code on a fresh copy of the snapshot (restore, not regenerate).
 * - `explain`: EXPLAIN QUERY PLAN of one statement on a fresh copy.
 * - `lesson-prepare` / `lesson-run` / `lesson-types`: lesson pages. A
 *   createLocalRunner (lib/lessons/runner.ts) builds each lesson's data once and
 *   runs before.ts, the learner's code and check.ts on fresh copies of it.
 *
 * Time limits are the page's job: a runaway run is stopped by terminating this
 * worker, so nothing here needs to be interruptible.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { createBlogSchema, openBlog } from '../db/datasets/blog';
import { openDatabase } from '../db/database';
import { SQLJS_CONFIG } from '../db/sqlite-functions';
import type { ModelClass } from '../orm/model';
import { declarationsFor, type LearnerTypes } from './declarations';
import { blockNetwork, checkLearnerSource } from './network-guard';
import type { BlogSize, ExplainRow, WorkerMessage, WorkerRequest } from './protocol';
import { learnerScope } from './scope';
import { describeSchema, rowCounts, type DatasetSchema } from './schema-info';
import { buildSnapshot, openRunWorld, runObservingRelations, runOnSnapshot } from './session';
import type { BlogWorld } from '../db/datasets/blog';
import { emptyRecord, type RunRecord } from './record';
import { LessonDataError } from '../lessons/data-error';
import { standardBlogSize } from '../lessons/lesson';
import { createLocalRunner, lessonModels } from '../lessons/runner';
import type { LessonDataErrorInfo } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope & Record<string, unknown>;
// Kept before the network guard shadows them for learner code.
const post = scope.postMessage.bind(scope) as (message: WorkerMessage, transfer?: Transferable[]) => void;

let SQL: SqlJsStatic | null = null;
let schema: DatasetSchema | null = null;
const snapshots = new Map<BlogSize, Uint8Array>();
let warmedUp = false;

/**
 * The next run's world, restored ahead of time: restoring two copies of a 12 MB
 * database takes tens of milliseconds in wasm, so it happens right after a run
 * (once the result is posted) instead of after the next click.
 */
let spare: { size: BlogSize; snapshot: Uint8Array; world: BlogWorld } | null = null;
let spareTimer: ReturnType<typeof setTimeout> | null = null;

function closeWorld(world: BlogWorld): void {
  for (const c of world.runtime.connections.all()) c.db.close();
}

function takeSpare(size: BlogSize, snapshot: Uint8Array): BlogWorld | undefined {
  const s = spare;
  spare = null;
  if (!s) return undefined;
  if (s.size === size && s.snapshot === snapshot) return s.world;
  closeWorld(s.world);
  return undefined;
}

function prepareSpare(size: BlogSize): void {
  if (spareTimer) clearTimeout(spareTimer);
  spareTimer = setTimeout(() => {
    spareTimer = null;
    const snapshot = snapshots.get(size);
    if (!SQL || !snapshot || (spare && spare.size === size)) return;
    if (spare) closeWorld(spare.world);
    spare = { size, snapshot, world: openRunWorld(SQL, snapshot) };
  }, 0);
}

/** Short N+1 and eager-load runs so the first real run doesn't pay for the JIT. */
const WARMUP = `for (const p of Post.objects.all().slice(0, 40)) p.author.username;
for (const p of Post.objects.select_related('author').prefetch_related('tags').slice(0, 40)) p.tags.all().length;
Author.objects.annotate({ n: Count('post') }).filter({ n__gt: 1 }).values('username', 'n').slice(0, 5).count();`;

function now(): number {
  return performance.now();
}

function describe(sql: SqlJsStatic): { schema: DatasetSchema; types: LearnerTypes; scopeNames: string[] } {
  const world = openBlog(sql);
  createBlogSchema(world);
  const models = Object.values(world.models) as ModelClass[];
  const described = describeSchema(models, world.runtime.connections.get('default').db);
  const scopeNames = [...Object.keys(learnerScope(world.runtime, { ...world.models })), 'print'];
  for (const c of world.runtime.connections.all()) c.db.close();
  return { schema: described, types: declarationsFor(models, scopeNames), scopeNames };
}

async function init(request: Extract<WorkerRequest, { type: 'init' }>): Promise<void> {
  const started = now();
  post({ type: 'progress', phase: 'sqljs', message: 'Loading SQLite (sql.js)…' });
  SQL = await initSqlJs({ ...SQLJS_CONFIG, locateFile: () => request.wasmUrl });
  // From here on nothing is fetched: learner code must not reach the network.
  const blocked = blockNetwork(scope);
  for (const { size, bytes } of request.snapshots) snapshots.set(size, bytes);
  const described = describe(SQL);
  schema = described.schema;
  post({
    type: 'ready',
    schema: described.schema,
    declarations: described.types.declarations,
    compiler_options: described.types.compilerOptions,
    typed_declarations: described.types.typed,
    scope_names: described.scopeNames,
    sizes: [...snapshots.keys()],
    blocked,
    init_ms: now() - started,
  });
  // After a restart the snapshots came back with the page: warm up on one, open the next run's copy.
  const [restored] = request.snapshots;
  if (restored) {
    warmUp(restored.bytes);
    prepareSpare(restored.size);
  }
}

function warmUp(bytes: Uint8Array): void {
  if (warmedUp) return;
  runOnSnapshot(requireSql(), bytes, WARMUP);
  warmedUp = true;
}

function requireSql(): SqlJsStatic {
  if (!SQL) throw new Error('The runner is not initialised yet.');
  return SQL;
}

function snapshotFor(size: BlogSize, id: number): Uint8Array {
  let bytes = snapshots.get(size);
  if (!bytes) {
    post({ type: 'progress', id, phase: 'dataset', message: `Generating the ${size} blog dataset…` });
    bytes = buildSnapshot(requireSql(), { kind: 'dataset', dataset: 'blog', size });
    snapshots.set(size, bytes);
  }
  return bytes;
}

function prepare(id: number, size: BlogSize): void {
  const started = now();
  const had = snapshots.has(size);
  const bytes = snapshotFor(size, id);
  const db = openDatabase(requireSql(), bytes);
  const rows = rowCounts(db, schema?.tables ?? []);
  db.close();
  if (!warmedUp) {
    post({ type: 'progress', id, phase: 'warmup', message: 'Warming up the ORM…' });
    warmUp(bytes);
  }
  // The page keeps a copy so that a restarted worker restores instead of regenerating.
  const copy = had ? null : bytes.slice();
  post({ type: 'dataset', id, size, rows, bytes: copy, build_ms: now() - started }, copy ? [copy.buffer] : []);
  prepareSpare(size);
}

function refused(code: string): RunRecord | null {
  const problem = checkLearnerSource(code);
  if (!problem) return null;
  return emptyRecord(null, { type: 'PermissionError', message: problem.message, line: problem.line, column: problem.column });
}

function run(request: Extract<WorkerRequest, { type: 'run' }>): void {
  const started = now();
  const bytes = snapshotFor(request.size, request.id);
  // Python source is translated, never evaluated as JavaScript: its generated code has no import().
  const refusal = request.language === 'python' ? null : refused(request.code);
  const { record, access } = refusal
    ? { record: refusal, access: null }
    : runObservingRelations(requireSql(), bytes, request.code, { file: request.file ?? null, language: request.language, world: takeSpare(request.size, bytes) });
  // `result` may hold anything (instances, querysets): only plain data crosses.
  if ('result' in record) {
    try {
      structuredClone(record.result);
    } catch {
      delete record.result;
    }
  }
  post({ type: 'result', id: request.id, record, access, worker_ms: now() - started });
  prepareSpare(request.size);
}

function explain(request: Extract<WorkerRequest, { type: 'explain' }>): void {
  const bytes = snapshotFor(request.size, request.id);
  const world = openBlog(requireSql(), bytes);
  try {
    const conn = world.runtime.connections.get('default');
    const rows = conn.fetchAll(`EXPLAIN QUERY PLAN ${request.sql}`, request.params);
    const plan: ExplainRow[] = rows.map((r) => ({ id: Number(r[0]), parent: Number(r[1]), detail: String(r[3]) }));
    post({ type: 'explained', id: request.id, plan, error: null });
  } catch (e) {
    post({ type: 'explained', id: request.id, plan: [], error: e instanceof Error ? e.message : String(e) });
  } finally {
    for (const c of world.runtime.connections.all()) c.db.close();
  }
}

// ------------------------------------------------------------------ lesson pages

/** Lesson databases beyond the blog snapshots (hidden data, data.ts, fixtures): a few, least recently used dropped. */
const LESSON_SNAPSHOTS = 3;
let lessonRunner: ReturnType<typeof createLocalRunner> | null = null;
/** The request being handled, for progress messages while a blog size is built for a lesson. */
let lessonRequestId = 0;

function lessons(): ReturnType<typeof createLocalRunner> {
  lessonRunner ??= createLocalRunner(requireSql(), {
    // A standard blog size is the sandbox's snapshot: one copy, restored after a restart.
    existing: (data) => {
      const size = standardBlogSize(data);
      return size ? snapshotFor(size, lessonRequestId) : undefined;
    },
    maxSnapshots: LESSON_SNAPSHOTS,
  });
  return lessonRunner;
}

function dataError(e: unknown): LessonDataErrorInfo | null {
  if (!(e instanceof LessonDataError)) return null;
  return { file: e.file, message: e.message, ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}) };
}

function lessonPrepare(request: Extract<WorkerRequest, { type: 'lesson-prepare' }>): void {
  const started = now();
  lessonRequestId = request.id;
  try {
    if (!standardBlogSize(request.data)) post({ type: 'progress', id: request.id, phase: 'dataset', message: `Preparing the lesson's data (${request.data.label})…` });
    lessons().snapshot(request.data);
  } catch (e) {
    const error = dataError(e);
    if (!error) throw e;
    post({ type: 'lesson-prepared', id: request.id, key: request.data.key, build_ms: now() - started, error });
    return;
  }
  post({ type: 'lesson-prepared', id: request.id, key: request.data.key, build_ms: now() - started, error: null });
}

async function lessonRun(request: Extract<WorkerRequest, { type: 'lesson-run' }>): Promise<void> {
  const started = now();
  lessonRequestId = request.id;
  const refusal = refused(request.run.code);
  let result: Awaited<ReturnType<ReturnType<typeof createLocalRunner>['run']>>;
  try {
    result = refusal ? { record: { ...refusal, file: request.run.file } } : await lessons().run(request.run);
  } catch (e) {
    const error = dataError(e);
    if (!error) throw e;
    post({ type: 'lesson-result', id: request.id, result: null, error, worker_ms: now() - started });
    return;
  }
  if ('result' in result.record) {
    try {
      structuredClone(result.record.result);
    } catch {
      delete result.record.result;
    }
  }
  post({ type: 'lesson-result', id: request.id, result, error: null, worker_ms: now() - started });
}

function lessonTypes(request: Extract<WorkerRequest, { type: 'lesson-types' }>): void {
  let found: { models: ModelClass[]; scopeNames: string[] };
  try {
    found = lessonModels(requireSql(), request.data);
  } catch (e) {
    const error = dataError(e);
    if (!error) throw e;
    post({ type: 'lesson-typed', id: request.id, declarations: '', compiler_options: {}, typed: false, error });
    return;
  }
  const types = declarationsFor(found.models, found.scopeNames);
  post({ type: 'lesson-typed', id: request.id, declarations: types.declarations, compiler_options: types.compilerOptions, typed: types.typed, error: null });
}

function handle(request: WorkerRequest): Promise<void> | void {
  switch (request.type) {
    case 'lesson-prepare':
      return lessonPrepare(request);
    case 'lesson-run':
      return lessonRun(request);
    case 'lesson-types':
      return lessonTypes(request);
    case 'init':
      return init(request);
    case 'prepare':
      return prepare(request.id, request.size);
    case 'run':
      return run(request);
    case 'explain':
      return explain(request);
  }
}

// One request at a time, in order (init is asynchronous; the rest are not).
let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    try {
      await handle(request);
    } catch (e) {
      const id = 'id' in request ? request.id : null;
      post({ type: 'failure', id, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  });
});
