/**
 * Python's built-in functions and types for the Python mode. They take
 * Python arguments (keywords as KwArgs) and reuse the runner's builtins where
 * the TypeScript API already has Python's semantics (len, range).
 */
import { AttributeError, PyTypeError, ValueError } from '../../orm/errors';
import { NamedRow } from '../../orm/iterables';
import { len as runnerLen, range as runnerRange } from '../../runner/builtins';
import { superOf, PyClassMethod, PyProperty, PyStaticMethod } from './classes';
import { lt, truthy } from './compare';
import { Timedelta } from './datetime';
import { exceptionMatches, PyException, StopIteration } from './exceptions';
import { formatField, pyRepr, pyStr, toFixedHalfEven } from './format';
import { iterate, mappingItems, toArray } from './iteration';
import { sortItems } from './methods';
import { add, floordiv, mod, pow as power } from './operators';
import { getattr as getAttribute, invoke, setattr as setAttribute, delattr as delAttribute } from './protocol';
import { INSTANCE_CHECK, instanceCheck, markPython, PyObject, typeName } from './types';
import { hashKey, isPlainObject, isTuple, objectId, PyDict, PySet, splitKwargs, tuple } from './values';

type Impl = (args: unknown[], kw: Record<string, unknown>) => unknown;

function builtin(name: string, impl: Impl): (...args: unknown[]) => unknown {
  return markPython((...args: unknown[]) => {
    const [positional, kw] = splitKwargs(args);
    return impl(positional, kw);
  }, name);
}

/** A builtin type: callable to convert, usable with isinstance(). */
function builtinType(name: string, check: (value: unknown) => boolean, impl: Impl): (...args: unknown[]) => unknown {
  const fn = builtin(name, impl);
  (fn as unknown as Record<symbol, unknown>)[INSTANCE_CHECK] = check;
  return fn;
}

function noKeywords(name: string, kw: Record<string, unknown>): void {
  const extra = Object.keys(kw);
  if (extra.length) throw new PyTypeError(`${name}() takes no keyword arguments`);
}

const isInt = (x: unknown) => (typeof x === 'number' && Number.isInteger(x)) || typeof x === 'boolean';

function toInt(value: unknown, base: number): number {
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValueError(`cannot convert float ${pyRepr(value)} to integer`);
    return Math.trunc(value);
  }
  if (typeof value === 'string') {
    const text = value.trim().replace(/_/g, '');
    const digits = base === 10 ? /^[+-]?\d+$/ : base === 16 ? /^[+-]?(0x)?[0-9a-f]+$/i : base === 8 ? /^[+-]?(0o)?[0-7]+$/i : base === 2 ? /^[+-]?(0b)?[01]+$/i : /^[+-]?[0-9a-z]+$/i;
    if (!digits.test(text)) throw new ValueError(`invalid literal for int() with base ${base}: ${pyRepr(value)}`);
    return parseInt(text.replace(/^([+-]?)0[xob]/i, '$1'), base);
  }
  const custom = (value as { __int__?: () => unknown } | null)?.__int__;
  if (typeof custom === 'function') return Number(custom.call(value));
  throw new PyTypeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(value)}'`);
}

function toFloat(value: unknown): number {
  if (typeof value === 'number' || typeof value === 'boolean') return Number(value);
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (/^[+-]?(inf|infinity)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(text)) return NaN;
    if (!/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(e[+-]?\d+)?$/.test(text)) throw new ValueError(`could not convert string to float: ${pyRepr(value)}`);
    return Number(text.replace(/_/g, ''));
  }
  throw new PyTypeError(`float() argument must be a string or a real number, not '${typeName(value)}'`);
}

