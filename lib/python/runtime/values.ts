/**
 * How Python values live in JavaScript: lists are arrays, tuples are arrays
 * remembered as tuples, dicts are `PyDict` (a Map with Python's key equality;
 * plain objects from the ORM, such as `values()` rows, also act as dicts), sets
 * are `PySet`, None is null (undefined from JavaScript APIs counts as None).
 */
import { PyTypeError } from '../../orm/errors';

const TUPLES = new WeakSet<readonly unknown[]>();

/** Marks an array as a Python tuple (printed `(1, 2)`, immutable). */
export function tuple<T>(items: T[]): T[] {
  TUPLES.add(items);
  return items;
}

export function isTuple(value: unknown): value is unknown[] {
  return Array.isArray(value) && TUPLES.has(value);
}

/** Keyword arguments passed to a function defined in Python (JavaScript APIs get a plain trailing object instead). */
export class KwArgs {
  constructor(readonly values: Record<string, unknown>) {}
}

/** Splits a Python-convention argument list into positional arguments and keywords. */
export function splitKwargs(args: unknown[]): [unknown[], Record<string, unknown>] {
  const last = args[args.length - 1];
  if (last instanceof KwArgs) return [args.slice(0, -1), last.values];
  return [args, {}];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A dict: a PyDict, another Map (the ORM's in_bulk), or a plain object (values() rows, aggregate()). */
export function isDict(value: unknown): value is Map<unknown, unknown> | Record<string, unknown> {
  return value instanceof Map || isPlainObject(value);
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** Python's id(): a stable number per object. */
export function objectId(value: object): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return id;
}

interface Hashable {
  __hash__?(): unknown;
  _state?: unknown;
  pk?: unknown;
}

/**
 * The Map key standing for a Python dict key or set member, so that equal
 * Python values share an entry: `1 == True`, tuples by value, model instances
 * by model and pk (Django's `Model.__hash__`), others by identity.
 */
export function hashKey(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return value === 0 ? 0 : value;
    case 'boolean':
      return value ? 1 : 0;
    case 'bigint':
      return Number(value);
  }
  if (Array.isArray(value)) return '\u0000(' + value.map(encodeHash).join(',') + ')';
  if (value instanceof Date) return '\u0000d' + value.getTime();
  if (value instanceof Map || value instanceof Set || isPlainObject(value)) {
    throw new PyTypeError(`unhashable type: '${value instanceof Set ? 'set' : 'dict'}'`);
  }
  const h = value as Hashable;
  if (typeof h.__hash__ === 'function') {
    if (h._state !== undefined) {
      const label = (value.constructor as { _meta?: { label?: string } })._meta?.label ?? value.constructor.name;
      return `\u0000m${label}:${encodeHash(h.__hash__())}`;
    }
    return '\u0000h' + encodeHash(h.__hash__());
  }
  return value;
}

function encodeHash(value: unknown): string {
  const key = hashKey(value);
  if (typeof key === 'string') return JSON.stringify(key);
  if (key !== null && typeof key === 'object') return '#' + objectId(key);
  if (typeof key === 'function') return '#' + objectId(key);
  return String(key);
}

/** Python's dict: insertion-ordered, keys compared as Python compares them. */
export class PyDict<K = unknown, V = unknown> extends Map<K, V> {
  static fromEntries<K, V>(entries: Iterable<readonly [K, V]>): PyDict<K, V> {
    const d = new PyDict<K, V>();
    for (const [k, v] of entries) d.set(k, v);
    return d;
  }

  private entry(key: K): [K, V] | undefined {
    return super.get(hashKey(key) as K) as unknown as [K, V] | undefined;
  }

  override get(key: K): V | undefined {
    return this.entry(key)?.[1];
  }

  override set(key: K, value: V): this {
    const existing = this.entry(key);
    if (existing) existing[1] = value;
    else super.set(hashKey(key) as K, [key, value] as unknown as V);
    return this;
  }

  override has(key: K): boolean {
    return super.has(hashKey(key) as K);
  }

  override delete(key: K): boolean {
    return super.delete(hashKey(key) as K);
  }

  override *entries(): MapIterator<[K, V]> {
    for (const pair of super.values()) yield [(pair as unknown as [K, V])[0], (pair as unknown as [K, V])[1]];
  }

  override *keys(): MapIterator<K> {
    for (const pair of super.values()) yield (pair as unknown as [K, V])[0];
  }

  override *values(): MapIterator<V> {
    for (const pair of super.values()) yield (pair as unknown as [K, V])[1];
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

/** Python's set: members compared as Python compares them. */
export class PySet<T = unknown> extends Set<T> {
  private readonly members = new Map<unknown, T>();

  constructor(items?: Iterable<T>) {
    super();
    if (items) for (const x of items) this.add(x);
  }

  override add(value: T): this {
    const key = hashKey(value);
    if (!this.members.has(key)) {
      this.members.set(key, value);
      super.add(key as T);
    }
    return this;
  }

  override has(value: T): boolean {
    return this.members.has(hashKey(value));
  }

  override delete(value: T): boolean {
    const key = hashKey(value);
    super.delete(key as T);
    return this.members.delete(key);
  }

  override clear(): void {
    super.clear();
    this.members.clear();
  }

  override values(): SetIterator<T> {
    return this.members.values() as SetIterator<T>;
  }

  override keys(): SetIterator<T> {
    return this.values();
  }

  override *entries(): SetIterator<[T, T]> {
    for (const v of this.members.values()) yield [v, v];
  }

  override [Symbol.iterator](): SetIterator<T> {
    return this.values();
  }

  override forEach(fn: (value: T, key: T, set: Set<T>) => void): void {
    for (const v of this.members.values()) fn(v, v, this);
  }
}
