import type { SqlJsStatic } from 'sql.js';
import { registerDjangoFunctions } from './sqlite-functions';
import { SqliteDatabase } from './sqlite';

/**
 * Opens a database (empty, or from a snapshot's bytes) with the SQL functions
 * Django's SQLite backend registers; sql.js does not keep functions in snapshots.
 *
 * sql.js keeps the database as a file in Emscripten's in-memory file system, so
 * SQLite's default locking re-reads the header and probes for a hot journal at
 * every statement, and each write creates and deletes a journal file. Nothing
 * else opens the file: holding the lock and keeping the journal in memory halves
 * a point query and makes an autocommit write 4× cheaper, with the same results
 * and the same transaction semantics (ROLLBACK and savepoints still work).
 */
export function openDatabase(SQL: SqlJsStatic, bytes?: Uint8Array): SqliteDatabase {
  const db = SqliteDatabase.open(SQL, bytes);
  registerDjangoFunctions(db.raw);
  db.exec('PRAGMA foreign_keys = ON; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY');
  return db;
}
