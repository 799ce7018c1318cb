import type { Connection } from './backend/connection';
import { withCause } from './backend/connection';
import { connections, DEFAULT_DB_ALIAS } from './runtime';

export interface AtomicOptions {
  using?: string;
  savepoint?: boolean;
}

function run(conn: Connection, sql: string): void {
  withCause('transaction', () => conn.execute(sql));
}

/**
 * Django's transaction.atomic as a function: BEGIN/COMMIT around the outermost
 * block, SAVEPOINTs inside; an exception rolls back and is re-thrown.
 *
 * @example
 * transaction.atomic(() => { author.save(); Post.objects.create({ ... }) })
 */
export function atomic<T>(fn: () => T, options: AtomicOptions = {}): T {
  const conn = connections().get(options.using ?? DEFAULT_DB_ALIAS);
  const savepoint = options.savepoint ?? true;
  if (!conn.in_atomic_block) {
    run(conn, 'BEGIN');
    conn.in_atomic_block = true;
    let result: T;
    try {
      result = fn();
    } catch (e) {
      conn.in_atomic_block = false;
      run(conn, 'ROLLBACK');
      throw e;
    }
    conn.in_atomic_block = false;
    run(conn, 'COMMIT');
    return result;
  }
  if (!savepoint) return fn();
  const name = conn.nextSavepointName();
  run(conn, `SAVEPOINT "${name}"`);
  try {
    const result = fn();
    run(conn, `RELEASE SAVEPOINT "${name}"`);
    return result;
  } catch (e) {
    run(conn, `ROLLBACK TO SAVEPOINT "${name}"`);
    run(conn, `RELEASE SAVEPOINT "${name}"`);
    throw e;
  }
}

export const transaction = { atomic };
