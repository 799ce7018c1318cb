/** Python's comparisons, `in`, and truth values on JavaScript values. */
import { PyTypeError } from '../../orm/errors';
import { Timedelta } from './datetime';
import { typeName } from './types';
import { isPlainObject } from './values';

type Dunder = Record<string, ((...args: unknown[]) => unknown) | undefined>;

const isNumber = (x: unknown): x is number | boolean => typeof x === 'number' || typeof x === 'boolean';

function dictEntries(d: Map<unknown, unknown> | Record<string, unknown>): [unknown, unknown][] {
  return d instanceof Map ? [...d] : Object.entries(d);
}

function dictGet(d: Map<unknown, unknown> | Record<string, unknown>, key: unknown): { value: unknown } | null {
  if (d instanceof Map) return d.has(key) ? { value: d.get(key) } : null;
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(d, key) ? { value: d[key] } : null;
}

/** Python's `==`: by value for numbers, strings, sequences, dicts, sets, datetimes; `__eq__` (model instances: same model and pk). */
export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a === null || a === undefined) && (b === null || b === undefined);
  if (isNumber(a) && isNumber(b)) return Number(a) === Number(b);
  if (typeof a !== 'object' && typeof a !== 'function') {
    const right = b as Dunder;
    return typeof right.__eq__ === 'function' ? right.__eq__.call(b, a) === true : false;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => eq(x, b[i]));
  if ((a instanceof Map || isPlainObject(a)) && (b instanceof Map || isPlainObject(b))) {
    const left = dictEntries(a);
    if (left.length !== dictEntries(b).length) return false;
    return left.every(([k, v]) => {
      const other = dictGet(b, k);
      return other !== null && eq(v, other.value);
    });
  }
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const left = a as Dunder;
  if (typeof left.__eq__ === 'function') return left.__eq__.call(a, b) === true;
  if (typeof left.equals === 'function') return left.equals.call(a, b) === true;
  const right = b as Dunder | null;
  if (right && typeof right.__eq__ === 'function') return right.__eq__.call(b, a) === true;
  return false;
}

export function ne(a: unknown, b: unknown): boolean {
  const left = a as Dunder | null;
  if (left && typeof left.__ne__ === 'function') return left.__ne__.call(a, b) === true;
  return !eq(a, b);
}

/** -1, 0 or 1, for Python's ordering comparisons; TypeError for unordered types. */
function order(a: unknown, b: unknown, op: string): number {
  if (isNumber(a) && isNumber(b)) return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (a instanceof Timedelta && b instanceof Timedelta) return Math.sign(a.totalMicroseconds - b.totalMicroseconds);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!eq(a[i], b[i])) return order(a[i], b[i], op);
    }
    return Math.sign(a.length - b.length);
  }
  throw new PyTypeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function rich(name: string, reflected: string, a: unknown, b: unknown): { value: boolean } | null {
  const left = a as Dunder | null;
  if (left && typeof left[name] === 'function') return { value: left[name]!.call(a, b) === true };
  const right = b as Dunder | null;
  if (right && typeof right[reflected] === 'function') return { value: right[reflected]!.call(b, a) === true };
  return null;
}

function setCompare(a: Set<unknown>, b: Set<unknown>, op: string): boolean {
  const subset = [...a].every((x) => b.has(x));
  const superset = [...b].every((x) => a.has(x));
  switch (op) {
    case '<':
      return subset && a.size < b.size;
    case '<=':
      return subset;
    case '>':
      return superset && a.size > b.size;
    default:
      return superset;
  }
}

export function lt(a: unknown, b: unknown): boolean {
  if (a instanceof Set && b instanceof Set) return setCompare(a, b, '<');
  return rich('__lt__', '__gt__', a, b)?.value ?? order(a, b, '<') < 0;
}

export function le(a: unknown, b: unknown): boolean {
  if (a instanceof Set && b instanceof Set) return setCompare(a, b, '<=');
  return rich('__le__', '__ge__', a, b)?.value ?? order(a, b, '<=') <= 0;
}

export function gt(a: unknown, b: unknown): boolean {
  if (a instanceof Set && b instanceof Set) return setCompare(a, b, '>');
  return rich('__gt__', '__lt__', a, b)?.value ?? order(a, b, '>') > 0;
}

export function ge(a: unknown, b: unknown): boolean {
  if (a instanceof Set && b instanceof Set) return setCompare(a, b, '>=');
  return rich('__ge__', '__le__', a, b)?.value ?? order(a, b, '>=') >= 0;
}

/** Python's `is` (JavaScript's undefined is None too). */
export function is(a: unknown, b: unknown): boolean {
  return a === b || ((a === null || a === undefined) && (b === null || b === undefined));
}

export function isNot(a: unknown, b: unknown): boolean {
  return !is(a, b);
}

/** `item in container`: substrings, list members, dict keys, set members; a queryset is evaluated and searched. */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new PyTypeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => eq(x, item));
  if (container instanceof Map || container instanceof Set) return container.has(item);
  if (isPlainObject(container)) return typeof item === 'string' && Object.prototype.hasOwnProperty.call(container, item);
  const c = container as Dunder | null;
  if (c && typeof c.__contains__ === 'function') return c.__contains__.call(container, item) === true;
  if (c && typeof (c as unknown as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const x of c as unknown as Iterable<unknown>) if (eq(x, item)) return true;
    return false;
  }
  throw new PyTypeError(`argument of type '${typeName(container)}' is not iterable`);
}

/** `item in container`, in source order. */
export function in_(item: unknown, container: unknown): boolean {
  return contains(container, item);
}

export function notIn(item: unknown, container: unknown): boolean {
  return !contains(container, item);
}

/** Python's truth value: empty collections are false; querysets evaluate (`__bool__`). */
export function truthy(value: unknown): boolean {
  if (value === true) return true;
  if (value === false || value === null || value === undefined) return false;
  switch (typeof value) {
    case 'number':
      return value !== 0 && !Number.isNaN(value);
    case 'string':
      return value.length > 0;
    case 'function':
      return true;
    case 'bigint':
      return value !== 0n;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (isPlainObject(value)) {
    for (const _ in value) return true;
    return false;
  }
  const v = value as Dunder;
  if (typeof v.__bool__ === 'function') return Boolean(v.__bool__.call(value));
  if (typeof v.__len__ === 'function') return Number(v.__len__.call(value)) > 0;
  if (value instanceof Timedelta) return value.totalMicroseconds !== 0;
  return true;
}
