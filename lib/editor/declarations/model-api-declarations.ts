import { fieldFactories } from '../field-types';
import { globalDocs, type GlobalDocName } from '../global-docs';
import { jsdoc } from '../jsdoc';
import { querysetDocs } from '../queryset-docs';

const doc = (name: GlobalDocName, indent = '') => jsdoc(globalDocs[name], indent);

/** Field, its options, Model._meta, on_delete handlers. */
function fieldTypes(): string {
  return `declare namespace OrmLab {
  interface FieldOptions {
    /** Allow NULL in the column. */
    null?: boolean;
    /** Allow an empty value in forms and validation. */
    blank?: boolean;
    /** The value for new objects (a function is called each time). */
    default?: unknown;
    /** A UNIQUE constraint. */
    unique?: boolean;
    /** Create an index on the column. */
    db_index?: boolean;
    primary_key?: boolean;
    db_column?: string;
    verbose_name?: string;
    help_text?: string;
    editable?: boolean;
    choices?: ReadonlyArray<readonly [unknown, string]>;
    max_length?: number;
  }
  interface CharFieldOptions extends FieldOptions { db_collation?: string }
  interface DecimalFieldOptions extends FieldOptions { max_digits?: number; decimal_places?: number }
  interface DateFieldOptions extends FieldOptions {
    /** Set to now on every save(). */
    auto_now?: boolean;
    /** Set to now when the object is created. */
    auto_now_add?: boolean;
  }
  /** What happens to the objects pointing here when the target is deleted. */
  interface OnDelete { (collector: unknown, field: Field, sub_objs: unknown, using: string): void }
  interface ForeignKeyOptions extends FieldOptions {
    /** CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, SET(...) or DO_NOTHING. */
    on_delete: OnDelete;
    /** The reverse accessor on the target model (default \`<model>_set\`); also its query name. */
    related_name?: string;
    /** The name used in the target model's lookups (default: related_name, or the model name). */
    related_query_name?: string;
    to_field?: string;
    db_constraint?: boolean;
  }
  interface ManyToManyOptions extends FieldOptions {
    related_name?: string;
    related_query_name?: string;
    /** Your own join model instead of the auto-created one. */
    through?: ModelRef;
    db_table?: string;
  }
  /** A model class, a function returning one (for models declared later), or a name ('Author', 'blog.Author', 'self'). */
  type ModelRef = AnyModelClass | (() => AnyModelClass) | string;
  /** Any model class, generated or declared in learner code. */
  interface AnyModelClass { readonly _meta: Options }
  interface FieldFactory<Params extends unknown[]> {
    (...args: Params): Field;
    new (...args: Params): Field;
  }
  /** The reverse side of a relation, as the related model sees it (\`author.post_set\`, query name \`post\`). */
  interface ForeignObjectRel {
    readonly is_relation: true;
    /** The query name: \`post\` in \`Author.objects.filter({ post__title: ... })\`. */
    readonly name: string;
    readonly field: Field;
    readonly model: AnyModelClass;
    readonly related_model: AnyModelClass;
    readonly many_to_many: boolean;
    readonly one_to_many: boolean;
    readonly one_to_one: boolean;
    readonly hidden: boolean;
    /** The attribute on the model: \`post_set\`, or related_name. */
    get_accessor_name(): string | null;
  }
  /** A model's metadata (Django's \`Model._meta\`). */
  interface Options {
    readonly model: AnyModelClass;
    readonly object_name: string;
    readonly model_name: string;
    readonly app_label: string;
    readonly db_table: string;
    readonly label: string;
    readonly label_lower: string;
    readonly verbose_name: string;
    readonly verbose_name_plural: string;
    readonly ordering: readonly (string | Combinable)[];
    readonly indexes: readonly Index[];
    readonly unique_together: string[][];
    readonly pk: Field;
    /** Fields with a column, in declaration order (the pk first). */
    readonly concrete_fields: Field[];
    readonly local_fields: Field[];
    readonly fields: Field[];
    readonly local_many_to_many: Field[];
    readonly many_to_many: Field[];
    /** Relations from other models pointing at this one. */
    readonly related_objects: ForeignObjectRel[];
    get_field(name: string): Field | ForeignObjectRel;
    get_fields(include_hidden?: boolean): (Field | ForeignObjectRel)[];
  }
  /** A model's \`static Meta = { ... }\`, with Django's option names. */
  interface MetaOptions {
    /** The table name (default \`<app_label>_<model_name>\`). */
    db_table?: string;
    /** The default order of querysets: \`['-created_at']\`. */
    ordering?: readonly (string | Combinable)[];
    /** Indexes over one or more fields: \`[Index({ fields: ['published_date', 'category'] })]\`. */
    indexes?: readonly Index[];
    unique_together?: readonly (readonly string[])[] | readonly string[];
    app_label?: string;
    verbose_name?: string;
    verbose_name_plural?: string;
    default_related_name?: string;
  }
  interface IndexOptions {
    /** Field names; \`'-field'\` for a descending column. */
    fields: readonly string[];
    name?: string;
    /** A partial index: \`condition: Q({ published: true })\` (needs a name). */
    condition?: Q;
  }
}
${doc('Field')}
declare abstract class Field {
  /** The attribute name. */
  readonly name: string;
  /** The attribute holding the column value (\`author_id\` for a foreign key). */
  readonly attname: string;
  readonly column: string;
  readonly model: OrmLab.AnyModelClass;
  readonly null: boolean;
  readonly blank: boolean;
  readonly primary_key: boolean;
  readonly db_index: boolean;
  readonly unique: boolean;
  readonly max_length: number | null;
  readonly is_relation: boolean;
  readonly many_to_one: boolean;
  readonly many_to_many: boolean;
  readonly one_to_many: boolean;
  readonly one_to_one: boolean;
  readonly related_model: OrmLab.AnyModelClass | null;
  readonly remote_field: OrmLab.ForeignObjectRel | null;
  /** Django's field class name: 'CharField', 'ForeignKey', ... */
  get_internal_type(): string;
}
${fieldFactories.map((f) => `${jsdoc(f.doc)}\ndeclare const ${f.name}: OrmLab.FieldFactory<[${f.params}]>;`).join('\n')}
${(['CASCADE', 'PROTECT', 'RESTRICT', 'SET_NULL', 'SET_DEFAULT', 'DO_NOTHING'] as const).map((n) => `${doc(n)}\ndeclare const ${n}: OrmLab.OnDelete;`).join('\n')}
${doc('SET')}
declare function SET(value: unknown): OrmLab.OnDelete;
interface Index {
  readonly fields: readonly string[];
  readonly condition: Q | null;
}
${doc('Index')}
declare const Index: { (options: OrmLab.IndexOptions): Index; new (options: OrmLab.IndexOptions): Index };`;
}

