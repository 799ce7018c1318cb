import { combineExpression } from '../backend/operations';
import type { Connection } from '../backend/connection';
import { EmptyResultSet, FieldError, FullResultSet, NotImplementedError, OutputFieldIsNoneError, PyTypeError, ValueError } from '../errors';
import type { Field } from '../fields/field';
import { fieldClass, outputField } from '../fields/registry';
import { findLookup, findTransform, type LookupClassLike } from '../lookups/registry';
import { Q } from '../q';
import type { Query } from '../sql/query';
import { PyDate } from '../utils/datetime';

export type Params = unknown[];
export type SqlResult = [string, Params];

/** What an expression needs from the compiler that compiles it. */
export interface Compiler {
  readonly query: Query;
  readonly connection: Connection;
  compile(node: Compilable): SqlResult;
  quote_name_unless_alias(name: string): string;
}

export interface Compilable {
  as_sql(compiler: Compiler, connection: Connection): SqlResult;
  as_sqlite?(compiler: Compiler, connection: Connection): SqlResult;
}

/** Anything `resolve_expression()` can be called on: expressions, F, Q, querysets' queries. */
export interface Resolvable {
  resolve_expression(
    query?: Query,
    allow_joins?: boolean,
    reuse?: Set<string> | null,
    summarize?: boolean,
    for_save?: boolean,
  ): unknown;
}

export function isResolvable(value: unknown): value is Resolvable {
  return typeof value === 'object' && value !== null && typeof (value as Resolvable).resolve_expression === 'function';
}

/** Replaces `%(name)s` in a Python-style template, and `%%` with `%`. */
export function formatTemplate(template: string, data: Record<string, unknown>): string {
  return template.replace(/%\((\w+)\)s|%%/g, (m, key: string | undefined) => {
    if (key === undefined) return '%';
    if (!(key in data)) throw new ValueError(`Template is missing the key '${key}': ${template}`);
    return String(data[key]);
  });
}

export const NOT_IMPLEMENTED: unique symbol = Symbol('NotImplemented');

export interface OrderingOptions {
  nulls_first?: boolean | null;
  nulls_last?: boolean | null;
}

/**
 * Arithmetic and boolean combination shared by expressions and F():
 * `F('view_count').add(1)` is Django's `F('view_count') + 1`.
 */
export abstract class Combinable {
  private _combine(other: unknown, connector: string, reversed: boolean): CombinedExpression {
    const rhs = isResolvable(other) ? (other as Expression) : new Value(other);
    const lhs = this as unknown as Expression;
    return reversed ? new CombinedExpression(rhs, connector, lhs) : new CombinedExpression(lhs, connector, rhs);
  }

  /** `self + other` */
  add(other: unknown): CombinedExpression {
    return this._combine(other, '+', false);
  }
  /** `self - other` */
  sub(other: unknown): CombinedExpression {
    return this._combine(other, '-', false);
  }
  /** `self * other` */
  mul(other: unknown): CombinedExpression {
    return this._combine(other, '*', false);
  }
  /** `self / other` */
  div(other: unknown): CombinedExpression {
    return this._combine(other, '/', false);
  }
  /** `self % other` */
  mod(other: unknown): CombinedExpression {
    return this._combine(other, '%%', false);
  }
  /** `self ** other` */
  pow(other: unknown): CombinedExpression {
    return this._combine(other, '^', false);
  }
  /** `-self` */
  neg(): CombinedExpression {
    return this._combine(-1, '*', false);
  }
  /** `other + self` and friends, for a plain value on the left. */
  radd(other: unknown): CombinedExpression {
    return this._combine(other, '+', true);
  }
  rsub(other: unknown): CombinedExpression {
    return this._combine(other, '-', true);
  }
  rmul(other: unknown): CombinedExpression {
    return this._combine(other, '*', true);
  }
  rdiv(other: unknown): CombinedExpression {
    return this._combine(other, '/', true);
  }
  bitand(other: unknown): CombinedExpression {
    return this._combine(other, '&', false);
  }
  bitor(other: unknown): CombinedExpression {
    return this._combine(other, '|', false);
  }
  bitxor(other: unknown): CombinedExpression {
    return this._combine(other, '#', false);
  }
  bitleftshift(other: unknown): CombinedExpression {
    return this._combine(other, '<<', false);
  }
  bitrightshift(other: unknown): CombinedExpression {
    return this._combine(other, '>>', false);
  }

