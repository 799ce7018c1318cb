import type { Connection } from '../backend/connection';
import { FieldError, FullResultSet, NotSupportedError, PyTypeError, ValueError } from '../errors';
import type { Field } from '../fields/field';
import { outputField } from '../fields/registry';
import type { Query } from '../sql/query';
import { Coalesce } from './comparison';
import { Expression, F, Func, isResolvable, splitOptions, Star, Value, type Compiler, type SqlResult } from './core';

export interface AggregateOptions {
  distinct?: boolean;
  filter?: unknown;
  default?: unknown;
  output_field?: Field;
}

/**
 * The base of Count, Sum, Avg, Min, Max: `%(function)s(%(distinct)s%(expressions)s)`,
 * with `FILTER (WHERE ...)` for `filter: Q(...)` (SQLite 3.30+ supports it).
 */
export class Aggregate extends Func {
  static override template = '%(function)s(%(distinct)s%(expressions)s)';
  static allow_distinct = false;
  static aggregateName = '';
  /** Sum, Avg, StdDev and Variance cannot run over SQLite's text dates. */
  static over_text_dates_unsupported = false;
  override window_compatible = true;
  distinct: boolean;
  filter: Expression | null;
  default: unknown;

  constructor(...args: unknown[]) {
    const { expressions, options } = splitOptions(args);
    const { distinct = false, filter = null, default: dflt = null, ...extra } = options as AggregateOptions & Record<string, unknown>;
    const ctor = new.target as unknown as typeof Aggregate;
    super(...expressions, extra);
    if (distinct && !ctor.allow_distinct) throw new PyTypeError(`${ctor.name} does not allow distinct.`);
    if (dflt !== null && this.empty_result_set_value !== null) throw new PyTypeError(`${ctor.name} does not allow default.`);
    this.distinct = distinct;
    this.filter = filter as Expression | null;
    this.default = dflt;
  }

  get name(): string {
    return (this.constructor as typeof Aggregate).aggregateName || this.constructor.name;
  }

  override get contains_aggregate(): boolean {
    return true;
  }

  override get empty_result_set_value(): unknown {
    return null;
  }

  override get_source_fields(): (Field | null)[] {
    return super.get_source_expressions().map((e) => e?._output_field_or_none ?? null);
  }

  override get_source_expressions(): (Expression | null)[] {
    return [...super.get_source_expressions(), this.filter];
  }

  override set_source_expressions(exprs: (Expression | null)[]): void {
    this.filter = exprs[exprs.length - 1];
    super.set_source_expressions(exprs.slice(0, -1));
  }

  override resolve_expression(query?: Query, allow_joins = true, reuse: Set<string> | null = null, summarize = false): Expression {
    const c = super.resolve_expression(query, allow_joins, reuse, summarize) as Aggregate;
    if (summarize) {
      for (const ref of c.get_refs()) {
        if (query!.annotations.get(ref)?.is_summary) {
          throw new FieldError(`Cannot compute ${c.name}('${ref}'): '${ref}' is an aggregate`);
        }
      }
    } else if (!this.is_summary) {
      const before = Func.prototype.get_source_expressions.call(this);
      Func.prototype.get_source_expressions.call(c).forEach((expr, i) => {
        if (expr?.contains_aggregate) {
          const b = before[i] as unknown as { name?: string };
          const name = b && typeof b.name === 'string' ? b.name : String(before[i]);
          throw new FieldError(`Cannot compute ${c.name}('${name}'): '${name}' is an aggregate`);
        }
      });
    }
    if (c.default === null || c.default === undefined) return c;
    let dflt: Expression;
    if (isResolvable(c.default)) {
      dflt = (c.default as Expression).resolve_expression(query, allow_joins, reuse, summarize);
      if (!dflt._output_field_or_none && c._output_field_or_none) dflt.output_field = c._output_field_or_none;
    } else {
      dflt = new Value(c.default, c._output_field_or_none);
    }
    c.default = null;
    const coalesce = new Coalesce(c, dflt, { output_field: c._output_field_or_none });
    coalesce.is_summary = c.is_summary;
    return coalesce;
  }

  /** The alias aggregate() uses without one: `Count('id')` → `id__count`. */
  get default_alias(): string {
    const exprs = Func.prototype.get_source_expressions.call(this).filter(Boolean);
    if (exprs.length === 1 && exprs[0] instanceof F) return `${exprs[0].name}__${this.name.toLowerCase()}`;
    throw new PyTypeError('Complex expressions require an alias');
  }

  override get_group_by_cols(): Expression[] {
    return [];
  }

