/**
 * The user-defined SQL functions Django 5.2's SQLite backend registers on every
 * connection (django/db/backends/sqlite3/_functions.py, `register(connection)`),
 * re-implemented for sql.js so that the SQL Django generates runs unchanged:
 * `django_datetime_trunc('month', "blog_post"."created_at", 'UTC', 'UTC')`,
 * `"blog_post"."title" REGEXP '^Post'`, `STDDEV_POP(...)`, ...
 *
 * Every function returns what Django's Python function returns, formatted the
 * same way; NULL in gives NULL out where Django does; and where the Python
 * function raises, the SQL statement fails with Python sqlite3's message
 * ("user-defined function raised exception").
 *
 * Values arrive as SQLite stores Django's values: datetimes as text
 * 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC with USE_TZ=True), dates as 'YYYY-MM-DD',
 * times as 'HH:MM:SS[.ffffff]', durations as integer microseconds.
 *
 * Known limits, all from sql.js's `create_function` API:
 * - a JS function cannot return an SQLite INTEGER: sql.js stores every number as
 *   REAL. `django_datetime_extract('year', ...)` gives 2025.0, which compares,
 *   groups and sorts like Django's 2025 and reads back as the JS number 2025,
 *   but `typeof()` says 'real' and text conversion (`CAST(... AS text)`, `||`
 *   in `Concat`) gives '2025.0' where Django gives '2025';
 * - arguments arrive as JS numbers, so INTEGER 5 and REAL 5.0 look alike
 *   (integral numbers are treated as Python ints);
 * - functions are not registered as SQLITE_DETERMINISTIC (no index on expressions);
 * - SHA1/SHA224/SHA256/SHA384/SHA512 are not registered (see the report for
 *   the reason): using them fails with "no such function".
 *
 * sql.js should be initialised with `{ useOldExtensionFunctions: false }`
 * (SQLJS_CONFIG below): by default sql.js 1.17 also loads its legacy
 * extension-functions.c (acos, sqrt, log, ceil, median, padl, ...), which shadow
 * SQLite's native math functions with other semantics (e.g. log(x) is natural)
 * and print a deprecation warning on every call.
 */
import type { Database, SqlValue } from 'sql.js';
import { md5 } from './md5';

/** The `initSqlJs()` options ORM Lab needs: SQLite's native math functions, no legacy extension. */
export const SQLJS_CONFIG = { useOldExtensionFunctions: false } as const;

/** Python sqlite3's message when a user-defined function raises. */
export const FUNCTION_RAISED = 'user-defined function raised exception';
/** Python sqlite3's message when an aggregate's finalize() raises. */
export const AGGREGATE_FINALIZE_RAISED = "user-defined aggregate's 'finalize' method raised error";
/** Python sqlite3's message when a function or aggregate raises OverflowError (SQLITE_TOOBIG). */
export const OVERFLOW_RAISED = 'string or blob too big';

/**
 * An exception the Python implementation would raise. `catchable` marks
 * ValueError/TypeError, which some Django functions catch and turn into NULL.
 */
class PyError extends Error {
  constructor(
    readonly catchable: boolean,
    message = FUNCTION_RAISED,
  ) {
    super(message);
  }
}
const valueError = () => new PyError(true); // ValueError or TypeError
const raised = () => new PyError(false); // anything else (AttributeError, KeyError, ...)
const overflow = () => new PyError(false, OVERFLOW_RAISED); // OverflowError (dates beyond years 1..9999)

/** A number that is a Python int as far as we can tell: SQLite INTEGERs are safe integers, never -0. */
function isPyInt(x: unknown): x is number {
  return Number.isSafeInteger(x) && !Object.is(x, -0);
}

/** Run `fn`, turning a ValueError/TypeError into `null` (Python's `except (ValueError, TypeError)`). */
function orNullOnValueError<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PyError && e.catchable) return null;
    throw e;
  }
}

// ====================================================================== Python helpers

const NON_BMP = /[\ud800-\udfff]/;

/** Python `len(s)`: code points, not UTF-16 units. */
function pyLen(s: string): number {
  return NON_BMP.test(s) ? Array.from(s).length : s.length;
}

/** Python `s[:end]`, `end` possibly negative. */
function pyHead(s: string, end: number): string {
  const cps = NON_BMP.test(s) ? Array.from(s) : null;
  const len = cps ? cps.length : s.length;
  const stop = end < 0 ? Math.max(0, len + end) : Math.min(end, len);
  return cps ? cps.slice(0, stop).join('') : s.slice(0, stop);
}

/** Python `int(s)` for a str: optional sign, ASCII digits, underscores between digits, surrounding blanks. */
function pyInt(s: string): number {
  if (!/^\s*[+-]?\d+(?:_\d+)*\s*$/.test(s)) throw valueError();
  return parseInt(s.replace(/_/g, ''), 10);
}

/** Python `str(x)` for what SQLite hands a function (integral numbers are taken as ints). */
function pyStr(x: number | string | Uint8Array): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return pyNumberRepr(x);
  return pyBytesRepr(x);
}

function pyNumberRepr(x: number): string {
  return isPyInt(x) ? String(x) : pyFloatRepr(x);
}

