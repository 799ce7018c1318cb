import { databaseFunctions } from '../database-functions';
import { globalDocs, type GlobalDocName } from '../global-docs';
import { jsdoc } from '../jsdoc';

const doc = (name: GlobalDocName, indent = '') => jsdoc(globalDocs[name], indent);

/** The expression types behind F(), Value(), functions and aggregates (types only). */
function expressionTypes(): string {
  return `declare namespace OrmLab {
  interface OrderingOptions { nulls_first?: boolean | null; nulls_last?: boolean | null }
  /** Python's operators as methods, shared by F() and every expression. */
  interface Combinable {
${doc('combinable_add', '    ')}
    add(other: ExpressionArg): Expression;
${doc('combinable_sub', '    ')}
    sub(other: ExpressionArg): Expression;
${doc('combinable_mul', '    ')}
    mul(other: ExpressionArg): Expression;
${doc('combinable_div', '    ')}
    div(other: ExpressionArg): Expression;
${doc('combinable_mod', '    ')}
    mod(other: ExpressionArg): Expression;
${doc('combinable_pow', '    ')}
    pow(other: ExpressionArg): Expression;
${doc('combinable_neg', '    ')}
    neg(): Expression;
    /** \`other + self\` */
    radd(other: ExpressionArg): Expression;
    /** \`other - self\` */
    rsub(other: ExpressionArg): Expression;
    /** \`other * self\` */
    rmul(other: ExpressionArg): Expression;
    /** \`other / self\` */
    rdiv(other: ExpressionArg): Expression;
    bitand(other: ExpressionArg): Expression;
    bitor(other: ExpressionArg): Expression;
    bitxor(other: ExpressionArg): Expression;
    bitleftshift(other: ExpressionArg): Expression;
    bitrightshift(other: ExpressionArg): Expression;
${doc('combinable_and', '    ')}
    and(other: Condition): Q;
${doc('combinable_or', '    ')}
    or(other: Condition): Q;
${doc('combinable_xor', '    ')}
    xor(other: Condition): Q;
${doc('combinable_not', '    ')}
    not(): Expression<boolean>;
${doc('combinable_asc', '    ')}
    asc(options?: OrderingOptions): OrderBy;
${doc('combinable_desc', '    ')}
    desc(options?: OrderingOptions): OrderBy;
  }
  /** An SQL expression producing a \`T\`: it resolves against a query and compiles itself to SQL and parameters. */
  interface Expression<T = any> extends Combinable, Condition {
    readonly [valueBrand]?: T;
    readonly contains_aggregate: boolean;
    readonly conditional: boolean;
    copy(): this;
  }
  /** An SQL function call. */
  interface Func<T = any> extends Expression<T> {
    readonly source_expressions: (Expression | null)[];
    readonly extra: { [option: string]: unknown };
  }
  /** An aggregate; \`Alias\` is the name it gets without one (\`Count('post')\` → \`post__count\`). */
  interface Aggregate<T = any, Alias extends string = never> extends Func<T> {
    readonly [aliasBrand]?: Alias;
    readonly distinct: boolean;
    readonly filter: Condition | null;
  }
  interface FuncOptions { output_field?: Field | null }
  /** Lag/Lead after the expression: \`(offset?, default?)\` or \`({ offset, default })\`. */
  type LagLeadArgs =
    | [offset?: number, default_value?: ExpressionArg, options?: FuncOptions]
    | [options: FuncOptions & { offset?: number; default?: ExpressionArg }];
  interface DateFuncOptions extends FuncOptions { tzinfo?: unknown }
  type TruncKind = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'date' | 'time';
  interface AggregateOptions {
    /** Aggregate distinct values only: \`COUNT(DISTINCT ...)\`. */
    distinct?: boolean;
    /** Aggregate only the rows matching this condition: \`FILTER (WHERE ...)\`. */
    filter?: Condition;
    /** The result when there are no rows, instead of null: \`COALESCE(...)\`. */
    default?: ExpressionArg;
    output_field?: Field | null;
    /** StdDev/Variance: the sample statistic instead of the population one. */
    sample?: boolean;
  }
  /** A database function: callable (\`Lower('title')\`), constructible and extendable. */
  interface FunctionFactory<Args extends unknown[], T> {
    (...args: Args): Func<T>;
    new (...args: Args): Func<T>;
    readonly prototype: Func<T>;
    function: string | null;
    template: string;
    arg_joiner: string;
    arity: number | null;
  }
  /** An aggregate function: \`Count('post')\` is an \`Aggregate<number, 'post__count'>\`. */
  interface AggregateFactory<T, Suffix extends string> {
    <const N extends string = never>(expression: N | ExpressionLike, options?: AggregateOptions): Aggregate<T, \`\${N}__\${Suffix}\`>;
    new <const N extends string = never>(expression: N | ExpressionLike, options?: AggregateOptions): Aggregate<T, \`\${N}__\${Suffix}\`>;
    readonly prototype: Aggregate<T>;
  }
  /** Func itself: extend it with \`static function = 'SQRT'\`. */
  interface FuncClass {
    (...args: any[]): Func;
    new (...args: any[]): Func;
    readonly prototype: Func;
    /** The SQL function name. */
    function: string | null;
    /** The SQL template: \`%(function)s(%(expressions)s)\`. */
    template: string;
    arg_joiner: string;
    /** The number of arguments, when fixed. */
    arity: number | null;
  }
  interface AggregateClass extends FuncClass {
    (...args: any[]): Aggregate;
    new (...args: any[]): Aggregate;
    readonly prototype: Aggregate;
    allow_distinct: boolean;
  }
  interface CaseOptions { default?: ExpressionArg; output_field?: Field | null }
  interface WhenLookups { then?: ExpressionArg; readonly [lookup: string]: unknown }
  interface QLookups { readonly [lookup: string]: unknown }
  interface WindowFrame extends Expression {}
  interface FrameOptions { start?: number | null; end?: number | null; exclusion?: WindowFrameExclusion | null }
  interface FrameFactory {
    (options?: FrameOptions): WindowFrame;
    (start?: number | null, end?: number | null, exclusion?: WindowFrameExclusion | null): WindowFrame;
    new (options?: FrameOptions): WindowFrame;
    new (start?: number | null, end?: number | null, exclusion?: WindowFrameExclusion | null): WindowFrame;
  }
  interface WindowOptions<T = any> {
    /** A window function (Rank(), RowNumber(), Lag(), ...) or an aggregate. */
    expression: Expression<T>;
    /** \`PARTITION BY\`: a field name, an expression, or several. */
    partition_by?: ExpressionArg | readonly ExpressionArg[] | null;
    /** \`ORDER BY\` inside \`OVER (...)\`: \`F('x').desc()\`, \`'-x'\`, or several. */
    order_by?: ExpressionArg | readonly ExpressionArg[] | null;
    /** \`RowRange(...)\` or \`ValueRange(...)\`. */
    frame?: WindowFrame | null;
    output_field?: Field | null;
  }
}`;
}

