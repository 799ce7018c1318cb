import { EmptyResultSet, FullResultSet, PyTypeError, ValueError } from '../errors';
import type { Field } from '../fields/field';
import { Q } from '../q';
import type { Query } from '../sql/query';
import { Expression, parseExpressions, splitOptions, type Compiler, type SqlResult } from './core';

function isConditional(x: unknown): boolean {
  return typeof x === 'object' && x !== null && (x as { conditional?: boolean }).conditional === true;
}

/**
 * One branch of a Case: `When({ view_count__gte: 1000, then: Value('High') })`,
 * or `When(Q(...), { then: ... })`.
 */
export class When extends Expression {
  static template = 'WHEN %(condition)s THEN %(result)s';
  condition: Expression | Q;
  result: Expression;

  constructor(...args: unknown[]) {
    const { expressions, options } = splitOptions(args);
    const { then, ...lookups } = options as { then?: unknown } & Record<string, unknown>;
    let condition = expressions[0] as Expression | Q | undefined;
    const hasLookups = Object.keys(lookups).length > 0;
    if (hasLookups) {
      if (condition === undefined) condition = new Q(lookups);
      else if (isConditional(condition)) condition = new Q(condition as never, lookups);
    }
    if (condition === undefined || !isConditional(condition) || (hasLookups && !(condition instanceof Q))) {
      throw new PyTypeError('When() supports a Q object, a boolean expression, or lookups as a condition.');
    }
    if (condition instanceof Q && !condition.children.length) throw new ValueError("An empty Q() can't be used as a When() condition.");
    super();
    this.condition = condition;
    this.result = parseExpressions([then ?? null])[0];
  }

  override get conditional(): boolean {
    return false;
  }

  override get_source_expressions(): Expression[] {
    return [this.condition as Expression, this.result];
  }

  override set_source_expressions([condition, result]: (Expression | null)[]): void {
    this.condition = condition!;
    this.result = result!;
  }

  /** The condition resolves once and never for save (Django's When.resolve_expression); only the result is saved. */
  override resolve_expression(query?: Query, allow_joins = true, reuse: Set<string> | null = null, summarize = false, for_save = false): Expression {
    const c = this.copy();
    c.is_summary = summarize;
    c.condition = (this.condition as Expression).resolve_expression(query, allow_joins, reuse, summarize, false) as Expression;
    c.result = this.result.resolve_expression(query, allow_joins, reuse, summarize, for_save);
    return c;
  }

  override get_source_fields(): (Field | null)[] {
    return [this.result._output_field_or_none];
  }

  as_sql(compiler: Compiler): SqlResult {
    const [condSql, condParams] = compiler.compile(this.condition as Expression);
    const [resSql, resParams] = compiler.compile(this.result);
    return [`WHEN ${condSql} THEN ${resSql}`, [...condParams, ...resParams]];
  }

  override get_group_by_cols(): Expression[] {
    return this.get_source_expressions().flatMap((s) => s.get_group_by_cols());
  }

  override toString(): string {
    return `WHEN ${String(this.condition)} THEN ${String(this.result)}`;
  }
}

/**
 * `CASE WHEN ... THEN ... ELSE ... END`:
 * `Case(When({ view_count__gte: 100, then: Value('Medium') }), { default: Value('Low') })`.
 */
export class Case extends Expression {
  cases: When[];
  default: Expression;
  extra: Record<string, unknown>;

  constructor(...args: unknown[]) {
    const { expressions, options } = splitOptions(args);
    const { default: dflt = null, output_field = null, ...extra } = options as { default?: unknown; output_field?: Field | null } & Record<string, unknown>;
    if (!expressions.every((c) => c instanceof When)) throw new PyTypeError('Positional arguments must all be When objects.');
    super(output_field);
    this.cases = expressions as When[];
    this.default = parseExpressions([dflt])[0];
    this.extra = extra;
  }

  override get_source_expressions(): Expression[] {
    return [...this.cases, this.default];
  }

  override set_source_expressions(exprs: (Expression | null)[]): void {
    this.cases = exprs.slice(0, -1) as When[];
    this.default = exprs[exprs.length - 1]!;
  }

  override copy(): this {
    const c = super.copy();
    c.cases = this.cases.slice();
    return c;
  }

  as_sql(compiler: Compiler): SqlResult {
    if (!this.cases.length) return compiler.compile(this.default);
    const parts: string[] = [];
    const params: unknown[] = [];
    let dflt: SqlResult | null = null;
    for (const c of this.cases) {
      try {
        const [sql, p] = compiler.compile(c);
        parts.push(sql);
        params.push(...p);
      } catch (e) {
        if (e instanceof EmptyResultSet) continue;
        if (e instanceof FullResultSet) {
          dflt = compiler.compile(c.result);
          break;
        }
        throw e;
      }
    }
    dflt ??= compiler.compile(this.default);
    if (!parts.length) return dflt;
    return [`CASE ${parts.join(' ')} ELSE ${dflt[0]} END`, [...params, ...dflt[1]]];
  }

  as_sqlite(compiler: Compiler): SqlResult {
    const [sql, params] = this.as_sql(compiler);
    try {
      if (this.output_field.get_internal_type() === 'DecimalField') return [`(CAST(${sql} AS NUMERIC))`, params];
    } catch {
      /* no output type: nothing to cast */
    }
    return [sql, params];
  }

  override get_group_by_cols(): Expression[] {
    return this.cases.length ? super.get_group_by_cols() : this.default.get_group_by_cols();
  }
}
