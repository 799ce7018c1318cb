/**
 * Methods of Python's built-in types on their JavaScript representations:
 * str, list/tuple, dict (PyDict, Map, plain object), set, datetime/date.
 */
import { AttributeError, IndexError, PyTypeError, ValueError } from '../../orm/errors';
import { PyDate } from '../../orm/utils/datetime';
import { eq, lt } from './compare';
import { addTimedelta, dateAttribute, isoformat, Timedelta } from './datetime';
import { KeyError } from './exceptions';
import { pyRepr, strftime, strFormat } from './format';
import { iterate, mappingItems, toArray } from './iteration';
import { getattr, invoke } from './protocol';
import { getitem } from './subscripts';
import { markPython, typeName } from './types';
import { isPlainObject, isTuple, PyDict, PySet, splitKwargs, tuple } from './values';

type Method = (self: never, args: unknown[], kw: Record<string, unknown>) => unknown;
type Table = Record<string, Method>;

function str(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new PyTypeError(`${what} must be str, not ${typeName(value)}`);
  return value;
}

function whitespaceSplit(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let rest = s.replace(/^\s+/, '');
  while (rest && (maxsplit < 0 || out.length < maxsplit)) {
    const m = /\s+/.exec(rest);
    if (!m) break;
    out.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) out.push(maxsplit >= 0 && out.length >= maxsplit ? rest.replace(/\s+$/, '') : rest.replace(/\s+$/, ''));
  return out;
}

function split(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === null || sep === undefined) return whitespaceSplit(s, maxsplit);
  const separator = str(sep, 'sep');
  if (!separator) throw new ValueError('empty separator');
  const parts = s.split(separator);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(separator)];
}

function strip(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === null || chars === undefined ? null : new Set(str(chars, 'chars'));
  const strippable = (c: string) => (set ? set.has(c) : /\s/.test(c));
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  if (left) while (a < b && strippable(cs[a])) a++;
  if (right) while (b > a && strippable(cs[b - 1])) b--;
  return cs.slice(a, b).join('');
}

function affix(s: string, arg: unknown, test: (s: string, p: string) => boolean, what: string): boolean {
  if (Array.isArray(arg)) return arg.some((p) => test(s, str(p, `tuple for ${what} must only contain str, not`)));
  return test(s, str(arg, `${what} first arg`));
}

