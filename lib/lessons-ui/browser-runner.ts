/**
 * lib/lessons' `LessonRunner` on the page's runner worker: each run is a
 * `lesson-run` request (the worker hosts createLocalRunner), so the learner's
 * code, before.ts and check.ts all run in the worker, under the same time
 * limit and restart behaviour as the sandbox. `checkLesson` itself (pure
 * evaluation of the run records) runs on the page.
 *
 * A run stopped at the time limit becomes a run record with a TimeoutError,
 * so the check list says "Runs without an error: TimeoutError: ..." instead
 * of blaming the lesson.
 */
import { LessonDataError } from '../lessons/data-error';
import type { LessonRunner, LessonRunRequest, LessonRunResult } from '../lessons/runner';
import { emptyRecord, type RunRecord } from '../runner/record';
import type { LessonRunOutcome } from '../runner/worker-client';

/** Thrown when the learner stopped the check (or a newer one replaced it). */
export class CheckCancelled extends Error {
  constructor() {
    super('the check was stopped');
    this.name = 'CheckCancelled';
  }
}

export interface LessonRunClient {
  runLesson(run: LessonRunRequest, options?: { key?: string }): Promise<LessonRunOutcome>;
}

export function timeoutRecord(file: string, limitMs: number): RunRecord {
  return emptyRecord(file, {
    type: 'TimeoutError',
    message: `stopped after ${limitMs / 1000} s (the time limit): does a loop never end, or run far more queries than it needs?`,
    line: null,
    column: null,
  });
}

export interface BrowserLessonRunner extends LessonRunner {
  /** Runs made so far (for progress: "Running before.ts on hidden data…"). */
  readonly runs: number;
}

/** A LessonRunner over the page's RunnerClient; `onRun` hears about each run as it starts. */
export function browserLessonRunner(client: LessonRunClient, options: { onRun?: (request: LessonRunRequest) => void; key?: string; customTitle?: string | null } = {}): BrowserLessonRunner {
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    async run(request: LessonRunRequest): Promise<LessonRunResult> {
      runs++;
      options.onRun?.(request);
      const outcome = await client.runLesson(request, options.key ? { key: options.key } : {});
      if ('result' in outcome) return outcome.result;
      if ('timeout' in outcome) {
        const record = timeoutRecord(request.file, outcome.limit_ms);
        return request.custom ? { record, custom: { passed: false, message: `${request.custom.file} did not run: the code was stopped at the time limit`, title: options.customTitle ?? null } } : { record };
      }
      if ('dataError' in outcome) {
        const e = outcome.dataError;
        throw new LessonDataError(e.file, e.message, e.line, e.column);
      }
      if ('cancelled' in outcome) throw new CheckCancelled();
      throw new Error(outcome.failed);
    },
  };
}