  /** `self & other` for conditional expressions (Exists, boolean lookups). */
  and(other: unknown): Q {
    return conditionalQ(this, other).and(new Q(other as never));
  }
  /** `self | other` for conditional expressions. */
  or(other: unknown): Q {
    return conditionalQ(this, other).or(new Q(other as never));
  }
  /** `self ^ other` for conditional expressions. */
  xor(other: unknown): Q {
    return conditionalQ(this, other).xor(new Q(other as never));
  }
  /** `~self`: NOT of a conditional expression, e.g. `Exists(...).not()`. */
  not(): Expression {
    return new NegatedExpression(this as unknown as Expression);
  }

  /** Ascending order: `F('view_count').asc({ nulls_last: true })`. */
  asc(options: OrderingOptions = {}): OrderBy {
    return new OrderBy(this as unknown as Expression, false, options);
  }
  /** Descending order: `F('view_count').desc({ nulls_last: true })`. */
  desc(options: OrderingOptions = {}): OrderBy {
    return new OrderBy(this as unknown as Expression, true, options);
  }
}

function conditionalQ(self: unknown, other: unknown): Q {
  const cond = (x: unknown) => (x as { conditional?: boolean })?.conditional === true;
  if (cond(self) && cond(other)) return new Q(self as never);
  throw new NotImplementedError('Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.');
}

type Converter = (value: unknown) => unknown;

/**
 * The base of every expression: it resolves against a query (turning names
 * into columns and joins) and compiles itself to `[sql, params]`.
 */
export abstract class Expression extends Combinable implements Compilable {
  // Django's class attributes, kept on the prototype: defining them on every
  // instance is a measurable share of building and resolving expressions.
  declare is_summary: boolean;
  declare filterable: boolean;
  declare window_compatible: boolean;
  static {
    Object.assign(this.prototype, { is_summary: false, filterable: true, window_compatible: false });
  }
  // Assigned by the constructor, not defined again by a class field initializer.
  protected declare explicitOutputField: Field | null;
  /** The inferred output field, once asked for (null: none could be inferred). */
  private declare resolvedOutputField?: Field | null;

  constructor(output_field: Field | null = null) {
    super();
    this.explicitOutputField = output_field;
  }

  abstract as_sql(compiler: Compiler, connection: Connection): SqlResult;

  get_source_expressions(): (Expression | null)[] {
    return [];
  }

  set_source_expressions(exprs: (Expression | null)[]): void {
    if (exprs.length) throw new Error(`${this.constructor.name} takes no source expressions`);
  }

  /** What the expression is worth when its WHERE matches nothing; NOT_IMPLEMENTED means "raise". */
  get empty_result_set_value(): unknown {
    return NOT_IMPLEMENTED;
  }

  get contains_aggregate(): boolean {
    return this.get_source_expressions().some((e) => e?.contains_aggregate);
  }

  get contains_over_clause(): boolean {
    return this.get_source_expressions().some((e) => e?.contains_over_clause);
  }

  get contains_column_references(): boolean {
    return this.get_source_expressions().some((e) => e?.contains_column_references);
  }

  get contains_subquery(): boolean {
    return this.get_source_expressions().some((e) => e && ((e as { subquery?: boolean }).subquery || e.contains_subquery));
  }

  resolve_expression(
    query?: Query,
    allow_joins = true,
    reuse: Set<string> | null = null,
    summarize = false,
    for_save = false,
  ): Expression {
    const c = this.copy();
    c.is_summary = summarize;
    c.set_source_expressions(
      c.get_source_expressions().map((e) =>
        e === null ? null : (e.resolve_expression(query, allow_joins, reuse, summarize, for_save) as Expression),
      ),
    );
    return c;
  }

  get conditional(): boolean {
    return this._output_field_or_none?.get_internal_type() === 'BooleanField';
  }

  get field(): Field {
    return this.output_field;
  }

  get output_field(): Field {
    const field = this._output_field_or_none;
    if (!field) throw new OutputFieldIsNoneError('Cannot resolve expression type, unknown output_field');
    return field;
  }

  set output_field(field: Field) {
    this.explicitOutputField = field;
  }

  /** The output field, or null when none can be inferred (output_field raises then). */
  get _output_field_or_none(): Field | null {
    if (this.explicitOutputField) return this.explicitOutputField;
    if (this.resolvedOutputField === undefined) this.resolvedOutputField = this._resolve_output_field();
    return this.resolvedOutputField;
  }

  /** Infers the output type from the sources when they all agree (Django's guess). */
  _resolve_output_field(): Field | null {
    const sources = this.get_source_fields().filter((f): f is Field => f !== null);
    if (!sources.length) return null;
    const first: Field = sources[0];
    const firstName = first.constructor.name;
    for (const source of sources.slice(1)) {
      if (!(first instanceof (source.constructor as new () => Field))) {
        throw new FieldError(`Expression contains mixed types: ${firstName}, ${source.constructor.name}. You must set output_field.`);
      }
    }
    return first;
  }

