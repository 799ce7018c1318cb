import { globalDocs } from '../global-docs';
import { jsdoc } from '../jsdoc';
import { querysetDocs, type QuerysetDocName } from '../queryset-docs';

/** `[doc entry, signature]`: one documented member. */
type Member = [QuerysetDocName, string];

function members(list: Member[], indent: string): string {
  return list.map(([name, signature]) => `${jsdoc(querysetDocs[name], indent)}\n${indent}${signature}`).join('\n');
}

/**
 * The methods QuerySet and Manager share (Django's `_get_queryset_methods`). `M` is the
 * model instance type, `Row` what iteration yields (instances, or objects after values()),
 * `Ann` the names added by annotate()/alias().
 */
const sharedMethods: Member[] = [
  ['all', 'all(): QuerySet<M, Row, Ann>;'],
  ['filter', 'filter(...conditions: FilterArg<M, Ann>[]): QuerySet<M, Row, Ann>;'],
  ['exclude', 'exclude(...conditions: FilterArg<M, Ann>[]): QuerySet<M, Row, Ann>;'],
  ['get', 'get(...conditions: FilterArg<M, Ann>[]): Row;'],
  ['create', "create(fields?: SchemaOf<M>['create']): M;"],
  ['get_or_create', "get_or_create(lookups?: SchemaOf<M>['lookups'] & { defaults?: SchemaOf<M>['create'] }): [M, boolean];"],
  ['update_or_create', "update_or_create(lookups?: SchemaOf<M>['lookups'] & { defaults?: SchemaOf<M>['update']; create_defaults?: SchemaOf<M>['create'] }): [M, boolean];"],
  ['bulk_create', "bulk_create(objs: Iterable<M>, options?: BulkCreateOptions<SchemaOf<M>['concrete']>): M[];"],
  ['bulk_update', "bulk_update(objs: Iterable<M>, fields: readonly SchemaOf<M>['concrete'][], options?: { batch_size?: number }): number;"],
  ['count', 'count(): number;'],
  ['exists', 'exists(): boolean;'],
  ['contains', 'contains(obj: M): boolean;'],
  ['first', 'first(): Row | null;'],
  ['last', 'last(): Row | null;'],
  ['earliest', 'earliest(...fields: OrderName<M, Ann>[]): Row;'],
  ['latest', 'latest(...fields: OrderName<M, Ann>[]): Row;'],
  ['in_bulk', "in_bulk(id_list?: Iterable<unknown> | null, options?: { field_name?: SchemaOf<M>['paths'] }): Map<any, Row>;"],
  ['aggregate', 'aggregate<const A extends readonly AnnotationArg[]>(...aggregates: A): AggregateResult<A>;'],
  ['annotate', 'annotate<const A extends readonly AnnotationArg[]>(...annotations: A): QuerySet<M, Row & AnnotatedRow<A>, Ann | AnnotationNames<A>>;'],
  ['alias', 'alias<const A extends readonly AnnotationArg[]>(...aliases: A): QuerySet<M, Row, Ann | AnnotationNames<A>>;'],
  ['values', 'values<const A extends readonly (FieldPath<M, Ann> | Annotations)[]>(...fields: A): QuerySet<M, ValuesRow<M, Row, A>, Ann | AnnotationNames<A>>;'],
  ['values_list', 'values_list<const A extends readonly (FieldPath<M, Ann> | ExpressionLike | ValuesListOptions)[]>(...fields: A): QuerySet<M, ValuesListRow<M, Row, A>, Ann>;'],
  ['order_by', 'order_by(...fields: (OrderName<M, Ann> | ExpressionLike)[]): QuerySet<M, Row, Ann>;'],
  ['reverse', 'reverse(): QuerySet<M, Row, Ann>;'],
  ['distinct', 'distinct(...fields: FieldPath<M, Ann>[]): QuerySet<M, Row, Ann>;'],
  ['select_related', "select_related(...fields: (SchemaOf<M>['select'] | null)[]): QuerySet<M, Row, Ann>;"],
  [
    'prefetch_related',
    "prefetch_related<const P extends readonly (SchemaOf<M>['prefetch'] | Prefetch<SchemaOf<M>['prefetch'], string, any> | null)[]>(...lookups: P): QuerySet<M, Row & ToAttrs<P>, Ann>;",
  ],
  ['select_for_update', 'select_for_update(options?: { nowait?: boolean; skip_locked?: boolean; of?: readonly string[]; no_key?: boolean }): QuerySet<M, Row, Ann>;'],
  ['only', "only(...fields: SchemaOf<M>['paths'][]): QuerySet<M, Row, Ann>;"],
  ['defer', "defer(...fields: (SchemaOf<M>['paths'] | null)[]): QuerySet<M, Row, Ann>;"],
  ['none', 'none(): QuerySet<M, Row, Ann>;'],
  ['using', 'using(alias: string): QuerySet<M, Row, Ann>;'],
  ['iterator', 'iterator(options?: { chunk_size?: number }): IterableIterator<Row>;'],
  ['update', "update(fields: SchemaOf<M>['update']): number;"],
  ['explain', 'explain(options?: { format?: string | null }): string;'],
  ['raw', 'raw(sql: string, params?: readonly unknown[], options?: { translations?: { [column: string]: string }; using?: string }): RawQuerySet<M & RawColumns>;'],
  [
    'extra',
    'extra<const E extends { readonly [name: string]: string } = {}>(options: { select?: E; select_params?: readonly unknown[] }): QuerySet<M, Row & { [K in keyof E]: any }, Ann | (keyof E & string)>;',
  ],
  ['complex_filter', 'complex_filter(filter: FilterArg<M, Ann>): QuerySet<M, Row, Ann>;'],
];

