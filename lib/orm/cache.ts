import { ValueError } from './errors';

/**
 * Django's local-memory cache (LocMemCache) API with a clock the run controls,
 * so expiry can be shown without waiting: `cache.advance(3600)`.
 */
const DEFAULT_TIMEOUT = 300;
const NOT_FOUND = Symbol('not found');

interface Entry {
  value: unknown;
  expires: number | null;
}

class LocMemCache {
  private readonly store = new Map<string, Entry>();
  private now = 0;

  private alive(key: string): Entry | undefined {
    const entry = this.store.get(key);
    if (!entry) return undefined;
    if (entry.expires !== null && entry.expires <= this.now) {
      this.store.delete(key);
      return undefined;
    }
    return entry;
  }

  private expiry(timeout: number | null | undefined): number | null {
    if (timeout === null) return null;
    return this.now + (timeout ?? DEFAULT_TIMEOUT);
  }

  get(key: string, defaultValue: unknown = null): unknown {
    const entry = this.alive(key);
    return entry ? structuredCloneSafe(entry.value) : defaultValue;
  }

  set(key: string, value: unknown, options: { timeout?: number | null } = {}): void {
    if (options.timeout !== undefined && options.timeout !== null && options.timeout <= 0) {
      this.store.delete(key);
      return;
    }
    this.store.set(key, { value: structuredCloneSafe(value), expires: this.expiry(options.timeout) });
  }

  /** Sets only when the key is absent; returns whether it was set. */
  add(key: string, value: unknown, options: { timeout?: number | null } = {}): boolean {
    if (this.alive(key)) return false;
    this.set(key, value, options);
    return true;
  }

  get_or_set(key: string, value: unknown, options: { timeout?: number | null } = {}): unknown {
    const found = this.get(key, NOT_FOUND);
    if (found !== NOT_FOUND) return found;
    const v = typeof value === 'function' ? (value as () => unknown)() : value;
    this.set(key, v, options);
    return this.get(key);
  }

  delete(key: string): boolean {
    return this.store.delete(key) && true;
  }

  has_key(key: string): boolean {
    return this.alive(key) !== undefined;
  }

  get_many(keys: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = this.get(k, NOT_FOUND);
      if (v !== NOT_FOUND) out[k] = v;
    }
    return out;
  }

  set_many(values: Record<string, unknown>, options: { timeout?: number | null } = {}): string[] {
    for (const [k, v] of Object.entries(values)) this.set(k, v, options);
    return [];
  }

  delete_many(keys: string[]): void {
    for (const k of keys) this.delete(k);
  }

  incr(key: string, delta = 1): number {
    const entry = this.alive(key);
    if (!entry) throw new ValueError(`Key ':1:${key}' not found`); // Django's made key: ':<version>:<key>'
    entry.value = (entry.value as number) + delta;
    return entry.value as number;
  }

  decr(key: string, delta = 1): number {
    return this.incr(key, -delta);
  }

  touch(key: string, options: { timeout?: number | null } = {}): boolean {
    const entry = this.alive(key);
    if (!entry) return false;
    entry.expires = this.expiry(options.timeout);
    return true;
  }

  clear(): void {
    this.store.clear();
    this.now = 0;
  }

  /** Moves the cache's clock forward (seconds), expiring entries as time would. */
  advance(seconds: number): void {
    this.now += seconds;
  }
}

/** LocMemCache pickles values: a cached list is a copy, not the same object. */
function structuredCloneSafe(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(structuredCloneSafe);
  if (Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, structuredCloneSafe(v)]));
  }
  return value;
}

export const cache = new LocMemCache();
export type { LocMemCache };
