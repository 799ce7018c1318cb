import type { Connection } from '../backend/connection';
import { patternEsc, patternOps, prepForLikeQuery } from '../backend/operations';
import { EmptyResultSet, FullResultSet, ValueError } from '../errors';
import { isResolvable, Value, type Compiler, type Expression, type SqlResult } from '../expressions/core';
import { Field } from '../fields/field';
import { IntegerField } from '../fields/scalar';
import type { Query } from '../sql/query';
import { BuiltinLookup, Lookup, prepViaField } from './lookup';
import { registerLookup } from './registry';

function isQuery(value: unknown): value is Query {
  return typeof value === 'object' && value !== null && (value as { isQuery?: boolean }).isQuery === true;
}

/** Lookups that send their value through the field (Django's FieldGetDbPrepValueMixin). */
abstract class FieldPrepLookup extends BuiltinLookup {
  override get_db_prep_lookup(value: unknown): SqlResult {
    return ['%s', prepViaField(this, [value])];
  }
}

/** `= %s`; `published=True` compiles to just `"blog_post"."published"`. */
export class Exact extends FieldPrepLookup {
  static override lookup_name = 'exact';

  override get_prep_lookup(): unknown {
    const query = this.rhs;
    if (isQuery(query)) {
      if (!query.has_limit_one()) {
        throw new ValueError('The QuerySet value for an exact lookup must be limited to one result using slicing.');
      }
      if (!query.has_select_fields) {
        query.clear_select_clause();
        query.add_fields(['pk']);
      }
    }
    return super.get_prep_lookup();
  }

  override as_sql(compiler: Compiler, connection: Connection): SqlResult {
    if (typeof this.rhs === 'boolean' && (this.lhs as { conditional?: boolean }).conditional) {
      const [sql, params] = this.process_lhs(compiler, connection);
      return [this.rhs ? sql : `NOT ${sql}`, params];
    }
    return super.as_sql(compiler, connection);
  }
}

export class IExact extends BuiltinLookup {
  static override lookup_name = 'iexact';
  static override prepare_rhs = false;

  override process_rhs(compiler: Compiler, connection: Connection): SqlResult {
    const [rhs, params] = super.process_rhs(compiler, connection);
    if (params.length && this.rhs_is_direct_value()) params[0] = prepForLikeQuery(params[0]);
    return [rhs, params];
  }
}

export class GreaterThan extends FieldPrepLookup {
  static override lookup_name = 'gt';
}
export class GreaterThanOrEqual extends FieldPrepLookup {
  static override lookup_name = 'gte';
}
export class LessThan extends FieldPrepLookup {
  static override lookup_name = 'lt';
}
export class LessThanOrEqual extends FieldPrepLookup {
  static override lookup_name = 'lte';
}

/** IntegerField gte/lt round a float up, so `view_count__gte=99.5` means `>= 100` (IntegerFieldFloatRounding). */
function ceilFloat(rhs: unknown): unknown {
  return typeof rhs === 'number' && !Number.isInteger(rhs) ? Math.ceil(rhs) : rhs;
}
export class IntegerGreaterThanOrEqual extends GreaterThanOrEqual {
  override get_prep_lookup(): unknown {
    this.rhs = ceilFloat(this.rhs);
    return super.get_prep_lookup();
  }
}
export class IntegerLessThan extends LessThan {
  override get_prep_lookup(): unknown {
    this.rhs = ceilFloat(this.rhs);
    return super.get_prep_lookup();
  }
}

/** `IN (%s, %s, ...)`, or `IN (SELECT ...)` for a queryset; None is dropped and an empty list matches nothing. */
export class In extends FieldPrepLookup {
  static override lookup_name = 'in';

  override get_prep_lookup(): unknown {
    if (isQuery(this.rhs)) {
      this.rhs.clear_ordering(false, true);
      if (!this.rhs.has_select_fields) {
        this.rhs.clear_select_clause();
        this.rhs.add_fields(['pk']);
      }
      return this.rhs;
    }
    if (isResolvable(this.rhs)) return this.rhs;
    if (typeof this.rhs === 'string' || !isIterable(this.rhs)) {
      throw new ValueError(`The QuerySet value for an 'in' lookup must be an iterable, got ${String(this.rhs)}.`);
    }
    const field = this.lhs._output_field_or_none;
    return [...(this.rhs as Iterable<unknown>)].map((v) =>
      isResolvable(v) || !this.prepare_rhs || !field ? v : field.get_prep_value(v),
    );
  }

  override process_rhs(compiler: Compiler, connection: Connection): SqlResult {
    if (this.rhs_is_direct_value()) {
      const values = dedupe((this.rhs as unknown[]).filter((v) => v !== null && v !== undefined));
      if (!values.length) throw new EmptyResultSet();
      const [sqls, params] = batchProcessRhs(this, compiler, values);
      return [`(${sqls.join(', ')})`, params];
    }
    return super.process_rhs(compiler, connection);
  }

  override get_rhs_op(_connection: Connection, rhs: string): string {
    return `IN ${rhs}`;
  }
}

