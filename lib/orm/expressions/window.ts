/**
 * Window expressions (the Window, WindowFrame, RowRange, ValueRange,
 * ExpressionList and OrderByList classes of django/db/models/expressions.py):
 * `Window({ expression: Rank(), partition_by: F('category'), order_by: F('view_count').desc() })`
 * → `RANK() OVER (PARTITION BY "blog_post"."category_id" ORDER BY "blog_post"."view_count" DESC)`.
 */
import type { Connection } from '../backend/connection';
import { PyTypeError, ValueError } from '../errors';
import type { Field } from '../fields/field';
import { DecimalField, FloatField } from '../fields/scalar';
import { Expression, F, Func, isResolvable, OrderBy, parseExpressions, Value, type Compiler, type SqlResult } from './core';

/** Several expressions joined by commas, e.g. a PARTITION BY list. */
export class ExpressionList extends Func {
  static override template = '%(expressions)s';

  override as_sql(compiler: Compiler, connection?: Connection, overrides: Record<string, unknown> = {}): SqlResult {
    if (!this.source_expressions.length) return ['', []];
    return super.as_sql(compiler, connection, overrides);
  }

  /** Casting to numeric is unnecessary. */
  override as_sqlite(compiler: Compiler, connection: Connection, overrides: Record<string, unknown> = {}): SqlResult {
    return this.as_sql(compiler, connection, overrides);
  }

  override get_group_by_cols(): Expression[] {
    return this.source_expressions.flatMap((e) => e!.get_group_by_cols());
  }

  override toString(): string {
    return this.source_expressions.map(String).join(', ');
  }
}

/** `ORDER BY a, b DESC` inside OVER (...); `'-view_count'` means descending. */
export class OrderByList extends ExpressionList {
  static override template = 'ORDER BY %(expressions)s';

  constructor(...expressions: unknown[]) {
    super(...expressions.map((e) => (typeof e === 'string' && e[0] === '-' ? new OrderBy(new F(e.slice(1)) as unknown as Expression, true) : e)));
  }
}

export interface WindowOptions {
  expression?: unknown;
  partition_by?: unknown;
  order_by?: unknown;
  frame?: WindowFrame | null;
  output_field?: Field | null;
}

/**
 * `expression OVER (PARTITION BY ... ORDER BY ... frame)`. The expression must be a
 * window function or an aggregate: `Window({ expression: Avg('view_count'), partition_by: 'category' })`.
 * Not an aggregate for GROUP BY purposes; filtering on it wraps the query (`"qualify"`).
 */
export class Window extends Expression {
  static template = '%(expression)s OVER (%(window)s)';
  source_expression: Expression;
  partition_by: ExpressionList | null;
  order_by: OrderByList | null;
  frame: WindowFrame | null;

  constructor(expressionOrOptions: unknown, options: WindowOptions = {}) {
    const opts: WindowOptions = isResolvable(expressionOrOptions) ? { ...options, expression: expressionOrOptions } : (expressionOrOptions as WindowOptions);
    const { expression, partition_by = null, order_by = null, frame = null, output_field = null } = opts;
    if (!(expression as { window_compatible?: boolean } | null)?.window_compatible) {
      throw new ValueError(`Expression '${(expression as object)?.constructor?.name ?? 'NoneType'}' isn't compatible with OVER clauses.`);
    }
    let partitionBy: ExpressionList | null = null;
    if (partition_by !== null) partitionBy = new ExpressionList(...(Array.isArray(partition_by) ? partition_by : [partition_by]));
    let orderBy: OrderByList | null = null;
    if (order_by !== null) {
      if (Array.isArray(order_by)) orderBy = new OrderByList(...order_by);
      else if (isResolvable(order_by) || typeof order_by === 'string') orderBy = new OrderByList(order_by);
      else {
        throw new ValueError('Window.order_by must be either a string reference to a field, an expression, or a list or tuple of them.');
      }
    }
    super(output_field);
    this.partition_by = partitionBy;
    this.order_by = orderBy;
    this.frame = frame;
    this.source_expression = parseExpressions([expression])[0];
  }

  override get contains_aggregate(): boolean {
    return false;
  }

  override get contains_over_clause(): boolean {
    return true;
  }

