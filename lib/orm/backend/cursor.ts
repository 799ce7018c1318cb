import { ProgrammingError } from '../errors';
import type { Connection } from './connection';

/**
 * Django's `connection.cursor()` (a DB-API cursor) on SQLite: `%s` placeholders,
 * execute/executemany, fetchone/fetchmany/fetchall, rowcount, description.
 */
export class CursorWrapper {
  private rows: unknown[][] = [];
  private position = 0;
  rowcount = -1;
  description: [string, null, null, null, null, null, null][] | null = null;
  lastrowid: number | null = null;
  arraysize = 1;

  constructor(private readonly connection: Connection) {}

  /** Runs one statement with `%s` placeholders: `cursor.execute('SELECT ... WHERE id = %s', [1])`. */
  execute(sql: string, params: unknown[] = []): this {
    const isQuery = /^\s*(SELECT|WITH|PRAGMA|EXPLAIN|VALUES)\b/i.test(sql) || /\bRETURNING\b/i.test(sql);
    if (isQuery) {
      const { columns, rows } = this.connection.fetchWithColumns(sql, params);
      this.rows = rows;
      this.position = 0;
      this.description = columns.map((c) => [c, null, null, null, null, null, null]);
      this.rowcount = /^\s*SELECT/i.test(sql) ? -1 : rows.length;
    } else {
      this.rowcount = this.connection.execute(sql, params);
      this.rows = [];
      this.position = 0;
      this.description = null;
    }
    return this;
  }

  /** Runs the statement once per parameter list; rowcount is the total. */
  executemany(sql: string, paramList: unknown[][]): this {
    let total = 0;
    for (const params of paramList) total += this.connection.execute(sql, params);
    this.rowcount = total;
    this.rows = [];
    this.description = null;
    return this;
  }

  fetchone(): unknown[] | null {
    return this.position < this.rows.length ? this.rows[this.position++] : null;
  }

  fetchmany(size = this.arraysize): unknown[][] {
    const out = this.rows.slice(this.position, this.position + size);
    this.position += out.length;
    return out;
  }

  fetchall(): unknown[][] {
    const out = this.rows.slice(this.position);
    this.position = this.rows.length;
    return out;
  }

  close(): void {
    this.rows = [];
  }

  [Symbol.iterator](): Iterator<unknown[]> {
    if (this.description === null && this.rows.length === 0) {
      throw new ProgrammingError('No results. Previous SQL was not a query.');
    }
    const rows = this.fetchall();
    return rows[Symbol.iterator]();
  }
}
