import type { Connection } from '../orm/backend/connection';
import { instanceCounter } from '../orm/iterables';
import { pyStr } from '../orm/utils/pyformat';
import { pythonScope, toPythonError, translatePython } from '../python';
import { jsonable } from './jsonable';
import { RunRecorder, type LIMITS, type RunError, type RunRecord } from './record';
import { currentPosition, errorPosition, LEARNER_FILE, setLineOffset, type Position } from './stack';
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

function toRunError(e: unknown, toSource?: SourceMap | null): RunError {
  const found = errorPosition(e);
  const position = found && toSource ? toSource(found.line, found.column) : found;
  if (e instanceof Error) {
    const sql = (e as { sql?: string }).sql;
    return {
      type: e.name || 'Error',
      message: e.message,
      line: position?.line ?? null,
      column: position?.column ?? null,
      ...(sql ? { sql } : {}),
    };
  }
  return { type: 'Error', message: String(e), line: position?.line ?? null, column: position?.column ?? null };
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
  let toSource: SourceMap | null = null;
  const line = () => {
    const p = currentPosition();
    return p && toSource ? toSource(p.line, p.column).line : (p?.line ?? null);
  };
  const recorder = new RunRecorder(line, options.limits);
  const started = performance.now();
  const compiled = python ? translatePython(options.code) : transpile(options.code, file ?? 'learner.ts');
  if ('error' in compiled) return recorder.finish(file, compiled.error, performance.now() - started);
  if ('mapPosition' in compiled) toSource = compiled.mapPosition as SourceMap;

  const print = (...args: unknown[]) => recorder.print(args.map(pyStr).join(' '));
  const scope: Record<string, unknown> = python ? pythonScope(options.scope, (text) => recorder.print(text)) : { ...options.scope, print };
  const names = Object.keys(scope);
  let fn: (...args: unknown[]) => unknown;
  try {
    fn = new Function(...names, PRELUDE + compiled.code + POSTLUDE) as typeof fn;
  } catch (e) {
    const err = toRunError(e);
    return recorder.finish(file, { ...err, type: 'SyntaxError' }, performance.now() - started);
  }
  const unsubscribe = options.connections.map((c) => c.subscribe(recorder.onStatement, recorder.onStreamEnd));
  instanceCounter.reset();
  let error: RunError | null = null;
  let result: unknown;
  // ORM errors are raised many frames below the learner's code; keep enough frames to find its line.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  try {
    result = fn(...names.map((n) => scope[n]));
  } catch (e) {
    error = python ? toRunError(toPythonError(e), toSource) : toRunError(e);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    for (const u of unsubscribe) u();
  }
  recorder.noteInstances(instanceCounter.created, instanceCounter.peak);
  return recorder.finish(file, error, performance.now() - started, jsonable(result));
}