const STR: Table = {
  join: (s: string, [items]) =>
    toArray(items)
      .map((x) => {
        if (typeof x !== 'string') throw new PyTypeError(`sequence item: expected str instance, ${typeName(x)} found`);
        return x;
      })
      .join(s),
  split: (s: string, [sep = null, maxsplit = -1], kw) => split(s, kw.sep ?? sep, Number(kw.maxsplit ?? maxsplit)),
  rsplit: (s: string, [sep = null, maxsplit = -1], kw) => {
    const max = Number(kw.maxsplit ?? maxsplit);
    const parts = split(s, kw.sep ?? sep, -1);
    if (max < 0 || parts.length <= max + 1) return parts;
    const joiner = (kw.sep ?? sep ?? ' ') as string;
    return [parts.slice(0, parts.length - max).join(joiner), ...parts.slice(parts.length - max)];
  },
  splitlines: (s: string) => s.split(/\r\n|\r|\n/).filter((_, i, all) => i < all.length - 1 || all[i] !== ''),
  strip: (s: string, [chars]) => strip(s, chars, true, true),
  lstrip: (s: string, [chars]) => strip(s, chars, true, false),
  rstrip: (s: string, [chars]) => strip(s, chars, false, true),
  upper: (s: string) => s.toUpperCase(),
  lower: (s: string) => s.toLowerCase(),
  casefold: (s: string) => s.toLowerCase(),
  swapcase: (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  title: (s: string) => s.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()),
  capitalize: (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  startswith: (s: string, [prefix]) => affix(s, prefix, (x, p) => x.startsWith(p), 'startswith'),
  endswith: (s: string, [suffix]) => affix(s, suffix, (x, p) => x.endsWith(p), 'endswith'),
  replace: (s: string, [old, replacement, count = -1]) => {
    const parts = s.split(str(old, 'replace() argument 1'));
    const n = Number(count);
    if (n < 0 || parts.length <= n + 1) return parts.join(str(replacement, 'replace() argument 2'));
    return parts.slice(0, n + 1).join(replacement as string) + str(old, '') + parts.slice(n + 1).join(old as string);
  },
  find: (s: string, [sub, start = 0]) => s.indexOf(str(sub, 'must'), Number(start)),
  rfind: (s: string, [sub]) => s.lastIndexOf(str(sub, 'must')),
  index: (s: string, [sub, start = 0]) => {
    const i = s.indexOf(str(sub, 'must'), Number(start));
    if (i < 0) throw new ValueError('substring not found');
    return i;
  },
  count: (s: string, [sub]) => (str(sub, 'must') ? s.split(sub as string).length - 1 : s.length + 1),
  format: (s: string, args, kw) => strFormat(s, args, kw, getattr, getitem),
  isdigit: (s: string) => /^\p{Nd}+$/u.test(s),
  isnumeric: (s: string) => /^\p{N}+$/u.test(s),
  isdecimal: (s: string) => /^\p{Nd}+$/u.test(s),
  isalpha: (s: string) => /^\p{L}+$/u.test(s),
  isalnum: (s: string) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s: string) => /^\s+$/.test(s),
  isupper: (s: string) => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
  islower: (s: string) => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
  zfill: (s: string, [width]) => (s[0] === '-' || s[0] === '+' ? s[0] + s.slice(1).padStart(Number(width) - 1, '0') : s.padStart(Number(width), '0')),
  ljust: (s: string, [width, fill = ' ']) => s.padEnd(Number(width), fill as string),
  rjust: (s: string, [width, fill = ' ']) => s.padStart(Number(width), fill as string),
  center: (s: string, [width, fill = ' ']) => {
    const room = Math.max(0, Number(width) - s.length);
    const left = Math.floor(room / 2) + (room % 2 && s.length % 2 ? 1 : 0);
    return (fill as string).repeat(left) + s + (fill as string).repeat(room - left);
  },
  partition: (s: string, [sep]) => {
    const i = s.indexOf(str(sep, 'sep'));
    return tuple(i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + (sep as string).length)]);
  },
  rpartition: (s: string, [sep]) => {
    const i = s.lastIndexOf(str(sep, 'sep'));
    return tuple(i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + (sep as string).length)]);
  },
  removeprefix: (s: string, [p]) => (s.startsWith(str(p, 'prefix')) ? s.slice((p as string).length) : s),
  removesuffix: (s: string, [p]) => (p && s.endsWith(str(p, 'suffix')) ? s.slice(0, -(p as string).length) : s),
  encode: () => {
    throw new PyTypeError('bytes are not supported in ORM Lab');
  },
};

function sortKey(kw: Record<string, unknown>): (x: unknown) => unknown {
  const key = kw.key;
  return key === null || key === undefined ? (x) => x : (x) => invoke(key, undefined, [x]);
}

/** list.sort / sorted(): stable, with Python's `<`. */
export function sortItems(items: unknown[], kw: Record<string, unknown>): unknown[] {
  const key = sortKey(kw);
  const keyed = items.map((x) => [key(x), x] as const);
  const reverse = Boolean(kw.reverse);
  keyed.sort((a, b) => (lt(a[0], b[0]) ? (reverse ? 1 : -1) : lt(b[0], a[0]) ? (reverse ? -1 : 1) : 0));
  return keyed.map((pair) => pair[1]);
}

const TUPLE: Table = {
  count: (l: unknown[], [x]) => l.filter((y) => eq(y, x)).length,
  index: (l: unknown[], [x]) => {
    const i = l.findIndex((y) => eq(y, x));
    if (i < 0) throw new ValueError(`${pyRepr(x)} is not in ${isTuple(l) ? 'tuple' : 'list'}`);
    return i;
  },
};

