/**
 * Python's operators on JavaScript values: numbers, strings, lists and tuples
 * as Python has them; F() and other expressions through the ORM's methods
 * (`F('x') + 1` → `F('x').add(1)`, `1 + F('x')` → `.radd(1)`, `Q | Q` → `.or()`,
 * `~q` → `.not()`); objects defined in Python through their dunder methods.
 */
import { Combinable } from '../../orm/expressions/core';
import { Q } from '../../orm/q';
import { PyTypeError } from '../../orm/errors';
import { addTimedelta, Timedelta } from './datetime';
import { ZeroDivisionError } from './exceptions';
import { percentFormat } from './format';
import { iterate } from './iteration';
import { typeName } from './types';
import { isPlainObject, isTuple, PyDict, PySet, tuple } from './values';

type Dunder = Record<string, ((...args: unknown[]) => unknown) | undefined>;

const isNumber = (x: unknown): x is number | boolean => typeof x === 'number' || typeof x === 'boolean';
const isExpression = (x: unknown): x is Combinable => x instanceof Combinable;

type Combining = Record<'and' | 'or' | 'xor' | 'not', ((...args: unknown[]) => unknown) | undefined>;

/** Q objects, conditional expressions (and any API object with the method) combine with `.and()`/`.or()`/`.xor()`/`.not()`. */
function combining(x: unknown, method: keyof Combining): boolean {
  return x instanceof Q || isExpression(x) || (x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Set) && typeof (x as Combining)[method] === 'function');
}

