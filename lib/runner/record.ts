import type { ExecutedStatement, StatementKind } from '../orm/backend/connection';
import { interpolate } from '../orm/backend/operations';
import type { SqlValue } from '../db/sqlite';

/** One executed statement in a run record (design.md, "What a run returns"). */
export interface StatementEntry {
  sql: string;
  params: SqlValue[];
  display_sql: string;
  alias: string;
  duration_ms: number;
  rows: number;
  line: number | null;
  cause: string;
  kind: StatementKind;
}

/** Exact totals per distinct SQL text, kept even when statements are elided. */
export interface StatementGroup {
  sql: string;
  count: number;
  duration_ms: number;
  rows: number;
  /** Statements that repeated an earlier statement of this group exactly (same params). */
  duplicates: number;
  causes: Record<string, number>;
  lines: Record<string, number>;
  kind: StatementKind;
}

export interface RunError {
  type: string;
  message: string;
  line: number | null;
  column: number | null;
  /** The statement SQLite rejected, for database errors. */
  sql?: string;
}

export interface RunRecord {
  file: string | null;
  output: string[];
  error: RunError | null;
  statements: StatementEntry[];
  duration_ms: number;
  /** Exact figures for the whole run, elided statements included. */
  totals: {
    statements: number;
    reads: number;
    writes: number;
    transaction: number;
    sql_ms: number;
    rows: number;
    instances: number;
    /** Most model instances the ORM held at once (a result cache, or an iterator's chunk). */
    peak_instances: number;
  };
  groups: StatementGroup[];
  /** Statements per line of the learner's code. */
  lines: Record<string, number>;
  /** What was left out to keep the record small, and why. */
  elided: { statements: number; output_lines: number; truncated_params: number; note: string | null };
  /** The value of `result` when the code sets one (used by tests and checks). */
  result?: unknown;
}

/** A record of a run that executed nothing: refused, timed out, or a test's stand-in. */
export function emptyRecord(file: string | null, error: RunError | null): RunRecord {
  return {
    file,
    output: [],
    error,
    statements: [],
    duration_ms: 0,
    totals: { statements: 0, reads: 0, writes: 0, transaction: 0, sql_ms: 0, rows: 0, instances: 0, peak_instances: 0 },
    groups: [],
    lines: {},
    elided: { statements: 0, output_lines: 0, truncated_params: 0, note: null },
  };
}

export const LIMITS = {
  /** Statements kept in full before only the first few of each similar group are kept. */
  fullStatements: 500,
  /** After that, statements kept per similar group. */
  perGroup: 5,
  /** Distinct SQL texts tracked exactly. */
  groups: 2000,
  /** Longest parameter kept (characters); longer values are cut for display. */
  paramChars: 200,
  outputLines: 2000,
  outputLineChars: 5000,
};

/** The value, or its shortened display when longer than `max`. */
function truncateParam(value: SqlValue, max: number): SqlValue {
  if (typeof value === 'string' && value.length > max) return `${value.slice(0, max)}…(+${value.length - max} chars)`;
  if (value instanceof Uint8Array && value.length > max) return `<${value.length} bytes>`;
  return value;
}

/**
 * A cheap hash of a parameter list; lists that hash alike are then compared
 * exactly. Lists with the same JSON hash alike: null and non-finite numbers
 * (all `null` in JSON) hash as 0.
 */
function fingerprint(params: readonly SqlValue[]): number {
  let h = params.length;
  for (const p of params) {
    let x = 0;
    if (typeof p === 'number') x = p | 0;
    else if (typeof p === 'string') x = p.length ? (p.length << 16) ^ (p.charCodeAt(0) << 8) ^ p.charCodeAt(p.length - 1) : 2;
    else if (p instanceof Uint8Array) x = p.length + 3;
    h = Math.imul(h ^ x, 16777619);
  }
  return h;
}

/**
 * The parameter lists a group of statements has run with, to count exact
 * repeats as a JSON comparison would, without serialising every list: a lone
 * number keys itself, other lists are compared only when their fingerprints meet.
 */
class ParamHistory {
  private readonly numbers = new Set<number>();
  private readonly lists = new Map<number, { params: readonly SqlValue[]; json?: string }[]>();
  size = 0;

  /** Records `params`; true when an earlier statement had the same. */
  repeats(params: readonly SqlValue[]): boolean {
    if (params.length === 1 && typeof params[0] === 'number') {
      if (this.numbers.has(params[0])) return true;
      this.numbers.add(params[0]);
      this.size++;
      return false;
    }
    const key = fingerprint(params);
    const seen = this.lists.get(key);
    if (!seen) {
      this.lists.set(key, [{ params: params.slice() }]);
      this.size++;
      return false;
    }
    const json = JSON.stringify(params);
    if (seen.some((e) => (e.json ??= JSON.stringify(e.params)) === json)) return true;
    seen.push({ params, json });
    this.size++;
    return false;
  }
}

/**
 * Collects a run's statements and output into a bounded, serialisable record:
 * counts and timings are exact; statement details and long values are cut once
 * the run gets large (a 100,000-query loop must not make a 100 MB record).
 */
