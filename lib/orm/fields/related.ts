import { FieldError, ValueError } from '../errors';
import type { Col } from '../expressions/core';
import { findLookup, findTransform, type LookupClassLike } from '../lookups/registry';
import type { Model, ModelClass } from '../model';
import type { Options } from '../options';
import { Field, type FieldOptions } from './field';
import { SET_NULL, type OnDeleteHandler } from './on-delete';

/** One step of a join path (Django's PathInfo). */
export interface PathInfo {
  from_opts: Options;
  to_opts: Options;
  target_fields: Field[];
  join_field: ForeignKey | ForeignObjectRel;
  /** Whether this step can multiply rows (reverse FK, M2M): exclude() then needs a subquery. */
  m2m: boolean;
  direct: boolean;
}

/** What the query needs from something it can join through. */
export interface RelatedFieldLike {
  readonly path_infos: PathInfo[];
  readonly related_fields: [Field, Field][];
  readonly foreign_related_fields: Field[];
}

export type OnDelete = OnDeleteHandler;

export type ModelRef = ModelClass | (() => ModelClass) | string;

export interface RelationOptions extends FieldOptions {
  on_delete?: OnDelete;
  related_name?: string;
  related_query_name?: string;
  to_field?: string;
  db_constraint?: boolean;
}

function resolveModelRef(ref: ModelRef, from: ModelClass): ModelClass {
  if (typeof ref === 'string') {
    if (ref === 'self') return from;
    return from._meta.apps.get_model(ref.includes('.') ? ref : `${from._meta.app_label}.${ref}`);
  }
  // A class is itself a function: tell a model class (has `objects`/_meta machinery) from a thunk.
  if ((ref as { isModelClass?: boolean }).isModelClass) return ref as ModelClass;
  return (ref as () => ModelClass)();
}

/**
 * The reverse side of a relation, as the related model sees it: `author.post_set`
 * and the query name `post` in `Author.objects.filter({ post__title: ... })`.
 */
export class ForeignObjectRel {
  readonly is_relation = true;
  readonly concrete = false;
  readonly auto_created = true;
  readonly null = true;
  readonly editable = false;
  readonly many_to_many: boolean = false;
  readonly many_to_one: boolean = false;
  readonly one_to_many: boolean = true;
  readonly one_to_one: boolean = false;

  constructor(
    readonly field: ForeignKey | ManyToManyField,
    readonly related_name: string | null,
    readonly related_query_name_: string | null,
    readonly on_delete: OnDelete | null,
  ) {}

  /** The model the relation points at (where the reverse accessor lives). */
  get model(): ModelClass {
    return this.field.related_model;
  }

  /** The model holding the forward field. */
  get related_model(): ModelClass {
    return this.field.model;
  }

  get remote_field(): ForeignKey | ManyToManyField {
    return this.field;
  }

  get name(): string {
    return this.field.related_query_name();
  }

  get hidden(): boolean {
    return !!this.related_name && this.related_name.endsWith('+');
  }

  get path_infos(): PathInfo[] {
    return this.field.reverse_path_infos;
  }

  get target_field(): Field {
    const infos = this.path_infos;
    const targets = infos[infos.length - 1].target_fields;
    if (targets.length > 1) throw new FieldError("Can't use target_field for multicolumn relations.");
    return targets[0];
  }

  get_joining_fields(): [Field, Field][] {
    return (this.field as ForeignKey).get_joining_fields().map(([l, r]) => [r, l]);
  }

  get_lookup(name: string): LookupClassLike | undefined {
    return this.field.get_lookup(name);
  }

  get_transform(name: string): LookupClassLike | undefined {
    return this.field.get_transform(name);
  }

  get_lookups(): string[] {
    return this.field.get_lookups();
  }

  /** The attribute on the related model: `post_set`, or related_name. */
  get_accessor_name(): string | null {
    if (this.hidden) return null;
    if (this.related_name) return this.related_name;
    return this.related_model._meta.model_name + (this.one_to_one ? '' : '_set');
  }

  get_cache_name(): string {
    return this.get_accessor_name() ?? `_${this.name}_cache`;
  }

  get_internal_type(): string {
    return this.field.get_internal_type();
  }

  toString(): string {
    return `<${this.constructor.name}: ${this.related_model._meta.label_lower}.${this.field.name}>`;
  }
}

export class ManyToOneRel extends ForeignObjectRel {}

export class OneToOneRel extends ForeignObjectRel {
  override readonly one_to_many = false;
  override readonly one_to_one = true;
}

export class ManyToManyRel extends ForeignObjectRel {
  override readonly one_to_many = false;
  override readonly many_to_many = true;
}

