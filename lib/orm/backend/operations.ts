import type { SqlValue } from '../../db/sqlite';

/**
 * The backend facts Django keeps on `connection.ops` and `connection.operators`
 * for SQLite: quoting, lookup operators, LIKE patterns, limits and the
 * user-defined date functions the generated SQL calls.
 */
export const operators: Record<string, string> = {
  exact: '= %s',
  iexact: "LIKE %s ESCAPE '\\'",
  contains: "LIKE %s ESCAPE '\\'",
  icontains: "LIKE %s ESCAPE '\\'",
  regex: 'REGEXP %s',
  iregex: "REGEXP '(?i)' || %s",
  gt: '> %s',
  gte: '>= %s',
  lt: '< %s',
  lte: '<= %s',
  startswith: "LIKE %s ESCAPE '\\'",
  endswith: "LIKE %s ESCAPE '\\'",
  istartswith: "LIKE %s ESCAPE '\\'",
  iendswith: "LIKE %s ESCAPE '\\'",
};

/** LIKE patterns when the right-hand side is an expression rather than a value. */
export const patternEsc = "REPLACE(REPLACE(REPLACE({}, '\\', '\\\\'), '%%', '\\%%'), '_', '\\_')";
export const patternOps: Record<string, string> = {
  contains: "LIKE '%%' || {} || '%%' ESCAPE '\\'",
  icontains: "LIKE '%%' || UPPER({}) || '%%' ESCAPE '\\'",
  startswith: "LIKE {} || '%%' ESCAPE '\\'",
  istartswith: "LIKE UPPER({}) || '%%' ESCAPE '\\'",
  endswith: "LIKE '%%' || {} ESCAPE '\\'",
  iendswith: "LIKE '%%' || UPPER({}) ESCAPE '\\'",
};

/** SQLITE_LIMIT_VARIABLE_NUMBER as Django assumes it. */
export const MAX_QUERY_PARAMS = 999;

const quoteCache = new Map<string, string>();

export function quoteName(name: string): string {
  if (name.startsWith('"') && name.endsWith('"')) return name;
  let quoted = quoteCache.get(name);
  if (quoted === undefined) {
    quoted = `"${name}"`;
    quoteCache.set(name, quoted);
  }
  return quoted;
}

/** Escapes a value for a LIKE pattern, as connection.ops.prep_for_like_query. */
export function prepForLikeQuery(value: unknown): string {
  return String(value).replace(/\\/g, '\\\\').replace(/%/g, '\\%').replace(/_/g, '\\_');
}

export function limitOffsetSql(low: number, high: number | null): string {
  const limit = high === null ? null : high - low;
  const parts: string[] = [];
  if (limit !== null) parts.push(`LIMIT ${limit}`);
  else if (low) parts.push('LIMIT -1');
  if (low) parts.push(`OFFSET ${low}`);
  return parts.join(' ');
}

/** How many rows fit in one INSERT (Django's bulk_batch_size for SQLite). */
export function bulkBatchSize(fieldCount: number, objCount: number): number {
  if (fieldCount === 1) return 500;
  if (fieldCount > 1) return Math.floor(MAX_QUERY_PARAMS / fieldCount);
  return objCount;
}

const TZ: SqlValue[] = ['UTC', 'UTC'];

export type SqlAndParams = [string, SqlValue[]];

export function dateExtractSql(lookupType: string, sql: string, params: SqlValue[]): SqlAndParams {
  return [`django_date_extract(%s, ${sql})`, [lookupType.toLowerCase(), ...params]];
}

export function dateTruncSql(lookupType: string, sql: string, params: SqlValue[], tzname: string | null): SqlAndParams {
  return [`django_date_trunc(%s, ${sql}, %s, %s)`, [lookupType.toLowerCase(), ...params, ...tzParams(tzname)]];
}

export function datetimeCastDateSql(sql: string, params: SqlValue[], tzname: string | null): SqlAndParams {
  return [`django_datetime_cast_date(${sql}, %s, %s)`, [...params, ...tzParams(tzname)]];
}

export function datetimeCastTimeSql(sql: string, params: SqlValue[], tzname: string | null): SqlAndParams {
  return [`django_datetime_cast_time(${sql}, %s, %s)`, [...params, ...tzParams(tzname)]];
}

