/**
 * Pretty-printed SQL (sql-formatter, SQLite dialect), cached. Imported on
 * demand (`import()`) when a statement is opened: sql-formatter brings every
 * dialect along, which the first load does without.
 */
import { formatDialect, sqlite } from 'sql-formatter';

const formatted = new Map<string, string>();

/** Pretty-prints SQL; falls back to the input if the formatter can't parse it. */
export function formatSql(sql: string): string {
  let out = formatted.get(sql);
  if (out === undefined) {
    try {
      out = formatDialect(sql, { dialect: sqlite, keywordCase: 'preserve', tabWidth: 2, expressionWidth: 60 });
    } catch {
      out = sql;
    }
    if (formatted.size > 500) formatted.clear();
    formatted.set(sql, out);
  }
  return out;
}
