/**
 * Python's str() and repr() for the Python mode (tuples, exceptions, floats as
 * Python spells them), plus the format-spec mini-language used by f-strings,
 * format() and str.format().
 */
import { IndexError, ValueError } from '../../orm/errors';
import { pyRepr as ormRepr, pyStr as ormStr, strRepr } from '../../orm/utils/pyformat';
import { KeyError } from './exceptions';
import { PY_CLASS, PyModule, instanceCheck, isClass, isPyFunction, shortName, typeName } from './types';
import { isPlainObject, isTuple, objectId } from './values';

interface Printable {
  __str__?(): unknown;
  __repr__?(): unknown;
  __format__?(spec: string): unknown;
  args?: unknown[];
}

/** Python's repr() of a float (or int): `0.1`, `1e-05`, `1e+16`; integral numbers print as ints. */
export function numberRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Number.isInteger(n)) return Math.abs(n) < 1e16 ? String(n) : BigInt(n).toString();
  const [mantissa, exponentText] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = n < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function exceptionArgs(e: Error): unknown[] {
  const args = (e as Printable).args;
  if (Array.isArray(args)) return args;
  return e.message ? [e.message] : [];
}

function functionRepr(fn: Function): string {
  if (instanceCheck(fn)) return `<class '${fn.name}'>`;
  if ((fn as { isModelClass?: boolean }).isModelClass) {
    const meta = (fn as { _meta?: { app_label?: string } })._meta;
    return `<class '${meta?.app_label ?? 'blog'}.models.${fn.name}'>`;
  }
  if (Object.prototype.hasOwnProperty.call(fn, PY_CLASS)) return `<class '__main__.${fn.name}'>`;
  if (isClass(fn)) return `<class '${shortName(fn.name)}'>`;
  if (isPyFunction(fn)) return `<function ${fn.name || '<lambda>'} at 0x${objectId(fn).toString(16).padStart(12, '0')}>`;
  return `<built-in function ${fn.name || 'function'}>`;
}

export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  switch (typeof value) {
    case 'boolean':
      return value ? 'True' : 'False';
    case 'number':
      return numberRepr(value);
    case 'string':
      return strRepr(value);
    case 'bigint':
      return String(value);
    case 'function':
      return functionRepr(value);
  }
  const printable = value as Printable;
  if (Array.isArray(value)) {
    if (value.constructor !== Array && typeof printable.__repr__ === 'function') return String(printable.__repr__());
    const items = value.map(pyRepr);
    if (isTuple(value)) return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    return `[${items.join(', ')}]`;
  }
  if (typeof printable.__repr__ === 'function' && !(value instanceof Date)) return String(printable.__repr__());
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  if (value instanceof Set) return value.size ? `{${[...value].map(pyRepr).join(', ')}}` : 'set()';
  if (value instanceof Error) return `${shortName(value.name)}(${exceptionArgs(value).map(pyRepr).join(', ')})`;
  if (isPlainObject(value)) return `{${Object.entries(value).map(([k, v]) => `${strRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  if (value instanceof PyModule) return value.__repr__();
  if (value instanceof Date) return ormRepr(value);
  if (typeName(value) === 'generator') return `<generator object <genexpr> at 0x${objectId(value).toString(16).padStart(12, '0')}>`;
  const cls = (value as object).constructor;
  if (cls && Object.prototype.hasOwnProperty.call(cls, PY_CLASS)) {
    return `<__main__.${cls.name} object at 0x${objectId(value).toString(16).padStart(12, '0')}>`;
  }
  return ormRepr(value);
}

export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  const printable = value as Printable | null | undefined;
  if (printable && typeof printable.__str__ === 'function') return String(printable.__str__());
  if (value instanceof Error) {
    const args = exceptionArgs(value);
    if (args === (value as Printable).args) return args.length === 0 ? '' : args.length === 1 ? pyStr(args[0]) : pyRepr(args);
    return value.message;
  }
  if (value instanceof Date) return ormStr(value);
  return pyRepr(value);
}

// ------------------------------------------------------------------ format specs

const SPEC = /^(?:([\s\S])?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** x.toFixed(digits), with Python's round-half-even when x is exactly halfway. */
export function toFixedHalfEven(x: number, digits: number): string {
  const fixed = x.toFixed(digits);
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21 || digits > 40) return fixed;
  const long = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const point = long.indexOf('.');
  const rest = long.slice(point + 1 + digits);
  if (!/^50*$/.test(rest)) return fixed;
  const truncated = long.slice(0, digits ? point + 1 + digits : point);
  const lastDigit = Number(truncated[truncated.length - 1]);
  if (lastDigit % 2 === 0) return (x < 0 && Number(truncated) !== 0 ? '-' : '') + truncated;
  return fixed;
}