export class RunRecorder {
  private readonly statements: StatementEntry[] = [];
  private readonly groups = new Map<string, StatementGroup & { paramHistory: ParamHistory; kept: number }>();
  private readonly lines: Record<string, number> = {};
  private readonly output: string[] = [];
  private readonly totals = { statements: 0, reads: 0, writes: 0, transaction: 0, sql_ms: 0, rows: 0, instances: 0, peak_instances: 0 };
  private elidedStatements = 0;
  private elidedOutput = 0;
  private truncatedParams = 0;

  private readonly limits: typeof LIMITS;

  constructor(
    private readonly locate: () => number | null,
    limits: Partial<typeof LIMITS> = {},
  ) {
    this.limits = { ...LIMITS, ...limits };
  }

  private readonly entries = new WeakMap<ExecutedStatement, StatementEntry>();

  /** A streamed statement finished: add its remaining time and rows. */
  readonly onStreamEnd = (s: ExecutedStatement, extraMs: number, extraRows: number): void => {
    this.totals.sql_ms += extraMs;
    this.totals.rows += extraRows;
    const group = this.groups.get(s.sql);
    if (group) {
      group.duration_ms += extraMs;
      group.rows += extraRows;
    }
    const entry = this.entries.get(s);
    if (entry) {
      entry.duration_ms = s.duration_ms;
      entry.rows = s.rows;
    }
  };

  /** The connection listener: one call per executed statement. */
  readonly onStatement = (s: ExecutedStatement): void => {
    const line = this.locate();
    const t = this.totals;
    t.statements++;
    t.sql_ms += s.duration_ms;
    t.rows += s.rows;
    if (s.kind === 'read') t.reads++;
    else if (s.kind === 'write') t.writes++;
    else if (s.kind === 'transaction') t.transaction++;
    if (line !== null) this.lines[line] = (this.lines[line] ?? 0) + 1;

    let group = this.groups.get(s.sql);
    if (!group && this.groups.size < this.limits.groups) {
      group = { sql: s.sql, count: 0, duration_ms: 0, rows: 0, duplicates: 0, causes: {}, lines: {}, kind: s.kind, paramHistory: new ParamHistory(), kept: 0 };
      this.groups.set(s.sql, group);
    }
    if (group) {
      group.count++;
      group.duration_ms += s.duration_ms;
      group.rows += s.rows;
      group.causes[s.cause] = (group.causes[s.cause] ?? 0) + 1;
      if (line !== null) group.lines[line] = (group.lines[line] ?? 0) + 1;
      if (group.paramHistory.size < 10000 && group.paramHistory.repeats(s.params)) group.duplicates++;
    }
    const keep = this.statements.length < this.limits.fullStatements || (group !== undefined && group.kept < this.limits.perGroup);
    if (!keep) {
      this.elidedStatements++;
      return;
    }
    if (group) group.kept++;
    const params = s.params.map((p) => {
      const v = truncateParam(p, this.limits.paramChars);
      if (v !== p) this.truncatedParams++;
      return v;
    });
    const entry: StatementEntry = {
      sql: s.sql,
      params,
      display_sql: interpolate(s.sql, params),
      alias: s.alias,
      duration_ms: s.duration_ms,
      rows: s.rows,
      line,
      cause: s.cause,
      kind: s.kind,
    };
    this.statements.push(entry);
    this.entries.set(s, entry);
  };

  /** One print() call: its arguments joined by spaces, Python-style. */
  print(text: string): void {
    if (this.output.length >= this.limits.outputLines) {
      this.elidedOutput++;
      return;
    }
    this.output.push(text.length > this.limits.outputLineChars ? `${text.slice(0, this.limits.outputLineChars)}…` : text);
  }

  noteInstances(created: number, peak: number): void {
    this.totals.instances = created;
    this.totals.peak_instances = peak;
  }

  finish(file: string | null, error: RunError | null, durationMs: number, result?: unknown): RunRecord {
    const notes: string[] = [];
    if (this.elidedStatements) notes.push(`${this.elidedStatements} statements beyond the first ${this.limits.fullStatements} are counted but not listed (the first ${this.limits.perGroup} of each similar group are kept)`);
    if (this.elidedOutput) notes.push(`output stopped after ${this.limits.outputLines} lines (${this.elidedOutput} more print() calls)`);
    if (this.truncatedParams) notes.push(`${this.truncatedParams} parameter values longer than ${this.limits.paramChars} characters were shortened`);
    const record: RunRecord = {
      file,
      output: this.output,
      error,
      statements: this.statements,
      duration_ms: durationMs,
      totals: { ...this.totals },
      groups: [...this.groups.values()].map(({ paramHistory: _p, kept: _k, ...g }) => g),
      lines: this.lines,
      elided: {
        statements: this.elidedStatements,
        output_lines: this.elidedOutput,
        truncated_params: this.truncatedParams,
        note: notes.length ? notes.join('; ') : null,
      },
    };
    if (result !== undefined) record.result = result;
    return record;
  }
}
