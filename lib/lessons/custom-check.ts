/**
 * A lesson's own check (`checks.custom: check.ts`), for what the built-in
 * checks cannot say, typically the database state after a write lesson:
 *
 * ```ts
 * // lessons/14-bulk-update/check.ts
 * import type { CustomCheck } from '../../lib/lessons/custom-check';
 *
 * export const title = 'Every draft is published';
 *
 * const check: CustomCheck = ({ db }) => {
 *   const left = db.value('SELECT COUNT(*) FROM blog_post WHERE published = %s', [0]);
 *   return left === 0
 *     ? { passed: true, message: 'no drafts left' }
 *     : { passed: false, message: `${left} posts are still drafts` };
 * };
 * export default check;
 * ```
 *
 * It runs in the same sandbox as the learner's code (the browser worker, or
 * Node for `npm run lessons:check`), right after the learner's run, on that
 * run's final database. Only `import type` is allowed: no Node APIs.
 */
import type { SqlValue } from '../db/sqlite';
import type { SqliteDatabase } from '../db/sqlite';
import type { RunRecord } from '../runner/record';
import { evaluateModule, moduleErrorAt, type ModuleError } from './module';

/** Read-only SQL on the run's final database. Placeholders are `%s`, as in Django's `cursor.execute`. */
export interface CheckDb {
  /** Every row, as objects: `db.all('SELECT id, view_count FROM blog_post WHERE author_id = %s', [3])`. */
  all(sql: string, params?: SqlValue[]): Record<string, SqlValue>[];
  /** The first row, or null. */
  get(sql: string, params?: SqlValue[]): Record<string, SqlValue> | null;
  /** The first column of the first row (a `COUNT(*)`, a `MAX(...)`), or null when there is no row. */
  value(sql: string, params?: SqlValue[]): SqlValue;
}

export interface CustomCheckContext {
  /** The learner's run (output, statements, totals, groups). */
  record: RunRecord;
  /** before.ts's run on the same data. */
  before: RunRecord;
  /** The learner run's final database. */
  db: CheckDb;
  /** Which data this run used. */
  data: 'visible' | 'hidden';
}

export interface CustomCheckResult {
  passed: boolean;
  /** One line for the learner: why it passed or what is wrong. */
  message: string;
}

/** The default export of check.ts. */
export type CustomCheck = (context: CustomCheckContext) => CustomCheckResult;

export interface CompiledCustomCheck {
  check: CustomCheck;
  /** `export const title = '...'`: the check's label in the lesson's check list. */
  title: string | null;
}

/** Evaluates check.ts and finds its default export. */
export function compileCustomCheck(source: string, file = 'check.ts'): CompiledCustomCheck | { error: ModuleError } {
  const result = evaluateModule(source, file);
  if ('error' in result) return result;
  const check = result.exports.default;
  if (typeof check !== 'function') {
    return { error: { message: `expected \`export default\` of a function ({ record, before, db }) => ({ passed, message }), got ${check === undefined ? 'no default export' : typeof check}` } };
  }
  const title = result.exports.title;
  return { check: check as CustomCheck, title: typeof title === 'string' ? title : null };
}

/** A read-only view of a database (`PRAGMA query_only`), for custom checks. */
export function readOnlyDb(db: SqliteDatabase): CheckDb {
  db.exec('PRAGMA query_only = ON');
  const rows = (sql: string, params: SqlValue[] = []) => {
    const { columns, rows: values } = db.all(sql, params);
    return values.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
  };
  return {
    all: rows,
    get: (sql, params) => rows(sql, params)[0] ?? null,
    value: (sql, params) => {
      const row = db.all(sql, params ?? []).rows[0];
      return row ? row[0] : null;
    },
  };
}

/** Runs a custom check; an exception or a malformed answer becomes a failed result naming check.ts. */
export function runCustomCheck(check: CustomCheck, context: CustomCheckContext, file = 'check.ts'): CustomCheckResult {
  try {
    const result = check(context) as Partial<CustomCheckResult> | undefined;
    if (!result || typeof result.passed !== 'boolean') {
      return { passed: false, message: `${file} must return { passed: boolean, message: string }, got ${JSON.stringify(result)}` };
    }
    return { passed: result.passed, message: String(result.message ?? '') };
  } catch (e) {
    const at = moduleErrorAt(e);
    return { passed: false, message: `${file}${at.line ? `:${at.line}` : ''} raised ${at.message}` };
  }
}
