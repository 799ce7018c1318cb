/**
 * The learner's progress and code per lesson, kept in localStorage (through
 * lib/playground/storage: namespaced, never throwing).
 *
 * - `lessons:progress`: one JSON object, slug → { status, hints, ... }, read by
 *   the catalog and every lesson page. A stored value that is not valid JSON,
 *   or entries of the wrong shape, are ignored (as if not started), never thrown.
 * - `lesson:<slug>:code`: the learner's code for that lesson, as typed.
 *
 * A lesson is `in_progress` once the learner edits, runs or checks it, and
 * `passed` once a Check passes; passed stays passed (the catalog should not
 * lose it because the learner kept experimenting afterwards).
 */
import * as storage from '../playground/storage';

export type LessonStatus = 'not_started' | 'in_progress' | 'passed';

export interface LessonProgress {
  status: 'in_progress' | 'passed';
  /** Hints revealed so far. */
  hints: number;
  /** When the learner last did something here (ms since epoch). */
  updated: number;
  /** When a Check first passed. */
  passed_at?: number;
  /** The learner opened the solution. */
  solution_viewed?: boolean;
}

export type ProgressMap = Readonly<Record<string, LessonProgress>>;

export const PROGRESS_KEY = 'lessons:progress';
export const codeKey = (slug: string) => `lesson:${slug}:code`;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1000;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function entry(value: unknown): LessonProgress | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (v.status !== 'in_progress' && v.status !== 'passed') return null;
  const out: LessonProgress = { status: v.status, hints: isCount(v.hints) ? v.hints : 0, updated: isTime(v.updated) ? v.updated : 0 };
  if (isTime(v.passed_at)) out.passed_at = v.passed_at;
  if (v.solution_viewed === true) out.solution_viewed = true;
  return out;
}

/** The stored progress; anything unreadable counts as no progress. */
export function parseProgress(raw: string | null): ProgressMap {
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const out: Record<string, LessonProgress> = {};
  for (const [slug, value] of Object.entries(data)) {
    const e = entry(value);
    if (e) out[slug] = e;
  }
  return out;
}

export function statusOf(progress: ProgressMap, slug: string): LessonStatus {
  return progress[slug]?.status ?? 'not_started';
}

function touch(progress: ProgressMap, slug: string, now: number, patch: Partial<LessonProgress>): ProgressMap {
  const current = progress[slug] ?? { status: 'in_progress' as const, hints: 0, updated: now };
  return { ...progress, [slug]: { ...current, ...patch, updated: now } };
}

/** The learner edited, ran or checked the lesson (a passed lesson stays passed). */
export function markStarted(progress: ProgressMap, slug: string, now: number): ProgressMap {
  if (progress[slug]) return progress;
  return touch(progress, slug, now, { status: 'in_progress' });
}

export function markPassed(progress: ProgressMap, slug: string, now: number): ProgressMap {
  const passedAt = progress[slug]?.passed_at ?? now;
  return touch(progress, slug, now, { status: 'passed', passed_at: passedAt });
}

/** `count` hints revealed (never fewer than before). */
export function revealHints(progress: ProgressMap, slug: string, count: number, now: number): ProgressMap {
  const hints = Math.max(progress[slug]?.hints ?? 0, count);
  return touch(progress, slug, now, { hints, status: progress[slug]?.status ?? 'in_progress' });
}

export function markSolutionViewed(progress: ProgressMap, slug: string, now: number): ProgressMap {
  return touch(progress, slug, now, { solution_viewed: true, status: progress[slug]?.status ?? 'in_progress' });
}

export interface ProgressCounts {
  passed: number;
  inProgress: number;
  total: number;
}

export function countProgress(progress: ProgressMap, slugs: readonly string[]): ProgressCounts {
  let passed = 0;
  let inProgress = 0;
  for (const slug of slugs) {
    const s = statusOf(progress, slug);
    if (s === 'passed') passed++;
    else if (s === 'in_progress') inProgress++;
  }
  return { passed, inProgress, total: slugs.length };
}

/**
 * Where to continue: the first lesson, in curriculum order, after the most
 * recently touched one that is not passed yet; else the first not passed; null
 * when every lesson has passed or none was started.
 */
export function continueWith(progress: ProgressMap, slugs: readonly string[]): string | null {
  let latest = -1;
  let latestTime = -1;
  slugs.forEach((slug, i) => {
    const p = progress[slug];
    if (p && p.updated >= latestTime) {
      latest = i;
      latestTime = p.updated;
    }
  });
  if (latest < 0) return null;
  const order = [...slugs.slice(latest), ...slugs.slice(0, latest)];
  return order.find((slug) => statusOf(progress, slug) !== 'passed') ?? null;
}

// ------------------------------------------------------------------ the store

export interface KeyValueStorage {
  load(key: string): string | null;
  save(key: string, value: string): boolean;
  remove(key: string): void;
}

/**
 * Progress and code backed by localStorage, with change notification (this tab
 * through `update`, other tabs through the `storage` event) for
 * `useSyncExternalStore`. `snapshot()` returns the same object until the
 * stored text changes.
 */
export class ProgressStore {
  private cachedRaw: string | null | undefined = undefined;
  private cached: ProgressMap = {};
  private readonly listeners = new Set<() => void>();

  constructor(private readonly kv: KeyValueStorage = storage) {}

  snapshot(): ProgressMap {
    const raw = this.kv.load(PROGRESS_KEY);
    if (raw !== this.cachedRaw) {
      this.cachedRaw = raw;
      this.cached = parseProgress(raw);
    }
    return this.cached;
  }

  update(change: (progress: ProgressMap) => ProgressMap): ProgressMap {
    const before = this.snapshot();
    const after = change(before);
    if (after !== before) {
      this.kv.save(PROGRESS_KEY, JSON.stringify(after));
      this.notify();
    }
    return this.snapshot();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key.endsWith(PROGRESS_KEY)) listener();
    };
    const win = typeof window !== 'undefined' ? window : null;
    win?.addEventListener('storage', onStorage);
    return () => {
      this.listeners.delete(listener);
      win?.removeEventListener('storage', onStorage);
    };
  }

  /** The learner's saved code for a lesson, or null (never saved, or storage unavailable). */
  loadCode(slug: string): string | null {
    return this.kv.load(codeKey(slug));
  }

  saveCode(slug: string, code: string): boolean {
    return this.kv.save(codeKey(slug), code);
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

let shared: ProgressStore | null = null;

/** The page's store (one per page, over localStorage). */
export function progressStore(): ProgressStore {
  shared ??= new ProgressStore();
  return shared;
}