  override _resolve_output_field(): Field {
    return this.source_expression.output_field;
  }

  override get_source_expressions(): (Expression | null)[] {
    return [this.source_expression, this.partition_by, this.order_by, this.frame];
  }

  override set_source_expressions([source, partitionBy, orderBy, frame]: (Expression | null)[]): void {
    this.source_expression = source!;
    this.partition_by = partitionBy as ExpressionList | null;
    this.order_by = orderBy as OrderByList | null;
    this.frame = frame as WindowFrame | null;
  }

  as_sql(compiler: Compiler, connection?: Connection, template?: string): SqlResult {
    const [exprSql, params] = compiler.compile(this.source_expression);
    const windowSql: string[] = [];
    const windowParams: unknown[] = [];
    if (this.partition_by !== null) {
      const [sql, p] = this.partition_by.as_sql(compiler, connection, { template: 'PARTITION BY %(expressions)s' });
      windowSql.push(sql);
      windowParams.push(...p);
    }
    if (this.order_by !== null) {
      const [sql, p] = compiler.compile(this.order_by);
      windowSql.push(sql);
      windowParams.push(...p);
    }
    if (this.frame) {
      const [sql, p] = compiler.compile(this.frame);
      windowSql.push(sql);
      windowParams.push(...p);
    }
    const sql = (template ?? Window.template).replace('%(expression)s', exprSql).replace('%(window)s', windowSql.join(' ').trim());
    return [sql, [...params, ...windowParams]];
  }

  /** SQLiteNumericMixin, with the cast outside the window: `CAST(AVG(...) OVER (...) AS NUMERIC)`. */
  as_sqlite(compiler: Compiler, connection: Connection): SqlResult {
    if (this.output_field instanceof DecimalField) {
      const copy = this.copy();
      const sources = copy.get_source_expressions();
      sources[0] = sources[0]!.copy();
      sources[0].output_field = new FloatField();
      copy.set_source_expressions(sources);
      const [sql, params] = copy.as_sql(compiler, connection);
      return [`(CAST(${sql} AS NUMERIC))`, params];
    }
    return this.as_sql(compiler, connection);
  }

  override get_group_by_cols(): Expression[] {
    const cols: Expression[] = [];
    if (this.partition_by) cols.push(...this.partition_by.get_group_by_cols());
    if (this.order_by !== null) cols.push(...this.order_by.get_group_by_cols());
    return cols;
  }

  override toString(): string {
    const partition = this.partition_by ? `PARTITION BY ${this.partition_by}` : '';
    return `${this.source_expression} OVER (${partition}${this.order_by ?? ''}${this.frame ?? ''})`;
  }

  override __repr__(): string {
    return `<Window: ${this}>`;
  }
}

/** `EXCLUDE ...` options of a frame: `RowRange({ start: -1, end: 1, exclusion: WindowFrameExclusion.CURRENT_ROW })`. */
export class WindowFrameExclusion {
  static readonly CURRENT_ROW = new WindowFrameExclusion('CURRENT_ROW', 'CURRENT ROW');
  static readonly GROUP = new WindowFrameExclusion('GROUP', 'GROUP');
  static readonly TIES = new WindowFrameExclusion('TIES', 'TIES');
  static readonly NO_OTHERS = new WindowFrameExclusion('NO_OTHERS', 'NO OTHERS');

  private constructor(
    readonly name: string,
    readonly value: string,
  ) {}

  toString(): string {
    return `WindowFrameExclusion.${this.name}`;
  }
}

export interface FrameOptions {
  start?: number | null;
  end?: number | null;
  exclusion?: WindowFrameExclusion | null;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** A frame bound: 0 is CURRENT ROW, negative PRECEDING, positive FOLLOWING, null UNBOUNDED. */
function frameValue(value: unknown): string | null {
  if (!isInt(value)) return null;
  if (value === 0) return 'CURRENT ROW';
  return value < 0 ? `${Math.abs(value)} PRECEDING` : `${value} FOLLOWING`;
}


/**
 * The frame clause of a window: `%(frame_type)s BETWEEN %(start)s AND %(end)s`.
 * `RowRange({ start: -2, end: 0 })` → `ROWS BETWEEN 2 PRECEDING AND CURRENT ROW`; positional
 * `RowRange(-2, 0)` works too.
 */
export abstract class WindowFrame extends Expression {
  static template = '%(frame_type)s BETWEEN %(start)s AND %(end)s%(exclude)s';
  static frame_type = '';
  start: Value;
  end: Value;
  exclusion: WindowFrameExclusion | null;

