/**
 * The progress store: what a stored value means (and that an unreadable one
 * means "no progress" rather than a broken page), how statuses move (passed
 * stays passed), and the store's caching, writes and notifications.
 */
import { describe, expect, it } from 'vitest';
import {
  codeKey,
  continueWith,
  countProgress,
  markPassed,
  markSolutionViewed,
  markStarted,
  parseProgress,
  PROGRESS_KEY,
  ProgressStore,
  revealHints,
  statusOf,
  type KeyValueStorage,
} from '../../lib/lessons-ui/progress';

function memory(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string>; writes: number } {
  const data = new Map(Object.entries(initial));
  const kv = {
    data,
    writes: 0,
    load: (k: string) => data.get(k) ?? null,
    save: (k: string, v: string) => {
      kv.writes++;
      data.set(k, v);
      return true;
    },
    remove: (k: string) => void data.delete(k),
  };
  return kv;
}

describe('parseProgress', () => {
  it('reads valid entries', () => {
    const p = parseProgress(JSON.stringify({ a: { status: 'passed', hints: 2, updated: 5, passed_at: 4 }, b: { status: 'in_progress', hints: 0, updated: 1 } }));
    expect(p).toEqual({ a: { status: 'passed', hints: 2, updated: 5, passed_at: 4 }, b: { status: 'in_progress', hints: 0, updated: 1 } });
  });

  it.each([
    ['null', null],
    ['empty', ''],
    ['not JSON', '{"a": {"status": "passed"'],
    ['an array', '[1, 2]'],
    ['a number', '42'],
    ['JSON null', 'null'],
  ])('treats %s as no progress', (_, raw) => {
    expect(parseProgress(raw)).toEqual({});
  });

  it('drops entries of the wrong shape and repairs bad fields', () => {
    const p = parseProgress(
      JSON.stringify({
        ok: { status: 'passed', hints: 'many', updated: -3, solution_viewed: 'yes' },
        unknown_status: { status: 'done' },
        number: 7,
        list: [],
      }),
    );
    expect(p).toEqual({ ok: { status: 'passed', hints: 0, updated: 0 } });
  });
});

describe('status changes', () => {
  it('not started → in progress → passed, and passed stays passed', () => {
    let p = parseProgress(null);
    expect(statusOf(p, 'x')).toBe('not_started');
    p = markStarted(p, 'x', 10);
    expect(p.x).toEqual({ status: 'in_progress', hints: 0, updated: 10 });
    p = markPassed(p, 'x', 20);
    expect(p.x).toMatchObject({ status: 'passed', passed_at: 20, updated: 20 });
    const again = markStarted(p, 'x', 30);
    expect(again).toBe(p);
    p = markPassed(p, 'x', 40);
    expect(p.x.passed_at).toBe(20);
    p = revealHints(p, 'x', 1, 50);
    expect(p.x.status).toBe('passed');
  });

  it('hints only grow, and revealing one starts the lesson', () => {
    let p = revealHints({}, 'x', 2, 1);
    expect(p.x).toMatchObject({ status: 'in_progress', hints: 2 });
    p = revealHints(p, 'x', 1, 2);
    expect(p.x.hints).toBe(2);
    p = markSolutionViewed(p, 'x', 3);
    expect(p.x).toMatchObject({ solution_viewed: true, hints: 2, status: 'in_progress' });
  });

  it('counts per chapter and picks where to continue', () => {
    const slugs = ['a', 'b', 'c', 'd'];
    let p = markPassed({}, 'a', 1);
    p = markStarted(p, 'c', 5);
    expect(countProgress(p, slugs)).toEqual({ passed: 1, inProgress: 1, total: 4 });
    expect(continueWith(p, slugs)).toBe('c');
    p = markPassed(p, 'c', 6);
    expect(continueWith(p, slugs)).toBe('d');
    expect(continueWith({}, slugs)).toBeNull();
    const all = slugs.reduce((acc, s) => markPassed(acc, s, 9), {});
    expect(continueWith(all, slugs)).toBeNull();
  });
});

describe('ProgressStore', () => {
  it('returns the same snapshot until the stored text changes, and notifies on update', () => {
    const kv = memory();
    const store = new ProgressStore(kv);
    const first = store.snapshot();
    expect(store.snapshot()).toBe(first);
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.update((p) => markStarted(p, 'x', 1));
    expect(calls).toBe(1);
    expect(JSON.parse(kv.data.get(PROGRESS_KEY)!)).toEqual({ x: { status: 'in_progress', hints: 0, updated: 1 } });
    const second = store.snapshot();
    expect(second).not.toBe(first);
    expect(store.snapshot()).toBe(second);
    // No change, no write, no notification.
    const writes = kv.writes;
    store.update((p) => markStarted(p, 'x', 2));
    expect(kv.writes).toBe(writes);
    expect(calls).toBe(1);
    off();
    store.update((p) => markPassed(p, 'x', 3));
    expect(calls).toBe(1);
  });

  it('a corrupt stored value reads as no progress and is replaced by the next update', () => {
    const kv = memory({ [PROGRESS_KEY]: '{"x": {"status": "passed"}, oops' });
    const store = new ProgressStore(kv);
    expect(store.snapshot()).toEqual({});
    store.update((p) => revealHints(p, 'y', 1, 7));
    expect(JSON.parse(kv.data.get(PROGRESS_KEY)!)).toEqual({ y: { status: 'in_progress', hints: 1, updated: 7 } });
  });

  it('keeps code per lesson', () => {
    const kv = memory();
    const store = new ProgressStore(kv);
    expect(store.loadCode('a')).toBeNull();
    store.saveCode('a', 'print(1)');
    store.saveCode('b', 'print(2)');
    expect(store.loadCode('a')).toBe('print(1)');
    expect(kv.data.get(codeKey('b'))).toBe('print(2)');
    expect(codeKey('a')).toBe('lesson:a:code');
  });
});
