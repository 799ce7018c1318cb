/**
 * What `npm run lessons:check` asks of a valid lesson: solution.ts passes every
 * check on the visible and the hidden data, and before.ts fails at least one
 * (else the lesson teaches nothing).
 */
import type { RunRecord } from '../runner/record';
import { statementCount } from './checks';
import type { LessonError } from './errors';
import { checkLesson, type LessonCheckResult } from './evaluate';
import type { Lesson } from './lesson';
import type { LessonRunner } from './runner';

/** Round-trip latency the modeled time adds per statement (design.md, "Honest numbers"). */
export const ROUND_TRIP_MS = 1;

export interface RunSummary {
  statements: number;
  rows: number;
  measuredMs: number;
  /** statements × ROUND_TRIP_MS + measured. */
  modeledMs: number;
}

export function summarize(record: RunRecord): RunSummary {
  const statements = statementCount(record);
  return { statements, rows: record.totals.rows, measuredMs: record.duration_ms, modeledMs: statements * ROUND_TRIP_MS + record.duration_ms };
}

export interface LessonVerification {
  lesson: Lesson;
  before: LessonCheckResult;
  solution: LessonCheckResult;
  errors: LessonError[];
}

export async function verifyLesson(lesson: Lesson, runner: LessonRunner): Promise<LessonVerification> {
  const beforeCache = new Map<string, RunRecord>();
  const solution = await checkLesson(lesson, lesson.solution, runner, { file: 'solution.ts', hidden: 'always', beforeCache });
  const before = await checkLesson(lesson, lesson.before, runner, { file: 'before.ts', hidden: 'never', beforeCache });
  const errors: LessonError[] = [...solution.problems];
  for (const o of solution.outcomes) {
    if (!o.passed) errors.push({ file: `${lesson.dir}/solution.ts`, message: `fails "${o.label}" (${o.check}) on ${o.data === 'code' ? 'its code' : o.dataLabel}: ${o.reason}` });
  }
  if (!solution.problems.length && before.outcomes.length && before.outcomes.every((o) => o.passed)) {
    const s = before.runs[0] ? summarize(before.runs[0].learner) : null;
    errors.push({
      file: `${lesson.dir}/before.ts`,
      message: `passes every check, so the lesson teaches nothing: tighten a check${s ? ` (before.ts ran ${s.statements} statements and fetched ${s.rows} rows)` : ''}`,
    });
  }
  return { lesson, before, solution, errors };
}
