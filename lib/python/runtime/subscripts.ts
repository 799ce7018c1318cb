/**
 * Python's `x[i]`, `x[a:b:c]` and item assignment: lists and strings with
 * negative indexes, dicts by key, querysets through the ORM (`qs[5]` →
 * `qs.at(5)`, `qs[:5]` → `qs.slice(0, 5)`, lazy as Django).
 */
import { IndexError, PyTypeError, ValueError } from '../../orm/errors';
import { KeyError } from './exceptions';
import { pyRepr } from './format';
import { toArray, valuesListRow } from './iteration';
import { typeName } from './types';
import { isPlainObject, isTuple, tuple } from './values';

type Dunder = Record<string, ((...args: unknown[]) => unknown) | undefined> & { __missing__?: (key: unknown) => unknown };
interface QuerySetLike {
  at(index: number): unknown;
  slice(start: number | null, stop: number | null): unknown;
}

/** Querysets (and raw querysets) index with `at(i)` and slice with `slice(a, b)`. */
function isQuerySetLike(value: unknown, method: keyof QuerySetLike): value is QuerySetLike {
  const q = value as Partial<QuerySetLike> | null;
  return !!q && typeof q === 'object' && !Array.isArray(q) && typeof q[method] === 'function';
}

function index(value: unknown, length: number, kind: string): number {
  if (typeof value === 'boolean') value = Number(value);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new PyTypeError(`${kind} indices must be integers or slices, not ${typeName(value)}`);
  }
  const i = value < 0 ? value + length : value;
  if (i < 0 || i >= length) throw new IndexError(`${kind} index out of range`);
  return i;
}

function sequenceKind(value: unknown[] | string): string {
  return typeof value === 'string' ? 'string' : isTuple(value) ? 'tuple' : 'list';
}

export function getitem(obj: unknown, key: unknown): unknown {
  if (Array.isArray(obj)) return obj[index(key, obj.length, sequenceKind(obj))];
  if (typeof obj === 'string') {
    const chars = [...obj];
    return chars[index(key, chars.length, 'string')];
  }
  if (obj instanceof Map) {
    if (obj.has(key)) return obj.get(key);
    const missing = (obj as unknown as Dunder).__missing__;
    if (typeof missing === 'function') return missing.call(obj, key);
    throw new KeyError(key, pyRepr(key));
  }
  if (isPlainObject(obj)) {
    if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
    throw new KeyError(key, pyRepr(key));
  }
  const custom = (obj as Dunder | null)?.__getitem__;
  if (typeof custom === 'function') return custom.call(obj, key);
  if (isQuerySetLike(obj, 'at')) {
    if (typeof key !== 'number' || !Number.isInteger(key)) throw new PyTypeError(`QuerySet indices must be integers or slices, not ${typeName(key)}.`);
    return valuesListRow(obj, obj.at(key));
  }
  throw new PyTypeError(`'${typeName(obj)}' object is not subscriptable`);
}

type Bound = number | null | undefined;

function bound(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new PyTypeError('slice indices must be integers or None or have an __index__ method');
  }
  return value;
}

/** The indexes a Python slice selects from a sequence of `length` items. */
export function sliceIndexes(length: number, lo: Bound, hi: Bound, step: Bound): number[] {
  const s = step ?? 1;
  if (s === 0) throw new ValueError('slice step cannot be zero');
  const clamp = (v: number, min: number, max: number) => Math.min(Math.max(v, min), max);
  const out: number[] = [];
  if (s > 0) {
    const start = lo == null ? 0 : clamp(lo < 0 ? lo + length : lo, 0, length);
    const stop = hi == null ? length : clamp(hi < 0 ? hi + length : hi, 0, length);
    for (let i = start; i < stop; i += s) out.push(i);
  } else {
    const start = lo == null ? length - 1 : clamp(lo < 0 ? lo + length : lo, -1, length - 1);
    const stop = hi == null ? -1 : clamp(hi < 0 ? hi + length : hi, -1, length - 1);
    for (let i = start; i > stop; i += s) out.push(i);
  }
  return out;
}

export function getslice(obj: unknown, lo: unknown, hi: unknown, step: unknown): unknown {
  const [a, b, c] = [bound(lo), bound(hi), bound(step)];
  if (Array.isArray(obj)) {
    const items = c === null && (a ?? 0) >= 0 && (b ?? 0) >= 0 ? obj.slice(a ?? 0, b ?? undefined) : sliceIndexes(obj.length, a, b, c).map((i) => obj[i]);
    return isTuple(obj) ? tuple(items) : items;
  }
  if (typeof obj === 'string') {
    const chars = [...obj];
    return sliceIndexes(chars.length, a, b, c).map((i) => chars[i]).join('');
  }
  if (isQuerySetLike(obj, 'slice')) {
    const sliced = obj.slice(a, b);
    if (c === null) return sliced;
    if (c <= 0) throw new ValueError('Step must be greater than 0.');
    return toArray(sliced).filter((_, i) => i % c === 0);
  }
  throw new PyTypeError(`'${typeName(obj)}' object is not subscriptable`);
}

export function setitem(obj: unknown, key: unknown, value: unknown): void {
  if (Array.isArray(obj)) {
    if (isTuple(obj)) throw new PyTypeError("'tuple' object does not support item assignment");
    if (typeof key !== 'number' || !Number.isInteger(key)) throw new PyTypeError(`list indices must be integers or slices, not ${typeName(key)}`);
    const i = key < 0 ? key + obj.length : key;
    if (i < 0 || i >= obj.length) throw new IndexError('list assignment index out of range');
    obj[i] = value;
    return;
  }
  if (obj instanceof Map) {
    obj.set(key, value);
    return;
  }
  if (isPlainObject(obj)) {
    obj[String(key)] = value;
    return;
  }
  const custom = (obj as Dunder | null)?.__setitem__;
  if (typeof custom === 'function') {
    custom.call(obj, key, value);
    return;
  }
  throw new PyTypeError(`'${typeName(obj)}' object does not support item assignment`);
}

export function setslice(obj: unknown, lo: unknown, hi: unknown, step: unknown, value: unknown): void {
  if (!Array.isArray(obj) || isTuple(obj)) throw new PyTypeError(`'${typeName(obj)}' object does not support item assignment`);
  if (step !== null && step !== undefined) throw new PyTypeError('extended slice assignment is not supported');
  const indexes = sliceIndexes(obj.length, bound(lo), bound(hi), null);
  const start = indexes.length ? indexes[0] : Math.min(Math.max((bound(lo) ?? 0) < 0 ? (bound(lo) ?? 0) + obj.length : (bound(lo) ?? 0), 0), obj.length);
  obj.splice(start, indexes.length, ...toArray(value));
}

export function delitem(obj: unknown, key: unknown): void {
  if (Array.isArray(obj) && !isTuple(obj)) {
    obj.splice(index(key, obj.length, 'list'), 1);
    return;
  }
  if (obj instanceof Map) {
    if (!obj.delete(key)) throw new KeyError(key, pyRepr(key));
    return;
  }
  if (isPlainObject(obj)) {
    if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(obj, key)) throw new KeyError(key, pyRepr(key));
    delete obj[key];
    return;
  }
  const custom = (obj as Dunder | null)?.__delitem__;
  if (typeof custom === 'function') {
    custom.call(obj, key);
    return;
  }
  throw new PyTypeError(`'${typeName(obj)}' object does not support item deletion`);
}
