import type { Connection } from '../orm/backend/connection';
import { IntegrityError } from '../orm/errors';
import type { Model, ModelClass } from '../orm/model';

/** Where each loaded object came from: `fixture.json: record 27 (blog.post pk=3)`. */
export type RecordPlaces = Map<Model, string>;

/**
 * Inserts a batch; when the database rejects it (UNIQUE, NOT NULL), inserts its
 * objects one at a time to name the record at fault.
 */
export function insertLocated(objs: Model[], insert: (objs: Model[]) => void, places: RecordPlaces, fail: (message: string) => Error): void {
  try {
    insert(objs);
  } catch (e) {
    if (!(e instanceof IntegrityError)) throw e;
    for (const obj of objs) {
      try {
        insert([obj]);
      } catch (one) {
        if (one instanceof IntegrityError) throw fail(`${places.get(obj)}: could not load: ${one.message}`);
        throw one;
      }
    }
    throw e;
  }
}

function placeOf(places: RecordPlaces, model: ModelClass, pk: unknown): string {
  for (const [obj, place] of places) if (obj.constructor === model && obj.pk === pk) return place;
  return `${model._meta.label_lower} pk=${String(pk)}`;
}

/**
 * The first row whose foreign key points at nothing (the constraints are
 * deferred, so SQLite only finds out at COMMIT), named as the fixture record
 * and field it came from.
 */
export function danglingForeignKey(conn: Connection, models: ModelClass[], places: RecordPlaces): string | null {
  const [violation] = conn.fetchAll('PRAGMA foreign_key_check');
  if (!violation) return null;
  const [table, rowid, parent, fkid] = violation as [string, number, string, number];
  const fk = conn.fetchAll('SELECT "from" FROM pragma_foreign_key_list(%s) WHERE "id" = %s', [table, fkid])[0];
  const model = models.find((m) => m._meta.db_table === table);
  const field = model?._meta.concrete_fields.find((f) => f.column === fk?.[0]);
  if (!model || !field?.remote_field) return `a row of ${table} refers to a missing row of ${parent}`;
  const valueOf = (column: string) => conn.fetchAll(`SELECT "${column}" FROM "${table}" WHERE rowid = %s`, [rowid])[0]?.[0];
  const missing = `refers to ${field.remote_field.model._meta.label_lower} pk=${String(valueOf(field.column))}, which is neither in the fixture nor in the database`;
  const source = model._meta.auto_created;
  if (source) {
    const m2m = source._meta.local_many_to_many.find((f) => f.through === model);
    const owner = model._meta.concrete_fields.find((f) => f !== field && f.remote_field?.model === source);
    return `${placeOf(places, source, owner ? valueOf(owner.column) : null)}: '${m2m?.name ?? table}' ${missing}`;
  }
  return `${placeOf(places, model, rowid)}: '${field.name}' ${missing}`;
}