  /** SQLite's DatabaseOperations.check_expression_support for aggregates. */
  private checkExpressionSupport(): void {
    const sources = Func.prototype.get_source_expressions.call(this);
    if ((this.constructor as typeof Aggregate).over_text_dates_unsupported) {
      for (const e of sources) {
        const type = e?._output_field_or_none?.get_internal_type();
        if (type === 'DateField' || type === 'DateTimeField' || type === 'TimeField') {
          throw new NotSupportedError(
            'You cannot use Sum, Avg, StdDev, and Variance aggregations on date/time fields in sqlite3 since date/time is saved as text.',
          );
        }
      }
    }
    if (this.distinct && sources.length > 1) {
      throw new NotSupportedError("SQLite doesn't support DISTINCT on aggregate functions accepting multiple arguments.");
    }
  }

  override as_sql(compiler: Compiler, connection?: Connection, overrides: Record<string, unknown> = {}): SqlResult {
    this.checkExpressionSupport();
    const context = { ...overrides, distinct: this.distinct ? 'DISTINCT ' : '' };
    if (this.filter) {
      try {
        const [filterSql, filterParams] = compiler.compile(this.filter);
        const base = (context as { template?: string }).template ?? this.templateData().template;
        const copy = this.copy();
        copy.filter = null;
        const [sql, params] = Func.prototype.as_sql.call(copy, compiler, connection, {
          ...context,
          template: `${base} FILTER (WHERE %(filter)s)`,
          filter: filterSql,
        });
        return [sql, [...params, ...filterParams]];
      } catch (e) {
        if (!(e instanceof FullResultSet)) throw e;
      }
    }
    const copy = this.copy();
    copy.filter = null;
    return Func.prototype.as_sql.call(copy, compiler, connection, context);
  }

  override toString(): string {
    const args = Func.prototype.get_source_expressions.call(this).map(String).join(', ');
    const opts = [this.distinct ? 'distinct=True' : '', this.filter ? `filter=${this.filter}` : ''].filter(Boolean);
    return `${this.name}(${[args, ...opts].filter(Boolean).join(', ')})`;
  }
}

/** Avg and friends return a float for integer input (NumericOutputFieldMixin). */
function numericOutput(sources: (Field | null)[]): Field | null {
  const first = sources.find((s) => s !== null) ?? null;
  if (!first) return null;
  const type = first.get_internal_type();
  if (type === 'DecimalField') return outputField('DecimalField');
  if (type.endsWith('IntegerField') || type === 'AutoField' || type === 'BigAutoField') return outputField('FloatField');
  return first;
}

/** `COUNT(...)`; `Count('*')` is `COUNT(*)`. Returns 0, never None, on no rows. */
export class Count extends Aggregate {
  static override function = 'COUNT';
  static override aggregateName = 'Count';
  static override allow_distinct = true;
  static override arity = 1;

  constructor(expression: unknown, options: AggregateOptions = {}) {
    const expr = expression === '*' ? new Star() : expression;
    if (expr instanceof Star && options.filter) throw new ValueError('Star cannot be used with filter. Please specify a field.');
    super(expr, { output_field: outputField('IntegerField'), ...options });
  }

  override get empty_result_set_value(): unknown {
    return 0;
  }
}

/** `SUM(...)` */
export class Sum extends Aggregate {
  static override function = 'SUM';
  static override aggregateName = 'Sum';
  static override over_text_dates_unsupported = true;
  static override allow_distinct = true;
  static override arity = 1;
}

/** `AVG(...)`: a float for integer columns. */
export class Avg extends Aggregate {
  static override function = 'AVG';
  static override aggregateName = 'Avg';
  static override over_text_dates_unsupported = true;
  static override allow_distinct = true;
  static override arity = 1;

  override _resolve_output_field(): Field | null {
    return numericOutput(this.get_source_fields());
  }
}

/** `MAX(...)` */
export class Max extends Aggregate {
  static override function = 'MAX';
  static override aggregateName = 'Max';
  static override arity = 1;
}

/** `MIN(...)` */
export class Min extends Aggregate {
  static override function = 'MIN';
  static override aggregateName = 'Min';
  static override arity = 1;
}

/** Population or sample standard deviation (Django registers these functions on SQLite). */
export class StdDev extends Aggregate {
  static override aggregateName = 'StdDev';
  static override over_text_dates_unsupported = true;
  static override arity = 1;
  constructor(expression: unknown, options: AggregateOptions & { sample?: boolean } = {}) {
    const { sample = false, ...rest } = options;
    super(expression, { ...rest, function: sample ? 'STDDEV_SAMP' : 'STDDEV_POP' });
  }
  override _resolve_output_field(): Field | null {
    return numericOutput(this.get_source_fields());
  }
}

/** Population or sample variance. */
export class Variance extends Aggregate {
  static override aggregateName = 'Variance';
  static override over_text_dates_unsupported = true;
  static override arity = 1;
  constructor(expression: unknown, options: AggregateOptions & { sample?: boolean } = {}) {
    const { sample = false, ...rest } = options;
    super(expression, { ...rest, function: sample ? 'VAR_SAMP' : 'VAR_POP' });
  }
  override _resolve_output_field(): Field | null {
    return numericOutput(this.get_source_fields());
  }
}