/** Python repr(float): fixed notation for 1e-4 <= |x| < 1e16, else 'd.ddde+XX'. */
function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Object.is(x, -0)) return '-0.0';
  const [mantissa, e] = x.toExponential().split('e');
  const exp = Number(e);
  if (exp >= -4 && exp < 16) {
    const fixed = String(x);
    return fixed.includes('.') ? fixed : `${fixed}.0`;
  }
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function pyBytesRepr(b: Uint8Array): string {
  const quote = b.includes(0x27) && !b.includes(0x22) ? '"' : "'";
  let out = 'b' + quote;
  for (const c of b) {
    if (c === 0x5c) out += '\\\\';
    else if (c === quote.charCodeAt(0)) out += '\\' + quote;
    else if (c === 9) out += '\\t';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c < 32 || c >= 127) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

// ====================================================================== date/time values

/**
 * A Python `datetime.datetime`, `datetime.date` or `datetime.time` (naive;
 * fields as Python holds them). Asking a date for its hour, or a time for its
 * year, raises as in Python.
 */
interface PyTemporal {
  kind: 'datetime' | 'date' | 'time';
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad4 = (n: number) => String(n).padStart(4, '0');
const pad6 = (n: number) => String(n).padStart(6, '0');

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil: [year, month, day]. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function makeDate(kind: 'datetime' | 'date', y: number, mo: number, d: number, h = 0, mi = 0, s = 0, us = 0): PyTemporal {
  // datetime.datetime(...) / datetime.date(...) validation: ValueError.
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw valueError();
  if (h > 23 || mi > 59 || s > 59 || us > 999999 || h < 0 || mi < 0 || s < 0 || us < 0) throw valueError();
  return { kind, year: y, month: mo, day: d, hour: h, minute: mi, second: s, microsecond: us };
}

function makeTime(h: number, mi: number, s: number, us: number): PyTemporal {
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || us < 0 || us > 999999) throw valueError();
  return { kind: 'time', year: 0, month: 0, day: 0, hour: h, minute: mi, second: s, microsecond: us };
}

/** Wall-clock seconds since 1970-01-01 00:00 (microseconds kept apart). */
function wallSeconds(v: PyTemporal): number {
  return daysFromCivil(v.year, v.month, v.day) * 86400 + v.hour * 3600 + v.minute * 60 + v.second;
}

/** The datetime/date at `seconds` (+ `microsecond`) wall-clock; OverflowError outside years 1..9999. */
function fromWallSeconds(kind: 'datetime' | 'date', seconds: number, microsecond: number): PyTemporal {
  const days = Math.floor(seconds / 86400);
  let rest = seconds - days * 86400;
  const [y, mo, d] = civilFromDays(days);
  if (y < 1 || y > 9999) throw overflow();
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const mi = Math.floor(rest / 60);
  return { kind, year: y, month: mo, day: d, hour: h, minute: mi, second: rest - mi * 60, microsecond };
}

/** `v + timedelta(microseconds=micros)` for a datetime (for a date, Python only adds whole days). */
function addMicroseconds(v: PyTemporal, micros: number): PyTemporal {
  if (v.kind === 'date') {
    const days = Math.floor(micros / 86_400_000_000);
    return fromWallSeconds('date', wallSeconds(v) + days * 86400, 0);
  }
  const total = v.microsecond + micros;
  const carry = Math.floor(total / 1_000_000);
  return fromWallSeconds('datetime', wallSeconds(v) + carry, total - carry * 1_000_000);
}

/** Python `weekday()`: Monday = 0 ... Sunday = 6. */
function weekday(v: PyTemporal): number {
  return (((daysFromCivil(v.year, v.month, v.day) + 3) % 7) + 7) % 7;
}

/** Python `isocalendar()[:2]`: [ISO year, ISO week]. */
function isoYearWeek(v: PyTemporal): [number, number] {
  const days = daysFromCivil(v.year, v.month, v.day);
  const thursday = days - weekday(v) + 3;
  const isoYear = civilFromDays(thursday)[0];
  return [isoYear, Math.floor((thursday - daysFromCivil(isoYear, 1, 1)) / 7) + 1];
}

/** Python attribute access on a datetime/date/time (`getattr(dt, name)`); AttributeError otherwise. */
function attr(v: PyTemporal, name: SqlValue): number {
  if (v.kind !== 'time') {
    if (name === 'year') return v.year;
    if (name === 'month') return v.month;
    if (name === 'day') return v.day;
  }
  if (v.kind !== 'date') {
    if (name === 'hour') return v.hour;
    if (name === 'minute') return v.minute;
    if (name === 'second') return v.second;
    if (name === 'microsecond') return v.microsecond;
  }
  throw raised();
}

/** `dt.hour` etc. are only there on datetimes and times. */
function requireTime(v: PyTemporal): PyTemporal {
  if (v.kind === 'date') throw raised();
  return v;
}

/** str(datetime) / str(date), as Python prints them. */
function formatTemporal(v: PyTemporal): string {
  const date = `${pad4(v.year)}-${pad2(v.month)}-${pad2(v.day)}`;
  if (v.kind === 'date') return date;
  return `${date} ${formatTime(v)}`;
}

/** time.isoformat(): 'HH:MM:SS' or 'HH:MM:SS.ffffff'. */
function formatTime(v: PyTemporal): string {
  const t = `${pad2(v.hour)}:${pad2(v.minute)}:${pad2(v.second)}`;
  return v.microsecond ? `${t}.${pad6(v.microsecond)}` : t;
}

/** str(timedelta(microseconds=micros)): '[-]D day[s], H:MM:SS[.ffffff]'. */
function formatTimedelta(micros: number): string {
  const days = Math.floor(micros / 86_400_000_000);
  let rest = micros - days * 86_400_000_000;
  const us = rest % 1_000_000;
  rest = (rest - us) / 1_000_000;
  const hh = Math.floor(rest / 3600);
  const mm = Math.floor((rest % 3600) / 60);
  let s = `${hh}:${pad2(mm)}:${pad2(rest % 60)}`;
  if (days) s = `${days} day${Math.abs(days) !== 1 ? 's' : ''}, ${s}`;
  return us ? `${s}.${pad6(us)}` : s;
}

// ---------------------------------------------------------------- converters from the database

const CANONICAL_DATETIME = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/;

/** Python `int((microseconds + "000000")[:6])`. */
function microsecondsOf(fraction: string): number {
  return pyInt((fraction + '000000').slice(0, 6));
}

/** django.db.backends.utils.typecast_date. */
function typecastDate(s: string): PyTemporal | null {
  if (!s) return null;
  const parts = s.split('-');
  if (parts.length !== 3) throw valueError(); // date() takes exactly 3 arguments
  return makeDate('date', pyInt(parts[0]), pyInt(parts[1]), pyInt(parts[2]));
}

/** django.db.backends.utils.typecast_timestamp: a datetime, a date (no ' '), or None ('' / 0). */
function typecastTimestamp(s: SqlValue): PyTemporal | null {
  if (typeof s === 'string') {
    const m = CANONICAL_DATETIME.exec(s); // the fast path: what Django stores
    if (m) {
      return makeDate('datetime', +m[1], +m[2], +m[3], +m[4], +m[5], +m[6], m[7] ? microsecondsOf(m[7]) : 0);
    }
  }
  if (!s) return null;
  if (typeof s !== 'string') throw valueError(); // `" " in s` on a number / bytes: TypeError
  if (!s.includes(' ')) return typecastDate(s);
  const halves = s.trim().split(/\s+/);
  if (halves.length !== 2) throw valueError(); // d, t = s.split()
  const [d] = halves;
  let [, t] = halves;
  // Remove timezone information.
  if (t.includes('-')) t = t.slice(0, t.indexOf('-'));
  else if (t.includes('+')) t = t.slice(0, t.indexOf('+'));
  const dates = d.split('-');
  const times = t.split(':');
  // Python evaluates times[2] first, then each int() in order; a missing part is an IndexError.
  const part = (parts: string[], i: number) => {
    if (i >= parts.length) throw raised();
    return pyInt(parts[i]);
  };
  if (times.length < 3) throw raised();
  let seconds = times[2];
  let micro = '0';
  if (seconds.includes('.')) {
    const sp = seconds.split('.');
    if (sp.length !== 2) throw valueError();
    [seconds, micro] = sp;
  }
  const [y, mo, dd, h, mi] = [part(dates, 0), part(dates, 1), part(dates, 2), part(times, 0), part(times, 1)];
  return makeDate('datetime', y, mo, dd, h, mi, pyInt(seconds), microsecondsOf(micro));
}

/** django.db.backends.utils.typecast_time: a time, or None ('' / 0). */
function typecastTime(s: SqlValue): PyTemporal | null {
  if (!s) return null;
  if (typeof s !== 'string') {
    if (typeof s === 'number') throw raised(); // int has no .split: AttributeError
    throw valueError(); // bytes.split(":"): TypeError
  }
  const parts = s.split(':');
  if (parts.length !== 3) throw valueError();
  let [, , seconds] = parts;
  let micro = '0';
  if (seconds.includes('.')) {
    const sp = seconds.split('.');
    if (sp.length !== 2) throw valueError();
    [seconds, micro] = sp;
  }
  return makeTime(pyInt(parts[0]), pyInt(parts[1]), pyInt(seconds), microsecondsOf(micro));
}

// ---------------------------------------------------------------- time zones

const isUtc = (zone: string) => zone === 'UTC';
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** An Intl formatter giving wall-clock fields in `zone` (ZoneInfo(zone); unknown zone raises). */
function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw raised(); // ZoneInfoNotFoundError
    }
    zoneFormats.set(zone, f);
  }
  return f;
}

