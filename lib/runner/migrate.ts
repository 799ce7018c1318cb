import { SchemaEditor } from '../db/schema';
import { withCause, type Connection } from '../orm/backend/connection';
import type { ModelClass } from '../orm/model';

/**
 * Models a learner declares in the sandbox get their tables the first time they
 * are used, as if `migrate` had run; the CREATE statements show in the log.
 */
export function autoMigrate(connection: Connection): (model: ModelClass) => void {
  return (model) => {
    const table = model._meta.db_table;
    const exists = connection.db.all("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [table]).rows.length > 0;
    if (exists) return;
    withCause(`migrate ${model._meta.label}`, () => new SchemaEditor(connection).create_models([model]));
  };
}
