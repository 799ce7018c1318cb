/**
 * The built-in checks, evaluated on run records (lib/runner/record.ts). Each
 * returns passed/failed with a reason a learner can act on: "7 statements,
 * budget is 2 (5 from line 4: lazy FK load Post.author)".
 */
import type { RunRecord, StatementGroup } from '../runner/record';
import type { CustomCheckResult } from './custom-check';
import type { LessonChecks } from './schema';
import { calledNames } from './tokens';

export type CheckId = 'runs' | 'max_queries' | 'same_output_as_before' | 'must_use' | 'must_not_use' | 'no_n_plus_one' | 'max_rows_fetched' | 'custom';

export interface CheckResult {
  check: CheckId;
  label: string;
  passed: boolean;
  reason: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const quote = (s: string) => `'${s.length > 80 ? `${s.slice(0, 77)}...` : s}'`;
const names = (list: readonly string[]) => list.join(', ');

/** The checks a lesson lists, labelled for the lesson page (before anything runs). */
export function checkLabels(checks: LessonChecks, customTitle: string | null = null): { check: CheckId; label: string }[] {
  const out: { check: CheckId; label: string }[] = [];
  if (checks.max_queries !== undefined) out.push({ check: 'max_queries', label: `At most ${plural(checks.max_queries, 'query', 'queries')}` });
  if (checks.same_output_as_before) out.push({ check: 'same_output_as_before', label: 'Prints the same as the original code' });
  if (checks.must_use) out.push({ check: 'must_use', label: `Uses ${names(checks.must_use)}` });
  if (checks.must_not_use) out.push({ check: 'must_not_use', label: `Does not use ${names(checks.must_not_use)}` });
  if (checks.no_n_plus_one) out.push({ check: 'no_n_plus_one', label: 'No N+1 queries' });
  if (checks.max_rows_fetched !== undefined) out.push({ check: 'max_rows_fetched', label: `Fetches at most ${plural(checks.max_rows_fetched, 'row')}` });
  if (checks.custom) out.push({ check: 'custom', label: customTitle ?? `Lesson check (${checks.custom})` });
  return out;
}

/** SQL statements as Django counts them: BEGIN/COMMIT/SAVEPOINT left out. */
export function statementCount(record: RunRecord): number {
  return record.totals.statements - record.totals.transaction;
}

function biggest(groups: StatementGroup[], by: 'count' | 'rows'): StatementGroup | null {
  let best: StatementGroup | null = null;
  for (const g of groups) if (g.kind !== 'transaction' && (!best || g[by] > best[by])) best = g;
  return best;
}

function topLine(counts: Record<string, number>): string | null {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries[0][0] : null;
}

function topCause(g: StatementGroup): string {
  return Object.entries(g.causes).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'evaluate';
}

function table(sql: string): string {
  return /\b(?:FROM|UPDATE|INTO) "([^"]+)"/.exec(sql)?.[1] ?? 'the database';
}

export function maxQueries(record: RunRecord, budget: number): CheckResult {
  const n = statementCount(record);
  const label = `At most ${plural(budget, 'query', 'queries')}`;
  if (n <= budget) return { check: 'max_queries', label, passed: true, reason: `${plural(n, 'statement')}, budget is ${budget}` };
  const g = biggest(record.groups, 'count');
  const line = g ? topLine(g.lines) : null;
  const cause = g ? topCause(g) : 'evaluate';
  const detail = g && g.count > 1 ? ` (${g.count} similar queries on ${table(g.sql)}${line ? ` from line ${line}` : ''}${cause === 'evaluate' ? '' : `: ${cause}`})` : '';
  return { check: 'max_queries', label, passed: false, reason: `${plural(n, 'statement')}, budget is ${budget}${detail}` };
}