/** UTC offset of `zone` at the instant `utcSeconds`, in seconds. */
function zoneOffset(zone: string, utcSeconds: number): number {
  if (isUtc(zone)) return 0;
  const fields: Record<string, number> = {};
  let bc = false;
  for (const p of zoneFormat(zone).formatToParts(utcSeconds * 1000)) {
    if (p.type === 'era') bc = p.value === 'BC';
    else fields[p.type] = Number(p.value);
  }
  if (bc) fields.year = 1 - fields.year; // 1 BC is year 0
  const wall = daysFromCivil(fields.year, fields.month, fields.day) * 86400 + fields.hour * 3600 + fields.minute * 60 + fields.second;
  return wall - utcSeconds;
}

/** The UTC instant of wall-clock `wall` in `zone`, resolving gaps and folds as zoneinfo's fold=0 does. */
function wallToUtc(zone: string, wall: number): number {
  if (isUtc(zone)) return wall;
  const before = zoneOffset(zone, wall - 86400);
  const after = zoneOffset(zone, wall + 86400);
  const withBefore = wall - before;
  if (before === after || zoneOffset(zone, withBefore) === before) return withBefore;
  const withAfter = wall - after;
  return zoneOffset(zone, withAfter) === after ? withAfter : withBefore;
}

/** Django's parse_time(value) is truthy (a valid ISO time or H:M[:S[.f]]); raises on an out-of-range H:M. */
function looksLikeTime(value: string): boolean {
  const iso = /^(\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,]\d+)?)?)?$/.exec(value);
  if (iso && +iso[1] < 24 && +(iso[2] ?? 0) < 60 && +(iso[3] ?? 0) < 60) return true;
  const m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d{1,6}\d{0,6})?)?$/.exec(value);
  if (!m) return false;
  makeTime(+m[1], +m[2], +(m[3] ?? 0), 0);
  return true;
}

/** django.db.backends.utils.split_tzname_delta: 'UTC+05:00' → ['UTC', '+', '05:00']. */
function splitTznameDelta(tzname: string): [string, string | null, string | null] {
  for (const sign of ['+', '-']) {
    const i = tzname.lastIndexOf(sign);
    if (i >= 0) {
      const name = tzname.slice(0, i);
      let offset = tzname.slice(i + 1);
      if (offset && looksLikeTime(offset)) {
        if (!offset.includes(':')) offset = `${offset}:00`;
        return [name, sign, offset];
      }
    }
  }
  return [tzname, null, null];
}

/**
 * `_sqlite_datetime_parse(dt, tzname, conn_tzname)`: the stored text as a
 * datetime (or date) in the connection's zone, converted to `tzname`.
 */
function datetimeParse(dt: SqlValue, tzname: SqlValue, connTzname: SqlValue): PyTemporal | null {
  if (dt === null) return null;
  let v: PyTemporal | null;
  try {
    v = typecastTimestamp(dt);
  } catch (e) {
    if (e instanceof PyError && e.catchable) return null; // except (TypeError, ValueError): return None
    throw e;
  }
  if (v === null) {
    // typecast_timestamp('') is None, and Django goes on with it: None.replace(tzinfo=...) raises.
    // (With conn_tzname NULL and tzname set, Python would even use now(); Django never sends that.)
    if (connTzname || (tzname !== null && tzname !== connTzname)) throw raised();
    return null;
  }
  if (connTzname) {
    // dt.replace(tzinfo=ZoneInfo(conn_tzname)): a date has no tzinfo (TypeError, not caught).
    if (v.kind === 'date' || typeof connTzname !== 'string') throw raised();
    if (!isUtc(connTzname)) zoneFormat(connTzname);
  }
  if (tzname === null || tzname === connTzname) return v; // the common case: 'UTC', 'UTC'
  if (typeof tzname !== 'string') throw raised();
  const [name, sign, offset] = splitTznameDelta(tzname);
  let wall = wallSeconds(v);
  if (offset) {
    const hm = offset.split(':');
    if (hm.length !== 2) throw raised();
    const delta = pyInt(hm[0]) * 3600 + pyInt(hm[1]) * 60;
    wall += sign === '+' ? delta : -delta;
  }
  // timezone.localtime(dt, ZoneInfo(tzname or conn_tzname)): naive datetimes raise.
  if (!connTzname) throw raised();
  const target = name || (connTzname as string);
  const utc = wallToUtc(connTzname as string, wall);
  if (!isUtc(target)) zoneFormat(target);
  return fromWallSeconds('datetime', utc + zoneOffset(target, utc), v.microsecond);
}

// ====================================================================== date/time SQL functions

/** django_date_extract(lookup_type, dt) / django_datetime_extract(lookup_type, dt, tzname, conn_tzname). */
function datetimeExtract(lookupType: SqlValue, dt: SqlValue, tzname: SqlValue, connTzname: SqlValue): number | null {
  const v = datetimeParse(dt, tzname, connTzname);
  if (v === null) return null;
  switch (lookupType) {
    case 'week_day': // Sunday = 1 ... Saturday = 7
      return ((weekday(v) + 1) % 7) + 1;
    case 'iso_week_day': // Monday = 1 ... Sunday = 7
      return weekday(v) + 1;
    case 'week':
      return isoYearWeek(v)[1];
    case 'quarter':
      return Math.ceil(v.month / 3);
    case 'iso_year':
      return isoYearWeek(v)[0];
    default:
      return attr(v, lookupType);
  }
}