const querysetOnly: Member[] = [
  ['delete', 'delete(): [number, { [label: string]: number }];'],
  ['slice', 'slice(start?: number | null, stop?: number | null): QuerySet<M, Row, Ann>;'],
  ['at', 'at(index: number): Row;'],
  ['map', 'map<U>(fn: (row: Row, index: number) => U): U[];'],
  ['ordered', 'readonly ordered: boolean;'],
  ['db', 'readonly db: string;'],
];

const managerOnly: Member[] = [
  ['get_queryset', 'get_queryset(): QuerySet<M>;'],
  ['db_manager', 'db_manager(using?: string | null, hints?: { [hint: string]: unknown }): this;'],
  ['db', 'readonly db: string;'],
];

const relatedManagerMethods: Member[] = [
  ['related_add', 'add(...objs: M[]): void;'],
  ['related_remove', 'remove(...objs: M[]): void;'],
  ['related_clear', 'clear(): void;'],
  ['related_set', 'set(objs: Iterable<M>, options?: { clear?: boolean }): void;'],
];

const manyRelatedManagerMethods: Member[] = [
  ['related_add', 'add(...objs: (M | number)[]): void;'],
  ['related_remove', 'remove(...objs: (M | number)[]): void;'],
  ['related_clear', 'clear(): void;'],
  ['related_set', 'set(objs: Iterable<M | number>, options?: { clear?: boolean }): void;'],
];

