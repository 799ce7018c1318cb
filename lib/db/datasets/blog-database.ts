import type { SqlJsStatic } from 'sql.js';
import { Apps } from '../../orm/apps';
import { defineBlogModels } from './blog-models';

/** An existing database file that cannot hold the blog models' data. */
export class DatabaseFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseFileError';
  }
}

/** The tables (and their columns) Django creates for the blog models, M2M tables included. */
export function blogTables(): Map<string, string[]> {
  const apps = new Apps('blog');
  defineBlogModels(apps);
  return new Map(apps.get_models(true).map((m) => [m._meta.db_table, m._meta.concrete_fields.map((f) => f.column)]));
}

function readTables(SQL: SqlJsStatic, bytes: Uint8Array): Map<string, Set<string>> {
  const db = new SQL.Database(bytes);
  try {
    const tables = new Map<string, Set<string>>();
    const names = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]?.values ?? [];
    for (const [name] of names) {
      const columns = db.exec(`SELECT name FROM pragma_table_info('${String(name).replace(/'/g, "''")}')`)[0]?.values ?? [];
      tables.set(String(name), new Set(columns.map(([c]) => String(c))));
    }
    return tables;
  } catch (e) {
    throw new DatabaseFileError(`not an SQLite database (${(e as Error).message})`);
  } finally {
    db.close();
  }
}

function listed(names: string[], max = 12): string {
  return names.length > max ? `${names.slice(0, max).join(', ')}, … (${names.length} in all)` : names.join(', ');
}

/**
 * Checks that an SQLite file (a Django project's db.sqlite3) has every table and
 * column of the blog models; throws a DatabaseFileError naming what is missing.
 */
export function checkBlogDatabase(SQL: SqlJsStatic, bytes: Uint8Array): void {
  const found = readTables(SQL, bytes);
  const expected = blogTables();
  const missingTables = [...expected.keys()].filter((t) => !found.has(t));
  if (missingTables.length) {
    const others = [...found.keys()].filter((t) => !t.startsWith('sqlite_'));
    const has = others.length ? `it has ${listed(others)}` : 'it has no tables';
    throw new DatabaseFileError(`missing the blog tables ${missingTables.join(', ')} (${has})`);
  }
  const missingColumns = [...expected].flatMap(([table, columns]) =>
    columns.filter((c) => !found.get(table)!.has(c)).map((c) => `${table}.${c}`),
  );
  if (missingColumns.length) throw new DatabaseFileError(`missing the blog columns ${missingColumns.join(', ')}`);
}