/** Each value as `%s` with its prepared parameter, or as compiled SQL when it is an expression. */
function batchProcessRhs(lookup: Lookup, compiler: Compiler, values: unknown[]): [string[], unknown[]] {
  const sqls: string[] = [];
  const params: unknown[] = [];
  for (const v of prepViaField(lookup, values)) {
    if (isResolvable(v)) {
      const [s, p] = compiler.compile((v as Expression).resolve_expression(compiler.query));
      sqls.push(s);
      params.push(...p);
    } else {
      sqls.push('%s');
      params.push(v);
    }
  }
  return [sqls, params];
}

function isIterable(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Symbol.iterator in (value as object);
}

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const v of values) {
    const key = v instanceof Date ? `d${v.getTime()}` : v;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

/** contains/startswith/endswith and their case-insensitive forms: LIKE with Django's escaping. */
abstract class PatternLookup extends BuiltinLookup {
  static override prepare_rhs = false;
  abstract get param_pattern(): string;

  override get_rhs_op(connection: Connection, rhs: string): string {
    if (!this.rhs_is_direct_value()) {
      return patternOps[this.lookup_name].replace('{}', patternEsc.replace('{}', rhs));
    }
    return super.get_rhs_op(connection, rhs);
  }

  override process_rhs(compiler: Compiler, connection: Connection): SqlResult {
    const [rhs, params] = super.process_rhs(compiler, connection);
    if (this.rhs_is_direct_value() && params.length) {
      params[0] = this.param_pattern.replace('%s', prepForLikeQuery(params[0]));
    }
    return [rhs, params];
  }
}

export class Contains extends PatternLookup {
  static override lookup_name = 'contains';
  get param_pattern() {
    return '%%s%';
  }
}
export class IContains extends Contains {
  static override lookup_name = 'icontains';
}
export class StartsWith extends PatternLookup {
  static override lookup_name = 'startswith';
  get param_pattern() {
    return '%s%';
  }
}
export class IStartsWith extends StartsWith {
  static override lookup_name = 'istartswith';
}
export class EndsWith extends PatternLookup {
  static override lookup_name = 'endswith';
  get param_pattern() {
    return '%%s';
  }
}
export class IEndsWith extends EndsWith {
  static override lookup_name = 'iendswith';
}

/** `BETWEEN %s AND %s` */
export class Range extends FieldPrepLookup {
  static override lookup_name = 'range';

  override get_prep_lookup(): unknown {
    if (isResolvable(this.rhs)) return this.rhs;
    const values = [...((this.rhs as Iterable<unknown>) ?? [])];
    if (values.length !== 2) throw new ValueError('The QuerySet value for a range lookup must be a pair of values.');
    const field = this.lhs._output_field_or_none;
    return values.map((v) => (isResolvable(v) || !field ? v : field.get_prep_value(v)));
  }

  override rhs_is_direct_value(): boolean {
    return !isResolvable(this.rhs);
  }

  override as_sql(compiler: Compiler, connection: Connection): SqlResult {
    const [lhsSql, lhsParams] = this.process_lhs(compiler, connection);
    const [sqls, params] = batchProcessRhs(this, compiler, this.rhs as unknown[]);
    return [`${lhsSql} BETWEEN ${sqls[0]} AND ${sqls[1]}`, [...lhsParams, ...params]];
  }
}

/** `IS NULL` / `IS NOT NULL`; the value must be a boolean. */
export class IsNull extends BuiltinLookup {
  static override lookup_name = 'isnull';
  static override prepare_rhs = false;

  override as_sql(compiler: Compiler, connection: Connection): SqlResult {
    if (typeof this.rhs !== 'boolean') {
      throw new ValueError('The QuerySet value for an isnull lookup must be True or False.');
    }
    if (this.lhs instanceof Value) {
      const isNull = this.lhs.value === null || this.lhs.value === undefined;
      throw isNull === this.rhs ? new FullResultSet() : new EmptyResultSet();
    }
    const [sql, params] = this.process_lhs(compiler, connection);
    return [`${sql} ${this.rhs ? 'IS NULL' : 'IS NOT NULL'}`, params];
  }
}

/** `REGEXP %s`, evaluated by the regexp() function Django registers on SQLite. */
export class Regex extends BuiltinLookup {
  static override lookup_name = 'regex';
  static override prepare_rhs = false;
}
export class IRegex extends Regex {
  static override lookup_name = 'iregex';
}

for (const lookup of [
  Exact,
  IExact,
  GreaterThan,
  GreaterThanOrEqual,
  LessThan,
  LessThanOrEqual,
  In,
  Contains,
  IContains,
  StartsWith,
  IStartsWith,
  EndsWith,
  IEndsWith,
  Range,
  IsNull,
  Regex,
  IRegex,
]) {
  registerLookup(Field, lookup);
}

registerLookup(IntegerField, IntegerGreaterThanOrEqual);
registerLookup(IntegerField, IntegerLessThan);

/** Lookup classes that related fields and year lookups specialise. */
export const builtinLookups = { Exact, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual, In, IsNull };