export function querysetDeclarations(): string {
  return `declare namespace OrmLab {
  interface BulkCreateOptions<Names extends string> {
    /** Rows per INSERT (SQLite allows at most 999 parameters per statement). */
    batch_size?: number;
    /** \`INSERT OR IGNORE\`: skip rows that violate a constraint (their pk is not set). */
    ignore_conflicts?: boolean;
    /** Upsert: \`ON CONFLICT (unique_fields) DO UPDATE SET update_fields\`. */
    update_conflicts?: boolean;
    update_fields?: readonly Names[];
    unique_fields?: readonly (Names | 'pk')[];
  }
  /** Columns of a raw() query that are not fields become attributes. */
  interface RawColumns { readonly [column: string]: any }
  /** \`Post.tags\` read from the class (Django's ManyToManyDescriptor): \`Post.tags.through\` is the join model, the sender of m2m_changed. */
  interface ManyToManyDescriptor {
    readonly field: Field;
    readonly through: AnyModelClass;
  }
  /** The query state behind a QuerySet (Django's sql.Query). */
  interface Query {}
  interface QuerySetMethods<M, Row, Ann extends string> {
${members(sharedMethods, '    ')}
  }
}
${jsdoc(globalDocs.QuerySet)}
declare class QuerySet<M = Model, Row = M, Ann extends string = never> implements Iterable<Row> {
  /** The model class. */
  readonly model: OrmLab.ModelClass<M>;
  /** The query state (Django's \`qs.query\`). */
  readonly query: OrmLab.Query;
  [Symbol.iterator](): Iterator<Row>;
${members(querysetOnly, '  ')}
}
interface QuerySet<M = Model, Row = M, Ann extends string = never> extends OrmLab.QuerySetMethods<M, Row, Ann> {}
${jsdoc(globalDocs.Manager)}
declare class Manager<M = Model> {
  constructor();
  /** The model class. */
  readonly model: OrmLab.ModelClass<M>;
  /** The attribute name on the model (\`objects\`). */
  readonly name: string;
${members(managerOnly, '  ')}
}
interface Manager<M = Model> extends OrmLab.QuerySetMethods<M, M, never> {}
/** \`author.post_set\`: the objects whose foreign key points to this one. \`.all()\` reads the prefetch_related() cache when there is one; \`.filter()\` always queries. */
interface RelatedManager<M = Model> extends Manager<M> {
${members(relatedManagerMethods, '  ')}
}
/** \`post.tags\` / \`tag.post_set\`: the objects linked through a many-to-many join table. \`.all()\` reads the prefetch_related() cache when there is one. */
interface ManyRelatedManager<M = Model> extends Manager<M> {
${members(manyRelatedManagerMethods, '  ')}
}
${jsdoc(globalDocs.RawQuerySet)}
declare class RawQuerySet<M = Model> implements Iterable<M> {
  readonly raw_query: string;
  readonly params: readonly unknown[];
  readonly model: OrmLab.ModelClass<M>;
  /** The column names of the result (runs the query). */
  readonly columns: string[];
  [Symbol.iterator](): Iterator<M>;
  prefetch_related(...lookups: (OrmLab.SchemaOf<M>['prefetch'] | Prefetch<OrmLab.SchemaOf<M>['prefetch'], string, any> | null)[]): RawQuerySet<M>;
  using(alias: string): RawQuerySet<M>;
  at(index: number): M;
}
/** A prefetch_related() lookup with a queryset and/or \`to_attr\`. */
interface Prefetch<L extends string = string, A extends string = string, R = any> {
  /** The relation path to follow: \`'post_set'\`, \`'post_set__tags'\`. */
  readonly prefetch_through: L;
  readonly prefetch_to: string;
  readonly to_attr: A | null;
  readonly queryset: QuerySet<any, R, any> | null;
}
${jsdoc(globalDocs.Prefetch)}
declare const Prefetch: {
  <const L extends string, const A extends string = never, R = any>(lookup: L, options?: { queryset?: QuerySet<any, R, any> | null; to_attr?: A | null }): Prefetch<L, A, R>;
  new <const L extends string, const A extends string = never, R = any>(lookup: L, options?: { queryset?: QuerySet<any, R, any> | null; to_attr?: A | null }): Prefetch<L, A, R>;
};
${jsdoc(globalDocs.prefetch_related_objects)}
declare function prefetch_related_objects(instances: Iterable<Model | OrmLab.ModelInstance<any>>, ...lookups: (string | Prefetch)[]): void;`;
}
