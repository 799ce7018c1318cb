import { quoteName } from '../backend/operations';
import { FieldError, FullResultSet, PyTypeError, ValueError } from '../errors';
import { isResolvable, type Expression, type SqlResult } from '../expressions/core';
import type { Field } from '../fields/field';
import type { Model } from '../model';
import { SQLCompiler } from './compiler';
import { Query, registerCompiler } from './query';
import { DeleteQuery, InsertQuery, UpdateQuery } from './subqueries';

/** `INSERT [OR IGNORE] INTO ... VALUES (...), (...) [RETURNING "t"."id"]` */
export class SQLInsertCompiler extends SQLCompiler {
  returning_fields: Field[] | null = null;

  private get insertQuery(): InsertQuery {
    return this.query as InsertQuery;
  }

  private prepareValue(field: Field, value: unknown): unknown {
    if (isResolvable(value)) {
      const resolved = (value as Expression).resolve_expression(this.query, false, null, false, true);
      if (resolved.contains_column_references) {
        throw new ValueError(`Failed to insert expression "${resolved}" on ${field}. F() expressions can only be used to update, not to insert.`);
      }
      if (resolved.contains_aggregate) throw new FieldError(`Aggregate functions are not allowed in this query (${field.name}=${resolved}).`);
      return resolved;
    }
    return field.get_db_prep_save(value);
  }

  private preSaveValue(field: Field, obj: Model): unknown {
    return this.insertQuery.raw ? (obj as unknown as Record<string, unknown>)[field.attname] : field.pre_save(obj, true);
  }

  /** One row's placeholders, its values appended to `params`; a row without expressions is `plainRow`. */
  private valuesRow(fields: Field[], obj: Model, params: unknown[], plainRow: string): string {
    let placeholders: string[] | null = null;
    for (let i = 0; i < fields.length; i++) {
      const value = this.prepareValue(fields[i], this.preSaveValue(fields[i], obj));
      if (isResolvable(value)) {
        placeholders ??= fields.map(() => '%s');
        const [sql, p] = this.compile(value as Expression);
        placeholders[i] = sql;
        params.push(...p);
      } else params.push(value);
    }
    return placeholders ? `(${placeholders.join(', ')})` : plainRow;
  }

  override as_sql(): SqlResult {
    const q = this.insertQuery;
    const opts = q.get_meta();
    const statement = q.on_conflict === 'ignore' ? 'INSERT OR IGNORE INTO' : 'INSERT INTO';
    const result = [`${statement} ${quoteName(opts.db_table)}`];
    const hasFields = q.fields.length > 0;
    const fields = hasFields ? q.fields : [opts.pk];
    result.push(`(${fields.map((f) => quoteName(f.column)).join(', ')})`);
    const rows: string[] = [];
    const params: unknown[] = [];
    const plainRow = `(${fields.map(() => '%s').join(', ')})`;
    for (const obj of q.objs) rows.push(hasFields ? this.valuesRow(fields, obj, params, plainRow) : '(NULL)');
    result.push(`VALUES ${rows.join(', ')}`);
    if (q.on_conflict === 'update') {
      result.push(
        `ON CONFLICT(${q.unique_fields.map((f) => quoteName(f.column)).join(', ')}) DO UPDATE SET ${q.update_fields
          .map((f) => `${quoteName(f.column)} = EXCLUDED.${quoteName(f.column)}`)
          .join(', ')}`,
      );
    }
    if (this.returning_fields?.length) {
      result.push(`RETURNING ${this.returning_fields.map((f) => `${quoteName(opts.db_table)}.${quoteName(f.column)}`).join(', ')}`);
    }
    return [result.join(' '), params];
  }

  /** Runs the INSERT; returns the RETURNING rows (new pks) converted to Python values. */
  execute_insert(returningFields: Field[] | null = null): unknown[][] {
    this.returning_fields = returningFields;
    const [sql, params] = this.as_sql();
    if (!returningFields?.length) {
      this.connection.execute(sql, params);
      return [];
    }
    const rows = this.connection.fetchAll(sql, params) as unknown[][];
    const table = this.query.get_meta().db_table;
    const converters = this.get_converters(returningFields.map((f) => f.get_col(table)));
    if (converters.length) for (const row of rows) this.apply_converters_row(row, converters);
    return rows;
  }
}