function unsupported(op: string, a: unknown, b: unknown): PyTypeError {
  return new PyTypeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** `a.__op__(b)`, then `b.__rop__(a)`, for classes defined in Python. */
function dunder(name: string, a: unknown, b: unknown): { value: unknown } | null {
  const left = a as Dunder | null;
  if (left && typeof left[`__${name}__`] === 'function') return { value: left[`__${name}__`]!.call(a, b) };
  const right = b as Dunder | null;
  if (right && typeof right[`__r${name}__`] === 'function') return { value: right[`__r${name}__`]!.call(b, a) };
  return null;
}

function sequence(a: unknown[], items: unknown[]): unknown[] {
  return isTuple(a) ? tuple(items) : items;
}

function repeat<T>(items: T[], times: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(...items);
  return out;
}

export function add(a: unknown, b: unknown): unknown {
  if (isNumber(a) && isNumber(b)) return Number(a) + Number(b);
  if (typeof a === 'string') {
    if (typeof b === 'string') return a + b;
    if (!isExpression(b)) throw new PyTypeError(`can only concatenate str (not "${typeName(b)}") to str`);
  }
  if (Array.isArray(a) && Array.isArray(b)) return sequence(a, [...a, ...b]);
  if (isExpression(a)) return a.add(b);
  if (isExpression(b)) return b.radd(a);
  if (a instanceof Date && b instanceof Timedelta) return addTimedelta(a, b, 1);
  if (a instanceof Timedelta && b instanceof Date) return addTimedelta(b, a, 1);
  if (a instanceof Timedelta && b instanceof Timedelta) return new Timedelta(a.totalMicroseconds + b.totalMicroseconds);
  const d = dunder('add', a, b);
  if (d) return d.value;
  if (Array.isArray(a)) throw new PyTypeError(`can only concatenate ${isTuple(a) ? 'tuple' : 'list'} (not "${typeName(b)}") to ${isTuple(a) ? 'tuple' : 'list'}`);
  throw unsupported('+', a, b);
}

export function sub(a: unknown, b: unknown): unknown {
  if (isNumber(a) && isNumber(b)) return Number(a) - Number(b);
  if (isExpression(a)) return a.sub(b);
  if (isExpression(b)) return b.rsub(a);
  if (a instanceof Date && b instanceof Timedelta) return addTimedelta(a, b, -1);
  if (a instanceof Date && b instanceof Date) return new Timedelta((a.getTime() - b.getTime()) * 1000);
  if (a instanceof Timedelta && b instanceof Timedelta) return new Timedelta(a.totalMicroseconds - b.totalMicroseconds);
  if (a instanceof Set && b instanceof Set) return new PySet([...a].filter((x) => !b.has(x)));
  const d = dunder('sub', a, b);
  if (d) return d.value;
  throw unsupported('-', a, b);
}

export function mul(a: unknown, b: unknown): unknown {
  if (isNumber(a) && isNumber(b)) return Number(a) * Number(b);
  if (typeof a === 'string' && isNumber(b)) return a.repeat(Math.max(0, Number(b)));
  if (isNumber(a) && typeof b === 'string') return b.repeat(Math.max(0, Number(a)));
  if (Array.isArray(a) && isNumber(b)) return sequence(a, repeat(a, Number(b)));
  if (isNumber(a) && Array.isArray(b)) return sequence(b, repeat(b, Number(a)));
  if (isExpression(a)) return a.mul(b);
  if (isExpression(b)) return b.rmul(a);
  if (a instanceof Timedelta && isNumber(b)) return new Timedelta(a.totalMicroseconds * Number(b));
  if (isNumber(a) && b instanceof Timedelta) return new Timedelta(b.totalMicroseconds * Number(a));
  const d = dunder('mul', a, b);
  if (d) return d.value;
  throw unsupported('*', a, b);
}

export function truediv(a: unknown, b: unknown): unknown {
  if (isNumber(a) && isNumber(b)) {
    if (Number(b) === 0) throw new ZeroDivisionError('division by zero');
    return Number(a) / Number(b);
  }
  if (isExpression(a)) return a.div(b);
  if (isExpression(b)) return b.rdiv(a);
  if (a instanceof Timedelta && isNumber(b)) return new Timedelta(a.totalMicroseconds / Number(b));
  if (a instanceof Timedelta && b instanceof Timedelta) return a.totalMicroseconds / b.totalMicroseconds;
  const d = dunder('truediv', a, b);
  if (d) return d.value;
  throw unsupported('/', a, b);
}

export function floordiv(a: unknown, b: unknown): unknown {
  if (isNumber(a) && isNumber(b)) {
    if (Number(b) === 0) throw new ZeroDivisionError('integer division or modulo by zero');
    return Math.floor(Number(a) / Number(b));
  }
  const d = dunder('floordiv', a, b);
  if (d) return d.value;
  throw unsupported('//', a, b);
}

export function mod(a: unknown, b: unknown): unknown {
  if (isNumber(a) && isNumber(b)) {
    const x = Number(a);
    const y = Number(b);
    if (y === 0) throw new ZeroDivisionError('integer modulo by zero');
    const r = x % y;
    return r !== 0 && r < 0 !== y < 0 ? r + y : r;
  }
  if (typeof a === 'string') return percentFormat(a, b, PyTypeError);
  if (isExpression(a)) return a.mod(b);
  const d = dunder('mod', a, b);
  if (d) return d.value;
  throw unsupported('%', a, b);
}

export function pow(a: unknown, b: unknown): unknown {
  if (isNumber(a) && isNumber(b)) {
    if (Number(a) === 0 && Number(b) < 0) throw new ZeroDivisionError('0.0 cannot be raised to a negative power');
    return Number(a) ** Number(b);
  }
  if (isExpression(a)) return a.pow(b);
  const d = dunder('pow', a, b);
  if (d) return d.value;
  throw unsupported('** or pow()', a, b);
}

const isInt = (x: unknown): x is number | boolean => (typeof x === 'number' && Number.isInteger(x)) || typeof x === 'boolean';

export function lshift(a: unknown, b: unknown): unknown {
  if (isInt(a) && isInt(b)) return Number(a) * 2 ** Number(b);
  if (isExpression(a)) return a.bitleftshift(b);
  throw unsupported('<<', a, b);
}

export function rshift(a: unknown, b: unknown): unknown {
  if (isInt(a) && isInt(b)) return Math.floor(Number(a) / 2 ** Number(b));
  if (isExpression(a)) return a.bitrightshift(b);
  throw unsupported('>>', a, b);
}

/** `&`: Q and conditional expressions combine; ints and sets as Python. */
export function and(a: unknown, b: unknown): unknown {
  if (typeof a === 'boolean' && typeof b === 'boolean') return a && b;
  if (isInt(a) && isInt(b)) return Number(a) & Number(b);
  if (combining(a, 'and')) return (a as Q).and(b);
  if (a instanceof Set && b instanceof Set) return new PySet([...a].filter((x) => b.has(x)));
  const d = dunder('and', a, b);
  if (d) return d.value;
  throw unsupported('&', a, b);
}

export function or(a: unknown, b: unknown): unknown {
  if (typeof a === 'boolean' && typeof b === 'boolean') return a || b;
  if (isInt(a) && isInt(b)) return Number(a) | Number(b);
  if (combining(a, 'or')) return (a as Q).or(b);
  if (a instanceof Set && b instanceof Set) return new PySet([...a, ...b]);
  if ((a instanceof Map || isPlainObject(a)) && (b instanceof Map || isPlainObject(b))) {
    const out = PyDict.fromEntries(a instanceof Map ? a : Object.entries(a));
    for (const [k, v] of b instanceof Map ? b : Object.entries(b)) out.set(k, v);
    return out;
  }
  const d = dunder('or', a, b);
  if (d) return d.value;
  throw unsupported('|', a, b);
}

export function xor(a: unknown, b: unknown): unknown {
  if (typeof a === 'boolean' && typeof b === 'boolean') return a !== b;
  if (isInt(a) && isInt(b)) return Number(a) ^ Number(b);
  if (combining(a, 'xor')) return (a as Q).xor(b);
  if (a instanceof Set && b instanceof Set) return new PySet([...[...a].filter((x) => !b.has(x)), ...[...b].filter((x) => !a.has(x))]);
  const d = dunder('xor', a, b);
  if (d) return d.value;
  throw unsupported('^', a, b);
}

export function matmul(a: unknown, b: unknown): unknown {
  throw unsupported('@', a, b);
}

export function neg(a: unknown): unknown {
  if (isNumber(a)) return -Number(a);
  if (isExpression(a)) return a.neg();
  if (a instanceof Timedelta) return new Timedelta(-a.totalMicroseconds);
  const f = (a as Dunder | null)?.__neg__;
  if (typeof f === 'function') return f.call(a);
  throw new PyTypeError(`bad operand type for unary -: '${typeName(a)}'`);
}

export function pos(a: unknown): unknown {
  if (isNumber(a)) return Number(a);
  const f = (a as Dunder | null)?.__pos__;
  if (typeof f === 'function') return f.call(a);
  if (isExpression(a) || a instanceof Timedelta) return a;
  throw new PyTypeError(`bad operand type for unary +: '${typeName(a)}'`);
}

/** `~`: `~Q(...)` and `~Exists(...)` negate; ints as Python. */
export function invert(a: unknown): unknown {
  if (isInt(a)) return ~Number(a);
  if (combining(a, 'not')) return (a as Q).not();
  const f = (a as Dunder | null)?.__invert__;
  if (typeof f === 'function') return f.call(a);
  throw new PyTypeError(`bad operand type for unary ~: '${typeName(a)}'`);
}

/** `+=`: lists extend in place, as Python's list.__iadd__. */
export function iadd(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && !isTuple(a)) {
    for (const x of iterate(b)) a.push(x);
    return a;
  }
  return add(a, b);
}

/** `|=`: sets and dicts update in place. */
export function ior(a: unknown, b: unknown): unknown {
  if (a instanceof Set && b instanceof Set) {
    for (const x of b) a.add(x);
    return a;
  }
  if (a instanceof Map && (b instanceof Map || isPlainObject(b))) {
    for (const [k, v] of b instanceof Map ? b : Object.entries(b)) a.set(k, v);
    return a;
  }
  return or(a, b);
}

export function isub(a: unknown, b: unknown): unknown {
  if (a instanceof Set && b instanceof Set) {
    for (const x of b) a.delete(x);
    return a;
  }
  return sub(a, b);
}

export function iand(a: unknown, b: unknown): unknown {
  return and(a, b);
}

export function ixor(a: unknown, b: unknown): unknown {
  return xor(a, b);
}