const LIST: Table = {
  ...TUPLE,
  append: (l: unknown[], [x]) => void l.push(x),
  extend: (l: unknown[], [items]) => void l.push(...toArray(items)),
  insert: (l: unknown[], [i, x]) => void l.splice(Number(i) < 0 ? Math.max(0, l.length + Number(i)) : Number(i), 0, x),
  pop: (l: unknown[], [i = -1]) => {
    if (!l.length) throw new IndexError('pop from empty list');
    const at = Number(i) < 0 ? l.length + Number(i) : Number(i);
    if (at < 0 || at >= l.length) throw new IndexError('pop index out of range');
    return l.splice(at, 1)[0];
  },
  remove: (l: unknown[], [x]) => {
    const i = l.findIndex((y) => eq(y, x));
    if (i < 0) throw new ValueError('list.remove(x): x not in list');
    l.splice(i, 1);
  },
  reverse: (l: unknown[]) => void l.reverse(),
  sort: (l: unknown[], _args, kw) => {
    const sorted = sortItems(l, kw);
    l.splice(0, l.length, ...sorted);
  },
  copy: (l: unknown[]) => [...l],
  clear: (l: unknown[]) => void l.splice(0, l.length),
};

type AnyDict = Map<unknown, unknown> | Record<string, unknown>;

function dictHas(d: AnyDict, k: unknown): boolean {
  return d instanceof Map ? d.has(k) : typeof k === 'string' && Object.prototype.hasOwnProperty.call(d, k);
}

function dictGet(d: AnyDict, k: unknown): unknown {
  return d instanceof Map ? d.get(k) : (d as Record<string, unknown>)[k as string];
}

function dictSet(d: AnyDict, k: unknown, v: unknown): void {
  if (d instanceof Map) d.set(k, v);
  else d[String(k)] = v;
}

function dictDelete(d: AnyDict, k: unknown): void {
  if (d instanceof Map) d.delete(k);
  else delete d[k as string];
}

function dictUpdate(d: AnyDict, args: unknown[], kw: Record<string, unknown>): void {
  const [other] = args;
  if (other !== undefined && other !== null) {
    const pairs = other instanceof Map || isPlainObject(other) ? mappingItems(other) : toArray(other).map((p) => toArray(p));
    for (const [k, v] of pairs) dictSet(d, k, v);
  }
  for (const [k, v] of Object.entries(kw)) dictSet(d, k, v);
}

const DICT: Table = {
  get: (d: AnyDict, [k, fallback = null]) => (dictHas(d, k) ? dictGet(d, k) : fallback),
  items: (d: AnyDict) => mappingItems(d).map((pair) => tuple(pair)),
  keys: (d: AnyDict) => mappingItems(d).map((pair) => pair[0]),
  values: (d: AnyDict) => mappingItems(d).map((pair) => pair[1]),
  pop: (d: AnyDict, args) => {
    const [k] = args;
    if (dictHas(d, k)) {
      const v = dictGet(d, k);
      dictDelete(d, k);
      return v;
    }
    if (args.length > 1) return args[1];
    throw new KeyError(k, pyRepr(k));
  },
  popitem: (d: AnyDict) => {
    const items = mappingItems(d);
    if (!items.length) throw new KeyError(null, "'popitem(): dictionary is empty'");
    const [k, v] = items[items.length - 1];
    dictDelete(d, k);
    return tuple([k, v]);
  },
  setdefault: (d: AnyDict, [k, fallback = null]) => {
    if (!dictHas(d, k)) dictSet(d, k, fallback);
    return dictGet(d, k);
  },
  update: (d: AnyDict, args, kw) => dictUpdate(d, args, kw),
  copy: (d: AnyDict) => PyDict.fromEntries(mappingItems(d)),
  clear: (d: AnyDict) => {
    for (const [k] of mappingItems(d)) dictDelete(d, k);
  },
};

