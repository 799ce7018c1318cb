import type { Database, Statement } from 'sql.js';
import type { TableRows } from './blog-data';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts every table's rows in one transaction, with one prepared INSERT per table.
 * The tables must already exist; on error nothing is inserted and the error is rethrown.
 */
export function insertRows(db: Database, tables: TableRows[]): void {
  db.exec('BEGIN');
  try {
    for (const { table, columns, rows } of tables) {
      const sql = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      const stmt: Statement = db.prepare(sql);
      try {
        for (const row of rows) {
          stmt.bind(row);
          stmt.step();
          stmt.reset();
        }
      } finally {
        stmt.free();
      }
    }
    db.exec('COMMIT');
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // SQLite may already have rolled the transaction back; the original error matters.
    }
    throw error;
  }
}