/** Python's round(): half to even, as CPython rounds the exact binary value. */
export function pyRound(x: unknown, ndigits: unknown): unknown {
  if (typeof x !== 'number' && typeof x !== 'boolean') {
    const custom = (x as { __round__?: (n?: unknown) => unknown } | null)?.__round__;
    if (typeof custom === 'function') return custom.call(x, ndigits);
    throw new PyTypeError(`type ${typeName(x)} doesn't define __round__ method`);
  }
  const n = Number(x);
  if (!Number.isFinite(n)) {
    if (ndigits === null || ndigits === undefined) throw new ValueError(`cannot convert float ${pyRepr(n)} to integer`);
    return n;
  }
  if (ndigits === null || ndigits === undefined) {
    const floor = Math.floor(n);
    const diff = n - floor;
    if (diff > 0.5) return floor + 1;
    if (diff < 0.5) return floor;
    return floor % 2 === 0 ? floor : floor + 1;
  }
  const digits = Number(ndigits);
  if (digits >= 0) return Number.isInteger(n) ? n : Number(toFixedHalfEven(n, Math.min(digits, 100)));
  const scale = 10 ** -digits;
  return (pyRound(n / scale, null) as number) * scale;
}

function extreme(name: 'min' | 'max', args: unknown[], kw: Record<string, unknown>): unknown {
  const items = args.length === 1 ? toArray(args[0]) : args;
  if (!items.length) {
    if ('default' in kw) return kw.default;
    throw new ValueError(`${name}() ${args.length === 1 ? 'iterable argument is empty' : 'expected at least 1 argument, got 0'}`);
  }
  const key = kw.key === null || kw.key === undefined ? (x: unknown) => x : (x: unknown) => invoke(kw.key, undefined, [x]);
  let best = items[0];
  let bestKey = key(best);
  for (const item of items.slice(1)) {
    const k = key(item);
    if (name === 'min' ? lt(k, bestKey) : lt(bestKey, k)) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

function isinstance(obj: unknown, cls: unknown): boolean {
  if (Array.isArray(cls)) return cls.some((c) => isinstance(obj, c));
  const check = instanceCheck(cls);
  if (check) return check(obj);
  if (typeof cls !== 'function') throw new PyTypeError('isinstance() arg 2 must be a type, a tuple of types, or a union');
  if (obj instanceof Error || cls === PyException) return obj instanceof Error && exceptionMatches(obj, cls);
  return obj instanceof (cls as new () => unknown);
}

const noneType = builtinType('NoneType', (x) => x === null || x === undefined, () => null);

export const int = builtinType('int', isInt, ([value = 0, base = 10]) => toInt(value, Number(base)));
export const float = builtinType('float', (x) => typeof x === 'number' && !Number.isInteger(x), ([value = 0]) => toFloat(value));
export const str = builtinType('str', (x) => typeof x === 'string', ([value = '']) => pyStr(value));
export const bool = builtinType('bool', (x) => typeof x === 'boolean', ([value = false]) => truthy(value));
export const list = builtinType('list', (x) => Array.isArray(x) && !isTuple(x) && !(x instanceof NamedRow), ([value = []]) => [...iterate(value)]);
export const tupleType = builtinType('tuple', (x) => isTuple(x) || x instanceof NamedRow, ([value = []]) => tuple([...iterate(value)]));
export const dict = builtinType('dict', (x) => x instanceof Map || isPlainObject(x), ([value], kw) => {
  const d = new PyDict();
  if (value !== undefined) {
    const pairs = value instanceof Map || isPlainObject(value) ? mappingItems(value) : toArray(value).map((p) => toArray(p));
    for (const [k, v] of pairs) d.set(k, v);
  }
  for (const [k, v] of Object.entries(kw)) d.set(k, v);
  return d;
});
export const set = builtinType('set', (x) => x instanceof Set, ([value]) => new PySet(value === undefined ? [] : iterate(value)));

/** type(x): the class of a value, builtin types for primitives. */
function typeOf(value: unknown): unknown {
  if (value === null || value === undefined) return noneType;
  switch (typeof value) {
    case 'boolean':
      return bool;
    case 'number':
      return Number.isInteger(value) ? int : float;
    case 'string':
      return str;
  }
  if (Array.isArray(value) && value.constructor === Array) return isTuple(value) ? tupleType : list;
  if (value instanceof PyDict || isPlainObject(value)) return dict;
  if (value instanceof PySet) return set;
  return (value as object).constructor;
}

/** The builtins; `printLine` records one line of output. */
export function pythonBuiltins(printLine: (line: string) => void): Record<string, unknown> {
  return {
    print: builtin('print', (args, kw) => {
      const sep = kw.sep === undefined || kw.sep === null ? ' ' : pyStr(kw.sep);
      const end = kw.end === undefined || kw.end === null ? '\n' : pyStr(kw.end);
      printLine((args.map(pyStr).join(sep) + end).replace(/\n$/, ''));
      return null;
    }),
    len: builtin('len', ([value]) => (typeof value === 'string' ? [...value].length : runnerLen(value))),
    bool,
    int,
    float,
    str,
    list,
    tuple: tupleType,
    dict,
    set,
    frozenset: set,
    object: PyObject,
    type: builtin('type', (args) => {
      if (args.length !== 1) throw new PyTypeError('type() takes 1 argument in ORM Lab');
      return typeOf(args[0]);
    }),
    repr: builtin('repr', ([value]) => pyRepr(value)),
    ascii: builtin('ascii', ([value]) => formatField(value, 'a', '')),
    format: builtin('format', ([value, spec = '']) => formatField(value, null, pyStr(spec))),
    range: builtin('range', (args, kw) => {
      noKeywords('range', kw);
      if (args.some((a) => !isInt(a))) throw new PyTypeError(`'${typeName(args.find((a) => !isInt(a)))}' object cannot be interpreted as an integer`);
      if (args.length === 3 && Number(args[2]) === 0) throw new ValueError('range() arg 3 must not be zero');
      return runnerRange(...(args.map(Number) as [number, number?, number?]));
    }),
    sum: builtin('sum', ([items, start = 0], kw) => {
      let total = kw.start ?? start;
      for (const x of iterate(items)) total = add(total, x);
      return total;
    }),
    sorted: builtin('sorted', ([items], kw) => sortItems([...iterate(items)], kw)),
    reversed: builtin('reversed', ([items]) => [...toArray(items)].reverse()),
    min: builtin('min', (args, kw) => extreme('min', args, kw)),
    max: builtin('max', (args, kw) => extreme('max', args, kw)),
    enumerate: builtin('enumerate', ([items, start = 0], kw) => {
      let i = Number(kw.start ?? start);
      return (function* () {
        for (const x of iterate(items)) yield tuple([i++, x]);
      })();
    }),
    zip: builtin('zip', (args) =>
      (function* () {
        const its = args.map((a) => iterate(a)[Symbol.iterator]());
        if (!its.length) return;
        for (;;) {
          const row: unknown[] = [];
          for (const it of its) {
            const r = it.next();
            if (r.done) return;
            row.push(r.value);
          }
          yield tuple(row);
        }
      })(),
    ),
    map: builtin('map', ([fn, ...its]) =>
      (function* () {
        const iterators = its.map((a) => iterate(a)[Symbol.iterator]());
        for (;;) {
          const row: unknown[] = [];
          for (const it of iterators) {
            const r = it.next();
            if (r.done) return;
            row.push(r.value);
          }
          yield invoke(fn, undefined, row);
        }
      })(),
    ),
    filter: builtin('filter', ([fn, items]) =>
      (function* () {
        for (const x of iterate(items)) if (fn === null || fn === undefined ? truthy(x) : truthy(invoke(fn, undefined, [x]))) yield x;
      })(),
    ),
    any: builtin('any', ([items]) => {
      for (const x of iterate(items)) if (truthy(x)) return true;
      return false;
    }),
    all: builtin('all', ([items]) => {
      for (const x of iterate(items)) if (!truthy(x)) return false;
      return true;
    }),
    abs: builtin('abs', ([x]) => {
      if (typeof x === 'number' || typeof x === 'boolean') return Math.abs(Number(x));
      if (x instanceof Timedelta) return new Timedelta(Math.abs(x.totalMicroseconds));
      const custom = (x as { __abs__?: () => unknown } | null)?.__abs__;
      if (typeof custom === 'function') return custom.call(x);
      throw new PyTypeError(`bad operand type for abs(): '${typeName(x)}'`);
    }),
    round: builtin('round', ([x, ndigits = null], kw) => pyRound(x, kw.ndigits ?? ndigits)),
    divmod: builtin('divmod', ([a, b]) => tuple([floordiv(a, b), mod(a, b)])),
    pow: builtin('pow', ([a, b, m]) => (m === undefined || m === null ? power(a, b) : mod(power(a, b), m))),
    chr: builtin('chr', ([code]) => String.fromCodePoint(Number(code))),
    ord: builtin('ord', ([c]) => {
      if (typeof c !== 'string' || [...c].length !== 1) throw new PyTypeError(`ord() expected a character, but string of length ${typeof c === 'string' ? [...c].length : 0} found`);
      return c.codePointAt(0);
    }),
    hex: builtin('hex', ([n]) => (Number(n) < 0 ? '-0x' : '0x') + Math.abs(Number(n)).toString(16)),
    oct: builtin('oct', ([n]) => (Number(n) < 0 ? '-0o' : '0o') + Math.abs(Number(n)).toString(8)),
    bin: builtin('bin', ([n]) => (Number(n) < 0 ? '-0b' : '0b') + Math.abs(Number(n)).toString(2)),
    isinstance: builtin('isinstance', ([obj, cls]) => isinstance(obj, cls)),
    issubclass: builtin('issubclass', ([cls, base]) => {
      if (Array.isArray(base)) return base.some((b) => cls === b || (typeof b === 'function' && (cls as { prototype?: unknown })?.prototype instanceof (b as new () => unknown)));
      return cls === base || base === PyException || (typeof base === 'function' && (cls as { prototype?: unknown })?.prototype instanceof (base as new () => unknown));
    }),
    hasattr: builtin('hasattr', ([obj, name]) => {
      try {
        getAttribute(obj, pyStr(name));
        return true;
      } catch (e) {
        if (e instanceof AttributeError) return false;
        throw e;
      }
    }),
    getattr: builtin('getattr', (args) => {
      try {
        return getAttribute(args[0], pyStr(args[1]));
      } catch (e) {
        if (e instanceof AttributeError && args.length > 2) return args[2];
        throw e;
      }
    }),
    setattr: builtin('setattr', ([obj, name, value]) => {
      setAttribute(obj, pyStr(name), value);
      return null;
    }),
    delattr: builtin('delattr', ([obj, name]) => {
      delAttribute(obj, pyStr(name));
      return null;
    }),
    callable: builtin('callable', ([x]) => typeof x === 'function' || typeof (x as { __call__?: unknown } | null)?.__call__ === 'function'),
    id: builtin('id', ([x]) => (x !== null && (typeof x === 'object' || typeof x === 'function') ? objectId(x) : hashKey(x))),
    hash: builtin('hash', ([x]) => {
      const key = hashKey(x);
      if (typeof key === 'number') return key;
      if (typeof key === 'string') {
        let h = 0;
        for (let i = 0; i < key.length; i++) h = (Math.imul(31, h) + key.charCodeAt(i)) | 0;
        return h;
      }
      return objectId(key as object);
    }),
    iter: builtin('iter', ([x]) => iterate(x)[Symbol.iterator]()),
    next: builtin('next', (args) => {
      const it = args[0] as Iterator<unknown> | null;
      if (!it || typeof it.next !== 'function') throw new PyTypeError(`'${typeName(it)}' object is not an iterator`);
      const r = it.next();
      if (!r.done) return r.value;
      if (args.length > 1) return args[1];
      throw new StopIteration();
    }),
    property: builtin('property', ([fget, fset = null]) => new PyProperty(fget, fset)),
    staticmethod: builtin('staticmethod', ([fn]) => new PyStaticMethod(fn)),
    classmethod: builtin('classmethod', ([fn]) => new PyClassMethod(fn)),
    super: builtin('super', ([cls, self]) => superOf(cls, self)),
    NotImplemented: null,
    __name__: '__main__',
  };
}