  get_source_fields(): (Field | null)[] {
    return this.get_source_expressions().map((e) => e?._output_field_or_none ?? null);
  }

  /** Converters applied to values read back: the expression's own, then the output field's. */
  get_db_converters(): Converter[] {
    const field = this._output_field_or_none;
    if (!field) return [];
    const converters: Converter[] = [];
    const own = this.convert_value();
    if (own) converters.push(own);
    if (field.from_db_value) converters.push(field.from_db_value);
    return converters;
  }

  /** Expressions coerce SQLite's loosely typed results to their declared output type. */
  convert_value(): Converter | null {
    const type = this.output_field.get_internal_type();
    if (type === 'FloatField') return (v) => (v === null ? null : Number(v));
    if (type.endsWith('IntegerField')) return (v) => (v === null ? null : Math.trunc(Number(v)));
    if (type === 'DecimalField') return (v) => (v === null ? null : Number(v));
    return null;
  }

  get_lookup(name: string): LookupClassLike | undefined {
    return this.output_field.get_lookup(name);
  }

  get_transform(name: string): LookupClassLike | undefined {
    return this.output_field.get_transform(name);
  }

  relabeled_clone(changeMap: Map<string, string>): this {
    const clone = this.copy();
    clone.set_source_expressions(this.get_source_expressions().map((e) => (e ? e.relabeled_clone(changeMap) : null)));
    return clone;
  }

  copy(): this {
    const clone = Object.create(Object.getPrototypeOf(this)) as this;
    Object.assign(clone, this);
    return clone;
  }

  get_group_by_cols(): Expression[] {
    if (!this.contains_aggregate) return [this];
    return this.get_source_expressions().flatMap((s) => (s ? s.get_group_by_cols() : []));
  }

  /** Every column this expression reads (for GROUP BY and alias checks). */
  *flatten(): Generator<Expression> {
    yield this;
    for (const e of this.get_source_expressions()) if (e) yield* e.flatten();
  }

  reverse_ordering(): this {
    return this;
  }

  /** A copy with each expression found in `replacements` swapped for its replacement (Django's replace_expressions). */
  replace_expressions(replacements: Map<unknown, Expression>): Expression {
    if (!replacements.size) return this;
    const replacement = replacements.get(this);
    if (replacement) return replacement;
    const sources = this.get_source_expressions();
    if (!sources.length) return this;
    const clone = this.copy();
    clone.set_source_expressions(sources.map((e) => (e === null ? null : e.replace_expressions(replacements))));
    return clone;
  }

  /**
   * The SQL as selected; asking the output field here is where Django reports an
   * unresolvable type ("Expression contains mixed types ..."), before anything runs.
   */
  select_format(_compiler: Compiler, sql: string, params: Params): SqlResult {
    void this.output_field;
    return [sql, params];
  }

  /** Names of annotations this expression refers to (Ref nodes). */
  get_refs(): Set<string> {
    const refs = new Set<string>();
    for (const e of this.get_source_expressions()) if (e) for (const r of e.get_refs()) refs.add(r);
    return refs;
  }

