import type { Row, SqlValue, SqliteDatabase } from '../../db/sqlite';
import { DatabaseError, IntegrityError, OperationalError } from '../errors';
import { CursorWrapper } from './cursor';
import { adaptParam, interpolate } from './operations';

export type StatementKind = 'read' | 'write' | 'transaction' | 'schema';

/** One executed statement, as every subscriber of the connection sees it. */
export interface ExecutedStatement {
  sql: string;
  params: SqlValue[];
  alias: string;
  duration_ms: number;
  rows: number;
  cause: string;
  kind: StatementKind;
}

export type StatementListener = (statement: ExecutedStatement) => void;

/**
 * A streamed query (iterator()) is announced when it starts, as Django logs it;
 * when the stream ends, its final time and row count arrive here.
 */
export type StreamEndListener = (statement: ExecutedStatement, extraMs: number, extraRows: number) => void;

/** Django's connection.queries entry: the SQL with parameters inlined, and seconds as text. */
export interface DjangoQueryEntry {
  sql: string;
  time: string;
}

const QUERIES_LIMIT = 9000;

const causes: string[] = [];

/**
 * Runs `fn` with `cause` as the reason for every statement it executes, e.g.
 * `lazy FK load Post.author`. A `fallback` cause only applies when no caller
 * has given one, so a queryset evaluated by a lazy load keeps the lazy load's cause.
 */
export function withCause<T>(cause: string, fn: () => T, fallback = false): T {
  if (fallback && causes.length) return fn();
  causes.push(cause);
  try {
    return fn();
  } finally {
    causes.pop();
  }
}

function currentCause(kind: StatementKind): string {
  return causes.length ? causes[causes.length - 1] : kind === 'read' ? 'evaluate' : kind;
}

function classify(sql: string): StatementKind {
  const c = sql.charCodeAt(0);
  if (c === 83 /* S */) {
    return sql.startsWith('SAVEPOINT') ? 'transaction' : 'read';
  }
  if (c === 87 /* W */ || c === 69 /* E (EXPLAIN) */ || c === 80 /* P (PRAGMA) */) return 'read';
  if (sql.startsWith('BEGIN') || sql.startsWith('COMMIT') || sql.startsWith('ROLLBACK') || sql.startsWith('RELEASE')) {
    return 'transaction';
  }
  if (sql.startsWith('CREATE') || sql.startsWith('DROP') || sql.startsWith('ALTER')) return 'schema';
  return 'write';
}

function adaptParams(params: readonly unknown[]): SqlValue[] {
  let out: SqlValue[] | null = null;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    const t = typeof p;
    if (p === null || t === 'number' || t === 'string') continue;
    out ??= params.slice() as SqlValue[];
    out[i] = adaptParam(p);
  }
  return out ?? (params as SqlValue[]);
}

function wrapError(error: unknown, sql: string, params: SqlValue[]): DatabaseError {
  const message = error instanceof Error ? error.message : String(error);
  const Cls = /constraint failed/i.test(message) ? IntegrityError : OperationalError;
  const wrapped = new Cls(message);
  wrapped.sql = interpolate(sql, params);
  return wrapped;
}

const now = () => performance.now();

/**
 * A database connection: every statement the ORM runs goes through here, is
 * timed, and is announced to the subscribers (the query log, the run recorder).
 */
export class Connection {
  readonly vendor = 'sqlite';
  private readonly listeners: StatementListener[] = [];
  private readonly streamEndListeners: StreamEndListener[] = [];
  /** Statements for connection.queries; display SQL is built only when read. */
  /** The last QUERIES_LIMIT statements, oldest at `queriesStart` once full (Django's deque(maxlen=9000)). */
  private readonly queriesLog: [string, SqlValue[], number][] = [];
  private queriesStart = 0;
  /** Django's settings.DEBUG: whether connection.queries records (the runtime links it to its settings). */
  isDebug: () => boolean = () => true;
  in_atomic_block = false;
  savepoint_ids: string[] = [];
  private savepointCounter = 0;
  needs_rollback = false;

  constructor(
    readonly alias: string,
    public db: SqliteDatabase,
  ) {}