export function sameOutput(record: RunRecord, before: RunRecord): CheckResult {
  const label = 'Prints the same as the original code';
  const got = record.output;
  const expected = before.output;
  const n = Math.min(got.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (got[i] !== expected[i]) {
      return { check: 'same_output_as_before', label, passed: false, reason: `output differs from before at line ${i + 1}: expected ${quote(expected[i])}, got ${quote(got[i])}` };
    }
  }
  if (got.length < expected.length) {
    return { check: 'same_output_as_before', label, passed: false, reason: `output stops after ${plural(got.length, 'line')}; before printed ${expected.length} (line ${n + 1}: ${quote(expected[n])})` };
  }
  if (got.length > expected.length) {
    return { check: 'same_output_as_before', label, passed: false, reason: `output has ${plural(got.length, 'line')}; before printed ${expected.length} (extra line ${n + 1}: ${quote(got[n])})` };
  }
  const cut = record.elided.output_lines || before.elided.output_lines;
  return { check: 'same_output_as_before', label, passed: true, reason: `same ${plural(n, 'line')} as before${cut ? ' (compared up to the output limit)' : ''}` };
}

export function mustUse(source: string, required: readonly string[]): CheckResult {
  const calls = calledNames(source);
  const missing = required.filter((n) => !calls.has(n));
  const label = `Uses ${names(required)}`;
  if (!missing.length) return { check: 'must_use', label, passed: true, reason: `calls ${required.map((n) => `${n} (line ${calls.get(n)![0]})`).join(', ')}` };
  return { check: 'must_use', label, passed: false, reason: `does not call ${names(missing)}, which this lesson is about` };
}

export function mustNotUse(source: string, forbidden: readonly string[]): CheckResult {
  const calls = calledNames(source);
  const used = forbidden.filter((n) => calls.has(n));
  const label = `Does not use ${names(forbidden)}`;
  if (!used.length) return { check: 'must_not_use', label, passed: true, reason: `no call to ${names(forbidden)}` };
  const where = used.map((n) => `${n} (line ${calls.get(n)![0]})`).join(', ');
  return { check: 'must_not_use', label, passed: false, reason: `uses ${where}, which this lesson asks you not to use` };
}

export interface NPlusOneFinding {
  /** `Post.author`, or the table the repeated query reads. */
  subject: string;
  count: number;
  lines: number[];
  message: string;
}

const LAZY = /^lazy (?:\S+ )?load (.+)$/;
const DEFERRED = /^deferred field (.+)$/;

/**
 * N+1 patterns in a run: a relation (or deferred field) loaded lazily more than
 * once, or the same parameterised query run several times from one line with
 * different parameters (a related manager evaluated per object in a loop).
 */