  /** F('x') inside this expression becomes F(prefix + 'x') (ordering by a related model's Meta.ordering). */
  prefix_references(prefix: string): this {
    const clone = this.copy();
    clone.set_source_expressions(
      this.get_source_expressions().map((e) =>
        e instanceof F ? (new F(prefix + e.name) as unknown as Expression) : e ? e.prefix_references(prefix) : null,
      ),
    );
    return clone;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.get_source_expressions().map(String).join(', ')})`;
  }

  __repr__(): string {
    return this.toString();
  }
}

/** Type inference for arithmetic between expressions (Django's _connector_combinations). */
const NUMERIC = ['IntegerField', 'FloatField', 'DecimalField'];
const ARITH = ['+', '-', '*', '/', '%%'];

function resolveCombinedType(connector: string, lhs: Field | null, rhs: Field | null): Field | null {
  const is = (f: Field | null, name: string) => f !== null && f instanceof fieldClass(name);
  const same = (name: string) => is(lhs, name) && is(rhs, name);
  if (['+', '*', '/', '%%', '^'].includes(connector) && same('PositiveIntegerField')) return outputField('PositiveIntegerField');
  if ([...ARITH, '^'].includes(connector)) for (const t of NUMERIC) if (same(t)) return outputField(t);
  if (ARITH.includes(connector)) {
    if ((is(lhs, 'IntegerField') && is(rhs, 'DecimalField')) || (is(lhs, 'DecimalField') && is(rhs, 'IntegerField'))) {
      return outputField('DecimalField');
    }
    if ((is(lhs, 'IntegerField') && is(rhs, 'FloatField')) || (is(lhs, 'FloatField') && is(rhs, 'IntegerField'))) {
      return outputField('FloatField');
    }
  }
  if (['&', '|', '<<', '>>', '#'].includes(connector) && same('IntegerField')) return outputField('IntegerField');
  if ([...ARITH, '^'].includes(connector)) {
    for (const t of NUMERIC) {
      if ((is(lhs, t) && rhs === null) || (lhs === null && is(rhs, t))) return outputField(t);
    }
  }
  if (connector === '-' && (is(lhs, 'DateTimeField') || is(lhs, 'DateField')) && (is(rhs, 'DateTimeField') || is(rhs, 'DateField'))) {
    return outputField('BigIntegerField');
  }
  return null;
}

/** `lhs <connector> rhs`, e.g. `F('view_count') + 1`. */
export class CombinedExpression extends Expression {
  constructor(
    public lhs: Expression,
    readonly connector: string,
    public rhs: Expression,
    output_field: Field | null = null,
  ) {
    super(output_field);
  }

  override get_source_expressions(): Expression[] {
    return [this.lhs, this.rhs];
  }

  override set_source_expressions([lhs, rhs]: (Expression | null)[]): void {
    this.lhs = lhs!;
    this.rhs = rhs!;
  }

  override _resolve_output_field(): Field {
    const combined = resolveCombinedType(this.connector, this.lhs._output_field_or_none, this.rhs._output_field_or_none);
    if (!combined) {
      const name = (e: Expression) => e._output_field_or_none?.constructor.name ?? 'NoneType';
      throw new FieldError(
        `Cannot infer type of '${this.connector}' expression involving these types: ${name(this.lhs)}, ${name(this.rhs)}. You must set output_field.`,
      );
    }
    return combined;
  }

  as_sql(compiler: Compiler): SqlResult {
    const [lsql, lparams] = compiler.compile(this.lhs);
    const [rsql, rparams] = compiler.compile(this.rhs);
    return [`(${combineExpression(this.connector, [lsql, rsql])})`, [...lparams, ...rparams]];
  }

  as_sqlite(compiler: Compiler, connection: Connection): SqlResult {
    return sqliteNumeric(this, this.as_sql(compiler));
  }

  override resolve_expression(query?: Query, allow_joins = true, reuse: Set<string> | null = null, summarize = false, for_save = false): Expression {
    const resolved = super.resolve_expression(query, allow_joins, reuse, summarize, for_save) as CombinedExpression;
    const type = (e: Expression) => {
      try {
        return e.output_field.get_internal_type();
      } catch {
        return null;
      }
    };
    const temporal = ['DateField', 'DateTimeField'];
    const lt = type(resolved.lhs);
    if (this.connector === '-' && lt && temporal.includes(lt) && lt === type(resolved.rhs)) {
      return new TemporalSubtraction(resolved.lhs, resolved.rhs);
    }
    return resolved;
  }

  override toString(): string {
    return `${this.lhs} ${this.connector} ${this.rhs}`;
  }
}

/** `datetime - datetime`: SQLite needs Django's django_timestamp_diff(); the result is microseconds. */
export class TemporalSubtraction extends CombinedExpression {
  constructor(lhs: Expression, rhs: Expression) {
    super(lhs, '-', rhs, outputField('BigIntegerField'));
  }

  override as_sql(compiler: Compiler): SqlResult {
    const [lsql, lparams] = compiler.compile(this.lhs);
    const [rsql, rparams] = compiler.compile(this.rhs);
    return [`django_timestamp_diff(${lsql}, ${rsql})`, [...lparams, ...rparams]];
  }

  override resolve_expression(): Expression {
    return this;
  }
}

/** Wraps DecimalField results in CAST(... AS NUMERIC) on SQLite, as Django's SQLiteNumericMixin. */
function sqliteNumeric(expr: Expression, [sql, params]: SqlResult): SqlResult {
  try {
    if (expr._output_field_or_none?.get_internal_type() === 'DecimalField') return [`(CAST(${sql} AS NUMERIC))`, params];
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
  }
  return [sql, params];
}

/**
 * A reference to a field (or annotation) of the model being queried,
 * resolved when the query is built: `filter({ view_count__gt: F('author__follower_count') })`.
 */
export class F extends Combinable {
  constructor(readonly name: string) {
    super();
    if (typeof name !== 'string') throw new PyTypeError(`F() expects a field name string, got ${String(name)}`);
  }

  resolve_expression(query?: Query, allow_joins = true, reuse: Set<string> | null = null, summarize = false): Expression {
    if (!query) throw new ValueError(`F(${this.name}) can only be resolved inside a query.`);
    return query.resolve_ref(this.name, allow_joins, reuse, summarize);
  }

  copy(): this {
    return Object.assign(Object.create(Object.getPrototypeOf(this)), this);
  }

  equals(other: unknown): boolean {
    return other instanceof F && other.constructor === this.constructor && other.name === this.name;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.name})`;
  }

  __repr__(): string {
    return this.toString();
  }
}