/** Model (the class learners extend), instances, and the class type of generated models. */
function modelTypes(): string {
  return `declare namespace OrmLab {
  interface SaveOptions<Names extends string> {
    force_insert?: boolean;
    force_update?: boolean;
    using?: string;
    /** Write only these fields: \`UPDATE ... SET "title" = ...\`. */
    update_fields?: readonly Names[];
  }
  /** Where an instance lives and what is cached on it (Django's ModelState). */
  interface ModelState {
    db: string | null;
    adding: boolean;
    /** Related objects already loaded (\`post.author\` once fetched or select_related). */
    fields_cache: { [name: string]: unknown } | null;
  }
  /** What every model instance has; \`Names\` are its concrete field names. */
  interface ModelInstance<Names extends string = string> {
${doc('model_pk', '    ')}
    pk: any;
    readonly _state: ModelState;
${jsdoc(querysetDocs.save, '    ')}
    save(options?: SaveOptions<Names>): void;
${jsdoc(querysetDocs.instance_delete, '    ')}
    delete(options?: { using?: string; keep_parents?: boolean }): [number, { [label: string]: number }];
${jsdoc(querysetDocs.refresh_from_db, '    ')}
    refresh_from_db(options?: { using?: string; fields?: readonly Names[] }): void;
    /** Names of the fields not loaded yet (only()/defer()). */
    get_deferred_fields(): Set<string>;
    serializable_value(field_name: Names): unknown;
    /** Django's \`==\`: the same model and primary key. */
    equals(other: unknown): boolean;
    toString(): string;
  }
  /** The class of a generated model: \`Post\` is a \`ModelClass<Post>\`. */
  interface ModelClass<M> extends AnyModelClass {
    new (fields?: SchemaOf<M>['create']): M;
    readonly prototype: M;
${doc('model_objects', '    ')}
    readonly objects: Manager<M>;
    readonly _default_manager: Manager<M>;
    readonly _base_manager: Manager<M>;
${doc('model_meta', '    ')}
    readonly _meta: Options;
${doc('model_DoesNotExist', '    ')}
    readonly DoesNotExist: typeof ObjectDoesNotExist;
${doc('model_MultipleObjectsReturned', '    ')}
    readonly MultipleObjectsReturned: typeof MultipleObjectsReturned;
    readonly fields: { readonly [name: string]: Field };
    readonly Meta: MetaOptions;
    readonly name: string;
  }
}
${doc('Model')}
declare class Model {
  /** The model's fields, by attribute name. */
  static fields: { [name: string]: Field };
  /** Django's \`class Meta\`: db_table, ordering, indexes, unique_together. */
  static Meta: OrmLab.MetaOptions;
${doc('model_objects', '  ')}
  static readonly objects: Manager<Model>;
  static readonly _default_manager: Manager<Model>;
  static readonly _base_manager: Manager<Model>;
${doc('model_meta', '  ')}
  static readonly _meta: OrmLab.Options;
${doc('model_DoesNotExist', '  ')}
  static readonly DoesNotExist: typeof ObjectDoesNotExist;
${doc('model_MultipleObjectsReturned', '  ')}
  static readonly MultipleObjectsReturned: typeof MultipleObjectsReturned;
  constructor(fields?: { [name: string]: unknown });
  /** Fields of models declared in learner code are not known to the editor: any attribute reads as \`any\`. */
  [attribute: string]: any;
}
interface Model extends OrmLab.ModelInstance<string> {}`;
}

export function modelApiDeclarations(): string {
  return [fieldTypes(), modelTypes()].join('\n');
}