const SET: Table = {
  add: (s: Set<unknown>, [x]) => void s.add(x),
  remove: (s: Set<unknown>, [x]) => {
    if (!s.delete(x)) throw new KeyError(x, pyRepr(x));
  },
  discard: (s: Set<unknown>, [x]) => void s.delete(x),
  pop: (s: Set<unknown>) => {
    for (const x of s) {
      s.delete(x);
      return x;
    }
    throw new KeyError(null, "'pop from an empty set'");
  },
  clear: (s: Set<unknown>) => s.clear(),
  copy: (s: Set<unknown>) => new PySet(s),
  update: (s: Set<unknown>, args) => {
    for (const a of args) for (const x of iterate(a)) s.add(x);
  },
  union: (s: Set<unknown>, args) => new PySet([...s, ...args.flatMap((a) => toArray(a))]),
  intersection: (s: Set<unknown>, args) => {
    const others = args.map((a) => new PySet(iterate(a)));
    return new PySet([...s].filter((x) => others.every((o) => o.has(x))));
  },
  difference: (s: Set<unknown>, args) => {
    const others = args.map((a) => new PySet(iterate(a)));
    return new PySet([...s].filter((x) => !others.some((o) => o.has(x))));
  },
  symmetric_difference: (s: Set<unknown>, [other]) => {
    const o = new PySet(iterate(other));
    return new PySet([...[...s].filter((x) => !o.has(x)), ...[...o].filter((x) => !s.has(x))]);
  },
  issubset: (s: Set<unknown>, [other]) => {
    const o = new PySet(iterate(other));
    return [...s].every((x) => o.has(x));
  },
  issuperset: (s: Set<unknown>, [other]) => toArray(other).every((x) => s.has(x)),
  isdisjoint: (s: Set<unknown>, [other]) => toArray(other).every((x) => !s.has(x)),
};

const DATE: Table = {
  date: (d: Date) => new PyDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())),
  isoformat: (d: Date, [sep = 'T']) => isoformat(d, String(sep)),
  strftime: (d: Date, [format]) => strftime(d, str(format, 'strftime() argument 1')),
  weekday: (d: Date) => (d.getUTCDay() + 6) % 7,
  isoweekday: (d: Date) => ((d.getUTCDay() + 6) % 7) + 1,
  timestamp: (d: Date) => d.getTime() / 1000,
  astimezone: (d: Date) => d,
  utcoffset: (d: Date) => (d instanceof PyDate ? null : new Timedelta(0)),
  replace: (d: Date, _args, kw) => {
    const parts = {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
      hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), microsecond: d.getUTCMilliseconds() * 1000,
    };
    for (const [k, v] of Object.entries(kw)) if (k in parts) parts[k as keyof typeof parts] = Number(v);
    const ms = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, Math.floor(parts.microsecond / 1000));
    return d instanceof PyDate ? new PyDate(ms) : new Date(ms);
  },
  __add__: (d: Date, [delta]) => addTimedelta(d, delta as Timedelta, 1),
};

function tableFor(obj: unknown): Table | null {
  if (typeof obj === 'string') return STR;
  if (Array.isArray(obj)) return isTuple(obj) ? TUPLE : LIST;
  if (obj instanceof Map || isPlainObject(obj)) return DICT;
  if (obj instanceof Set) return SET;
  if (obj instanceof Date) return DATE;
  return null;
}

/** A built-in type's method, or undefined. */
export function builtinMethod(obj: unknown, name: string): Method | undefined {
  const table = tableFor(obj);
  return table && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** `obj.name` on a str, number, list, tuple, dict, set or datetime: its attribute or a bound method. */
export function builtinAttribute(obj: unknown, name: string): unknown {
  if (obj instanceof Date) {
    const value = dateAttribute(obj, name);
    if (value !== undefined) return value;
  }
  if (Array.isArray(obj) && Object.prototype.hasOwnProperty.call(obj, name) && !/^\d+$/.test(name)) return (obj as unknown as Record<string, unknown>)[name];
  if (typeof obj === 'number' || typeof obj === 'boolean') {
    if (name === 'real' || name === 'numerator') return Number(obj);
    if (name === 'imag') return 0;
    if (name === 'denominator') return 1;
    if (name === 'is_integer') return markPython(() => Number.isInteger(obj), 'is_integer');
  }
  const method = builtinMethod(obj, name);
  if (method) {
    return markPython((...args: unknown[]) => {
      const [positional, kw] = splitKwargs(args);
      return method(obj as never, positional, kw);
    }, name);
  }
  // plain objects are dicts (values() rows) but also the API's namespaces (`Post.tags.through`)
  if (isPlainObject(obj) && Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
}