/** An OuterRef resolved inside a subquery: a column of the enclosing query, found when the subquery is attached. */
export class ResolvedOuterRef extends F {
  readonly contains_aggregate = false;
  readonly contains_over_clause = false;

  as_sql(): SqlResult {
    throw new ValueError('This queryset contains a reference to an outer query and may only be used in a subquery.');
  }

  override resolve_expression(query?: Query, allow_joins = true, reuse: Set<string> | null = null, summarize = false): Expression {
    const col = super.resolve_expression(query, allow_joins, reuse, summarize);
    if (col.contains_over_clause) {
      throw new ValueError(`Referencing outer query window expression is not supported: ${this.name}.`);
    }
    (col as Col).possibly_multivalued = this.name.includes('__');
    return col;
  }

  relabeled_clone(): this {
    return this;
  }

  get_group_by_cols(): Expression[] {
    return [];
  }
}

/**
 * A reference to a field of the outer query, for use inside Subquery/Exists:
 * `Comment.objects.filter({ post: OuterRef('pk') })`.
 */
export class OuterRef extends F {
  readonly contains_aggregate = false;
  readonly contains_over_clause = false;
  private readonly inner: OuterRef | null;

  constructor(name: string | OuterRef) {
    super(typeof name === 'string' ? name : name.name);
    this.inner = name instanceof OuterRef ? name : null;
  }

  override resolve_expression(): never {
    return (this.inner ?? new ResolvedOuterRef(this.name)) as never;
  }

  relabeled_clone(): this {
    return this;
  }
}

function outputFieldForValue(value: unknown): Field | null {
  if (typeof value === 'string') return outputField('CharField');
  if (typeof value === 'boolean') return outputField('BooleanField');
  if (typeof value === 'number') return outputField(Number.isInteger(value) ? 'IntegerField' : 'FloatField');
  if (value instanceof PyDate) return outputField('DateField');
  if (value instanceof Date) return outputField('DateTimeField');
  return null;
}

/**
 * A literal value in an expression, always sent as a parameter:
 * `Coalesce('view_count', Value(0))`.
 */
export class Value extends Expression {
  for_save = false;

  /** The output field may be given positionally or as `Value(1, { output_field: FloatField() })`. */
  constructor(
    readonly value: unknown,
    output_field: Field | { output_field?: Field | null } | null = null,
  ) {
    const isOptions = output_field !== null && Object.getPrototypeOf(output_field) === Object.prototype;
    super(isOptions ? ((output_field as { output_field?: Field | null }).output_field ?? null) : (output_field as Field | null));
  }

  as_sql(): SqlResult {
    let val = this.value;
    const field = this._output_field_or_none;
    if (field) val = this.for_save ? field.get_db_prep_save(val) : field.get_db_prep_value(val);
    if (val === null || val === undefined) return ['NULL', []];
    return ['%s', [val]];
  }

  as_sqlite(compiler: Compiler, connection: Connection): SqlResult {
    return sqliteNumeric(this, this.as_sql());
  }

  override resolve_expression(query?: Query, allow_joins = true, reuse: Set<string> | null = null, summarize = false, for_save = false): Expression {
    const c = super.resolve_expression(query, allow_joins, reuse, summarize, for_save) as Value;
    c.for_save = for_save;
    return c;
  }

  override get_group_by_cols(): Expression[] {
    return [];
  }

  override _resolve_output_field(): Field | null {
    return outputFieldForValue(this.value);
  }

  override get empty_result_set_value(): unknown {
    return this.value;
  }

  override toString(): string {
    return `Value(${JSON.stringify(this.value)})`;
  }
}

/** Literal SQL with parameters: `RawSQL('SELECT COUNT(*) FROM blog_comment WHERE post_id = blog_post.id', [])`. */
export class RawSQL extends Expression {
  constructor(
    readonly sql: string,
    readonly params: unknown[] = [],
    output_field: Field | null = null,
  ) {
    super(output_field);
  }

  as_sql(): SqlResult {
    return [`(${this.sql})`, [...this.params]];
  }

  /** Without an output_field Django gives RawSQL a plain Field(): any SQL is selectable as is. */
  override select_format(_compiler: Compiler, sql: string, params: Params): SqlResult {
    return [sql, params];
  }

  override get_group_by_cols(): Expression[] {
    return [this];
  }
}

/** `*` in `COUNT(*)`. */
export class Star extends Expression {
  as_sql(): SqlResult {
    return ['*', []];
  }
}