/**
 * A foreign key: the `author_id` column, the lazy `post.author` attribute,
 * and `author.post_set` on the other side.
 *
 * @example
 * static fields = { author: ForeignKey(() => Author, { on_delete: CASCADE }) }
 */
export class ForeignKey extends Field {
  static override module = 'django.db.models.fields.related';
  override is_relation = true;
  override many_to_one = true;
  override empty_strings_allowed = false;
  readonly on_delete: OnDelete;
  readonly to_field: string | null;
  readonly db_constraint: boolean;
  declare remote_field: ManyToOneRel;
  private readonly toRef: ModelRef;
  private resolvedModel: ModelClass | null = null;

  constructor(to: ModelRef, options: RelationOptions = {}) {
    super({ db_index: true, ...options });
    if (!options.on_delete) throw new ValueError(`${new.target.name}() missing required argument: 'on_delete'`);
    this.toRef = to;
    this.on_delete = options.on_delete;
    this.to_field = options.to_field ?? null;
    this.db_constraint = options.db_constraint ?? true;
    this.remote_field = this.makeRel(options);
  }

  protected makeRel(options: RelationOptions): ManyToOneRel {
    return new ManyToOneRel(this, options.related_name ?? null, options.related_query_name ?? null, this.on_delete);
  }

  get_internal_type(): string {
    return 'ForeignKey';
  }

  override get_attname(): string {
    return `${this.name}_id`;
  }

  override get related_model(): ModelClass {
    this.resolvedModel ??= resolveModelRef(this.toRef, this.model);
    return this.resolvedModel;
  }

  /** The field on the related model this key stores (its pk unless to_field). */
  get target_field(): Field {
    const opts = this.related_model._meta;
    return this.to_field ? (opts.get_field(this.to_field) as Field) : opts.pk;
  }

  get related_fields(): [Field, Field][] {
    return [[this, this.target_field]];
  }

  get foreign_related_fields(): Field[] {
    return [this.target_field];
  }

  get local_related_fields(): Field[] {
    return [this];
  }

  get_joining_fields(): [Field, Field][] {
    return this.related_fields;
  }

  get path_infos(): PathInfo[] {
    return [
      {
        from_opts: this.model._meta,
        to_opts: this.related_model._meta,
        target_fields: this.foreign_related_fields,
        join_field: this,
        m2m: false,
        direct: true,
      },
    ];
  }

  get reverse_path_infos(): PathInfo[] {
    const opts = this.model._meta;
    return [
      {
        from_opts: this.related_model._meta,
        to_opts: opts,
        target_fields: [opts.pk],
        join_field: this.remote_field,
        m2m: !this.unique,
        direct: false,
      },
    ];
  }

  /** The name the related model uses in queries: `post` in `Author.objects.filter({ post__title })`. */
  related_query_name(): string {
    return (
      this.remote_field.related_query_name_ ??
      (this.remote_field.related_name && !this.remote_field.related_name.endsWith('+') ? this.remote_field.related_name : null) ??
      this.model._meta.default_related_name ??
      this.model._meta.model_name
    );
  }

  override db_type(): string | null {
    return this.target_field.rel_db_type();
  }

  override get_prep_value(value: unknown): unknown {
    return this.target_field.get_prep_value(value);
  }

  override get_db_prep_value(value: unknown, prepared = false): unknown {
    return this.target_field.get_db_prep_value(value, prepared);
  }

  override get_default(): unknown {
    const value = super.get_default();
    if (value && typeof value === 'object' && (value as Model)._state) {
      return (value as unknown as Record<string, unknown>)[this.target_field.attname];
    }
    return value;
  }

  override get_col(alias: string | null, outputField?: Field): Col {
    let out: Field = outputField ?? this.target_field;
    while (out instanceof ForeignKey && out !== this) out = out.target_field;
    return super.get_col(alias, out);
  }

  override get_lookup(name: string): LookupClassLike | undefined {
    return findLookup(ForeignKey, name) ?? findLookup(Field, name);
  }

  override get_transform(name: string): LookupClassLike | undefined {
    return findTransform(this.target_field.constructor, name);
  }

  override get_lookups(): string[] {
    return this.target_field.get_lookups();
  }

  override check(): string[] {
    const errors: string[] = [];
    if (this.on_delete === SET_NULL && !this.null) {
      errors.push("Field specifies on_delete=SET_NULL, but cannot be null.");
    }
    return errors;
  }
}

/** A unique foreign key: `profile.user`, and `user.profile` on the other side. */
export class OneToOneField extends ForeignKey {
  override many_to_one = false;
  override one_to_one = true;

