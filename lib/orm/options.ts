import type { Apps } from './apps';
import { FieldDoesNotExist } from './errors';
import type { Expression } from './expressions/core';
import type { Field } from './fields/field';
import { ForeignObjectRel, ManyToManyField } from './fields/related';
import type { Index } from './indexes';
import type { Manager } from './manager';
import type { ModelClass } from './model';

/** A model's `static Meta = { ... }`, with Django's option names. */
export interface MetaOptions {
  db_table?: string;
  ordering?: (string | Expression)[];
  indexes?: Index[];
  unique_together?: string[][] | string[];
  app_label?: string;
  verbose_name?: string;
  verbose_name_plural?: string;
  default_related_name?: string;
  /** Set on auto-created M2M through models (the model whose field made it). */
  auto_created?: ModelClass | false;
}

/**
 * A model's metadata (Django's `Model._meta`): its table, fields, relations
 * pointing at it, ordering and indexes.
 */
export class Options {
  readonly object_name: string;
  readonly model_name: string;
  readonly app_label: string;
  readonly db_table: string;
  readonly ordering: (string | Expression)[];
  readonly indexes: Index[];
  readonly unique_together: string[][];
  readonly verbose_name: string;
  readonly verbose_name_plural: string;
  readonly default_related_name: string | null;
  readonly auto_created: ModelClass | false;
  local_fields: Field[] = [];
  local_many_to_many: ManyToManyField[] = [];
  pk!: Field;
  /** The implicit `id` AutoField, when the model declares no primary key. */
  auto_field: Field | null = null;
  default_manager!: Manager;
  base_manager!: Manager;
  managers: Manager[] = [];
  private forwardMap: Map<string, Field> | null = null;
  private relatedCache: ForeignObjectRel[] | null = null;
  private namesCache: Set<string> | null = null;

  constructor(
    readonly model: ModelClass,
    readonly apps: Apps,
    meta: MetaOptions,
  ) {
    this.object_name = model.name;
    this.model_name = model.name.toLowerCase();
    this.app_label = meta.app_label ?? apps.default_app_label;
    this.db_table = meta.db_table ?? `${this.app_label}_${this.model_name}`;
    this.ordering = meta.ordering ?? [];
    this.indexes = meta.indexes ?? [];
    const ut = meta.unique_together ?? [];
    this.unique_together = ut.length && typeof ut[0] === 'string' ? [ut as string[]] : (ut as string[][]);
    this.verbose_name = meta.verbose_name ?? model.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    this.verbose_name_plural = meta.verbose_name_plural ?? `${this.verbose_name}s`;
    this.default_related_name = meta.default_related_name ?? null;
    this.auto_created = meta.auto_created ?? false;
  }

  get label(): string {
    return `${this.app_label}.${this.object_name}`;
  }

  get label_lower(): string {
    return `${this.app_label}.${this.model_name}`;
  }

  get concrete_model(): ModelClass {
    return this.model;
  }

  /** Fields with a column, in declaration order (the pk first). */
  get concrete_fields(): Field[] {
    return this.local_fields;
  }

  get local_concrete_fields(): Field[] {
    return this.local_fields;
  }

  /** Forward fields that are not many-to-many. */
  get fields(): Field[] {
    return this.local_fields;
  }

  get many_to_many(): ManyToManyField[] {
    return this.local_many_to_many;
  }

  /** Relations from other models pointing at this one (hidden ones excluded, except M2M). */
  get related_objects(): ForeignObjectRel[] {
    return this.allRelatedObjects().filter((r) => !r.hidden || r.many_to_many);
  }

  /** Every relation pointing at this model, hidden ones included (for cascading deletes). */
  allRelatedObjects(): ForeignObjectRel[] {
    if (!this.relatedCache) {
      const rels: ForeignObjectRel[] = [];
      for (const model of this.apps.get_models(true)) {
        const opts = model._meta;
        for (const f of [...opts.local_fields, ...opts.local_many_to_many]) {
          if (f.is_relation && f.remote_field && relatedModelOf(f) === this.model) rels.push(f.remote_field);
        }
      }
      this.relatedCache = rels;
    }
    return this.relatedCache;
  }

  /** Fields and reverse relations, as Django's get_fields(): reverse relations first. */
  get_fields(include_hidden = false): (Field | ForeignObjectRel)[] {
    const reverse = this.allRelatedObjects().filter((r) => include_hidden || !r.hidden);
    return [...reverse, ...this.local_fields, ...this.local_many_to_many];
  }

  /** The names and attnames of get_fields(): what an annotation may not be called (read-only). */
  fieldNamesAndAttnames(): ReadonlySet<string> {
    this.namesCache ??= new Set(this.get_fields().flatMap((f) => ('attname' in f && f.attname ? [f.name, f.attname] : [f.name])));
    return this.namesCache;
  }

  get_field(name: string): Field | ForeignObjectRel {
    this.forwardMap ??= new Map(
      [...this.local_fields, ...this.local_many_to_many].flatMap((f) => [
        [f.name, f],
        [f.attname, f],
      ]),
    );
    const forward = this.forwardMap.get(name);
    if (forward) return forward;
    for (const rel of this.allRelatedObjects()) if (rel.name === name) return rel;
    throw new FieldDoesNotExist(`${this.object_name} has no field named '${name}'`);
  }

  add_field(field: Field): void {
    if (field instanceof ManyToManyField) this.local_many_to_many.push(field);
    else this.local_fields.push(field);
    if (field.primary_key) this.pk = field;
    if (field.get_internal_type() === 'AutoField' || field.get_internal_type() === 'BigAutoField') this.auto_field = field;
    this.expire_cache();
  }

  expire_cache(): void {
    this.forwardMap = null;
    this.relatedCache = null;
    this.namesCache = null;
  }

  toString(): string {
    return this.label_lower;
  }
}

function relatedModelOf(field: Field): ModelClass | null {
  try {
    return field.related_model;
  } catch {
    return null;
  }
}
