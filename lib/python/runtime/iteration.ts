/** Python iteration and unpacking: `for x in y`, `a, *b = y`, `f(*args, **kwargs)`. */
import { PyTypeError, ValueError } from '../../orm/errors';
import { ValuesListIterable } from '../../orm/iterables';
import { QuerySet } from '../../orm/queryset';
import { typeName } from './types';
import { isPlainObject, tuple } from './values';

/** values_list() rows are tuples in Django (the ORM gives arrays). */
export function valuesListRow<T>(source: unknown, row: T): T {
  if (Array.isArray(row) && source instanceof QuerySet && source._iterable === ValuesListIterable) tuple(row);
  return row;
}

function* tupleRows(qs: Iterable<unknown>): Generator<unknown> {
  for (const row of qs) yield Array.isArray(row) ? tuple(row) : row;
}

type Dunder = { __iter__?: () => unknown };

/** What `for x in value` walks: dicts give their keys, querysets evaluate once and give their rows. */
export function iterate(value: unknown): Iterable<unknown> {
  if (Array.isArray(value) || typeof value === 'string') return value;
  if (value instanceof Map) return value.keys();
  if (value instanceof Set) return value;
  if (value === null || value === undefined) throw new PyTypeError("'NoneType' object is not iterable");
  if (isPlainObject(value)) return Object.keys(value);
  const custom = (value as Dunder).__iter__;
  if (typeof custom === 'function') return iterate(custom.call(value));
  if (value instanceof QuerySet && value._iterable === ValuesListIterable) return tupleRows(value);
  if (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') return value as Iterable<unknown>;
  if (typeof (value as Iterator<unknown>).next === 'function') {
    const it = value as Iterator<unknown>;
    return { [Symbol.iterator]: () => it };
  }
  throw new PyTypeError(`'${typeName(value)}' object is not iterable`);
}

export function toArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [...iterate(value)];
}

/**
 * `a, b = value` (n targets) and `a, *rest, z = value` (star is the index of the
 * starred target, which receives a list).
 */
export function unpack(value: unknown, n: number, star?: number): unknown[] {
  const items = toArray(value);
  if (star === undefined) {
    if (items.length !== n) {
      throw new ValueError(
        items.length > n ? `too many values to unpack (expected ${n})` : `not enough values to unpack (expected ${n}, got ${items.length})`,
      );
    }
    return items;
  }
  if (items.length < n - 1) throw new ValueError(`not enough values to unpack (expected at least ${n - 1}, got ${items.length})`);
  const after = n - star - 1;
  return [...items.slice(0, star), items.slice(star, items.length - after), ...items.slice(items.length - after)];
}

/** The (key, value) pairs of a mapping, for `{**d}`. */
export function mappingItems(value: unknown): [unknown, unknown][] {
  if (value instanceof Map) return [...value.entries()];
  if (isPlainObject(value)) return Object.entries(value);
  throw new PyTypeError(`'${typeName(value)}' object is not a mapping`);
}

/** Keyword arguments from a mapping, for `f(**d)`: keys must be strings. */
export function keywordArguments(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of mappingItems(value)) {
    if (typeof k !== 'string') throw new PyTypeError('keywords must be strings');
    out[k] = v;
  }
  return out;
}
