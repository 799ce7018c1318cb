import { createRequire } from 'node:module';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { SQLJS_CONFIG } from '../db/sqlite-functions';

let sqlPromise: Promise<SqlJsStatic> | null = null;

/** sql.js under Node (tests, CLI), with the wasm from node_modules; initialised once per process. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlPromise) {
    const distDir = path.dirname(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'));
    sqlPromise = initSqlJs({ ...SQLJS_CONFIG, locateFile: (file: string) => path.join(distDir, file) });
  }
  return sqlPromise;
}
