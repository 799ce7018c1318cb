/**
 * What the Check panel shows, from a `checkLesson` result: a headline, the
 * checks grouped by where they ran (your code; the lesson's data; the hidden
 * data), each passed / failed / not run with its reason, and the before →
 * yours figures from the check's own runs. Pure, so tests pin the wording.
 */
import { checkLabels, statementCount, type CheckId } from '../lessons/checks';
import type { CheckOutcome, LessonCheckResult } from '../lessons/evaluate';
import { formatLessonError } from '../lessons/errors';
import type { LessonChecks } from '../lessons/schema';
import type { RunRecord } from '../runner/record';

export type CheckState = 'passed' | 'failed' | 'not_run';

export interface CheckRowView {
  check: CheckId;
  label: string;
  state: CheckState;
  reason: string;
}

export interface CheckSectionView {
  id: 'code' | 'visible' | 'hidden';
  title: string;
  /** What data it ran on (`blog default, seed 7`), or `read from your code`. */
  subtitle: string;
  state: CheckState;
  rows: CheckRowView[];
  note: string | null;
}

export interface CheckView {
  passed: boolean;
  headline: string;
  detail: string;
  /** The check the detail quotes (its "line 3" is an output line for same_output_as_before, else a code line). */
  detailCheck: CheckId | null;
  sections: CheckSectionView[];
  /** Mistakes in the lesson itself or in the runner, formatted (file:line: message). */
  problems: string[];
  /** Distinct checks that failed somewhere, out of the lesson's checks. */
  failed: number;
  total: number;
}

/** What the panel needs to know about the lesson (plain data from the page). */
export interface CheckSubject {
  checks: LessonChecks;
  /** check.ts's `export const title`, when the lesson has one. */
  customTitle: string | null;
  visibleLabel: string;
  hiddenLabel: string | null;
}

const CODE_CHECKS = new Set<CheckId>(['must_use', 'must_not_use']);

/** Which failure the headline quotes when several fail: the query budget says the most. */
const DETAIL_ORDER: CheckId[] = ['runs', 'max_queries', 'no_n_plus_one', 'same_output_as_before', 'max_rows_fetched', 'custom', 'must_use', 'must_not_use'];