/** F, Q, Value, Subquery, Exists, Case/When, Window, ... as the learner calls them. */
function expressionGlobals(): string {
  return `interface Q extends OrmLab.Condition {
  readonly connector: 'AND' | 'OR' | 'XOR';
  readonly negated: boolean;
  readonly children: unknown[];
  /** \`self & other\`: both conditions. */
  and(other: OrmLab.Condition): Q;
  /** \`self | other\`: either condition. */
  or(other: OrmLab.Condition): Q;
  /** \`self ^ other\`: exactly one of the conditions. */
  xor(other: OrmLab.Condition): Q;
  /** \`~self\`: NOT the condition. */
  not(): Q;
}
${doc('Q')}
declare const Q: {
  (...conditions: (OrmLab.Condition | OrmLab.QLookups)[]): Q;
  new (...conditions: (OrmLab.Condition | OrmLab.QLookups)[]): Q;
};
interface F extends OrmLab.Combinable {
  /** The field name (or path) this F() refers to. */
  readonly name: string;
}
${doc('F')}
declare const F: { (name: string): F; new (name: string): F };
${doc('OuterRef')}
declare const OuterRef: { (name: string | F): F; new (name: string | F): F };
${doc('Value')}
declare const Value: {
  <T>(value: T, output_field?: Field | OrmLab.FuncOptions | null): OrmLab.Expression<T>;
  new <T>(value: T, output_field?: Field | OrmLab.FuncOptions | null): OrmLab.Expression<T>;
};
${doc('RawSQL')}
declare const RawSQL: {
  (sql: string, params?: readonly unknown[], output_field?: Field | null): OrmLab.Expression;
  new (sql: string, params?: readonly unknown[], output_field?: Field | null): OrmLab.Expression;
};
${doc('Func')}
declare const Func: OrmLab.FuncClass;
type Func<T = any> = OrmLab.Func<T>;
${doc('Subquery')}
declare const Subquery: {
  <R>(queryset: QuerySet<any, R, any>, options?: OrmLab.FuncOptions): OrmLab.Expression<OrmLab.SubqueryValue<R>>;
  new <R>(queryset: QuerySet<any, R, any>, options?: OrmLab.FuncOptions): OrmLab.Expression<OrmLab.SubqueryValue<R>>;
};
${doc('Exists')}
declare const Exists: {
  (queryset: QuerySet<any, any, any>, options?: OrmLab.FuncOptions): OrmLab.Expression<boolean>;
  new (queryset: QuerySet<any, any, any>, options?: OrmLab.FuncOptions): OrmLab.Expression<boolean>;
};
interface OrderBy extends OrmLab.Expression {
  readonly descending: boolean;
}
${doc('OrderBy')}
declare const OrderBy: {
  (expression: OrmLab.ExpressionLike, descending?: boolean, options?: OrmLab.OrderingOptions): OrderBy;
  new (expression: OrmLab.ExpressionLike, descending?: boolean, options?: OrmLab.OrderingOptions): OrderBy;
};
${doc('ExpressionWrapper')}
declare const ExpressionWrapper: {
  (expression: OrmLab.ExpressionLike | Q, options: { output_field: Field } | Field): OrmLab.Expression;
  new (expression: OrmLab.ExpressionLike | Q, options: { output_field: Field } | Field): OrmLab.Expression;
};
${doc('Case')}
declare const Case: {
  (...cases: (When | OrmLab.CaseOptions)[]): OrmLab.Expression;
  new (...cases: (When | OrmLab.CaseOptions)[]): OrmLab.Expression;
};
interface When extends OrmLab.Expression {}
${doc('When')}
declare const When: {
  (...conditions: (OrmLab.Condition | OrmLab.WhenLookups)[]): When;
  new (...conditions: (OrmLab.Condition | OrmLab.WhenLookups)[]): When;
};
${doc('Window')}
declare const Window: {
  <T>(options: OrmLab.WindowOptions<T>): OrmLab.Expression<T>;
  <T>(expression: OrmLab.Expression<T>, options?: Omit<OrmLab.WindowOptions<T>, 'expression'>): OrmLab.Expression<T>;
  new <T>(options: OrmLab.WindowOptions<T>): OrmLab.Expression<T>;
  new <T>(expression: OrmLab.Expression<T>, options?: Omit<OrmLab.WindowOptions<T>, 'expression'>): OrmLab.Expression<T>;
};
${doc('RowRange')}
declare const RowRange: OrmLab.FrameFactory;
${doc('ValueRange')}
declare const ValueRange: OrmLab.FrameFactory;
interface WindowFrameExclusion { readonly name: string; readonly value: string }
${doc('WindowFrameExclusion')}
declare const WindowFrameExclusion: {
  readonly CURRENT_ROW: WindowFrameExclusion;
  readonly GROUP: WindowFrameExclusion;
  readonly TIES: WindowFrameExclusion;
  readonly NO_OTHERS: WindowFrameExclusion;
};`;
}

