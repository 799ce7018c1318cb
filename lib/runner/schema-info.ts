/**
 * A serialisable description of the models learner code sees: fields, types,
 * relations (both directions), indexes and tables. The schema explorer shows it,
 * and the query analysis uses it to name relations in N+1 findings
 * (`"blog_post"."author_id" = %s` → `author.post_set`).
 */
import type { SqliteDatabase } from '../db/sqlite';
import * as onDelete from '../orm/fields/on-delete';
import { ForeignKey, ManyToManyField, type ForeignObjectRel } from '../orm/fields/related';
import type { Field } from '../orm/fields/field';
import type { ModelClass } from '../orm/model';

export type RelationKind = 'fk' | 'o2o' | 'm2m';

export interface SchemaField {
  name: string;
  /** The attribute holding the raw value (`author_id` for `author`). */
  attname: string;
  column: string | null;
  /** Django's field class: `CharField`, `ForeignKey`, ... */
  type: string;
  db_type: string | null;
  null: boolean;
  unique: boolean;
  primary_key: boolean;
  db_index: boolean;
  max_length: number | null;
  relation: null | {
    kind: RelationKind;
    to: string;
    on_delete: string | null;
    /** The reverse accessor on `to` (`post_set`, or related_name), null when hidden. */
    related_accessor: string | null;
    /** The name lookups use from `to` (`post` in `Author.objects.filter(post__title=...)`). */
    related_query_name: string;
    /** M2M only: the join table and its two columns. */
    through_table?: string;
    source_column?: string;
    target_column?: string;
  };
}

/** A relation pointing at this model, seen from this side (`author.post_set`). */
export interface SchemaReverseRelation {
  accessor: string;
  query_name: string;
  kind: 'reverse_fk' | 'reverse_o2o' | 'reverse_m2m';
  /** The model holding the forward field, and that field. */
  from: string;
  field: string;
}

export interface SchemaIndex {
  name: string;
  columns: string[];
  unique: boolean;
  /** Why it exists: `primary key`, `unique`, `db_index`, `Meta.indexes`, `unique_together`, `foreign key`. */
  origin: string;
}

export interface SchemaModel {
  name: string;
  db_table: string;
  fields: SchemaField[];
  reverse: SchemaReverseRelation[];
  ordering: string[];
  indexes: SchemaIndex[];
}

export interface DatasetSchema {
  models: SchemaModel[];
  /** Tables Django creates for the models, including auto-created M2M join tables. */
  tables: string[];
}

function onDeleteName(handler: unknown): string | null {
  for (const [name, value] of Object.entries(onDelete)) if (value === handler) return name;
  return handler ? 'SET(...)' : null;
}

function describeField(field: Field): SchemaField {
  const base: SchemaField = {
    name: field.name,
    attname: field.attname,
    column: field instanceof ManyToManyField ? null : field.column,
    type: field.get_internal_type(),
    db_type: field instanceof ManyToManyField ? null : field.db_type(),
    null: field.null,
    unique: field.unique,
    primary_key: field.primary_key,
    db_index: field.db_index,
    max_length: field.max_length,
    relation: null,
  };
  if (field instanceof ForeignKey) {
    const rel = field.remote_field as ForeignObjectRel;
    base.relation = {
      kind: field.one_to_one ? 'o2o' : 'fk',
      to: field.related_model._meta.object_name,
      on_delete: onDeleteName(field.on_delete),
      related_accessor: rel.get_accessor_name(),
      related_query_name: field.related_query_name(),
    };
  } else if (field instanceof ManyToManyField) {
    const rel = field.remote_field as ForeignObjectRel;
    base.relation = {
      kind: 'm2m',
      to: field.related_model._meta.object_name,
      on_delete: null,
      related_accessor: rel.get_accessor_name(),
      related_query_name: field.related_query_name(),
      through_table: field.through._meta.db_table,
      source_column: field.m2m_column_name(),
      target_column: field.m2m_reverse_name(),
    };
  }
  return base;
}

function describeReverse(rel: ForeignObjectRel): SchemaReverseRelation | null {
  const accessor = rel.get_accessor_name();
  if (!accessor) return null;
  return {
    accessor,
    query_name: rel.name,
    kind: rel.many_to_many ? 'reverse_m2m' : rel.one_to_one ? 'reverse_o2o' : 'reverse_fk',
    from: rel.related_model._meta.object_name,
    field: rel.field.name,
  };
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Indexes SQLite holds for a table, with the reason Django created each. */
function tableIndexes(db: SqliteDatabase, model: ModelClass): SchemaIndex[] {
  const table = model._meta.db_table;
  const metaIndexNames = new Set(model._meta.indexes.map((i) => i.name(model._meta)));
  const out: SchemaIndex[] = [{ name: 'PRIMARY KEY', columns: [model._meta.pk.column], unique: true, origin: 'primary key' }];
  const list = db.all(`PRAGMA index_list(${quote(table)})`, []);
  const col = (name: string) => list.columns.indexOf(name);
  for (const row of list.rows) {
    const name = String(row[col('name')]);
    const unique = Number(row[col('unique')]) === 1;
    const info = db.all(`PRAGMA index_xinfo(${quote(name)})`, []);
    const cname = info.columns.indexOf('name');
    const cdesc = info.columns.indexOf('desc');
    const ckey = info.columns.indexOf('key');
    const columns = info.rows
      .filter((r) => Number(r[ckey]) === 1 && r[cname] !== null)
      .map((r) => `${r[cname]}${Number(r[cdesc]) === 1 ? ' DESC' : ''}`);
    const field = model._meta.local_fields.find((f) => columns.length === 1 && f.column === columns[0]);
    const origin = name.startsWith('sqlite_autoindex')
      ? 'unique'
      : metaIndexNames.has(name)
        ? 'Meta.indexes'
        : name.endsWith('_uniq')
          ? 'unique_together'
          : field instanceof ForeignKey
            ? 'foreign key'
            : 'db_index';
    out.push({ name, columns, unique, origin });
  }
  return out;
}

/** Describes `models` (registered, with their tables created in `db`). */
export function describeSchema(models: ModelClass[], db: SqliteDatabase): DatasetSchema {
  const described: SchemaModel[] = models.map((model) => {
    const opts = model._meta;
    return {
      name: opts.object_name,
      db_table: opts.db_table,
      fields: [...opts.local_fields, ...opts.local_many_to_many].map(describeField),
      reverse: opts.related_objects.map(describeReverse).filter((r): r is SchemaReverseRelation => r !== null),
      ordering: opts.ordering.map(String),
      indexes: tableIndexes(db, model),
    };
  });
  const tables = db
    .all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", [])
    .rows.map((r) => String(r[0]));
  return { models: described, tables };
}

/** Row counts of every table in a database. */
export function rowCounts(db: SqliteDatabase, tables: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number(db.all(`SELECT COUNT(*) FROM ${quote(t)}`, []).rows[0][0]);
  return out;
}
