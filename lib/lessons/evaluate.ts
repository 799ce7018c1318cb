/**
 * Check: runs before.ts and the learner's code on fresh copies of the same
 * data (and again on the hidden data), and evaluates every check of the
 * lesson. Used by `npm run lessons:check` and by the lesson page's Check button.
 */
import type { RunRecord } from '../runner/record';
import { runChecks, staticChecks, type CheckId } from './checks';
import type { LessonError } from './errors';
import type { Lesson, LessonData } from './lesson';
import { LessonDataError } from './data-error';
import type { LessonRunner } from './runner';

export type DataKind = 'visible' | 'hidden';

export interface CheckOutcome {
  check: CheckId;
  label: string;
  passed: boolean;
  reason: string;
  /** `code` for checks that read the code only; otherwise the data the run used. */
  data: 'code' | DataKind;
  /** `blog default`, `blog default, seed 7`; `your code` for code checks. */
  dataLabel: string;
}

export interface DataRun {
  data: DataKind;
  label: string;
  before: RunRecord;
  learner: RunRecord;
}

export interface LessonCheckResult {
  passed: boolean;
  outcomes: CheckOutcome[];
  runs: DataRun[];
  /** Mistakes in the lesson itself (before.ts raised, data.ts or fixture.json broken). */
  problems: LessonError[];
}

export interface CheckLessonOptions {
  /** File name of the checked code in records and messages (default `learner.ts`). */
  file?: string;
  /**
   * Hidden data: `if-visible-passes` (default, the Check button: no point
   * re-running a failing answer), `always`, or `never`.
   */
  hidden?: 'if-visible-passes' | 'always' | 'never';
  /** before.ts records by data key, kept between checks (before.ts never changes). */
  beforeCache?: Map<string, RunRecord>;
}

function problemOf(lesson: Lesson, e: unknown): LessonError {
  if (e instanceof LessonDataError) {
    return { file: `${lesson.dir}/${e.file}`, ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}), message: e.message };
  }
  return { file: lesson.dir, message: `could not run the lesson: ${(e as Error)?.message ?? String(e)}` };
}

export async function checkLesson(lesson: Lesson, learnerCode: string, runner: LessonRunner, options: CheckLessonOptions = {}): Promise<LessonCheckResult> {
  const checks = lesson.meta.checks;
  const file = options.file ?? 'learner.ts';
  const cache = options.beforeCache ?? new Map<string, RunRecord>();
  const mode = options.hidden ?? 'if-visible-passes';
  const outcomes: CheckOutcome[] = staticChecks(checks, learnerCode).map((r) => ({ ...r, data: 'code', dataLabel: 'your code' }));
  const runs: DataRun[] = [];
  const problems: LessonError[] = [];

  const datas: [DataKind, LessonData][] = [['visible', lesson.data.visible]];
  if (lesson.data.hidden && mode !== 'never') datas.push(['hidden', lesson.data.hidden]);

  for (const [kind, data] of datas) {
    if (kind === 'hidden' && mode === 'if-visible-passes' && outcomes.some((o) => !o.passed)) break;
    try {
      let before = cache.get(data.key);
      if (!before) {
        before = (await runner.run({ data, code: lesson.before, file: 'before.ts' })).record;
        cache.set(data.key, before);
      }
      if (before.error) {
        const e = before.error;
        problems.push({ file: `${lesson.dir}/before.ts`, ...(e.line ? { line: e.line } : {}), message: `raised ${e.type}: ${e.message} (on ${data.label})` });
        break;
      }
      const reuse = learnerCode === lesson.before && !lesson.check;
      const result = reuse
        ? { record: before, custom: undefined }
        : await runner.run({
            data,
            code: learnerCode,
            file,
            ...(lesson.check && checks.custom ? { custom: { source: lesson.check, file: checks.custom, before, data: kind } } : {}),
          });
      runs.push({ data: kind, label: data.label, before, learner: result.record });
      for (const r of runChecks(checks, { record: result.record, before, custom: result.custom })) {
        outcomes.push({ ...r, data: kind, dataLabel: data.label });
      }
    } catch (e) {
      problems.push(problemOf(lesson, e));
      break;
    }
  }
  const passed = !problems.length && outcomes.length > 0 && outcomes.every((o) => o.passed) && runs.length === datas.length;
  return { passed, outcomes, runs, problems };
}
