import type { ExecutedStatement } from './backend/connection';
import { interpolate } from './backend/operations';
import { connections, DEFAULT_DB_ALIAS } from './runtime';

/** An assertion failure, named as Python's. */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

export interface CapturedQuery {
  sql: string;
  time: string;
}

/**
 * Runs `fn` and returns the statements it executed (Django's CaptureQueriesContext),
 * whatever settings.DEBUG says.
 */
export function captureQueries(fn: () => unknown, options: { using?: string } = {}): CapturedQuery[] {
  const conn = connections().get(options.using ?? DEFAULT_DB_ALIAS);
  const captured: CapturedQuery[] = [];
  const unsubscribe = conn.subscribe((s: ExecutedStatement) => captured.push({ sql: interpolate(s.sql, s.params), time: (s.duration_ms / 1000).toFixed(3) }));
  try {
    fn();
  } finally {
    unsubscribe();
  }
  return captured;
}

/**
 * Django's assertNumQueries: fails with the expected and actual counts and the
 * numbered queries when `fn` runs a different number of statements.
 *
 * @example
 * assertNumQueries(2, () => { for (const p of Post.objects.select_related('author')) p.author.username; })
 */
export function assertNumQueries(num: number, fn: () => unknown, options: { using?: string } = {}): void {
  const alias = options.using ?? DEFAULT_DB_ALIAS;
  const captured = captureQueries(fn, { using: alias });
  if (captured.length !== num) {
    const list = captured.map((q, i) => `${i + 1}. ${q.sql}`).join('\n');
    throw new AssertionError(`${captured.length} != ${num} : ${captured.length} queries executed, ${num} expected\nCaptured queries were:\n${list}`);
  }
}