export function datetimeExtractSql(lookupType: string, sql: string, params: SqlValue[], tzname: string | null): SqlAndParams {
  return [`django_datetime_extract(%s, ${sql}, %s, %s)`, [lookupType.toLowerCase(), ...params, ...tzParams(tzname)]];
}

export function datetimeTruncSql(lookupType: string, sql: string, params: SqlValue[], tzname: string | null): SqlAndParams {
  return [`django_datetime_trunc(%s, ${sql}, %s, %s)`, [lookupType.toLowerCase(), ...params, ...tzParams(tzname)]];
}

export function timeExtractSql(lookupType: string, sql: string, params: SqlValue[]): SqlAndParams {
  return [`django_time_extract(%s, ${sql})`, [lookupType.toLowerCase(), ...params]];
}

function tzParams(tzname: string | null): SqlValue[] {
  return tzname ? TZ : [null, null];
}

/** Arithmetic between expressions; SQLite has no ^ operator (Django registers POWER). */
export function combineExpression(connector: string, subExpressions: string[]): string {
  if (connector === '^') return `POWER(${subExpressions.join(',')})`;
  if (connector === '#') return `BITXOR(${subExpressions.join(',')})`;
  return subExpressions.join(` ${connector} `);
}

const twoDigits = (n: number): string => (n < 10 ? '0' + n : String(n));

function microseconds(d: Date): string {
  const ms = d.getUTCMilliseconds();
  return ms ? '.' + String(ms * 1000).padStart(6, '0') : '';
}

/** A datetime as Django writes it to SQLite: naive UTC text. */
export function adaptDatetime(d: Date): string {
  const year = d.getUTCFullYear();
  // From the UTC fields: toISOString() is several times slower, and bulk writes adapt a datetime per row.
  if (year >= 1000 && year <= 9999) {
    const date = year + '-' + twoDigits(d.getUTCMonth() + 1) + '-' + twoDigits(d.getUTCDate());
    return date + ' ' + twoDigits(d.getUTCHours()) + ':' + twoDigits(d.getUTCMinutes()) + ':' + twoDigits(d.getUTCSeconds()) + microseconds(d);
  }
  const iso = d.toISOString(); // 0999-07-19T22:24:00.000Z; throws RangeError for an invalid Date
  return iso.slice(0, 10) + ' ' + iso.slice(11, 19) + microseconds(d);
}

/** What Python's sqlite3 module does to parameters that are not SQLite values. */
export function adaptParam(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
    case 'string':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'bigint':
      return Number(value);
  }
  if (value instanceof Date) return adaptDatetime(value);
  if (value instanceof Uint8Array) return value;
  return String(value);
}

/** SQLite's QUOTE() of a parameter, for the display SQL Django's connection.queries shows. */
export function quoteParam(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatReal(value);
  if (typeof value === 'string') return `'${value.includes("'") ? value.replace(/'/g, "''") : value}'`;
  let hex = '';
  for (const b of value) hex += b.toString(16).padStart(2, '0').toUpperCase();
  return `X'${hex}'`;
}

function formatReal(n: number): string {
  // SQLite prints REALs with up to 15 significant digits and always a decimal point.
  const s = String(n);
  return /[.eE]/.test(s) || !Number.isFinite(n) ? s : s + '.0';
}

/** The statement with parameters inlined, as `connection.queries` shows it. */
export function interpolate(sql: string, params: readonly SqlValue[]): string {
  if (!params.length) return sql;
  // A scan from one % to the next, joined once: the run recorder keeps the text of every statement, bulk INSERTs with
  // thousands of parameters too, and a string concatenated piece by piece would keep thousands of pieces alive.
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  let at = sql.indexOf('%');
  while (at !== -1) {
    const next = sql.charCodeAt(at + 1);
    if (next === 115 /* s */ || next === 37 /* % */) {
      parts.push(sql.slice(copied, at), next === 37 ? '%' : i < params.length ? quoteParam(params[i++]) : '%s');
      copied = at + 2;
      at = sql.indexOf('%', copied);
    } else at = sql.indexOf('%', at + 1);
  }
  parts.push(sql.slice(copied));
  return parts.join('');
}
