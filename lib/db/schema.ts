import { withCause, type Connection } from '../orm/backend/connection';
import type { Field } from '../orm/fields/field';
import { ForeignKey, ManyToManyField } from '../orm/fields/related';
import type { Index } from '../orm/indexes';
import type { ModelClass } from '../orm/model';
import { Query } from '../orm/sql/query';
import { IntegrityError, NotSupportedError } from '../orm/errors';
import { atomic } from '../orm/transaction';
import { createIndexName } from './names';
import { adaptParam, quoteName, quoteParam } from '../orm/backend/operations';

/** The column definition Django's SQLite schema editor writes for a field. */
export function columnSql(field: Field): string | null {
  const type = field.db_type();
  if (type === null) return null;
  const parts = [quoteName(field.column), type, field.null ? 'NULL' : 'NOT NULL'];
  if (field.primary_key) parts.push('PRIMARY KEY');
  else if (field.unique) parts.push('UNIQUE');
  const check = field.db_check();
  if (check) parts.push(`CHECK (${check})`);
  const internal = field.get_internal_type();
  if (internal === 'AutoField' || internal === 'BigAutoField') parts.push('AUTOINCREMENT');
  if (field instanceof ForeignKey && field.db_constraint) {
    const target = field.target_field;
    parts.push(`REFERENCES ${quoteName(field.related_model._meta.db_table)} (${quoteName(target.column)}) DEFERRABLE INITIALLY DEFERRED`);
  }
  return parts.join(' ');
}

/**
 * Creates tables and indexes as Django's schema editor does on SQLite
 * (`CREATE TABLE` per model, M2M join tables right after their model, then
 * every index), and adds or drops an index on a live database as a migration would.
 */
export class SchemaEditor {
  private readonly deferred: string[] = [];

  constructor(private readonly connection: Connection) {}

  /** The CREATE TABLE statement and the indexes a model needs, without running them. */
  tableSql(model: ModelClass): string {
    const opts = model._meta;
    const columns = opts.local_fields.map(columnSql).filter((c): c is string => c !== null);
    return `CREATE TABLE ${quoteName(opts.db_table)} (${columns.join(', ')})`;
  }

  indexSqls(model: ModelClass): string[] {
    const opts = model._meta;
    const out: string[] = [];
    for (const fields of opts.unique_together) {
      const cols = fields.map((f) => (opts.get_field(f) as Field).column);
      out.push(`CREATE UNIQUE INDEX ${quoteName(createIndexName(opts.db_table, cols, '_uniq'))} ON ${quoteName(opts.db_table)} (${cols.map(quoteName).join(', ')})`);
    }
    for (const field of opts.local_fields) {
      if (field.db_index && !field.unique) {
        out.push(`CREATE INDEX ${quoteName(createIndexName(opts.db_table, [field.column]))} ON ${quoteName(opts.db_table)} (${quoteName(field.column)})`);
      }
    }
    for (const index of opts.indexes) out.push(this.indexSql(model, index));
    return out;
  }

  /** `CREATE INDEX "name" ON "table" ("col" DESC, ...) [WHERE condition]` */
  indexSql(model: ModelClass, index: Index): string {
    const opts = model._meta;
    const cols = index.columns(opts).map(([c, order]) => (order ? `${quoteName(c)} ${order}` : quoteName(c)));
    let sql = `CREATE INDEX ${quoteName(index.name(opts))} ON ${quoteName(opts.db_table)} (${cols.join(', ')})`;
    if (index.condition) sql += ` WHERE ${this.conditionSql(model, index)}`;
    return sql;
  }

  private conditionSql(model: ModelClass, index: Index): string {
    const query = new Query(model);
    const where = query.build_where(index.condition!);
    const compiler = query.get_compiler(null, this.connection) as unknown as { compile(n: unknown): [string, unknown[]] };
    const [sql, params] = compiler.compile(where);
    let i = 0;
    return sql.replace(/%s/g, () => quoteParam(adaptParam(params[i++])));
  }

  /** Creates the model's table (and its auto-created M2M tables); indexes wait for flush(). */
  create_model(model: ModelClass): void {
    this.connection.execute(this.tableSql(model));
    this.deferred.push(...this.indexSqls(model));
    for (const field of model._meta.local_many_to_many) {
      if (field instanceof ManyToManyField && field.auto_created_through) this.create_model(field.through);
    }
  }

  /** Runs the deferred index statements (Django runs them when the schema editor closes). */
  flush(): void {
    for (const sql of this.deferred.splice(0)) this.connection.execute(sql);
  }

  /** Creates every table and index for these models, in order. */
  create_models(models: ModelClass[]): void {
    for (const model of models) this.create_model(model);
    this.flush();
  }

  /** Adds an index to a live table, as a migration's AddIndex would. */
  add_index(model: ModelClass, index: Index): void {
    this.connection.execute(this.indexSql(model, index));
  }

  /** Drops an index, as a migration's RemoveIndex would. */
  remove_index(model: ModelClass, index: Index): void {
    this.connection.execute(`DROP INDEX ${quoteName(index.name(model._meta))}`);
  }

  /**
   * Django's `with connection.schema_editor() as editor:` on SQLite (in
   * TypeScript `connection.schema_editor((editor) => ...)`): foreign key checks
   * off, the edits in one transaction, the foreign keys checked, checks back on.
   */
  __with__<T>(body: (editor: SchemaEditor) => T): T {
    const conn = this.connection;
    const pragma = (sql: string) => withCause('schema editor', () => conn.fetchAll(sql));
    pragma('PRAGMA foreign_keys = OFF');
    if (pragma('PRAGMA foreign_keys')[0]?.[0]) {
      throw new NotSupportedError(
        'SQLite schema editor cannot be used while foreign key constraint checks are enabled. Make sure to disable them before entering a transaction.atomic() context because SQLite does not support disabling them in the middle of a multi-statement transaction.',
      );
    }
    try {
      return atomic(
        () => {
          let result: T;
          try {
            result = body(this);
          } finally {
            withCause('schema editor', () => this.check_constraints());
          }
          this.flush();
          return result;
        },
        { using: conn.alias },
      );
    } finally {
      pragma('PRAGMA foreign_keys = ON');
    }
  }

  /** Django's `connection.check_constraints()`: the first row whose foreign key points at nothing raises. */
  private check_constraints(): void {
    const conn = this.connection;
    const [violation] = conn.fetchAll('PRAGMA foreign_key_check');
    if (!violation) return;
    const [table, rowid, referenced, fkIndex] = violation as [string, number, string, number];
    const fk = conn.fetchAll(`PRAGMA foreign_key_list(${quoteName(table)})`)[fkIndex];
    const [column, referencedColumn] = [fk[3], fk[4]] as [string, string];
    const pk = conn.fetchAll(`PRAGMA table_info(${quoteName(table)})`).find((column) => column[5] === 1)?.[1] as string;
    const [pkValue, bad] = conn.fetchAll(`SELECT ${quoteName(pk)}, ${quoteName(column)} FROM ${quoteName(table)} WHERE rowid = %s`, [rowid])[0];
    throw new IntegrityError(
      `The row in table '${table}' with primary key '${String(pkValue)}' has an invalid foreign key: ${table}.${column} contains a value '${String(bad)}' that does not have a corresponding value in ${referenced}.${referencedColumn}.`,
    );
  }
}