/** A column of a table alias in the query: `"blog_post"."title"`. */
export class Col extends Expression {
  possibly_multivalued = false;

  override get contains_column_references(): boolean {
    return true;
  }

  constructor(
    readonly alias: string | null,
    readonly target: Field,
    output_field: Field | null = null,
  ) {
    super(output_field ?? target);
  }

  as_sql(compiler: Compiler): SqlResult {
    const column = compiler.quote_name_unless_alias(this.target.column);
    return [this.alias ? `${compiler.quote_name_unless_alias(this.alias)}.${column}` : column, []];
  }

  override relabeled_clone(changeMap: Map<string, string>): this {
    if (this.alias === null) return this;
    const alias = changeMap.get(this.alias) ?? this.alias;
    return new Col(alias, this.target, this.output_field) as this;
  }

  override get_group_by_cols(): Expression[] {
    return [this];
  }

  override get contains_aggregate(): boolean {
    return false;
  }

  override get_db_converters(): Converter[] {
    const out = this.output_field;
    const converters: Converter[] = [];
    if (out.from_db_value) converters.push(out.from_db_value);
    if (this.target !== out && this.target.from_db_value) converters.push(this.target.from_db_value);
    return converters;
  }

  /** Two Cols are the same column when alias and target match. */
  sameAs(other: unknown): boolean {
    return other instanceof Col && other.alias === this.alias && other.target === this.target;
  }

  override toString(): string {
    return `Col(${this.alias ? this.alias + ', ' : ''}${this.target})`;
  }
}

/** A reference to a column alias of the query: `ORDER BY "post_count"` for an annotation. */
export class Ref extends Expression {
  constructor(
    readonly refs: string,
    public source: Expression,
  ) {
    super();
  }

  override get_source_expressions(): Expression[] {
    return [this.source];
  }

  override set_source_expressions([source]: (Expression | null)[]): void {
    this.source = source!;
  }

  override resolve_expression(): Expression {
    return this;
  }

  override get_refs(): Set<string> {
    return new Set([this.refs]);
  }

  override relabeled_clone(changeMap: Map<string, string>): this {
    const clone = this.copy();
    clone.source = this.source.relabeled_clone(changeMap);
    return clone;
  }

  as_sql(): SqlResult {
    return [`"${this.refs}"`, []];
  }

  override get_group_by_cols(): Expression[] {
    return [this];
  }

  override _resolve_output_field(): Field | null {
    return this.source._output_field_or_none;
  }
}

/** An SQL function call: `Func(F('title'), { function: 'UPPER' })`, or subclass with `static function = 'SQRT'`. */
export class Func extends Expression {
  /** The SQL function name; subclasses set `static function = 'SQRT'`. */
  static function: string | null = null;
  static template = '%(function)s(%(expressions)s)';
  static arg_joiner = ', ';
  /** The number of arguments the function takes, when fixed. */
  static arity: number | null = null;
  /** The output type every instance has unless given one (Django's class attribute `output_field = CharField()`). */
  static output_field: Field | null = null;

  source_expressions: (Expression | null)[];
  extra: Record<string, unknown>;

  constructor(...args: unknown[]) {
    const { expressions, options } = splitOptions(args);
    const { output_field = null, ...extra } = options as { output_field?: Field | null } & Record<string, unknown>;
    super(output_field ?? (new.target as unknown as typeof Func).output_field);
    const ctor = this.constructor as typeof Func;
    if (ctor.arity !== null && expressions.length !== ctor.arity) {
      throw new PyTypeError(
        `'${ctor.name}' takes exactly ${ctor.arity} ${ctor.arity === 1 ? 'argument' : 'arguments'} (${expressions.length} given)`,
      );
    }
    this.source_expressions = parseExpressions(expressions);
    this.extra = extra;
  }

  override get_source_expressions(): (Expression | null)[] {
    return this.source_expressions;
  }

  override set_source_expressions(exprs: (Expression | null)[]): void {
    this.source_expressions = exprs;
  }

  /** The template pieces: an instance's extra options win over the class's statics. */
  protected templateData(): { func: string | null; template: string; joiner: string } {
    const ctor = this.constructor as typeof Func;
    return {
      func: (this.extra.function as string | undefined) ?? ctor.function,
      template: (this.extra.template as string | undefined) ?? ctor.template,
      joiner: (this.extra.arg_joiner as string | undefined) ?? ctor.arg_joiner,
    };
  }