/** The first day of the quarter/month/week, as [year, month, day]. */
function truncDate(lookupType: SqlValue, v: PyTemporal): [number, number, number] | null {
  switch (lookupType) {
    case 'year':
      return [v.year, 1, 1];
    case 'quarter':
      return [v.year, v.month - ((v.month - 1) % 3), 1];
    case 'month':
      return [v.year, v.month, 1];
    case 'week': {
      const [y, m, d] = civilFromDays(daysFromCivil(v.year, v.month, v.day) - weekday(v));
      if (y < 1) throw overflow();
      return [y, m, d];
    }
    case 'day':
      return [v.year, v.month, v.day];
    default:
      return null;
  }
}

/** django_date_trunc(lookup_type, dt, tzname, conn_tzname) → 'YYYY-MM-DD'. */
function dateTrunc(lookupType: SqlValue, dt: SqlValue, tzname: SqlValue, connTzname: SqlValue): string | null {
  const v = datetimeParse(dt, tzname, connTzname);
  if (v === null) return null;
  const ymd = truncDate(lookupType, v);
  if (!ymd) throw raised(); // ValueError: Unsupported lookup type
  return `${pad4(ymd[0])}-${pad2(ymd[1])}-${pad2(ymd[2])}`;
}

/** django_datetime_trunc(lookup_type, dt, tzname, conn_tzname) → 'YYYY-MM-DD HH:MM:SS'. */
function datetimeTrunc(lookupType: SqlValue, dt: SqlValue, tzname: SqlValue, connTzname: SqlValue): string | null {
  const v = datetimeParse(dt, tzname, connTzname);
  if (v === null) return null;
  const ymd = truncDate(lookupType, v);
  if (ymd) return `${pad4(ymd[0])}-${pad2(ymd[1])}-${pad2(ymd[2])} 00:00:00`;
  const day = `${pad4(v.year)}-${pad2(v.month)}-${pad2(v.day)}`;
  const t = lookupType === 'hour' || lookupType === 'minute' || lookupType === 'second' ? requireTime(v) : null;
  if (lookupType === 'hour') return `${day} ${pad2(t!.hour)}:00:00`;
  if (lookupType === 'minute') return `${day} ${pad2(t!.hour)}:${pad2(t!.minute)}:00`;
  if (lookupType === 'second') return `${day} ${pad2(t!.hour)}:${pad2(t!.minute)}:${pad2(t!.second)}`;
  throw raised(); // ValueError: Unsupported lookup type
}

/** django_time_trunc(lookup_type, dt, tzname, conn_tzname) → 'HH:MM:SS'; dt is a datetime or a time. */
function timeTrunc(lookupType: SqlValue, dt: SqlValue, tzname: SqlValue, connTzname: SqlValue): string | null {
  if (dt === null) return null;
  let v = datetimeParse(dt, tzname, connTzname);
  if (v === null) {
    const t = orNullOnValueError(() => typecastTime(dt));
    if (t === null) {
      if (!dt) throw raised(); // typecast_time('') is None, and None.hour raises
      return null; // typecast_time raised ValueError/TypeError
    }
    v = t;
  }
  requireTime(v);
  if (lookupType === 'hour') return `${pad2(v.hour)}:00:00`;
  if (lookupType === 'minute') return `${pad2(v.hour)}:${pad2(v.minute)}:00`;
  if (lookupType === 'second') return `${pad2(v.hour)}:${pad2(v.minute)}:${pad2(v.second)}`;
  throw raised();
}

/** django_datetime_cast_date(dt, tzname, conn_tzname) → 'YYYY-MM-DD'. */
function datetimeCastDate(dt: SqlValue, tzname: SqlValue, connTzname: SqlValue): string | null {
  const v = datetimeParse(dt, tzname, connTzname);
  if (v === null) return null;
  requireTime(v); // a date has no .date()
  return `${pad4(v.year)}-${pad2(v.month)}-${pad2(v.day)}`;
}

/** django_datetime_cast_time(dt, tzname, conn_tzname) → 'HH:MM:SS[.ffffff]'. */
function datetimeCastTime(dt: SqlValue, tzname: SqlValue, connTzname: SqlValue): string | null {
  const v = datetimeParse(dt, tzname, connTzname);
  if (v === null) return null;
  return formatTime(requireTime(v));
}

/** django_time_extract(lookup_type, dt): an attribute of a stored time. */
function timeExtract(lookupType: SqlValue, dt: SqlValue): number | null {
  if (dt === null) return null;
  const v = orNullOnValueError(() => typecastTime(dt));
  if (v === null) {
    // typecast_time('') returns None, and getattr(None, ...) raises.
    if (!dt) throw raised();
    return null;
  }
  return attr(v, lookupType);
}

/** django_time_diff(lhs, rhs): lhs - rhs in microseconds, for two stored times. */
function timeDiff(lhs: SqlValue, rhs: SqlValue): number | null {
  if (lhs === null || rhs === null) return null;
  const micros = (s: SqlValue) => {
    let t: PyTemporal | null;
    try {
      t = typecastTime(s);
    } catch {
      throw raised(); // not caught by Django here
    }
    if (t === null) throw raised();
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond;
  };
  return micros(lhs) - micros(rhs);
}

/** typecast_timestamp without Django's catching: any failure raises. */
function strictTimestamp(s: SqlValue): PyTemporal {
  let v: PyTemporal | null;
  try {
    v = typecastTimestamp(s);
  } catch {
    throw raised();
  }
  if (v === null) throw raised(); // None - x: TypeError
  return v;
}

/** left - right for two datetimes or two dates, in microseconds (TypeError for a mix). */
function differenceMicros(left: PyTemporal, right: PyTemporal): number {
  if (left.kind !== right.kind) throw raised();
  return (wallSeconds(left) - wallSeconds(right)) * 1_000_000 + (left.microsecond - right.microsecond);
}

/** django_timestamp_diff(lhs, rhs): lhs - rhs in microseconds, for two stored datetimes. */
function timestampDiff(lhs: SqlValue, rhs: SqlValue): number | null {
  if (lhs === null || rhs === null) return null;
  return differenceMicros(strictTimestamp(lhs), strictTimestamp(rhs));
}

/** A `_sqlite_prepare_dtdelta_param` result: a datetime/date, or a timedelta in microseconds. */
type DeltaOperand = PyTemporal | { micros: number } | null;

