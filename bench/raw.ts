/**
 * The "raw sql.js" baseline: the statements the ORM ran, captured from a
 * connection listener, replayed with sql.js prepared statements, rows read as
 * plain objects (arrays + column names → object), in the same transaction
 * shape (the captured BEGIN/COMMIT are replayed too).
 */
import type { Database, Statement } from 'sql.js';
import { toQmark, type SqlValue } from '../lib/db/sqlite';
import type { Connection, StatementKind } from '../lib/orm/backend/connection';

export interface CapturedStatement {
  sql: string;
  params: SqlValue[];
  alias: string;
  kind: StatementKind;
  /** Rows the ORM read (its connection's count; 0 for UPDATE/DELETE). */
  rows: number;
}

/** Runs `fn` with a listener on `connections` and returns every statement it executed, in order. */
export function captureStatements(connections: readonly Connection[], fn: () => unknown): CapturedStatement[] {
  const out: CapturedStatement[] = [];
  const unsubscribe = connections.map((c) =>
    c.subscribe((s) => out.push({ sql: s.sql, params: [...s.params], alias: s.alias, kind: s.kind, rows: s.rows })),
  );
  try {
    fn();
  } finally {
    for (const u of unsubscribe) u();
  }
  return out;
}

/** Whether two captures are the same statements with the same parameters, in the same order. */
export function sameStatements(a: readonly CapturedStatement[], b: readonly CapturedStatement[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].sql !== b[i].sql || a[i].alias !== b[i].alias || a[i].params.length !== b[i].params.length) return false;
    for (let j = 0; j < a[i].params.length; j++) if (a[i].params[j] !== b[i].params[j]) return false;
  }
  return true;
}

interface Prepared {
  stmt: Statement;
  columns: string[];
}

export type RawRow = Record<string, SqlValue>;

/**
 * Hand-written sql.js for a captured statement list: each distinct SQL text is
 * prepared once (as the ORM's statement cache does), then every run binds,
 * steps and builds one plain object per row.
 */
export class RawReplay {
  private readonly prepared = new Map<string, Prepared>();
  /** Rows read by the last run (all statements). */
  lastRows = 0;

  constructor(
    private readonly db: Database,
    readonly statements: readonly CapturedStatement[],
  ) {
    const aliases = new Set(statements.map((s) => s.alias));
    if (aliases.size > 1) throw new Error(`raw replay needs one database, the capture used ${[...aliases].join(', ')}`);
    for (const s of statements) this.get(s.sql);
  }

  private get(sql: string): Prepared {
    let p = this.prepared.get(sql);
    if (!p) {
      const stmt = this.db.prepare(toQmark(sql));
      p = { stmt, columns: stmt.getColumnNames() };
      this.prepared.set(sql, p);
    }
    return p;
  }

  /** Executes every statement; returns each statement's rows as objects. */
  run(): RawRow[][] {
    const results: RawRow[][] = [];
    let total = 0;
    for (const s of this.statements) {
      const { stmt, columns } = this.get(s.sql);
      if (s.params.length) stmt.bind(s.params);
      const rows: RawRow[] = [];
      const n = columns.length;
      while (stmt.step()) {
        const values = stmt.get();
        const row: RawRow = {};
        for (let i = 0; i < n; i++) row[columns[i]] = values[i];
        rows.push(row);
      }
      stmt.reset();
      total += rows.length;
      results.push(rows);
    }
    this.lastRows = total;
    return results;
  }

  /** Rows the ORM reported for the captured statements (reads and RETURNING). */
  get capturedRows(): number {
    let total = 0;
    for (const s of this.statements) total += s.rows;
    return total;
  }

  free(): void {
    for (const p of this.prepared.values()) p.stmt.free();
    this.prepared.clear();
  }
}