  constructor(to: ModelRef, options: RelationOptions = {}) {
    super(to, { ...options, unique: true });
  }

  protected override makeRel(options: RelationOptions): ManyToOneRel {
    return new OneToOneRel(this, options.related_name ?? null, options.related_query_name ?? null, this.on_delete);
  }

  override get_internal_type(): string {
    return 'OneToOneField';
  }
}

export interface ManyToManyOptions extends FieldOptions {
  related_name?: string;
  related_query_name?: string;
  through?: ModelRef;
  db_table?: string;
}

/**
 * A many-to-many relation through a join table (`blog_post_tags`), with
 * `post.tags` and `tag.post_set` managers.
 */
export class ManyToManyField extends Field {
  static override module = 'django.db.models.fields.related';
  override is_relation = true;
  override many_to_many = true;
  override concrete = false;
  declare remote_field: ManyToManyRel;
  readonly db_table: string | null;
  private readonly toRef: ModelRef;
  private readonly throughRef: ModelRef | null;
  private resolvedModel: ModelClass | null = null;
  private resolvedThrough: ModelClass | null = null;

  constructor(to: ModelRef, options: ManyToManyOptions = {}) {
    super(options);
    this.toRef = to;
    this.throughRef = options.through ?? null;
    this.db_table = options.db_table ?? null;
    this.remote_field = new ManyToManyRel(this, options.related_name ?? null, options.related_query_name ?? null, null);
  }

  get_internal_type(): string {
    return 'ManyToManyField';
  }

  override get related_model(): ModelClass {
    this.resolvedModel ??= resolveModelRef(this.toRef, this.model);
    return this.resolvedModel;
  }

  /** The join model (auto-created `Post_tags` unless `through` is given). */
  get through(): ModelClass {
    if (!this.resolvedThrough) {
      this.resolvedThrough = this.throughRef ? resolveModelRef(this.throughRef, this.model) : this.model._meta.apps.createThroughModel(this);
    }
    return this.resolvedThrough;
  }

  get auto_created_through(): boolean {
    return this.throughRef === null;
  }

  /** The table of an auto-created join model: `<model table>_<field name>`. */
  m2m_db_table(): string {
    return this.db_table ?? `${this.model._meta.db_table}_${this.name}`;
  }

  private linkField(toSource: boolean): ForeignKey {
    const target = toSource ? this.model : this.related_model;
    const through = this.through._meta;
    const candidates = through.local_fields.filter(
      (f): f is ForeignKey => f instanceof ForeignKey && f.related_model === target,
    );
    if (this.model === this.related_model && candidates.length >= 2) return toSource ? candidates[0] : candidates[1];
    if (!candidates.length) throw new FieldError(`${through.object_name} has no foreign key to ${target._meta.object_name}.`);
    return candidates[0];
  }

  /** The join-table column pointing at this model: `post` (`post_id`). */
  m2m_field(): ForeignKey {
    return this.linkField(true);
  }

  /** The join-table column pointing at the related model: `tag` (`tag_id`). */
  m2m_reverse_field(): ForeignKey {
    return this.linkField(false);
  }

  m2m_column_name(): string {
    return this.m2m_field().column;
  }

  m2m_reverse_name(): string {
    return this.m2m_reverse_field().column;
  }

  get path_infos(): PathInfo[] {
    return [...this.m2m_field().reverse_path_infos, ...this.m2m_reverse_field().path_infos];
  }

  get reverse_path_infos(): PathInfo[] {
    return [...this.m2m_reverse_field().reverse_path_infos, ...this.m2m_field().path_infos];
  }

  get related_fields(): [Field, Field][] {
    return this.m2m_reverse_field().related_fields;
  }

  get foreign_related_fields(): Field[] {
    return this.m2m_reverse_field().foreign_related_fields;
  }

  get_joining_fields(): [Field, Field][] {
    return this.m2m_field().get_joining_fields();
  }

  related_query_name(): string {
    return (
      this.remote_field.related_query_name_ ??
      (this.remote_field.related_name && !this.remote_field.related_name.endsWith('+') ? this.remote_field.related_name : null) ??
      this.model._meta.default_related_name ??
      this.model._meta.model_name
    );
  }

  override db_type(): null {
    return null;
  }

  override get_lookup(name: string): LookupClassLike | undefined {
    return findLookup(ForeignKey, name) ?? findLookup(Field, name);
  }

  override value_from_object(instance: Model): unknown {
    return instance.pk === null ? [] : (instance as unknown as Record<string, { all(): unknown }>)[this.name].all();
  }
}
