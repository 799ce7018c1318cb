/**
 * A mistake in a lesson, located: which file, where in it, which field, what
 * was expected and what was found. Every validator message is one of these, so
 * an author can jump straight to the line.
 */
export interface LessonError {
  /** Path of the file, as the author sees it: `lessons/02-n-plus-one/lesson.md`. */
  file: string;
  line?: number;
  column?: number;
  /** Field path in the front matter (`checks.max_queries`, `hints[1]`), when the mistake is in one. */
  path?: string;
  message: string;
}

/** `lessons/02-x/lesson.md:7: checks.max_queries: expected a positive integer, got "two"` */
export function formatLessonError(e: LessonError): string {
  const where = e.line ? `${e.file}:${e.line}${e.column ? `:${e.column}` : ''}` : e.file;
  return `${where}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

/** `checks.must_use[0]` from a zod/YAML path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** How a found value reads in a message: `"two"`, `3`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (typeof value === 'string') {
    if (value.trimEnd().includes('\n')) return `${value.trimEnd().split('\n').length} lines of text`;
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length ? `a list (${value.length} items)` : 'an empty list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}

/** The closest candidate when it is close enough to be a typo (`selectRelated` → `select_related`). */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, '');
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = norm(c) === norm(word) ? 0 : editDistance(word.toLowerCase(), c.toLowerCase());
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  if (best !== null && bestScore <= Math.max(2, Math.floor(word.length / 3))) return best;
  for (const c of candidates) if (word.length >= 4 && (c.startsWith(word) || word.startsWith(c))) return c;
  return null;
}
