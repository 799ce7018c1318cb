import { PyTypeError } from '../orm/errors';
import { pyRepr, pyStr } from '../orm/utils/pyformat';

interface PyObject {
  __len__?(): number;
  __bool__?(): boolean;
}

/** Python's len(): querysets evaluate (and cache) their rows. */
export function len(value: unknown): number {
  const obj = value as PyObject | null;
  if (obj && typeof obj.__len__ === 'function') return obj.__len__();
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value instanceof Map || value instanceof Set) return value.size;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value).length;
  if (value && typeof value === 'object' && Symbol.iterator in value) return [...(value as Iterable<unknown>)].length;
  throw new PyTypeError(`object of type '${value === null ? 'NoneType' : typeof value}' has no len()`);
}

/** Python's bool(): empty collections are false; querysets evaluate. */
export function bool(value: unknown): boolean {
  const obj = value as PyObject | null;
  if (obj && typeof obj.__bool__ === 'function') return obj.__bool__();
  if (obj && typeof obj.__len__ === 'function') return obj.__len__() > 0;
  if (Array.isArray(value) || typeof value === 'string') return value.length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** Python's list(): evaluates an iterable (a queryset runs its query) into an array. */
export function list<T>(value: Iterable<T> = []): T[] {
  if (value === null || value === undefined || typeof (value as Iterable<T>)[Symbol.iterator] !== 'function') {
    throw new PyTypeError(`'${value === null ? 'NoneType' : typeof value}' object is not iterable`);
  }
  return [...value];
}

export function str(value: unknown = ''): string {
  return pyStr(value);
}

export function repr(value: unknown): string {
  return pyRepr(value);
}

/** Python's range() as an array. */
export function range(start: number, stop?: number, step = 1): number[] {
  const [a, b] = stop === undefined ? [0, start] : [start, stop];
  const out: number[] = [];
  for (let i = a; step > 0 ? i < b : i > b; i += step) out.push(i);
  return out;
}

export function sum(values: Iterable<number>, start = 0): number {
  let total = start;
  for (const v of values) total += v;
  return total;
}

export const pythonBuiltins = { len, bool, list, str, repr, range, sum };