  /** Subscribes to every executed statement; returns the unsubscribe function. */
  subscribe(listener: StatementListener, onStreamEnd?: StreamEndListener): () => void {
    this.listeners.push(listener);
    if (onStreamEnd) this.streamEndListeners.push(onStreamEnd);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
      const j = onStreamEnd ? this.streamEndListeners.indexOf(onStreamEnd) : -1;
      if (j >= 0) this.streamEndListeners.splice(j, 1);
    };
  }

  /** Django's connection.queries: `{ sql, time }` per statement while settings.DEBUG is on. */
  get queries(): DjangoQueryEntry[] {
    const log = this.queriesLog;
    const ordered = this.queriesStart ? [...log.slice(this.queriesStart), ...log.slice(0, this.queriesStart)] : log;
    return ordered.map(([sql, params, ms]) => ({ sql: interpolate(sql, params), time: (ms / 1000).toFixed(3) }));
  }

  reset_queries(): void {
    this.queriesLog.length = 0;
    this.queriesStart = 0;
  }

  private announce(sql: string, params: SqlValue[], duration: number, rows: number): ExecutedStatement | null {
    const kind = classify(sql);
    if (this.isDebug()) {
      const entry: [string, SqlValue[], number] = [sql, params, duration];
      if (this.queriesLog.length < QUERIES_LIMIT) this.queriesLog.push(entry);
      else {
        this.queriesLog[this.queriesStart] = entry;
        this.queriesStart = (this.queriesStart + 1) % QUERIES_LIMIT;
      }
    }
    if (!this.listeners.length) return null;
    const statement: ExecutedStatement = {
      sql,
      params,
      alias: this.alias,
      duration_ms: duration,
      rows,
      cause: currentCause(kind),
      kind,
    };
    for (const listener of this.listeners) listener(statement);
    return statement;
  }

  /** Runs a query and returns all its rows. */
  fetchAll(sql: string, params: readonly unknown[] = []): Row[] {
    const bound = adaptParams(params);
    const start = now();
    let rows: Row[];
    try {
      rows = this.db.all(sql, bound).rows;
    } catch (e) {
      this.announce(sql, bound, now() - start, 0);
      throw wrapError(e, sql, bound);
    }
    this.announce(sql, bound, now() - start, rows.length);
    return rows;
  }

  /** Runs a query and returns its column names with the rows (raw SQL and cursors). */
  fetchWithColumns(sql: string, params: readonly unknown[] = []): { columns: string[]; rows: Row[] } {
    const bound = adaptParams(params);
    const start = now();
    try {
      const result = this.db.all(sql, bound);
      this.announce(sql, bound, now() - start, result.rows.length);
      return result;
    } catch (e) {
      this.announce(sql, bound, now() - start, 0);
      throw wrapError(e, sql, bound);
    }
  }

  /**
   * Streams a query's rows. The statement is announced with its first row (as
   * Django logs it when executed); when the stream ends, subscribers learn the
   * total time spent inside SQLite and the number of rows read.
   */
  *fetchIter(sql: string, params: readonly unknown[] = []): Generator<Row, void, undefined> {
    const bound = adaptParams(params);
    let spent = 0;
    let count = 0;
    let announced: ExecutedStatement | null = null;
    let isAnnounced = false;
    const rows = this.db.iterate(sql, bound);
    try {
      for (;;) {
        const start = now();
        let next: IteratorResult<Row, void>;
        try {
          next = rows.next();
        } catch (e) {
          throw wrapError(e, sql, bound);
        } finally {
          spent += now() - start;
        }
        if (!next.done) count++;
        if (!isAnnounced) {
          announced = this.announce(sql, bound, spent, count);
          isAnnounced = true;
        }
        if (next.done) break;
        yield next.value;
      }
    } finally {
      rows.return();
      if (announced && (spent !== announced.duration_ms || count !== announced.rows)) {
        const extraMs = spent - announced.duration_ms;
        const extraRows = count - announced.rows;
        announced.duration_ms = spent;
        announced.rows = count;
        for (const listener of this.streamEndListeners) listener(announced, extraMs, extraRows);
      }
    }
  }

  /** Runs a statement that returns no rows; returns the number of rows changed. */
  execute(sql: string, params: readonly unknown[] = []): number {
    const bound = adaptParams(params);
    const start = now();
    try {
      const { changes } = this.db.run(sql, bound);
      this.announce(sql, bound, now() - start, 0);
      return changes;
    } catch (e) {
      this.announce(sql, bound, now() - start, 0);
      throw wrapError(e, sql, bound);
    }
  }

  /** A DB-API cursor for raw SQL: `connection.cursor().execute(sql, [params])`. */
  cursor(): CursorWrapper {
    return new CursorWrapper(this);
  }

  /** A new savepoint name, unique within this connection (Django: s<thread>_x<n>). */
  nextSavepointName(): string {
    this.savepointCounter += 1;
    return `s1_x${this.savepointCounter}`;
  }
}
