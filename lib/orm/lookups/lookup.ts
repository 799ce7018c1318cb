import type { Connection } from '../backend/connection';
import { operators } from '../backend/operations';
import {
  Expression,
  Func,
  isResolvable,
  Value,
  type Compilable,
  type Compiler,
  type Params,
  type SqlResult,
} from '../expressions/core';
import type { Field } from '../fields/field';
import { outputField } from '../fields/registry';
import type { Query } from '../sql/query';
import { findLookup, findTransform, type LookupClassLike } from './registry';

export interface LookupClass {
  new (lhs: Expression, rhs: unknown): Lookup;
  lookup_name: string;
}
export interface TransformClass {
  new (lhs: Expression): Transform;
  lookup_name: string;
}

function isCompilable(value: unknown): value is Compilable {
  return typeof value === 'object' && value !== null && typeof (value as Compilable).as_sql === 'function';
}

/**
 * A comparison in a filter: `title__icontains='orm'` becomes
 * `IContains(Col(blog_post.title), 'orm')`, compiling to
 * `"blog_post"."title" LIKE %s ESCAPE '\'` with `['%orm%']`.
 */
export abstract class Lookup extends Expression {
  static lookup_name = '';
  static prepare_rhs = true;
  static can_use_none_as_rhs = false;

  lhs: Expression;
  rhs: unknown;

  constructor(lhs: Expression, rhs: unknown) {
    super();
    this.lhs = lhs;
    this.rhs = rhs;
    this.rhs = this.get_prep_lookup();
    this.lhs = this.get_prep_lhs();
  }

  get lookup_name(): string {
    return (this.constructor as typeof Lookup).lookup_name;
  }

  get prepare_rhs(): boolean {
    return (this.constructor as typeof Lookup).prepare_rhs;
  }

  get can_use_none_as_rhs(): boolean {
    return (this.constructor as typeof Lookup).can_use_none_as_rhs;
  }

  override _resolve_output_field(): Field {
    return outputField('BooleanField');
  }

  override get_source_expressions(): Expression[] {
    return this.rhs_is_direct_value() ? [this.lhs] : [this.lhs, this.rhs as Expression];
  }

  override set_source_expressions(exprs: (Expression | null)[]): void {
    if (exprs.length === 1) this.lhs = exprs[0]!;
    else [this.lhs, this.rhs] = exprs as Expression[];
  }

  get_prep_lookup(): unknown {
    if (!this.prepare_rhs || isResolvable(this.rhs)) return this.rhs;
    const field = this.lhs._output_field_or_none;
    return field ? field.get_prep_value(this.rhs) : this.rhs;
  }

  get_prep_lhs(): Expression {
    return isResolvable(this.lhs) ? this.lhs : new Value(this.lhs);
  }

  get_db_prep_lookup(value: unknown): SqlResult {
    return ['%s', [value]];
  }

  process_lhs(compiler: Compiler, _connection: Connection, lhs?: Expression): SqlResult {
    let node = lhs ?? this.lhs;
    if (isResolvable(node)) node = node.resolve_expression(compiler.query) as Expression;
    const [sql, params] = compiler.compile(node);
    return [node instanceof Lookup ? `(${sql})` : sql, params];
  }

  process_rhs(compiler: Compiler, _connection: Connection): SqlResult {
    const value = this.rhs;
    if (isCompilable(value)) {
      let [sql, params] = compiler.compile(value);
      if (!(value instanceof Value) && sql && sql[0] !== '(') sql = `(${sql})`;
      return [sql, params];
    }
    return this.get_db_prep_lookup(value);
  }

  rhs_is_direct_value(): boolean {
    return !isCompilable(this.rhs);
  }

  override get_group_by_cols(): Expression[] {
    return this.get_source_expressions().flatMap((s) => s.get_group_by_cols());
  }

  override resolve_expression(query?: Query, allow_joins = true, reuse: Set<string> | null = null, summarize = false, for_save = false): Expression {
    const c = this.copy();
    c.is_summary = summarize;
    c.lhs = this.lhs.resolve_expression(query, allow_joins, reuse, summarize, for_save);
    if (isResolvable(this.rhs)) {
      c.rhs = (this.rhs as Expression).resolve_expression(query, allow_joins, reuse, summarize, for_save);
    }
    return c;
  }

  override relabeled_clone(changeMap: Map<string, string>): this {
    const clone = this.copy();
    clone.lhs = this.lhs.relabeled_clone(changeMap);
    if (isResolvable(this.rhs) && typeof (this.rhs as Expression).relabeled_clone === 'function') {
      clone.rhs = (this.rhs as Expression).relabeled_clone(changeMap);
    }
    return clone;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.lhs}, ${String(this.rhs)})`;
  }
}

/** Lookups whose SQL is `lhs <operator> rhs` with the operator from SQLite's table. */
export abstract class BuiltinLookup extends Lookup {
  as_sql(compiler: Compiler, connection: Connection): SqlResult {
    const [lhsSql, lhsParams] = this.process_lhs(compiler, connection);
    const [rhsSql, rhsParams] = this.process_rhs(compiler, connection);
    return [`${lhsSql} ${this.get_rhs_op(connection, rhsSql)}`, [...lhsParams, ...rhsParams]];
  }

  get_rhs_op(_connection: Connection, rhs: string): string {
    return operators[this.lookup_name].replace('%s', rhs);
  }
}

/** Lookups whose value goes through the field's get_db_prep_value (dates become text, etc.). */
export function prepViaField(lookup: Lookup, values: unknown[]): Params {
  const out = lookup.lhs.output_field;
  const target = (out as Field & { target_field?: Field }).target_field ?? out;
  return values.map((v) => (isCompilable(v) ? v : target.get_db_prep_value(v, true)));
}

/**
 * A function applied to the left-hand side of a lookup and usable as one:
 * `created_at__year` is ExtractYear, `title__lower` would be Lower.
 * Lookups registered on a transform class win over its output field's.
 */
export abstract class Transform extends Func {
  static lookup_name = '';
  static is_transform = true;
  static override arity: number | null = 1;
  static bilateral = false;

  get lhs(): Expression {
    return this.get_source_expressions()[0]!;
  }

  override get_lookup(name: string): LookupClassLike | undefined {
    return findLookup(this.constructor, name) ?? this.output_field.get_lookup(name);
  }

  override get_transform(name: string): LookupClassLike | undefined {
    return findTransform(this.constructor, name) ?? this.output_field.get_transform(name);
  }
}
