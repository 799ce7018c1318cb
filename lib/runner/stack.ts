/**
 * Where in the learner's code are we? The learner's code is compiled with
 * `//# sourceURL=learner.js`, so its frames carry that file name in V8 (Node and
 * Chromium) stack traces.
 */
export const LEARNER_FILE = 'learner.js';

export interface Position {
  line: number;
  column: number;
}

interface CallSite {
  getScriptNameOrSourceURL(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}

type V8Error = ErrorConstructor & {
  prepareStackTrace?: (error: Error, frames: CallSite[]) => unknown;
  captureStackTrace(target: object): void;
};

let lineOffset = 0;

/** Lines the Function wrapper adds before the learner's first line (measured once by the runner). */
export function setLineOffset(offset: number): void {
  lineOffset = offset;
}

function findLearnerFrame(_error: Error, frames: CallSite[]): Position | null {
  for (const f of frames) {
    // V8 in Node 20 gives code made by `new Function` no file name; its sourceURL is here.
    if (f.getScriptNameOrSourceURL() === LEARNER_FILE) return { line: (f.getLineNumber() ?? 1) - lineOffset, column: f.getColumnNumber() ?? 1 };
  }
  return null;
}

/** The learner's line that is running now (called for every statement: kept cheap). */
export function currentPosition(): Position | null {
  const E = Error as V8Error;
  const previous = E.prepareStackTrace;
  const previousLimit = E.stackTraceLimit;
  E.prepareStackTrace = findLearnerFrame;
  E.stackTraceLimit = 64;
  try {
    const holder: { stack?: Position | null } = {};
    E.captureStackTrace(holder);
    return holder.stack ?? null;
  } finally {
    E.prepareStackTrace = previous;
    E.stackTraceLimit = previousLimit;
  }
}

/** The learner's line in an error's stack. */
export function errorPosition(error: unknown): Position | null {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  const m = /learner\.js:(\d+):(\d+)/.exec(stack);
  return m ? { line: Number(m[1]) - lineOffset, column: Number(m[2]) } : null;
}