  constructor(startOrOptions: number | null | FrameOptions = null, end: number | null = null, exclusion: WindowFrameExclusion | null = null) {
    const opts: FrameOptions =
      startOrOptions !== null && typeof startOrOptions === 'object' ? startOrOptions : { start: startOrOptions, end, exclusion };
    super();
    this.start = new Value(opts.start ?? null);
    this.end = new Value(opts.end ?? null);
    const excl = opts.exclusion ?? null;
    if (excl !== null && !(excl instanceof WindowFrameExclusion)) {
      throw new PyTypeError(`${this.constructor.name}.exclusion must be a WindowFrameExclusion instance.`);
    }
    this.exclusion = excl;
  }

  override get_source_expressions(): Expression[] {
    return [this.start, this.end];
  }

  override set_source_expressions([start, end]: (Expression | null)[]): void {
    this.start = start as Value;
    this.end = end as Value;
  }

  get_exclusion(): string {
    return this.exclusion === null ? '' : ` EXCLUDE ${this.exclusion.value}`;
  }

  abstract window_frame_start_end(start: unknown, end: unknown): [string, string];

  as_sql(): SqlResult {
    const [start, end] = this.window_frame_start_end(this.start.value, this.end.value);
    return [this.format(start, end), []];
  }

  private format(start: string, end: string): string {
    const frameType = (this.constructor as typeof WindowFrame).frame_type;
    return `${frameType} BETWEEN ${start} AND ${end}${this.get_exclusion()}`;
  }

  override get_group_by_cols(): Expression[] {
    return [];
  }

  override toString(): string {
    const s = this.start.value as number | null;
    const e = this.end.value as number | null;
    const start = s !== null && s < 0 ? `${Math.abs(s)} PRECEDING` : s === 0 ? 'CURRENT ROW' : s !== null ? `${s} FOLLOWING` : 'UNBOUNDED PRECEDING';
    const end = e !== null && e > 0 ? `${e} FOLLOWING` : e === 0 ? 'CURRENT ROW' : e !== null ? `${Math.abs(e)} PRECEDING` : 'UNBOUNDED FOLLOWING';
    return this.format(start, end);
  }

  override __repr__(): string {
    return `<${this.constructor.name}: ${this}>`;
  }
}

/** `ROWS BETWEEN ...`: bounds count rows. */
export class RowRange extends WindowFrame {
  static override frame_type = 'ROWS';

  window_frame_start_end(start: unknown, end: unknown): [string, string] {
    if (isInt(start) && isInt(end) && start > end) throw new ValueError('start cannot be greater than end.');
    if (start !== null && !isInt(start)) throw new ValueError(`start argument must be an integer, zero, or None, but got '${String(start)}'.`);
    if (end !== null && !isInt(end)) throw new ValueError(`end argument must be an integer, zero, or None, but got '${String(end)}'.`);
    return [frameValue(start) ?? 'UNBOUNDED PRECEDING', frameValue(end) ?? 'UNBOUNDED FOLLOWING'];
  }
}

/** `RANGE BETWEEN ...`: bounds are offsets of the ORDER BY value (0 means peers of the current row). */
export class ValueRange extends WindowFrame {
  static override frame_type = 'RANGE';

  window_frame_start_end(start: unknown, end: unknown): [string, string] {
    if ((start !== null && !isInt(start)) || (isInt(start) && start > 0)) {
      throw new ValueError(`start argument must be a negative integer, zero, or None, but got '${pyStr(start)}'.`);
    }
    if ((end !== null && !isInt(end)) || (isInt(end) && end < 0)) {
      throw new ValueError(`end argument must be a positive integer, zero, or None, but got '${pyStr(end)}'.`);
    }
    return [frameValue(start) ?? 'UNBOUNDED PRECEDING', frameValue(end) ?? 'UNBOUNDED FOLLOWING'];
  }
}

function pyStr(v: unknown): string {
  return v === null ? 'None' : String(v);
}