  as_sql(
    compiler: Compiler,
    _connection?: Connection,
    overrides: { function?: string; template?: string; arg_joiner?: string } & Record<string, unknown> = {},
  ): SqlResult {
    const sqlParts: string[] = [];
    const params: Params = [];
    for (const arg of this.source_expressions) {
      let sql: string;
      let argParams: Params;
      try {
        [sql, argParams] = compiler.compile(arg!);
      } catch (e) {
        if (e instanceof EmptyResultSet) {
          const empty = arg?.empty_result_set_value;
          if (empty === NOT_IMPLEMENTED) throw e;
          [sql, argParams] = compiler.compile(new Value(empty));
        } else if (e instanceof FullResultSet) {
          [sql, argParams] = compiler.compile(new Value(true));
        } else throw e;
      }
      sqlParts.push(sql);
      params.push(...argParams);
    }
    const { func, template, joiner } = this.templateData();
    const { function: fnOverride, template: tplOverride, arg_joiner: joinOverride, ...context } = overrides;
    const expressions = sqlParts.join(joinOverride ?? joiner);
    const data = { ...this.extra, ...context, function: fnOverride ?? func, expressions, field: expressions };
    return [formatTemplate(tplOverride ?? template, data), params];
  }

  /** SQLiteNumericMixin: DecimalField results are wrapped in `CAST(... AS NUMERIC)`. */
  as_sqlite(compiler: Compiler, connection: Connection, overrides: Record<string, unknown> = {}): SqlResult {
    return sqliteNumeric(this, this.as_sql(compiler, connection, overrides));
  }

