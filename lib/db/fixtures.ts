import type { Apps } from '../orm/apps';
import { withCause } from '../orm/backend/connection';
import type { Field } from '../orm/fields/field';
import { ForeignKey, ManyToManyField } from '../orm/fields/related';
import type { Model, ModelClass } from '../orm/model';
import { QuerySet } from '../orm/queryset';
import { InsertQuery } from '../orm/sql/subqueries';
import type { SQLInsertCompiler } from '../orm/sql/write-compilers';
import { connections } from '../orm/runtime';
import { atomic } from '../orm/transaction';
import { parseDatetime } from '../orm/utils/datetime';
import { danglingForeignKey, insertLocated, type RecordPlaces } from './fixture-integrity';

/** One record of Django's dumpdata JSON. */
export interface FixtureRecord {
  model: string;
  pk?: unknown;
  fields: Record<string, unknown>;
}

/** A fixture problem, located: which record, which field, what was expected. */
export class FixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixtureError';
  }
}

function toPython(field: Field, value: unknown, where: string): unknown {
  if (value === null) return null;
  const type = field.get_internal_type();
  if (type === 'DateTimeField' || type === 'DateField') {
    const d = typeof value === 'string' ? parseDatetime(value) : null;
    if (!d) throw new FixtureError(`${where}: '${field.name}' expects an ISO date/time such as "2025-01-31T12:00:00Z", got ${JSON.stringify(value)}`);
    return field.to_python(d);
  }
  try {
    return field.to_python(value);
  } catch (e) {
    throw new FixtureError(`${where}: '${field.name}': ${(e as Error).message}`);
  }
}

/**
 * Loads Django dumpdata JSON (`[{"model": "blog.post", "pk": 1, "fields": {...}}]`)
 * into the current database: one INSERT per model batch, M2M rows after.
 * Errors name the record and the field.
 */
export function loaddata(apps: Apps, records: unknown, source = 'fixture', using = 'default'): number {
  if (!Array.isArray(records)) throw new FixtureError(`${source}: a fixture must be a JSON array of records, got ${typeof records}`);
  const byModel = new Map<ModelClass, Model[]>();
  const m2m: [ManyToManyField, Model, unknown[]][] = [];
  const places: RecordPlaces = new Map();
  records.forEach((raw, i) => {
    const where = `${source}: record ${i + 1}`;
    if (!raw || typeof raw !== 'object') throw new FixtureError(`${where}: expected an object with "model" and "fields"`);
    const record = raw as FixtureRecord;
    if (typeof record.model !== 'string') throw new FixtureError(`${where}: missing "model" (e.g. "blog.post")`);
    let model: ModelClass;
    try {
      model = apps.get_model(record.model);
    } catch {
      throw new FixtureError(`${where}: Invalid model identifier: '${record.model}'`);
    }
    const at = `${where} (${record.model} pk=${String(record.pk)})`;
    if (!record.fields || typeof record.fields !== 'object') throw new FixtureError(`${at}: missing "fields" object`);
    const opts = model._meta;
    const obj = new model();
    if (record.pk !== undefined && record.pk !== null) obj.pk = toPython(opts.pk, record.pk, at);
    for (const [name, value] of Object.entries(record.fields)) {
      let field: Field;
      try {
        field = opts.get_field(name) as Field;
      } catch {
        throw new FixtureError(`${at}: ${opts.object_name} has no field named '${name}'`);
      }
      if (field instanceof ManyToManyField) {
        if (!Array.isArray(value)) throw new FixtureError(`${at}: '${name}' is many-to-many and expects a list of pks`);
        m2m.push([field, obj, value]);
      } else if (field instanceof ForeignKey) {
        obj[field.attname] = value === null ? null : toPython(field.target_field, value, at);
      } else if (!field.concrete) {
        throw new FixtureError(`${at}: '${name}' is a reverse relation and cannot be loaded`);
      } else {
        obj[field.attname] = toPython(field, value, at);
      }
    }
    places.set(obj, at);
    const list = byModel.get(model) ?? [];
    list.push(obj);
    byModel.set(model, list);
  });
  const fail = (message: string) => new FixtureError(message);
  // One transaction, as Django's loaddata: foreign keys may point forward, to records loaded later.
  withCause('loaddata', () =>
    atomic(
      () => {
        for (const [model, objs] of byModel) {
          for (let i = 0; i < objs.length; i += 50) {
            insertLocated(objs.slice(i, i + 50), (batch) => insertRows(model, model._meta.concrete_fields, batch, using), places, fail);
          }
          for (const obj of objs) {
            obj._state.adding = false;
            obj._state.db = using;
          }
        }
        for (const [field, obj, pks] of m2m) {
          const through = field.through;
          const source = field.m2m_field();
          const target = field.m2m_reverse_field();
          const rows = pks.map((pk) => new through({ [source.attname]: obj.pk, [target.attname]: pk }));
          const fields = through._meta.concrete_fields.filter((f) => !f.primary_key);
          if (rows.length) insertLocated(rows, (batch) => insertRows(through, fields, batch, using), new Map(rows.map((r) => [r, places.get(obj)!])), fail);
        }
        const dangling = danglingForeignKey(connections().get(using), apps.get_models(true), places);
        if (dangling) throw fail(dangling);
      },
      { using },
    ),
  );
  return records.length;
}

function insertRows(model: ModelClass, fields: Field[], objs: Model[], using: string): void {
  const query = new InsertQuery(model);
  query.insert_values(fields, objs, true);
  (query.get_compiler(using) as unknown as SQLInsertCompiler).execute_insert();
}

/** A datetime as Django's JSON encoder writes it: ISO, milliseconds, `Z`. */
function jsonDatetime(d: Date): string {
  const iso = d.toISOString();
  return d.getUTCMilliseconds() ? iso : iso.replace('.000Z', 'Z');
}

function jsonValue(field: Field, value: unknown): unknown {
  if (value instanceof Date) {
    return field.get_internal_type() === 'DateField' ? value.toISOString().slice(0, 10) : jsonDatetime(value);
  }
  return value;
}

/** Writes the models' rows as Django dumpdata JSON records (pk order; M2M as lists of pks). */
export function dumpdata(models: ModelClass[], using = 'default'): FixtureRecord[] {
  const out: FixtureRecord[] = [];
  for (const model of models) {
    const opts = model._meta;
    const objs = [...new QuerySet(model, null, using).order_by('pk')];
    const m2mValues = new Map<ManyToManyField, Map<unknown, unknown[]>>();
    for (const field of opts.local_many_to_many) {
      const source = field.m2m_field();
      const target = field.m2m_reverse_field();
      const pairs = new QuerySet(field.through, null, using).order_by('pk').values_list(source.attname, target.attname) as unknown as Iterable<[unknown, unknown]>;
      const byObj = new Map<unknown, unknown[]>();
      for (const [s, t] of pairs) byObj.set(s, [...(byObj.get(s) ?? []), t]);
      m2mValues.set(field, byObj);
    }
    for (const obj of objs) {
      const fields: Record<string, unknown> = {};
      for (const f of opts.concrete_fields) if (!f.primary_key) fields[f.name] = jsonValue(f, obj[f.attname]);
      for (const f of opts.local_many_to_many) fields[f.name] = m2mValues.get(f)!.get(obj.pk) ?? [];
      out.push({ model: opts.label_lower, pk: obj.pk, fields });
    }
  }
  return out;
}
