/**
 * Autosave: small values in localStorage, namespaced, never throwing (private
 * mode, quota or disabled storage just means nothing is saved).
 */
import type { LearnerLanguage } from '../runner/protocol';

const PREFIX = 'orm-lab:';

export function load(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

export function save(key: string, value: string): boolean {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, value);
    return true;
  } catch {
    return false;
  }
}

export function remove(key: string): void {
  try {
    globalThis.localStorage?.removeItem(PREFIX + key);
  } catch {
    // nothing to do
  }
}

/**
 * The key a value is saved under for one language: TypeScript keeps the plain
 * key (code saved before the Python mode existed is still found), Python gets
 * its own (`sandbox:code:python`), so the two languages never overwrite each other.
 */
export function languageKey(key: string, language: LearnerLanguage): string {
  return language === 'python' ? `${key}:python` : key;
}

export function isLearnerLanguage(value: unknown): value is LearnerLanguage {
  return value === 'typescript' || value === 'python';
}

/** Calls `fn` at most once per `ms`, with the latest arguments; `flush()` runs a pending call now. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { flush(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;
  const run = () => {
    timer = null;
    if (pending) {
      const args = pending;
      pending = null;
      fn(...args);
    }
  };
  const debounced = (...args: A) => {
    pending = args;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  debounced.flush = () => {
    if (timer) clearTimeout(timer);
    run();
  };
  return debounced;
}