function aggregateGlobals(): string {
  return `${doc('Aggregate')}
declare const Aggregate: OrmLab.AggregateClass;
${doc('Count')}
declare const Count: OrmLab.AggregateFactory<number, 'count'>;
${doc('Sum')}
declare const Sum: OrmLab.AggregateFactory<number | null, 'sum'>;
${doc('Avg')}
declare const Avg: OrmLab.AggregateFactory<number | null, 'avg'>;
${doc('Min')}
declare const Min: OrmLab.AggregateFactory<any, 'min'>;
${doc('Max')}
declare const Max: OrmLab.AggregateFactory<any, 'max'>;
${doc('StdDev')}
declare const StdDev: OrmLab.AggregateFactory<number | null, 'stddev'>;
${doc('Variance')}
declare const Variance: OrmLab.AggregateFactory<number | null, 'variance'>;`;
}

function functionGlobals(): string {
  return databaseFunctions
    .map((f) => `${jsdoc(f.doc)}\ndeclare const ${f.name}: OrmLab.FunctionFactory<${f.params}, ${f.value}>;`)
    .join('\n');
}

/** Expressions, aggregates, database and window functions. */
export function expressionDeclarations(): string {
  return [expressionTypes(), expressionGlobals(), aggregateGlobals(), functionGlobals()].join('\n');
}
