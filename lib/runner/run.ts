import type { Connection } from '../orm/backend/connection';
import { instanceCounter } from '../orm/iterables';
import { pyStr } from '../orm/utils/pyformat';
import { pythonScope, toPythonError, translatePython } from '../python';
import { jsonable } from './jsonable';
import { RunRecorder, type LIMITS, type RunError, type RunRecord } from './record';
import { addLineMarkers, LINE_MARKER, learnerLine, MarkerSyntaxError, currentLearnerLine, type MarkedCode } from './line-markers';
import { errorPosition, LEARNER_FILE, setLineOffset, type Position } from './stack';
import { transpile } from './transpile';

export interface RunOptions {
  code: string;
  file?: string | null;
  /** Names in scope for the learner's code (models, ORM API, helpers), without `print`. */
  scope: Record<string, unknown>;
  /** Connections whose statements go into the record. */
  connections: Connection[];
  /** Overrides of the record's size limits (tests compare full SQL). */
  limits?: Partial<typeof LIMITS>;
  /** The learner's language: TypeScript (default) or Django's Python, translated by lib/python. */
  language?: 'typescript' | 'python';
}

const PRELUDE = '"use strict";\nvar result;\nreturn (function () {\n';
const POSTLUDE = '\nreturn result;\n})();\n//# sourceURL=' + LEARNER_FILE;

/** Measures how many lines V8's Function wrapper and our prelude add, once. */
function measureLineOffset(): void {
  try {
    new Function(PRELUDE + 'throw new Error();' + POSTLUDE)();
  } catch (e) {
    const m = /learner\.js:(\d+):/.exec((e as Error).stack ?? '');
    setLineOffset(m ? Number(m[1]) - 1 : 0);
  }
}
measureLineOffset();

/** Maps a position in the compiled code back to the learner's source (Python mode). */
type SourceMap = (line: number, column: number) => Position;

/** The learner's position of an error raised in the instrumented code. */
function toRunError(e: unknown, marked: MarkedCode | null, toSource: SourceMap | null): RunError {
  const found = errorPosition(e);
  let position: Position | null = found && marked ? { line: found.line, column: marked.originalColumn(found.line, found.column) } : found;
  if (position && toSource) position = toSource(position.line, position.column);
  const where = { line: position?.line ?? null, column: position?.column ?? null };
  if (e instanceof Error) {
    const sql = (e as { sql?: string }).sql;
    return { type: e.name || 'Error', message: e.message, ...where, ...(sql ? { sql } : {}) };
  }
  return { type: 'Error', message: String(e), ...where };
}

/**
 * Runs learner TypeScript with the ORM in scope and returns its run record:
 * printed output, the error if any (with its line), and every statement with
 * the learner's line that caused it. The same code runs in the browser worker
 * and under Node.
 */
export function runCode(options: RunOptions): RunRecord {
  const file = options.file ?? null;
  const python = options.language === 'python';
  const recorder = new RunRecorder(currentLearnerLine, options.limits);
  const started = performance.now();
  const fail = (error: RunError) => recorder.finish(file, error, performance.now() - started);
  const compiled = python ? translatePython(options.code) : transpile(options.code, file ?? 'learner.ts');
  if ('error' in compiled) return fail(compiled.error);
  const toSource = 'mapPosition' in compiled ? (compiled.mapPosition as SourceMap) : null;
  let marked: MarkedCode;
  try {
    marked = addLineMarkers(compiled.code, toSource ? (line, column) => toSource(line, column).line : undefined);
  } catch (e) {
    if (!(e instanceof MarkerSyntaxError)) throw e;
    const at = toSource ? toSource(e.line, e.column) : { line: e.line, column: e.column };
    return fail({ type: 'SyntaxError', message: e.message, line: at.line, column: at.column });
  }

  const print = (...args: unknown[]) => recorder.print(args.map(pyStr).join(' '));
  const scope: Record<string, unknown> = python ? pythonScope(options.scope, (text) => recorder.print(text)) : { ...options.scope, print };
  scope[LINE_MARKER] = learnerLine;
  const names = Object.keys(scope);
  let fn: (...args: unknown[]) => unknown;
  try {
    fn = new Function(...names, PRELUDE + marked.code + POSTLUDE) as typeof fn;
  } catch (e) {
    return fail({ ...toRunError(e, marked, toSource), type: 'SyntaxError' });
  }
  const unsubscribe = options.connections.map((c) => c.subscribe(recorder.onStatement, recorder.onStreamEnd));
  instanceCounter.reset();
  let error: RunError | null = null;
  let result: unknown;
  // ORM errors are raised many frames below the learner's code; keep enough frames to find its line.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  learnerLine.line = 0;
  try {
    result = fn(...names.map((n) => scope[n]));
  } catch (e) {
    error = toRunError(python ? toPythonError(e) : e, marked, toSource);
  } finally {
    learnerLine.line = 0;
    Error.stackTraceLimit = stackTraceLimit;
    for (const u of unsubscribe) u();
  }
  recorder.noteInstances(instanceCounter.created, instanceCounter.peak);
  return recorder.finish(file, error, performance.now() - started, jsonable(result));
}