  override copy(): this {
    const clone = super.copy();
    clone.source_expressions = this.source_expressions.slice();
    clone.extra = { ...this.extra };
    return clone;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.source_expressions.map(String).join(', ')})`;
  }
}

/** Splits a trailing options object (Python's keyword arguments) from positional arguments. */
export function splitOptions(args: unknown[]): { expressions: unknown[]; options: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (args.length && typeof last === 'object' && last !== null && Object.getPrototypeOf(last) === Object.prototype) {
    return { expressions: args.slice(0, -1), options: last as Record<string, unknown> };
  }
  return { expressions: args, options: {} };
}

/** Strings become F() references, other plain values become Value(); expressions pass through. */
export function parseExpressions(args: unknown[]): Expression[] {
  return args.map((arg) => {
    if (isResolvable(arg)) return arg as unknown as Expression;
    return typeof arg === 'string' ? (new F(arg) as unknown as Expression) : new Value(arg);
  });
}

/** Gives an expression an explicit output_field: `ExpressionWrapper(F('a').mul(F('b')), { output_field: FloatField() })`. */
export class ExpressionWrapper extends Expression {
  constructor(
    public expression: Expression,
    options: { output_field: Field } | Field,
  ) {
    super('get_internal_type' in options ? options : options.output_field);
  }

  override get_source_expressions(): Expression[] {
    return [this.expression];
  }

  override set_source_expressions([e]: (Expression | null)[]): void {
    this.expression = e!;
  }

  override get_group_by_cols(): Expression[] {
    if (this.expression instanceof Expression) {
      const e = this.expression.copy();
      e.output_field = this.output_field;
      return e.get_group_by_cols();
    }
    return super.get_group_by_cols();
  }

  as_sql(compiler: Compiler): SqlResult {
    return compiler.compile(this.expression);
  }

  as_sqlite(compiler: Compiler): SqlResult {
    return sqliteNumeric(this, this.as_sql(compiler));
  }
}

/** NOT of a conditional expression: `Exists(...).not()` compiles to `NOT EXISTS(...)`. */
export class NegatedExpression extends ExpressionWrapper {
  constructor(expression: Expression) {
    super(expression, outputField('BooleanField'));
  }

  override not(): Expression {
    return this.expression.copy();
  }

  override as_sql(compiler: Compiler): SqlResult {
    let sql: string;
    let params: Params;
    try {
      [sql, params] = super.as_sql(compiler);
    } catch (e) {
      if (e instanceof EmptyResultSet) return compiler.compile(new Value(true));
      throw e;
    }
    return [`NOT ${sql}`, params];
  }

  override resolve_expression(query?: Query, allow_joins = true, reuse: Set<string> | null = null, summarize = false, for_save = false): Expression {
    const resolved = super.resolve_expression(query, allow_joins, reuse, summarize, for_save) as NegatedExpression;
    if (!(resolved.expression as { conditional?: boolean }).conditional) {
      throw new PyTypeError('Cannot negate non-conditional expressions.');
    }
    return resolved;
  }
}

/** ORDER BY term: an expression with a direction and NULLS FIRST/LAST. */
export class OrderBy extends Expression {
  static template = '%(expression)s %(ordering)s';
  nulls_first: boolean | null;
  nulls_last: boolean | null;

  constructor(
    public expression: Expression,
    public descending = false,
    options: OrderingOptions = {},
  ) {
    super();
    const { nulls_first = null, nulls_last = null } = options;
    if (nulls_first && nulls_last) throw new ValueError('nulls_first and nulls_last are mutually exclusive');
    if (nulls_first === false || nulls_last === false) {
      throw new ValueError('nulls_first and nulls_last values must be True or None.');
    }
    if (!isResolvable(expression)) throw new ValueError('expression must be an expression type');
    this.nulls_first = nulls_first;
    this.nulls_last = nulls_last;
  }

  override get_source_expressions(): Expression[] {
    return [this.expression];
  }

  override set_source_expressions([e]: (Expression | null)[]): void {
    this.expression = e!;
  }

  as_sql(compiler: Compiler): SqlResult {
    let template = OrderBy.template;
    if (this.nulls_last) template += ' NULLS LAST';
    else if (this.nulls_first) template += ' NULLS FIRST';
    const [sql, params] = compiler.compile(this.expression);
    return [formatTemplate(template, { expression: sql, ordering: this.descending ? 'DESC' : 'ASC' }), params];
  }

  override get_group_by_cols(): Expression[] {
    return this.get_source_expressions().flatMap((s) => s.get_group_by_cols());
  }

  override reverse_ordering(): this {
    this.descending = !this.descending;
    if (this.nulls_first) {
      this.nulls_last = true;
      this.nulls_first = null;
    } else if (this.nulls_last) {
      this.nulls_first = true;
      this.nulls_last = null;
    }
    return this;
  }

  override _resolve_output_field(): Field | null {
    return this.expression._output_field_or_none;
  }

  override get conditional(): boolean {
    return false;
  }

  override toString(): string {
    return `OrderBy(${this.expression}, descending=${this.descending ? 'True' : 'False'})`;
  }
}

/** A lookup is also an expression (Django's Lookup(Expression)); this is the shape the where tree relies on. */
export function isLookupLike(x: unknown): x is { lhs: unknown; rhs: unknown; lookup_name: string } {
  return typeof x === 'object' && x !== null && 'lhs' in x && 'rhs' in x && 'lookup_name' in x;
}

/** The query behind a QuerySet or a Query itself. */
export function queryOf(queryset: unknown): Query {
  const q = (queryset as { query?: Query }).query;
  return (q ?? queryset) as Query;
}

/**
 * A subquery in an expression: `Subquery(Comment.objects.filter({ post: OuterRef('pk') }).values('body').slice(0, 1))`.
 */
export class Subquery extends Expression {
  static template = '(%(subquery)s)';
  readonly subquery = true;
  query: Query;
  extra: Record<string, unknown>;

  constructor(queryset: unknown, options: { output_field?: Field | null } & Record<string, unknown> = {}) {
    const { output_field = null, ...extra } = options;
    super(output_field);
    this.query = queryOf(queryset).clone();
    this.query.subquery = true;
    this.extra = extra;
  }

  override get empty_result_set_value(): unknown {
    return null;
  }

  override get contains_aggregate(): boolean {
    return false;
  }

  override get_source_expressions(): Expression[] {
    return [this.query as unknown as Expression];
  }

  override set_source_expressions([q]: (Expression | null)[]): void {
    this.query = q as unknown as Query;
  }

  override _resolve_output_field(): Field | null {
    return this.query.output_field;
  }

  override copy(): this {
    const clone = super.copy();
    clone.query = clone.query.clone();
    return clone;
  }

  get external_aliases(): Map<string, boolean> {
    return this.query.external_aliases;
  }

  get_external_cols(): Col[] {
    return this.query.get_external_cols();
  }

  as_sql(compiler: Compiler, connection: Connection, template?: string): SqlResult {
    const [subquerySql, params] = this.query.as_sql(compiler, connection);
    const ctor = this.constructor as typeof Subquery;
    const data = { ...this.extra, subquery: subquerySql.slice(1, -1) };
    return [formatTemplate(template ?? (this.extra.template as string) ?? ctor.template, data), params];
  }

  override get_group_by_cols(): Expression[] {
    return this.query.get_group_by_cols(this);
  }
}

/** `EXISTS(subquery)`: a boolean expression usable in filter() and annotate(). */
export class Exists extends Subquery {
  static override template = 'EXISTS(%(subquery)s)';

  constructor(queryset: unknown, options: Record<string, unknown> = {}) {
    super(queryset, { ...options, output_field: outputField('BooleanField') });
    this.query = this.query.exists();
  }

  override get empty_result_set_value(): unknown {
    return false;
  }

  override as_sql(compiler: Compiler, connection: Connection, template?: string): SqlResult {
    try {
      return super.as_sql(compiler, connection, template);
    } catch (e) {
      if (e instanceof EmptyResultSet) return compiler.compile(new Value(false));
      throw e;
    }
  }
}
