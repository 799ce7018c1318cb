import type { Database, SqlJsStatic, Statement } from 'sql.js';

export type SqlValue = number | string | Uint8Array | null;
export type Row = SqlValue[];

export interface QueryResult {
  columns: string[];
  rows: Row[];
}

export interface WriteResult {
  changes: number;
}

const PLACEHOLDER = /%s|%%/g;

/**
 * Django writes SQL with `%s` placeholders and `%%` for a literal percent sign;
 * SQLite wants `?`. Converted once per distinct SQL string.
 */
export function toQmark(sql: string): string {
  return sql.replace(PLACEHOLDER, (m) => (m === '%s' ? '?' : '%'));
}

/**
 * The only code that talks to sql.js: a database with a cache of prepared
 * statements keyed by SQL text. A cached statement that is still being stepped
 * (an open iterator) is never handed out twice; a fresh one is prepared instead.
 */
export class SqliteDatabase {
  private readonly cache = new Map<string, Statement>();
  private readonly busy = new Set<Statement>();

  constructor(
    readonly SQL: SqlJsStatic,
    readonly raw: Database,
  ) {}

  static open(SQL: SqlJsStatic, bytes?: Uint8Array): SqliteDatabase {
    // sql.js copies the bytes with .slice(), which for a Node Buffer is a view: the
    // database would then write into the caller's snapshot. Hand it a plain copy.
    const data = bytes && bytes.constructor !== Uint8Array ? new Uint8Array(bytes) : bytes;
    return new SqliteDatabase(SQL, new SQL.Database(data ?? null));
  }

  private statement(sql: string): { stmt: Statement; cached: boolean } {
    const cached = this.cache.get(sql);
    if (cached && !this.busy.has(cached)) return { stmt: cached, cached: true };
    const stmt = this.raw.prepare(toQmark(sql));
    // EXPLAIN output is fixed when prepared, so a cached one would outlive an index change.
    if (!cached && this.cache.size < 500 && !sql.startsWith('EXPLAIN')) {
      this.cache.set(sql, stmt);
      return { stmt, cached: true };
    }
    return { stmt, cached: false };
  }

  private release(stmt: Statement, cached: boolean): void {
    this.busy.delete(stmt);
    if (cached) stmt.reset();
    else stmt.free();
  }

  /** Runs a statement and returns every row as an array of column values. */
  all(sql: string, params: readonly SqlValue[]): QueryResult {
    const { stmt, cached } = this.statement(sql);
    try {
      if (params.length) stmt.bind(params as SqlValue[]);
      const rows: Row[] = [];
      while (stmt.step()) rows.push(stmt.get());
      return { columns: stmt.getColumnNames(), rows };
    } finally {
      this.release(stmt, cached);
    }
  }

  /** Runs a statement that returns no rows; reports how many rows it changed. */
  run(sql: string, params: readonly SqlValue[]): WriteResult {
    if (/^(CREATE|DROP|ALTER)\b/.test(sql)) return this.runSchemaChange(sql, params);
    const { stmt, cached } = this.statement(sql);
    try {
      if (params.length) stmt.bind(params as SqlValue[]);
      while (stmt.step()) {
        /* drain */
      }
      return { changes: this.raw.getRowsModified() };
    } finally {
      this.release(stmt, cached);
    }
  }

  /** DDL is never cached, and it makes every cached statement stale. */
  private runSchemaChange(sql: string, params: readonly SqlValue[]): WriteResult {
    for (const stmt of this.cache.values()) if (!this.busy.has(stmt)) stmt.free();
    this.cache.clear();
    const stmt = this.raw.prepare(toQmark(sql));
    try {
      if (params.length) stmt.bind(params as SqlValue[]);
      stmt.step();
      return { changes: this.raw.getRowsModified() };
    } finally {
      stmt.free();
    }
  }

  /** Streams rows; the statement stays open until the generator finishes or is closed. */
  *iterate(sql: string, params: readonly SqlValue[]): Generator<Row, void, undefined> {
    const { stmt, cached } = this.statement(sql);
    this.busy.add(stmt);
    try {
      if (params.length) stmt.bind(params as SqlValue[]);
      while (stmt.step()) yield stmt.get();
    } finally {
      this.release(stmt, cached);
    }
  }

  /** Executes a script of several statements (DDL); no parameters. */
  exec(sql: string): void {
    this.raw.exec(sql);
  }

  export(): Uint8Array {
    return this.raw.export();
  }

  close(): void {
    for (const stmt of this.cache.values()) stmt.free();
    this.cache.clear();
    this.raw.close();
  }
}
