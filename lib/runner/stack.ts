/**
 * Where in the learner's code was an error raised? The learner's code is
 * compiled with `//# sourceURL=learner.js`, so its frames carry that file name
 * in V8 (Node and Chromium) stack traces.
 */
export const LEARNER_FILE = 'learner.js';

export interface Position {
  line: number;
  column: number;
}

let lineOffset = 0;

/** Lines the Function wrapper adds before the learner's first line (measured once by the runner). */
export function setLineOffset(offset: number): void {
  lineOffset = offset;
}

/** The learner's line in an error's stack. */
export function errorPosition(error: unknown): Position | null {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  const m = /learner\.js:(\d+):(\d+)/.exec(stack);
  return m ? { line: Number(m[1]) - lineOffset, column: Number(m[2]) } : null;
}
