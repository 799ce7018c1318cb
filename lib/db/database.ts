import type { SqlJsStatic } from 'sql.js';
import { registerDjangoFunctions } from './sqlite-functions';
import { SqliteDatabase } from './sqlite';

/**
 * Opens a database (empty, or from a snapshot's bytes) with the SQL functions
 * Django's SQLite backend registers; sql.js does not keep functions in snapshots.
 */
export function openDatabase(SQL: SqlJsStatic, bytes?: Uint8Array): SqliteDatabase {
  const db = SqliteDatabase.open(SQL, bytes);
  registerDjangoFunctions(db.raw);
  db.exec('PRAGMA foreign_keys = ON');
  return db;
}