export function findNPlusOne(record: RunRecord): NPlusOneFinding[] {
  const findings: NPlusOneFinding[] = [];
  const lazy = new Map<string, { count: number; lines: Set<number> }>();
  for (const g of record.groups) {
    for (const [cause, count] of Object.entries(g.causes)) {
      const m = LAZY.exec(cause) ?? DEFERRED.exec(cause);
      if (!m) continue;
      const entry = lazy.get(cause) ?? { count: 0, lines: new Set<number>() };
      entry.count += count;
      if (Object.keys(g.causes).length === 1) for (const line of Object.keys(g.lines)) entry.lines.add(Number(line));
      lazy.set(cause, entry);
    }
  }
  for (const s of record.statements) if (s.line !== null && lazy.has(s.cause)) lazy.get(s.cause)!.lines.add(s.line);
  for (const [cause, { count, lines }] of lazy) {
    if (count < 2) continue;
    const deferred = DEFERRED.exec(cause);
    const subject = deferred ? deferred[1] : LAZY.exec(cause)![1];
    const sorted = [...lines].sort((a, b) => a - b);
    const at = sorted.length ? ` (line ${sorted.join(', ')})` : '';
    findings.push({
      subject,
      count,
      lines: sorted,
      message: deferred ? `N+1: deferred field ${subject} loaded ${count} times${at}` : `N+1: ${subject} loaded ${count} times${at}`,
    });
  }
  for (const g of record.groups) {
    if (g.kind !== 'read' || !g.sql.includes('%s')) continue;
    if (Object.keys(g.causes).some((c) => LAZY.test(c) || DEFERRED.test(c) || c.startsWith('prefetch'))) continue;
    if (g.count - g.duplicates < 2) continue;
    for (const [line, count] of Object.entries(g.lines)) {
      if (count < 2) continue;
      const filter = /WHERE (?:\()?("[^"]+"\."[^"]+" = %s)/.exec(g.sql)?.[1];
      findings.push({
        subject: table(g.sql),
        count,
        lines: [Number(line)],
        message: `N+1: ${count} similar queries on ${table(g.sql)} from line ${line}, one per object${filter ? ` (WHERE ${filter})` : ''}`,
      });
    }
  }
  return findings.sort((a, b) => b.count - a.count);
}

export function noNPlusOne(record: RunRecord): CheckResult {
  const findings = findNPlusOne(record);
  const label = 'No N+1 queries';
  if (!findings.length) return { check: 'no_n_plus_one', label, passed: true, reason: 'no relation loaded once per object' };
  return { check: 'no_n_plus_one', label, passed: false, reason: findings.map((f) => f.message).join('; ') };
}

export function maxRowsFetched(record: RunRecord, budget: number): CheckResult {
  const rows = record.totals.rows;
  const label = `Fetches at most ${plural(budget, 'row')}`;
  if (rows <= budget) return { check: 'max_rows_fetched', label, passed: true, reason: `${plural(rows, 'row')} fetched, budget is ${budget.toLocaleString('en-US')}` };
  const g = biggest(record.groups, 'rows');
  const line = g ? topLine(g.lines) : null;
  const detail = g ? ` (${g.rows.toLocaleString('en-US')} by ${line ? `line ${line}` : 'one query'}, from ${table(g.sql)})` : '';
  return { check: 'max_rows_fetched', label, passed: false, reason: `${plural(rows, 'row')} fetched, budget is ${budget.toLocaleString('en-US')}${detail}` };
}

export function runsCleanly(record: RunRecord): CheckResult {
  const label = 'Runs without an error';
  const e = record.error;
  if (!e) return { check: 'runs', label, passed: true, reason: 'no exception' };
  return { check: 'runs', label, passed: false, reason: `${e.type}: ${e.message}${e.line ? ` (line ${e.line})` : ''}` };
}

/** Checks that read the code only (the same on every data). */
export function staticChecks(checks: LessonChecks, source: string): CheckResult[] {
  const out: CheckResult[] = [];
  if (checks.must_use) out.push(mustUse(source, checks.must_use));
  if (checks.must_not_use) out.push(mustNotUse(source, checks.must_not_use));
  return out;
}

/** Checks on one run, compared with before.ts's run on the same data. */
export function runChecks(
  checks: LessonChecks,
  run: { record: RunRecord; before: RunRecord; custom?: (CustomCheckResult & { title: string | null }) | null },
): CheckResult[] {
  const { record, before } = run;
  const out: CheckResult[] = [runsCleanly(record)];
  if (record.error) {
    for (const { check, label } of checkLabels(checks, run.custom?.title ?? null)) {
      if (check !== 'must_use' && check !== 'must_not_use') out.push({ check, label, passed: false, reason: 'not checked: the code raised an error' });
    }
    return out;
  }
  if (checks.max_queries !== undefined) out.push(maxQueries(record, checks.max_queries));
  if (checks.same_output_as_before) out.push(sameOutput(record, before));
  if (checks.no_n_plus_one) out.push(noNPlusOne(record));
  if (checks.max_rows_fetched !== undefined) out.push(maxRowsFetched(record, checks.max_rows_fetched));
  if (checks.custom) {
    const c = run.custom;
    out.push({
      check: 'custom',
      label: c?.title ?? `Lesson check (${checks.custom})`,
      passed: c?.passed ?? false,
      reason: c ? c.message : `${checks.custom} did not run`,
    });
  }
  return out;
}
