/**
 * Python's str() and repr() for the values learner code prints, so that
 * `print(post.published, post.view_count)` shows `True None` as Django would.
 * Objects opt in with `__str__()` / `__repr__()` methods (models, querysets).
 */
interface PyPrintable {
  __str__?(): string;
  __repr__?(): string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Arrays that stand for Python tuples (values_list rows, delete()'s result) print as `(1, 'a')`. */
const tuples = new WeakSet<readonly unknown[]>();

export function markTuple<T extends unknown[]>(array: T): T {
  tuples.add(array);
  return array;
}

export function isTuple(value: unknown): boolean {
  return Array.isArray(value) && tuples.has(value);
}

/** Django's aware UTC datetime as Python prints it: `2025-07-19 22:24:00+00:00`. */
export function datetimeStr(d: Date): string {
  if (Number.isNaN(d.getTime())) return 'Invalid Date';
  const base =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  return `${base}${ms ? '.' + pad(ms * 1000, 6) : ''}+00:00`;
}

function datetimeRepr(d: Date): string {
  const parts = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  const s = d.getUTCSeconds();
  const us = d.getUTCMilliseconds() * 1000;
  if (s || us) parts.push(s);
  if (us) parts.push(us);
  return `datetime.datetime(${parts.join(', ')}, tzinfo=datetime.timezone.utc)`;
}

export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return quote + out + quote;
}

function numberStr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}

export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return numberStr(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return strRepr(value);
  if (value instanceof Date) return datetimeRepr(value);
  if (Array.isArray(value)) {
    if (tuples.has(value)) return value.length === 1 ? `(${pyRepr(value[0])},)` : `(${value.map(pyRepr).join(', ')})`;
    return `[${value.map(pyRepr).join(', ')}]`;
  }
  if (value instanceof Set) return value.size ? `{${[...value].map(pyRepr).join(', ')}}` : 'set()';
  if (value instanceof Map) {
    return `{${[...value].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  const printable = value as PyPrintable;
  if (typeof printable.__repr__ === 'function') return printable.__repr__();
  if (typeof value === 'function') return `<function ${value.name || '<lambda>'}>`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${strRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return datetimeStr(value);
  const printable = value as PyPrintable | null;
  if (printable && typeof printable.__str__ === 'function') return printable.__str__();
  return pyRepr(value);
}