function groupDigits(body: string, sep: string): string {
  const [whole, frac] = body.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function exponentForm(text: string, upper: boolean): string {
  const out = text.replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? out.toUpperCase() : out;
}

function generalForm(x: number, precision: number, alternate: boolean, upper: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return alternate ? (0).toFixed(p - 1) : '0';
  const exponent = Number(x.toExponential(p - 1).split('e')[1]);
  let out: string;
  if (exponent >= -4 && exponent < p) {
    out = toFixedHalfEven(x, p - 1 - exponent);
    if (!alternate && out.includes('.')) out = out.replace(/\.?0+$/, '');
  } else {
    out = x.toExponential(p - 1);
    if (!alternate) out = out.replace(/\.?0+e/, 'e');
    out = exponentForm(out, false);
  }
  return upper ? out.toUpperCase() : out;
}

function formatNumber(value: number, type: string | undefined, precision: number | undefined, alternate: boolean): string {
  const x = Math.abs(value);
  switch (type) {
    case undefined:
      if (precision !== undefined) return generalForm(x, precision, alternate, false);
      return numberRepr(x);
    case 'd':
    case 'n':
      if (!Number.isInteger(value)) {
        if (type === 'n') return generalForm(x, precision ?? 6, alternate, false);
        throw new ValueError(`Unknown format code 'd' for object of type 'float'`);
      }
      return String(x);
    case 'f':
    case 'F':
      return toFixedHalfEven(x, precision ?? 6);
    case 'e':
    case 'E':
      return exponentForm(x.toExponential(precision ?? 6), type === 'E');
    case 'g':
    case 'G':
      return generalForm(x, precision ?? 6, alternate, type === 'G');
    case '%':
      return toFixedHalfEven(x * 100, precision ?? 6) + '%';
    case 'x':
    case 'X':
    case 'o':
    case 'b': {
      if (!Number.isInteger(value)) throw new ValueError(`Unknown format code '${type}' for object of type 'float'`);
      const base = type === 'o' ? 8 : type === 'b' ? 2 : 16;
      const digits = x.toString(base);
      const prefix = alternate ? `0${type === 'X' ? 'X' : type}` : '';
      return prefix + (type === 'X' ? digits.toUpperCase() : digits);
    }
    case 'c':
      return String.fromCodePoint(x);
    default:
      throw new ValueError(`Unknown format code '${type}' for object of type '${Number.isInteger(value) ? 'int' : 'float'}'`);
  }
}

function pad(text: string, sign: string, width: number, fill: string, align: string): string {
  const length = [...text].length + sign.length;
  if (length >= width) return sign + text;
  const room = width - length;
  switch (align) {
    case '<':
      return sign + text + fill.repeat(room);
    case '^':
      return fill.repeat(Math.floor(room / 2)) + sign + text + fill.repeat(Math.ceil(room / 2));
    case '=':
      return sign + fill.repeat(room) + text;
    default:
      return fill.repeat(room) + sign + text;
  }
}

/** Python's format(value, spec). */
export function formatSpec(value: unknown, spec: string): string {
  const printable = value as Printable | null;
  if (printable && typeof printable.__format__ === 'function') return String(printable.__format__(spec));
  if (value instanceof Date) return strftime(value, spec);
  const m = SPEC.exec(spec);
  if (!m) throw new ValueError(`Invalid format specifier '${spec}' for object of type '${typeName(value)}'`);
  const [, fillChar, alignChar, signChar, , alternate, zero, widthText, grouping, precisionText, type] = m;
  const width = widthText ? Number(widthText) : 0;
  const precision = precisionText !== undefined ? Number(precisionText) : undefined;
  let fill = fillChar ?? ' ';
  let align = alignChar;
  if (zero && !alignChar) {
    fill = '0';
    align = '=';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    const n = Number(value);
    let body = formatNumber(n, type, precision, Boolean(alternate));
    if (grouping) body = groupDigits(body, grouping);
    const sign = n < 0 || Object.is(n, -0) ? '-' : signChar === '+' ? '+' : signChar === ' ' ? ' ' : '';
    return pad(body, sign, width, fill, align ?? '>');
  }
  if (type && type !== 's') throw new ValueError(`Unknown format code '${type}' for object of type '${typeName(value)}'`);
  let text = pyStr(value);
  if (precision !== undefined) text = [...text].slice(0, precision).join('');
  return pad(text, '', width, fill, align ?? '<');
}

/** One f-string field: `{value!conversion:spec}`. */
export function formatField(value: unknown, conversion: string | null, spec: string): string {
  if (conversion === 'r') value = pyRepr(value);
  else if (conversion === 's') value = pyStr(value);
  else if (conversion === 'a') value = pyRepr(value).replace(/[^\x00-\x7f]/gu, (c) => '\\u' + c.codePointAt(0)!.toString(16).padStart(4, '0'));
  return spec ? formatSpec(value, spec) : pyStr(value);
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** datetime.strftime for UTC datetimes and dates. */
export function strftime(d: Date, format: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const weekday = (d.getUTCDay() + 6) % 7;
  const hour12 = d.getUTCHours() % 12 || 12;
  const isDate = d.constructor.name === 'PyDate';
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((d.getTime() - start) / 86400000) + 1;
  return format.replace(/%([a-zA-Z%])/g, (all, code: string) => {
    switch (code) {
      case 'Y': return String(d.getUTCFullYear()).padStart(4, '0');
      case 'y': return two(d.getUTCFullYear() % 100);
      case 'm': return two(d.getUTCMonth() + 1);
      case 'd': return two(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'H': return two(d.getUTCHours());
      case 'I': return two(hour12);
      case 'M': return two(d.getUTCMinutes());
      case 'S': return two(d.getUTCSeconds());
      case 'f': return String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
      case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'a': return DAYS[weekday].slice(0, 3);
      case 'A': return DAYS[weekday];
      case 'w': return String(d.getUTCDay());
      case 'b': return MONTHS[d.getUTCMonth()].slice(0, 3);
      case 'B': return MONTHS[d.getUTCMonth()];
      case 'j': return String(dayOfYear).padStart(3, '0');
      case 'z': return isDate ? '' : '+0000';
      case 'Z': return isDate ? '' : 'UTC';
      case '%': return '%';
      default: return all;
    }
  });
}

// ------------------------------------------------------------------ str.format and %

function lookupField(name: string, positional: unknown[], keywords: Record<string, unknown>, next: () => number, getattr: (o: unknown, n: string) => unknown, getitem: (o: unknown, k: unknown) => unknown): unknown {
  const m = /^([^.[]*)(.*)$/.exec(name)!;
  const head = m[1];
  let value: unknown;
  if (head === '') value = positional[next()];
  else if (/^\d+$/.test(head)) value = positional[Number(head)];
  else {
    if (!(head in keywords)) throw new KeyError(head, strRepr(head));
    value = keywords[head];
  }
  for (const part of m[2].match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
    if (part[0] === '.') value = getattr(value, part.slice(1));
    else {
      const key = part.slice(1, -1);
      value = getitem(value, /^\d+$/.test(key) ? Number(key) : key);
    }
  }
  return value;
}

/** Python's str.format(*args, **kwargs). */
export function strFormat(
  template: string,
  positional: unknown[],
  keywords: Record<string, unknown>,
  getattr: (o: unknown, n: string) => unknown,
  getitem: (o: unknown, k: unknown) => unknown,
): string {
  let auto = 0;
  const next = () => {
    if (auto >= positional.length) throw new IndexError('Replacement index out of range for positional args tuple');
    return auto++;
  };
  const field = /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::((?:[^{}]|\{[^{}]*\})*))?\}/g;
  return template.replace(field, (all, name: string | undefined, conversion: string | undefined, spec: string | undefined) => {
    if (all === '{{') return '{';
    if (all === '}}') return '}';
    const value = lookupField(name ?? '', positional, keywords, next, getattr, getitem);
    const resolvedSpec = spec ? strFormat(spec, positional, keywords, getattr, getitem) : '';
    return formatField(value, conversion ?? null, resolvedSpec);
  });
}

/** Python's `'%s: %d' % (a, b)` and `'%(name)s' % {'name': x}`. */
export function percentFormat(template: string, values: unknown, TypeErrorClass: new (m: string) => Error): string {
  const mapping = values instanceof Map ? values : isPlainObject(values) ? values : null;
  const items = isTuple(values) ? values : [values];
  let index = 0;
  const out = template.replace(/%(?:\(([^)]*)\))?([#0\- +]*)(\d+)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g, (_match, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, code: string) => {
    if (code === '%') return '%';
    let value: unknown;
    if (key !== undefined) {
      if (!mapping) throw new TypeErrorClass('format requires a mapping');
      value = mapping instanceof Map ? mapping.get(key) : mapping[key];
    } else {
      if (index >= items.length) throw new TypeErrorClass('not enough arguments for format string');
      value = items[index++];
    }
    if (code === 's') value = pyStr(value);
    else if (code === 'r' || code === 'a') value = pyRepr(value);
    else if (code === 'i' || code === 'u') code = 'd';
    const align = flags.includes('-') ? '<' : '';
    const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const zero = flags.includes('0') && !align ? '0' : '';
    const type = 'sra'.includes(code) ? '' : code;
    if (type === 'd' && typeof value === 'number') value = Math.trunc(value);
    return formatSpec(value, `${align}${sign}${flags.includes('#') ? '#' : ''}${zero}${width ?? ''}${precision !== undefined ? '.' + precision : ''}${type}`);
  });
  if (!mapping && index < items.length) throw new TypeErrorClass('not all arguments converted during string formatting');
  return out;
}