function dtdeltaOperand(param: number | string | Uint8Array): DeltaOperand {
  if (isPyInt(param)) return { micros: param }; // timedelta(0, 0, param)
  return typecastTimestamp(param);
}

/**
 * django_format_dtdelta(connector, lhs, rhs): `+`/`-` between datetimes and
 * durations (integer microseconds), returned as Python's str() of the result;
 * `*` and `/` on plain values.
 */
function formatDtdelta(connector: SqlValue, lhs: SqlValue, rhs: SqlValue): string | number | null {
  if (connector === null || lhs === null || rhs === null) return null;
  if (typeof connector !== 'string') throw raised();
  const op = connector.trim();
  if (op === '+' || op === '-') {
    const operands = orNullOnValueError(() => [dtdeltaOperand(lhs), dtdeltaOperand(rhs)] as const);
    if (operands === null) return null;
    const [l, r] = operands;
    if (l === null || r === null) throw raised(); // None + x
    if ('micros' in l) {
      if ('micros' in r) return formatTimedelta(op === '+' ? l.micros + r.micros : l.micros - r.micros);
      if (op === '+') return formatTemporal(addMicroseconds(r, l.micros));
      throw raised(); // timedelta - datetime
    }
    if ('micros' in r) {
      if (op === '+') return formatTemporal(addMicroseconds(l, r.micros));
      // date - timedelta subtracts whole days only (date + timedelta(-delta.days)).
      const days = Math.floor(r.micros / 86_400_000_000);
      return formatTemporal(addMicroseconds(l, l.kind === 'date' ? -days * 86_400_000_000 : -r.micros));
    }
    if (op === '+') throw raised(); // datetime + datetime
    return formatTimedelta(differenceMicros(l, r));
  }
  if (op === '*') {
    if (typeof lhs === 'number' && typeof rhs === 'number') {
      const product = lhs * rhs;
      // An int beyond 64 bits cannot be returned to SQLite (OverflowError).
      if (isPyInt(lhs) && isPyInt(rhs) && Math.abs(product) >= 2 ** 63) throw overflow();
      return product;
    }
    if (typeof lhs === 'string' && isPyInt(rhs)) return lhs.repeat(Math.max(0, rhs));
    if (typeof rhs === 'string' && isPyInt(lhs)) return rhs.repeat(Math.max(0, lhs));
    throw raised();
  }
  // Any other connector divides, as Django's `else` branch does.
  if (typeof lhs !== 'number' || typeof rhs !== 'number' || rhs === 0) throw raised();
  return lhs / rhs;
}

// ====================================================================== regexp

/** Python's one-letter character escapes. */
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

/**
 * Python `re` syntax → JS RegExp (always with the `u` flag, so that code points
 * are matched as Python matches str characters).
 *
 * Covered: literals and escapes (\xhh \uXXXX \UXXXXXXXX \0 octal \a), classes
 * (including `[]...]`, \d \w \s and their negations inside classes), Unicode
 * \d \w \s \b \B (or ASCII with (?a)), . ^ $ with Python's meaning (`$` also
 * before a final newline), \A \Z, quantifiers including {m,n} / {,n} and lazy
 * forms, literal braces, groups (?:) (?P<name>) (?P=name) (?=) (?!) (?<=) (?<!),
 * comments (?#...), numbered back-references, and leading global flags
 * (?aimsux) (re.IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII).
 * Not covered (a query using them fails with an "unsupported" message): scoped
 * flags (?i:...), conditionals (?(1)...), atomic groups (?>...), possessive
 * quantifiers, \N{...}. Case-insensitive matching uses JS's Unicode simple case
 * folding, which agrees with Python's in practice.
 */
class RegexTranslator {
  private i = 0;
  private out = '';
  private flags = { i: false, m: false, s: false, x: false, a: false };
  private groups = 0;

  constructor(private readonly src: string) {}

  translate(): RegExp {
    this.leadingFlags();
    while (this.i < this.src.length) this.atom();
    try {
      return new RegExp(this.out, this.flags.i ? 'iu' : 'u');
    } catch {
      throw raised(); // re.error for the Python pattern too, in practice
    }
  }

  private unsupported(what: string): never {
    throw new Error(`regexp: the Python regex construct ${what} is not supported in ORM Lab`);
  }

  private leadingFlags(): void {
    let m: RegExpExecArray | null;
    while ((m = /^\(\?([aiLmsux]+)\)/.exec(this.src.slice(this.i)))) {
      for (const f of m[1]) {
        if (f === 'L') throw raised(); // re.LOCALE is not allowed with str patterns
        if (f !== 'u') this.flags[f as 'i' | 'm' | 's' | 'x' | 'a'] = true;
      }
      this.i += m[0].length;
    }
  }

  // Character categories as JS class bodies (no brackets).
  private word() {
    return this.flags.a ? 'A-Za-z0-9_' : '\\p{L}\\p{N}_';
  }
  private digit() {
    return this.flags.a ? '0-9' : '\\p{Nd}';
  }
  private space() {
    return this.flags.a ? ' \\t\\n\\r\\f\\v' : '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
  }
  private category(c: string): { body: string; negated: boolean } | null {
    const lower = c.toLowerCase();
    const body = lower === 'd' ? this.digit() : lower === 'w' ? this.word() : lower === 's' ? this.space() : null;
    return body === null ? null : { body, negated: c !== lower };
  }

  /** One code point of the source. */
  private next(): string {
    const cp = this.src.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return ch;
  }

  private peek(offset = 0): string {
    return this.src[this.i + offset] ?? '';
  }

  private static literal(ch: string, inClass: boolean): string {
    if ('^$\\.*+?()[]{}|/'.includes(ch) || (inClass && ch === '-')) return '\\' + ch;
    if (ch === '\n') return '\\n';
    return ch;
  }

  private static codePoint(cp: number): string {
    if (cp > 0x10ffff) throw raised();
    return `\\u{${cp.toString(16)}}`;
  }

  /** Hex digits after \x, \u, \U: exactly `n` of them. */
  private hex(n: number): number {
    const digits = this.src.slice(this.i, this.i + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) throw raised();
    this.i += n;
    return parseInt(digits, 16);
  }

  /** The code point of an escape that means one character (\\n, \\x41, ...), or null. */
  private charEscape(c: string): number | null {
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return simple;
    if (c === 'x') return this.hex(2);
    if (c === 'u') return this.hex(4);
    if (c === 'U') return this.hex(8);
    if (c === 'N') this.unsupported('\\N{...}');
    return null;
  }

  /** An octal escape: up to three octal digits in all. */
  private octal(first: string): number {
    let digits = first;
    while (digits.length < 3 && /[0-7]/.test(this.peek())) digits += this.next();
    const cp = parseInt(digits, 8);
    if (cp > 0o377) throw raised();
    return cp;
  }