/** `UPDATE "t" SET "a" = %s, "b" = ("t"."b" + %s) WHERE ...` */
export class SQLUpdateCompiler extends SQLCompiler {
  override as_sql(): SqlResult {
    this.prepareWhere();
    const q = this.query as UpdateQuery;
    if (!q.values.length) return ['', []];
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [field, , raw] of q.values) {
      let val = raw;
      if (isResolvable(val)) {
        val = (val as Expression).resolve_expression(this.query, false, null, false, true);
        const expr = val as Expression;
        if (expr.contains_aggregate) throw new FieldError(`Aggregate functions are not allowed in this query (${field.name}=${expr.__repr__()}).`);
        if (expr.contains_over_clause) throw new FieldError(`Window expressions are not allowed in this query (${field.name}=${expr.__repr__()}).`);
      } else if (val && typeof val === 'object' && (val as Model)._state) {
        if (!field.remote_field) {
          throw new PyTypeError(`Tried to update field ${field} with a model instance, ${String(val)}. Use a value compatible with ${field.constructor.name}.`);
        }
        val = (val as unknown as Record<string, unknown>)[(field as unknown as { target_field: Field }).target_field.attname];
      }
      const name = quoteName(field.column);
      if (isResolvable(val)) {
        const [s, p] = this.compile(val as Expression);
        sets.push(`${name} = ${s}`);
        params.push(...p);
      } else {
        const prepared = field.get_db_prep_save(val);
        if (prepared === null || prepared === undefined) sets.push(`${name} = NULL`);
        else {
          sets.push(`${name} = %s`);
          params.push(prepared);
        }
      }
    }
    const table = this.query.base_table!;
    const result = [`UPDATE ${quoteName(table)} SET`, sets.join(', ')];
    try {
      const [where, whereParams] = this.compile(this.query.where);
      result.push(`WHERE ${where}`);
      params.push(...whereParams);
    } catch (e) {
      if (!(e instanceof FullResultSet)) throw e;
    }
    return [result.join(' '), params];
  }

  /** An UPDATE that filters across joins becomes `WHERE pk IN (SELECT ...)`, as SQLite needs. */
  private prepareWhere(): void {
    const refcountsBefore = new Map(this.query.alias_refcount);
    this.query.get_initial_alias();
    if (this.query.count_active_tables() === 1) return;
    const inner = Object.assign(Object.create(Query.prototype), this.query.chain()) as Query;
    inner.select_related = false;
    inner.clear_ordering(true);
    inner.select = [];
    inner.add_fields([inner.get_meta().pk.name]);
    this.query.clear_where();
    this.query.add_filter('pk__in', inner);
    this.query.reset_refcounts(refcountsBefore);
  }
}

/** `DELETE FROM "t" WHERE ...`, or `WHERE "t"."id" IN (SELECT ...)` when the filter joins other tables. */
export class SQLDeleteCompiler extends SQLCompiler {
  private deleteSql(query: Query): SqlResult {
    const del = `DELETE FROM ${this.quote_name_unless_alias(query.base_table!)}`;
    try {
      const [where, params] = this.compile(query.where);
      return [`${del} WHERE ${where}`, params];
    } catch (e) {
      if (e instanceof FullResultSet) return [del, []];
      throw e;
    }
  }

  override as_sql(): SqlResult {
    this.query.get_initial_alias();
    let active = 0;
    for (const alias of this.query.alias_map.keys()) if ((this.query.alias_refcount.get(alias) ?? 0) > 0) active++;
    if (active === 1) return this.deleteSql(this.query);
    const inner = Object.assign(Object.create(Query.prototype), this.query.clone()) as Query;
    inner.clear_select_clause();
    inner.select = [this.query.get_meta().pk.get_col(this.query.get_initial_alias()!)];
    const outer = new Query(this.query.model);
    outer.add_filter('pk__in', inner);
    return this.deleteSql(outer);
  }
}

registerCompiler(InsertQuery, (q, c, u, e) => new SQLInsertCompiler(q, c, u, e));
registerCompiler(UpdateQuery, (q, c, u, e) => new SQLUpdateCompiler(q, c, u, e));
registerCompiler(DeleteQuery, (q, c, u, e) => new SQLDeleteCompiler(q, c, u, e));

