/**
 * SQL for reading: a one-line preview with the column list folded (as
 * django-debug-toolbar shows it) in the list, and a small tokenizer for
 * highlighting. Pretty-printing (sql-format.ts, sql-formatter) is loaded on
 * demand: it is not needed for the first results.
 */

export type SqlTokenKind = 'keyword' | 'string' | 'identifier' | 'number' | 'function' | 'punct' | 'text' | 'fold';

export interface SqlToken {
  kind: SqlTokenKind;
  text: string;
}

const KEYWORDS = new Set(
  `SELECT FROM WHERE AND OR NOT INNER LEFT RIGHT OUTER FULL CROSS JOIN ON AS IN IS NULL ORDER BY GROUP HAVING LIMIT OFFSET
  DESC ASC DISTINCT INSERT INTO VALUES UPDATE SET DELETE CASE WHEN THEN ELSE END EXISTS LIKE GLOB REGEXP ESCAPE BETWEEN
  UNION ALL INTERSECT EXCEPT CAST OVER PARTITION WITH RECURSIVE RETURNING BEGIN COMMIT ROLLBACK SAVEPOINT RELEASE TRANSACTION
  CREATE TABLE INDEX UNIQUE DROP ALTER ADD PRIMARY KEY REFERENCES DEFERRABLE INITIALLY DEFERRED EXPLAIN QUERY PLAN
  CONFLICT DO NOTHING IGNORE REPLACE TRUE FALSE FILTER WINDOW ROWS RANGE PRECEDING FOLLOWING UNBOUNDED CURRENT ROW
  COLLATE QUALIFY USING NATURAL`.split(/\s+/),
);

const TOKEN = /('(?:[^']|'')*')|("(?:[^"]|"")*")|(\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)|(\s+)|(…)|([^\sA-Za-z0-9_'"…]+)/g;

/** Splits SQL into tokens for highlighting. Joining the texts gives the input back. */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = TOKEN.exec(sql))) {
    if (m.index > last) tokens.push({ kind: 'text', text: sql.slice(last, m.index) });
    last = TOKEN.lastIndex;
    const [text, str, ident, num, word, space, fold] = m;
    if (str) tokens.push({ kind: 'string', text });
    else if (ident) tokens.push({ kind: 'identifier', text });
    else if (num) tokens.push({ kind: 'number', text });
    else if (word) {
      const upper = word.toUpperCase();
      const next = sql.slice(TOKEN.lastIndex).match(/^\s*\(/);
      tokens.push({ kind: KEYWORDS.has(upper) && word === upper ? 'keyword' : next ? 'function' : 'text', text });
    } else if (space) tokens.push({ kind: 'text', text });
    else if (fold) tokens.push({ kind: 'fold', text });
    else tokens.push({ kind: 'punct', text });
  }
  if (last < sql.length) tokens.push({ kind: 'text', text: sql.slice(last) });
  return tokens;
}

/**
 * A one-line preview: the SELECT list folded to `…` when it is long (the
 * toolbar's "SELECT ••• FROM"), whitespace collapsed.
 */
export function previewSql(sql: string, maxSelect = 60): string {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  const m = /^SELECT (DISTINCT )?(.*?) FROM /.exec(oneLine);
  if (!m || m[2].length <= maxSelect || depthAt(m[2]) !== 0) return oneLine;
  return `SELECT ${m[1] ?? ''}… FROM ${oneLine.slice(m[0].length)}`;
}

/** Parenthesis depth at the end of `s` (a FROM inside a subquery in the select list is not the FROM). */
function depthAt(s: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  return depth;
}

/** A parameter as SQL would show it. */
export function formatParam(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return String(value);
}

/** Milliseconds for people: 0.04 ms, 1.3 ms, 12 ms, 1.2 s. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10000 ? 0 : 1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}