  private atom(): void {
    const c = this.next();
    if (this.flags.x) {
      if (' \t\n\r\v\f'.includes(c)) return;
      if (c === '#') {
        while (this.i < this.src.length && this.peek() !== '\n') this.i++;
        return;
      }
    }
    switch (c) {
      case '\\':
        this.out += this.escape();
        return;
      case '[':
        this.out += this.charClass();
        return;
      case '(':
        this.group();
        return;
      case ')':
      case '|':
        this.out += c;
        return;
      case '.':
        this.out += this.flags.s ? '[\\s\\S]' : '[^\\n]';
        return;
      case '^':
        this.out += this.flags.m ? '(?<![^\\n])' : '^';
        return;
      case '$':
        this.out += this.flags.m ? '(?![^\\n])' : '(?=\\n?(?![\\s\\S]))';
        return;
      case '*':
      case '+':
      case '?':
        this.out += c;
        this.quantifierSuffix();
        return;
      case '{': {
        const m = /^(\d*)(,(\d*))?\}/.exec(this.src.slice(this.i));
        if (m && (m[1] !== '' || m[2] !== undefined)) {
          this.i += m[0].length;
          this.out += m[2] === undefined ? `{${m[1]}}` : `{${m[1] || '0'},${m[3]}}`;
          this.quantifierSuffix();
        } else this.out += '\\{';
        return;
      }
      default:
        this.out += RegexTranslator.literal(c, false);
    }
  }

  private quantifierSuffix(): void {
    if (this.peek() === '?') this.out += this.next();
    else if (this.peek() === '+') this.unsupported('possessive quantifier');
  }

  private escape(): string {
    if (this.i >= this.src.length) throw raised(); // bad escape (end of pattern)
    const c = this.next();
    const cp = this.charEscape(c);
    if (cp !== null) return RegexTranslator.codePoint(cp);
    const cat = this.category(c);
    if (cat) return cat.negated ? `[^${cat.body}]` : `[${cat.body}]`;
    const w = `[${this.word()}]`;
    switch (c) {
      case 'A':
        return '(?<![\\s\\S])';
      case 'Z':
        return '(?![\\s\\S])';
      case 'b':
        return this.flags.a ? '\\b' : `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
      case 'B': // (Python < 3.14: never matches in an empty string)
        return `(?:(?<=[\\s\\S])|(?=[\\s\\S]))${this.flags.a ? '\\B' : `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`}`;
      case '0':
        return RegexTranslator.codePoint(this.octal('0'));
    }
    if (/[1-9]/.test(c)) {
      // Octal escape (three octal digits) or a group reference (one or two digits).
      let digits = c;
      if (/[0-9]/.test(this.peek())) {
        digits += this.next();
        if (/[0-7]/.test(digits[0]) && /[0-7]/.test(digits[1]) && /[0-7]/.test(this.peek())) {
          return RegexTranslator.codePoint(this.octal(digits));
        }
      }
      if (Number(digits) > this.groups) throw raised(); // invalid group reference
      return `(?:\\${digits})`;
    }
    if (/[A-Za-z0-9]/.test(c)) throw raised(); // bad escape
    return RegexTranslator.literal(c, false);
  }

  /** `[...]` → a JS class, or a group when it mixes in negated categories (\W \S \D). */
  private charClass(): string {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    let body = '';
    const negatedCategories: string[] = [];
    let first = true;
    for (;;) {
      if (this.i >= this.src.length) throw raised(); // unterminated character set
      if (this.peek() === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      const item = this.classItem();
      if (item.category) {
        if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') throw raised(); // bad range
        if (item.category.negated) negatedCategories.push(item.category.body);
        else body += item.category.body;
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.i++;
        const hi = this.classItem();
        if (hi.category || hi.cp! < item.cp!) throw raised(); // bad character range
        body += `${item.text}-${hi.text}`;
      } else body += item.text;
    }
    if (negatedCategories.length === 0) return `[${negate ? '^' : ''}${body}]`;
    if (!negate) return `(?:${[body ? `[${body}]` : '', ...negatedCategories.map((q) => `[^${q}]`)].filter(Boolean).join('|')})`;
    // Not (body or not-Q1 or not-Q2 ...) = not body, and Q1, and Q2 ...
    return `(?:${body ? `(?![${body}])` : ''}${negatedCategories.map((q) => `(?=[${q}])`).join('')}[\\s\\S])`;
  }

  private classItem(): { text: string; cp?: number; category?: { body: string; negated: boolean } } {
    const c = this.next();
    if (c !== '\\') return { text: RegexTranslator.literal(c, true), cp: c.codePointAt(0)! };
    if (this.i >= this.src.length) throw raised();
    const e = this.next();
    const category = this.category(e);
    if (category) return { text: '', category };
    let cp = e === 'b' ? 8 : this.charEscape(e); // \\b is a backspace in a class
    if (cp === null && /[0-7]/.test(e)) cp = this.octal(e);
    if (cp !== null) return { text: RegexTranslator.codePoint(cp), cp };
    if (/[A-Za-z0-9]/.test(e)) throw raised(); // bad escape (\A, \Z, \8 ... in a class)
    return { text: RegexTranslator.literal(e, true), cp: e.codePointAt(0)! };
  }

  private group(): void {
    if (this.peek() !== '?') {
      this.groups++;
      this.out += '(';
      return;
    }
    const rest = this.src.slice(this.i);
    let m: RegExpExecArray | null;
    if ((m = /^\?P<([^>]+)>/.exec(rest))) {
      this.groups++;
      this.i += m[0].length;
      this.out += `(?<${m[1]}>`;
    } else if ((m = /^\?P=([^)]+)\)/.exec(rest))) {
      this.i += m[0].length;
      this.out += `\\k<${m[1]}>`;
    } else if ((m = /^\?(:|=|!|<=|<!)/.exec(rest))) {
      this.i += m[0].length;
      this.out += `(${m[0]}`;
    } else if (rest.startsWith('?#')) {
      const end = this.src.indexOf(')', this.i);
      if (end < 0) throw raised(); // missing ), unterminated comment
      this.i = end + 1;
    } else if (/^\?[aiLmsux]+\)/.test(rest)) {
      throw raised(); // global flags not at the start of the expression
    } else if (/^\?[-aiLmsux]+:/.test(rest)) {
      this.unsupported('(?flags:...)');
    } else if (rest.startsWith('?(')) {
      this.unsupported('(?(group)yes|no)');
    } else if (rest.startsWith('?>')) {
      this.unsupported('(?>...)');
    } else {
      throw raised(); // unknown extension
    }
  }
}

const regexCache = new Map<string, RegExp | Error>();

/** Python `re.compile(pattern)` as a JS RegExp, cached like Python's re module (512 patterns). */
export function pythonRegex(pattern: string): RegExp {
  let r = regexCache.get(pattern);
  if (r === undefined) {
    try {
      r = new RegexTranslator(pattern).translate();
    } catch (e) {
      r = e instanceof Error ? e : new Error(String(e));
    }
    if (regexCache.size >= 512) regexCache.clear();
    regexCache.set(pattern, r);
  }
  if (r instanceof Error) throw r;
  return r;
}

/** regexp(pattern, string): `bool(re.search(pattern, str(string)))`; the REGEXP operator calls it. */
function regexp(pattern: SqlValue, string: SqlValue): boolean | null {
  if (pattern === null || string === null) return null;
  if (typeof pattern !== 'string') throw raised();
  return pythonRegex(pattern).test(pyStr(string));
}

// ====================================================================== math and text functions

/** A Python number argument (int or float); str/bytes raise TypeError. */
function num(x: SqlValue): number {
  if (typeof x !== 'number') throw raised();
  return x;
}

/** A Python int argument. */
function int(x: SqlValue): number {
  if (!isPyInt(x)) throw raised();
  return x;
}

/** A math result: NaN/inf mean Python raised (ValueError: math domain error, OverflowError, ZeroDivisionError). */
function finite(x: number): number {
  if (!Number.isFinite(x)) throw raised();
  return x;
}

function text(x: SqlValue): string {
  if (typeof x !== 'string') throw raised();
  return x;
}

const nullIf1 = (fn: (x: number) => number) => (x: SqlValue) => (x === null ? null : finite(fn(num(x))));
const nullIf2 = (fn: (x: number, y: number) => number) => (x: SqlValue, y: SqlValue) =>
  x === null || y === null ? null : finite(fn(num(x), num(y)));

/** The math functions Django registers only when SQLite lacks ENABLE_MATH_FUNCTIONS. */
const MATH_FALLBACKS: Record<string, (...args: SqlValue[]) => SqlValue | boolean> = {
  ACOS: nullIf1(Math.acos),
  ASIN: nullIf1(Math.asin),
  ATAN: nullIf1(Math.atan),
  ATAN2: nullIf2(Math.atan2),
  CEILING: nullIf1(Math.ceil),
  COS: nullIf1(Math.cos),
  DEGREES: nullIf1((x) => x * (180 / Math.PI)),
  EXP: nullIf1(Math.exp),
  FLOOR: nullIf1(Math.floor),
  LN: nullIf1(Math.log),
  LOG: nullIf2((base, x) => Math.log(x) / Math.log(base)), // log(x, base): arguments reversed
  MOD: nullIf2((x, y) => x % y), // math.fmod
  PI: () => Math.PI,
  POWER: nullIf2((x, y) => x ** y),
  RADIANS: nullIf1((x) => x * (Math.PI / 180)),
  SIN: nullIf1(Math.sin),
  SQRT: nullIf1(Math.sqrt),
  TAN: nullIf1(Math.tan),
};

/** The other scalar functions Django always registers (SHA* excepted). */
const SCALARS: Record<string, (...args: SqlValue[]) => SqlValue | boolean> = {
  BITXOR: (x: SqlValue, y: SqlValue) => (x === null || y === null ? null : Number(BigInt(int(x)) ^ BigInt(int(y)))),
  COT: (x: SqlValue) => (x === null ? null : finite(1 / finite(Math.tan(num(x))))),
  LPAD: (value: SqlValue, length: SqlValue, fill: SqlValue) => {
    if (value === null || length === null || fill === null) return null;
    const s = text(value);
    const n = int(length);
    const delta = n - pyLen(s);
    if (delta <= 0) return pyHead(s, n);
    const f = text(fill);
    return f ? pyHead(f.repeat(Math.ceil(delta / pyLen(f))), delta) + s : s;
  },
  MD5: (value: SqlValue) => (value === null ? null : md5(text(value))),
  REPEAT: (value: SqlValue, count: SqlValue) => {
    if (value === null || count === null) return null;
    if (typeof value === 'number') {
      if (typeof count === 'string') return count.repeat(Math.max(0, int(value))); // int * str
      return value * num(count); // int * int
    }
    return text(value).repeat(Math.max(0, int(count)));
  },
  REVERSE: (value: SqlValue) => {
    if (value === null) return null;
    if (value instanceof Uint8Array) return Uint8Array.from(value).reverse();
    const s = text(value);
    return NON_BMP.test(s) ? Array.from(s).reverse().join('') : s.split('').reverse().join('');
  },
  RPAD: (value: SqlValue, length: SqlValue, fill: SqlValue) => {
    if (value === null || length === null || fill === null) return null;
    const s = text(value);
    const n = int(length);
    const f = text(fill);
    const missing = n - pyLen(s);
    if (missing <= 0 || !f) return pyHead(s, n);
    return s + pyHead(f.repeat(Math.ceil(missing / pyLen(f))), missing);
  },
  SIGN: (x: SqlValue) => (x === null ? null : Number(num(x) > 0) - Number(num(x) < 0)),
};

// ====================================================================== aggregates

/**
 * STDDEV_POP / STDDEV_SAMP / VAR_POP / VAR_SAMP: Python's statistics.pstdev,
 * stdev, pvariance, variance over the column's values. Python computes these
 * exactly (fractions) and rounds once; so does this, with BigInt: every double
 * is an integer times a power of two. A NULL or text value, fewer than 1 (pop)
 * or 2 (sample) values, make the aggregate raise as in Django; no rows give NULL.
 */
function exactVariance(values: SqlValue[], sample: boolean): [num: bigint, den: bigint] {
  const n = values.length;
  if (n < (sample ? 2 : 1)) throw new Error(AGGREGATE_FINALIZE_RAISED); // StatisticsError
  const parts = values.map((v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(AGGREGATE_FINALIZE_RAISED);
    return dyadic(v);
  });
  let minExp = Infinity;
  for (const [, e] of parts) if (e < minExp) minExp = e;
  let sx = 0n;
  let sxx = 0n;
  for (const [m, e] of parts) {
    const x = m << BigInt(e - minExp);
    sx += x;
    sxx += x * x;
  }
  const N = BigInt(n);
  // ss = (n * Σx² - (Σx)²) / n; variance = ss / n (population) or ss / (n - 1) (sample)
  let num = N * sxx - sx * sx;
  let den = N * (sample ? N - 1n : N);
  if (minExp > 0) num <<= BigInt(2 * minExp);
  else den <<= BigInt(-2 * minExp);
  return [num, den];
}

/** A finite double as [integer mantissa, exponent]: x = m * 2^e exactly. */
function dyadic(x: number): [bigint, number] {
  if (Number.isSafeInteger(x)) return [BigInt(x), 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased) m |= 1n << 52n;
  const e = (biased || 1) - 1075;
  return [hi >>> 31 ? -m : m, e];
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** n / d (both > 0) as the nearest double, like Python's int / int. */
function ratioToFloat(n: bigint, d: bigint): number {
  if (n === 0n) return 0;
  const shift = 64 - (bitLength(n) - bitLength(d));
  const scaledN = shift > 0 ? n << BigInt(shift) : n;
  const scaledD = shift < 0 ? d << BigInt(-shift) : d;
  let q = scaledN / scaledD;
  if (q * scaledD !== scaledN) q |= 1n; // sticky bit: round once, correctly
  let result = Number(q);
  // Scale by 2^-shift in steps that stay exact.
  for (let s = shift; s !== 0; ) {
    const step = Math.max(-1000, Math.min(1000, s));
    result *= 2 ** -step;
    s -= step;
  }
  return result;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** statistics._float_sqrt_of_frac: sqrt(n / m) correctly rounded (round-to-odd, then one rounding). */
function sqrtOfFraction(n: bigint, m: bigint): number {
  const rto = (a: bigint, b: bigint) => {
    const r = isqrt(a / b);
    return r * r * b !== a ? r | 1n : r;
  };
  const q = Math.floor((bitLength(n) - bitLength(m) - 109) / 2);
  if (q >= 0) return ratioToFloat(rto(n, m << BigInt(2 * q)) << BigInt(q), 1n);
  return ratioToFloat(rto(n << BigInt(-2 * q), m), 1n << BigInt(-q));
}

function statisticsAggregate(sample: boolean, stddev: boolean) {
  return {
    init: (): SqlValue[] | null => null,
    step: (state: SqlValue[] | null, value: SqlValue): SqlValue[] => {
      const list = state ?? [];
      list.push(value);
      return list;
    },
    finalize: (state: SqlValue[] | null): number | null => {
      if (state === null) return null; // step never called: Python sqlite3 returns NULL
      const [n, d] = exactVariance(state, sample);
      const result = stddev ? sqrtOfFraction(n, d) : ratioToFloat(n, d);
      if (!Number.isFinite(result)) throw new Error(OVERFLOW_RAISED); // int/int too large for a float
      return result;
    },
  };
}

const AGGREGATES = {
  STDDEV_POP: statisticsAggregate(false, true),
  STDDEV_SAMP: statisticsAggregate(true, true),
  VAR_POP: statisticsAggregate(false, false),
  VAR_SAMP: statisticsAggregate(true, false),
};

// ====================================================================== registration

/** The date/time functions and regexp, with the arity Django registers them with. */
const DJANGO_FUNCTIONS: Record<string, (...args: SqlValue[]) => SqlValue | boolean> = {
  django_date_extract: (lookupType: SqlValue, dt: SqlValue) => datetimeExtract(lookupType, dt, null, null),
  django_date_trunc: dateTrunc,
  django_datetime_cast_date: datetimeCastDate,
  django_datetime_cast_time: datetimeCastTime,
  django_datetime_extract: datetimeExtract,
  django_datetime_trunc: datetimeTrunc,
  django_time_extract: timeExtract,
  django_time_trunc: timeTrunc,
  django_time_diff: timeDiff,
  django_timestamp_diff: timestampDiff,
  django_format_dtdelta: formatDtdelta,
  regexp,
};

const ARITY: Record<string, number> = {
  django_date_extract: 2,
  django_date_trunc: 4,
  django_datetime_cast_date: 3,
  django_datetime_cast_time: 3,
  django_datetime_extract: 4,
  django_datetime_trunc: 4,
  django_time_extract: 2,
  django_time_trunc: 4,
  django_time_diff: 2,
  django_timestamp_diff: 2,
  django_format_dtdelta: 3,
  regexp: 2,
  BITXOR: 2,
  COT: 1,
  LPAD: 3,
  MD5: 1,
  REPEAT: 2,
  REVERSE: 1,
  RPAD: 3,
  SIGN: 1,
  ACOS: 1,
  ASIN: 1,
  ATAN: 1,
  ATAN2: 2,
  CEILING: 1,
  COS: 1,
  DEGREES: 1,
  EXP: 1,
  FLOOR: 1,
  LN: 1,
  LOG: 2,
  MOD: 2,
  PI: 0,
  POWER: 2,
  RADIANS: 1,
  SIN: 1,
  SQRT: 1,
  TAN: 1,
};

interface AggregateDb {
  create_aggregate(
    name: string,
    fns: { init: () => unknown; step: (state: never, value: SqlValue) => unknown; finalize: (state: never) => unknown },
  ): unknown;
}

export interface RegisterOptions {
  /**
   * 'auto' (Django's behaviour): register the ACOS ... TAN fallbacks only when
   * `sqlite_compileoption_used('ENABLE_MATH_FUNCTIONS')` is 0 (never with sql.js
   * 1.17, which has them natively); 'always': register them anyway.
   */
  mathFunctions?: 'auto' | 'always';
}

/**
 * Register on `db` every function Django 5.2 registers on a SQLite connection.
 * Returns the names registered.
 */
export function registerDjangoFunctions(db: Database, options: RegisterOptions = {}): string[] {
  const registered: string[] = [];
  const define = (name: string, fn: (...args: SqlValue[]) => SqlValue | boolean) => {
    // sql.js registers with fn.length as the number of arguments.
    if (fn.length !== ARITY[name]) throw new Error(`${name}: arity ${fn.length}, Django registers ${ARITY[name]}`);
    db.create_function(name, fn);
    registered.push(name);
  };
  for (const [name, fn] of Object.entries(DJANGO_FUNCTIONS)) define(name, fn);
  for (const [name, fn] of Object.entries(SCALARS)) define(name, fn);
  // Don't use the built-in RANDOM(): Django's RAND() is in [0, 1).
  db.create_function('RAND', () => Math.random());
  registered.push('RAND');
  for (const [name, fns] of Object.entries(AGGREGATES)) {
    (db as unknown as AggregateDb).create_aggregate(name, fns);
    registered.push(name);
  }
  const hasMath = db.exec("SELECT sqlite_compileoption_used('ENABLE_MATH_FUNCTIONS')")[0]?.values[0]?.[0];
  if (options.mathFunctions === 'always' || !hasMath) {
    for (const [name, fn] of Object.entries(MATH_FALLBACKS)) define(name, fn);
  }
  return registered;
}