function mostTelling(outcomes: CheckOutcome[]): CheckOutcome | undefined {
  const failed = outcomes.filter((o) => !o.passed);
  return failed.sort((a, b) => DETAIL_ORDER.indexOf(a.check) - DETAIL_ORDER.indexOf(b.check))[0];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The lesson's checks before anything ran: what Check will verify. */
export function pendingChecks(subject: CheckSubject): CheckRowView[] {
  return checkLabels(subject.checks, subject.customTitle).map(({ check, label }) => ({ check, label, state: 'not_run', reason: '' }));
}

function rowsOf(outcomes: CheckOutcome[]): CheckRowView[] {
  return outcomes
    .filter((o) => o.check !== 'runs' || !o.passed)
    .map((o) => ({ check: o.check, label: o.label, state: o.passed ? 'passed' : 'failed', reason: o.reason }));
}

function sectionState(rows: CheckRowView[]): CheckState {
  if (!rows.length || rows.every((r) => r.state === 'not_run')) return 'not_run';
  return rows.some((r) => r.state === 'failed') ? 'failed' : 'passed';
}

export function checkView(subject: CheckSubject, result: LessonCheckResult): CheckView {
  const labels = checkLabels(subject.checks, subject.customTitle);
  const dataLabels = labels.filter((l) => !CODE_CHECKS.has(l.check));
  const sections: CheckSectionView[] = [];

  const code = rowsOf(result.outcomes.filter((o) => o.data === 'code'));
  if (code.length) sections.push({ id: 'code', title: 'Your code', subtitle: 'read from the code', state: sectionState(code), rows: code, note: null });

  const visibleRan = result.runs.some((r) => r.data === 'visible');
  const visible = visibleRan
    ? rowsOf(result.outcomes.filter((o) => o.data === 'visible'))
    : dataLabels.map((l): CheckRowView => ({ ...l, state: 'not_run', reason: '' }));
  if (dataLabels.length || visibleRan) {
    sections.push({
      id: 'visible',
      title: "On the lesson's data",
      subtitle: subject.visibleLabel,
      state: sectionState(visible),
      rows: visible,
      note: visibleRan ? null : 'Not run: the lesson could not be checked (see above).',
    });
  }

  if (subject.hiddenLabel) {
    const hiddenRan = result.runs.some((r) => r.data === 'hidden');
    const hidden = hiddenRan
      ? rowsOf(result.outcomes.filter((o) => o.data === 'hidden'))
      : dataLabels.map((l): CheckRowView => ({ ...l, state: 'not_run', reason: '' }));
    sections.push({
      id: 'hidden',
      title: 'On hidden data',
      subtitle: subject.hiddenLabel,
      state: sectionState(hidden),
      rows: hidden,
      note: hiddenRan
        ? 'The same checks on other rows, so that an answer tuned to the visible data does not pass.'
        : result.problems.length
          ? null
          : 'Runs once every check passes on the lesson’s data: the same checks on other rows.',
    });
  }

  const problems = result.problems.map(formatLessonError);
  const failedIds = new Set(result.outcomes.filter((o) => !o.passed && o.check !== 'runs').map((o) => o.check));
  const total = labels.length;
  const failed = failedIds.size;

  let headline: string;
  let detail: string;
  let detailCheck: CheckId | null = null;
  const learnerError = result.runs.map((r) => r.learner.error).find((e) => e !== null) ?? null;
  if (result.passed) {
    headline = total === 1 ? 'The check passes' : `All ${total} checks pass`;
    detail = `On ${subject.visibleLabel}${subject.hiddenLabel ? ` and on hidden data (${subject.hiddenLabel})` : ''}.`;
  } else if (problems.length) {
    headline = 'The lesson could not be checked';
    detail = problems[0];
  } else if (learnerError?.type === 'TimeoutError') {
    headline = 'Your code was stopped at the time limit';
    detail = learnerError.message.replace(/^stopped after [^:]+: /, '').replace(/^./, (c) => c.toUpperCase());
    detailCheck = 'runs';
  } else if (learnerError) {
    headline = `Your code raised ${learnerError.type}`;
    detail = `${learnerError.message}${learnerError.line ? ` (line ${learnerError.line})` : ''}`;
    detailCheck = 'runs';
  } else {
    const firstFailure = mostTelling(result.outcomes.filter((o) => o.data !== 'hidden')) ?? mostTelling(result.outcomes);
    const visibleOk = result.outcomes.filter((o) => o.data !== 'hidden').every((o) => o.passed);
    if (visibleOk && result.outcomes.some((o) => o.data === 'hidden' && !o.passed)) {
      headline = 'Passes on the lesson’s data, fails on hidden data';
      detail = `On ${subject.hiddenLabel}: ${firstFailure?.reason ?? 'a check failed'}. Does the code depend on the exact rows?`;
      detailCheck = firstFailure?.check ?? null;
    } else {
      headline = `${failed} of ${plural(total, 'check')} ${failed === 1 ? 'fails' : 'fail'}`;
      detail = firstFailure ? `${firstFailure.label}: ${firstFailure.reason}` : '';
      detailCheck = firstFailure?.check ?? null;
    }
  }
  return { passed: result.passed, headline, detail, detailCheck, sections, problems, failed, total };
}

export interface RunFigures {
  /** Statements as Django counts them (BEGIN/COMMIT/SAVEPOINT left out). */
  statements: number;
  sqlMs: number;
  /** SQL time + one round trip per statement (labelled as modeled). */
  modeledMs: number;
  rows: number;
  instances: number;
}

export interface BeforeAfter {
  dataLabel: string;
  latencyMs: number;
  before: RunFigures;
  after: RunFigures;
  /** before.statements / after.statements, when both ran statements. */
  fewerQueries: number | null;
}

export function runFigures(record: RunRecord, latencyMs: number): RunFigures {
  const statements = statementCount(record);
  const t = record.totals;
  return { statements, sqlMs: t.sql_ms, modeledMs: t.sql_ms + t.statements * latencyMs, rows: t.rows, instances: t.instances };
}

/** before.ts against the learner's code, from the check's run on the lesson's data (none when that run raised). */
export function beforeAfter(result: LessonCheckResult, latencyMs: number): BeforeAfter | null {
  const run = result.runs.find((r) => r.data === 'visible');
  if (!run || run.learner.error) return null;
  const before = runFigures(run.before, latencyMs);
  const after = runFigures(run.learner, latencyMs);
  return { dataLabel: run.label, latencyMs, before, after, fewerQueries: before.statements && after.statements ? before.statements / after.statements : null };
}

/** The lesson's checks with where they stand after the last check (any failure wins; not run until it ran). */
export function goalRows(subject: CheckSubject, result: LessonCheckResult | null): CheckRowView[] {
  return pendingChecks(subject).map((row) => {
    const outcomes = result?.outcomes.filter((o) => o.check === row.check) ?? [];
    if (!outcomes.length) return row;
    const failed = outcomes.find((o) => !o.passed);
    return { ...row, state: failed ? 'failed' : 'passed', reason: (failed ?? outcomes[0]).reason };
  });
}
