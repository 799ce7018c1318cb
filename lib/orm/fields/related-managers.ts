import { PyTypeError, ValueError } from '../errors';
import { Manager } from '../manager';
import type { Model, ModelClass } from '../model';
import { Q } from '../q';
import type { QuerySet } from '../queryset';
import { router } from '../router';
import { m2m_changed } from '../signals';
import { atomic } from '../transaction';
import type { ForeignKey, ForeignObjectRel, ManyToManyField } from './related';

function prefetchedCache(instance: Model): Record<string, unknown> | undefined {
  return instance._prefetched_objects_cache;
}

const causes = new WeakMap<Function, Map<string, string>>();

/**
 * `related manager Post.tags`: one string per model and accessor, not one per instance
 * (a prefetch stores a queryset with this cause on every instance it fills).
 */
function relatedManagerCause(instance: Model, accessor: string): string {
  const cls = instance.constructor;
  let byAccessor = causes.get(cls);
  if (!byAccessor) causes.set(cls, (byAccessor = new Map()));
  let cause = byAccessor.get(accessor);
  if (cause === undefined) byAccessor.set(accessor, (cause = `related manager ${cls.name}.${accessor}`));
  return cause;
}

function reprOf(value: unknown): string {
  const r = (value as { __repr__?: () => string }).__repr__;
  return typeof r === 'function' ? r.call(value) : String(value);
}

/**
 * `author.post_set`: the posts of one author. `.all()` uses prefetch_related's
 * cache when there is one; `.filter()` always queries.
 */
export class RelatedManager<T extends Model = Model> extends Manager<T> {
  readonly field: ForeignKey;
  readonly core_filters: Record<string, unknown>;

  constructor(
    readonly rel: ForeignObjectRel,
    readonly instance: Model,
  ) {
    super();
    this.model = rel.related_model as ModelClass<T>;
    this.name = rel.get_accessor_name() ?? '';
    this.field = rel.field as ForeignKey;
    this.core_filters = { [this.field.name]: instance };
  }

  private checkFkVal(): void {
    for (const f of this.field.foreign_related_fields) {
      if (this.instance[f.attname] === null || this.instance[f.attname] === undefined) {
        throw new ValueError(`"${reprOf(this.instance)}" needs to have a value for field "${f.attname}" before this relationship can be used.`);
      }
    }
  }

  /** The relation's filter on `queryset` (the manager's own, or a Prefetch's), deferred until its query is used. */
  _apply_rel_filters(queryset: QuerySet<T>): QuerySet<T> {
    queryset._add_hints({ instance: this.instance });
    let qs = this._db ? queryset.using(this._db) : queryset;
    // As Django: the filter is resolved when the queryset is used, so a manager that a
    // prefetch fills (one per instance) never builds a WHERE clause.
    qs._defer_next_filter = true;
    qs = qs.filter(this.core_filters);
    for (const f of this.field.foreign_related_fields) {
      const val = this.instance[f.attname];
      if (val === null || val === undefined) return qs.none();
    }
    qs._known_related_objects = new Map([[this.field, new Map([[this.instance[this.field.target_field.attname], this.instance]])]]);
    qs._cause = relatedManagerCause(this.instance, this.name);
    return qs;
  }

  override get_queryset(): QuerySet<T> {
    if (this.instance.pk === null || this.instance.pk === undefined) {
      throw new ValueError(`'${this.instance.constructor.name}' instance needs to have a primary key value before this relationship can be used.`);
    }
    const cached = prefetchedCache(this.instance)?.[this.rel.get_cache_name()];
    if (cached) return cached as QuerySet<T>;
    return this._apply_rel_filters(super.get_queryset());
  }

  private removePrefetched(): void {
    const cache = prefetchedCache(this.instance);
    if (cache) delete cache[this.rel.get_cache_name()];
  }

  /** Points the given saved objects at this instance with one UPDATE. */
  add(...objs: T[]): void {
    this.checkFkVal();
    this.removePrefetched();
    const db = router.db_for_write(this.model, { instance: this.instance });
    const pks: unknown[] = [];
    for (const obj of objs) {
      if (!(obj instanceof this.model)) throw new PyTypeError(`'${this.model._meta.object_name}' instance expected, got ${reprOf(obj)}`);
      (obj as Model)[this.field.name] = this.instance;
      if (obj._state.adding || obj._state.db !== db) {
        throw new ValueError(`${reprOf(obj)} instance isn't saved. Use bulk=False or save the object first.`);
      }
      pks.push(obj.pk);
    }
    this.model._base_manager.using(db).filter({ pk__in: pks }).update({ [this.field.name]: this.instance });
  }

  override create(kwargs: Record<string, unknown> = {}): T {
    this.checkFkVal();
    this.removePrefetched();
    return super.create({ ...kwargs, [this.field.name]: this.instance });
  }

  override get_or_create(kwargs: Record<string, unknown> = {}): [T, boolean] {
    this.checkFkVal();
    return super.get_or_create({ ...kwargs, [this.field.name]: this.instance });
  }

  override update_or_create(kwargs: Record<string, unknown> = {}): [T, boolean] {
    this.checkFkVal();
    return super.update_or_create({ ...kwargs, [this.field.name]: this.instance });
  }

  /** Detaches objects (sets the FK to NULL); only for nullable foreign keys, as Django. */
  remove(...objs: T[]): void {
    this.requireNullable('remove');
    if (!objs.length) return;
    this.checkFkVal();
    const val = this.instance[this.field.target_field.attname];
    const ids = objs.map((obj) => {
      if (!(obj instanceof this.model)) throw new PyTypeError(`'${this.model._meta.object_name}' instance expected, got ${reprOf(obj)}`);
      if (obj[this.field.attname] !== val) {
        throw new (this.field.related_model.DoesNotExist)(`${reprOf(obj)} is not related to ${reprOf(this.instance)}.`);
      }
      return obj.pk;
    });
    this.clearQueryset(this.get_queryset().filter({ pk__in: ids }));
  }

  clear(): void {
    this.requireNullable('clear');
    this.checkFkVal();
    this.clearQueryset(this.get_queryset());
  }

  private clearQueryset(queryset: QuerySet<T>): void {
    this.removePrefetched();
    const db = router.db_for_write(this.model, { instance: this.instance });
    queryset.using(db).update({ [this.field.name]: null });
  }

  set(objs: Iterable<T>, options: { clear?: boolean } = {}): void {
    this.checkFkVal();
    const list = [...objs];
    if (!this.field.null) {
      this.add(...list);
      return;
    }
    const db = router.db_for_write(this.model, { instance: this.instance });
    atomic(
      () => {
        if (options.clear) {
          this.clear();
          this.add(...list);
          return;
        }
        const old = [...this.using(db).all()];
        const fresh: T[] = [];
        for (const obj of list) {
          const i = old.findIndex((o) => o.equals(obj as Model));
          if (i >= 0) old.splice(i, 1);
          else fresh.push(obj);
        }
        this.remove(...old);
        this.add(...fresh);
      },
      { using: db, savepoint: false },
    );
  }

  private requireNullable(method: string): void {
    if (!this.field.null) {
      throw new PyTypeError(`'RelatedManager' object has no attribute '${method}' (${this.field} is not nullable).`);
    }
  }
}

export function createReverseManyToOneManager(rel: ForeignObjectRel, instance: Model): RelatedManager {
  return new RelatedManager(rel, instance);
}

/**
 * What a many-to-many manager knows of its relation, the same for every instance
 * (Django builds the manager class once per descriptor, not per `post.tags`).
 */
interface ManyRelationSide {
  readonly model: ModelClass;
  readonly through: ModelClass;
  readonly query_field_name: string;
  readonly prefetch_cache_name: string;
  readonly source_field: ForeignKey;
  readonly target_field: ForeignKey;
  /** core_filters' keys with the instance attribute each one reads: `post__id` ← `id`. */
  readonly coreFilterKeys: readonly [key: string, attname: string][];
}

const manyRelationSides = new WeakMap<ForeignObjectRel, Map<boolean, ManyRelationSide>>();

function manyRelationSide(rel: ForeignObjectRel, reversed: boolean): ManyRelationSide {
  let byDirection = manyRelationSides.get(rel);
  if (!byDirection) manyRelationSides.set(rel, (byDirection = new Map()));
  let side = byDirection.get(reversed);
  if (!side) byDirection.set(reversed, (side = describeManyRelation(rel, reversed)));
  return side;
}

function describeManyRelation(rel: ForeignObjectRel, reversed: boolean): ManyRelationSide {
  const field = rel.field as ManyToManyField;
  const [model, query_field_name, prefetch_cache_name, source_field, target_field] = reversed
    ? [field.model, field.name, field.related_query_name(), field.m2m_reverse_field(), field.m2m_field()]
    : [field.related_model, field.related_query_name(), field.name, field.m2m_field(), field.m2m_reverse_field()];
  const coreFilterKeys = source_field.related_fields.map(([, rh]): [string, string] => [`${query_field_name}__${rh.name}`, rh.attname]);
  return { model, through: field.through, query_field_name, prefetch_cache_name, source_field, target_field, coreFilterKeys };
}

/**
 * `post.tags` and `tag.post_set`: the join-table relation. Reads join through
 * `blog_post_tags`; add() is one `INSERT OR IGNORE`, remove()/clear() one DELETE.
 */
export class ManyRelatedManager<T extends Model = Model> extends Manager<T> {
  readonly through: ModelClass;
  readonly query_field_name: string;
  readonly prefetch_cache_name: string;
  readonly source_field_name: string;
  readonly target_field_name: string;
  readonly source_field: ForeignKey;
  readonly target_field: ForeignKey;
  readonly core_filters: Record<string, unknown> = {};
  readonly related_val: unknown;

  constructor(
    rel: ForeignObjectRel,
    readonly instance: Model,
    readonly reversed: boolean,
  ) {
    super();
    const side = manyRelationSide(rel, reversed);
    this.model = side.model as ModelClass<T>;
    this.through = side.through;
    this.query_field_name = side.query_field_name;
    this.prefetch_cache_name = side.prefetch_cache_name;
    this.source_field = side.source_field;
    this.target_field = side.target_field;
    this.name = this.prefetch_cache_name;
    this.source_field_name = this.source_field.name;
    this.target_field_name = this.target_field.name;
    const relatedVal = instance[this.source_field.target_field.attname];
    this.related_val = relatedVal;
    for (const [key, attname] of side.coreFilterKeys) this.core_filters[key] = instance[attname];
    if (relatedVal === null || relatedVal === undefined) {
      throw new ValueError(
        `"${reprOf(instance)}" needs to have a value for field "${this.source_field.target_field.attname}" before this many-to-many relationship can be used.`,
      );
    }
  }

  private prefetchCache(): QuerySet<T> | undefined {
    return prefetchedCache(this.instance)?.[this.prefetch_cache_name] as QuerySet<T> | undefined;
  }

  private removePrefetched(): void {
    const cache = prefetchedCache(this.instance);
    if (cache) delete cache[this.prefetch_cache_name];
  }

  override get_queryset(): QuerySet<T> {
    return this.prefetchCache() ?? this._apply_rel_filters(super.get_queryset());
  }

  /**
   * The relation's filter on `queryset` (the manager's own, or a Prefetch's), deferred until
   * its query is used and sticky, so a filter chained on it reuses the join-table join.
   */
  _apply_rel_filters(queryset: QuerySet<T>): QuerySet<T> {
    queryset._add_hints({ instance: this.instance });
    const sticky = (this._db ? queryset.using(this._db) : queryset)._next_is_sticky();
    sticky._defer_next_filter = true;
    const qs = sticky.filter(this.core_filters);
    qs._cause = relatedManagerCause(this.instance, this.name);
    return qs;
  }

  /** count()/exists() query the join table alone when nothing is prefetched. */
  private constrainedTarget(): QuerySet<Model> {
    const db = router.db_for_read(this.through, { instance: this.instance });
    const qs = this.through._base_manager.db_manager(db).filter({ [this.source_field_name]: this.related_val });
    qs._cause = relatedManagerCause(this.instance, this.name);
    return qs;
  }

  override count(): number {
    return this.prefetchCache() ? super.count() : this.constrainedTarget().count();
  }

  override exists(): boolean {
    return this.prefetchCache() ? super.exists() : this.constrainedTarget().exists();
  }

  private targetIds(objs: unknown[]): unknown[] {
    const ids = new Set<unknown>();
    for (const obj of objs) {
      if (obj instanceof this.model) {
        const id = obj[this.target_field.target_field.attname];
        if (id === null || id === undefined) throw new ValueError(`Cannot add "${reprOf(obj)}": the value for field "${this.target_field_name}" is None`);
        ids.add(id);
      } else if (obj && typeof obj === 'object' && (obj as Model)._state) {
        throw new PyTypeError(`'${this.model._meta.object_name}' instance expected, got ${reprOf(obj)}`);
      } else {
        ids.add(this.target_field.get_prep_value(obj));
      }
    }
    return sortLikePythonSet([...ids]);
  }

  add(...objs: unknown[]): void {
    this.removePrefetched();
    const db = router.db_for_write(this.through, { instance: this.instance });
    atomic(() => this.addItems(objs, db), { using: db, savepoint: false });
  }

  private addItems(objs: unknown[], db: string): void {
    if (!objs.length) return;
    const ids = this.targetIds(objs);
    const mustSendSignals = m2m_changed.has_listeners(this.through);
    const row = (id: unknown) => new this.through({ [`${this.source_field_name}_id`]: this.related_val, [`${this.target_field_name}_id`]: id });
    if (!mustSendSignals) {
      this.through._default_manager.using(db).bulk_create(ids.map(row), { ignore_conflicts: true });
      return;
    }
    const existing = new Set<unknown>(
      this.through._default_manager
        .using(db)
        .values_list(this.target_field_name, { flat: true })
        .filter({ [this.source_field_name]: this.related_val, [`${this.target_field_name}__in`]: ids }),
    );
    const missing = ids.filter((id) => !existing.has(id));
    this.sendM2M('pre_add', missing, db);
    this.through._default_manager.using(db).bulk_create(missing.map(row), { ignore_conflicts: true });
    this.sendM2M('post_add', missing, db);
  }

  private sendM2M(action: string, pkSet: unknown[] | null, db: string): void {
    m2m_changed.send(this.through, {
      action,
      instance: this.instance,
      reverse: this.reversed,
      model: this.model,
      pk_set: pkSet === null ? null : new Set(pkSet),
      using: db,
    });
  }

  remove(...objs: unknown[]): void {
    this.removePrefetched();
    if (!objs.length) return;
    const ids = objs.map((obj) => (obj instanceof this.model ? obj[this.target_field.target_field.attname] : obj));
    const db = router.db_for_write(this.through, { instance: this.instance });
    atomic(
      () => {
        this.sendM2M('pre_remove', ids, db);
        const filters = new Q([this.source_field_name, this.related_val] as never).and(new Q([`${this.target_field_name}__in`, ids] as never));
        this.through._default_manager.using(db).filter(filters).delete();
        this.sendM2M('post_remove', ids, db);
      },
      { using: db, savepoint: false },
    );
  }

  clear(): void {
    const db = router.db_for_write(this.through, { instance: this.instance });
    atomic(
      () => {
        this.sendM2M('pre_clear', null, db);
        this.removePrefetched();
        this.through._default_manager.using(db).filter({ [this.source_field_name]: this.related_val }).delete();
        this.sendM2M('post_clear', null, db);
      },
      { using: db, savepoint: false },
    );
  }

  set(objs: Iterable<unknown>, options: { clear?: boolean } = {}): void {
    const list = [...objs];
    const db = router.db_for_write(this.through, { instance: this.instance });
    atomic(
      () => {
        if (options.clear) {
          this.clear();
          this.add(...list);
          return;
        }
        const old = new Set(this.using(db).values_list(this.target_field.target_field.attname, { flat: true }));
        const fresh: unknown[] = [];
        for (const obj of list) {
          const id = obj instanceof this.model ? obj[this.target_field.target_field.attname] : this.target_field.get_prep_value(obj);
          if (old.has(id)) old.delete(id);
          else fresh.push(obj);
        }
        this.remove(...old);
        this.add(...fresh);
      },
      { using: db, savepoint: false },
    );
  }

  override create(kwargs: Record<string, unknown> = {}): T {
    const obj = super.create(kwargs);
    this.add(obj);
    return obj;
  }

  override get_or_create(kwargs: Record<string, unknown> = {}): [T, boolean] {
    const [obj, created] = super.get_or_create(kwargs);
    if (created) this.add(obj);
    return [obj, created];
  }
}

/** Python iterates a set of small ints in ascending order; other values keep insertion order. */
function sortLikePythonSet(values: unknown[]): unknown[] {
  return values.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0) ? (values as number[]).slice().sort((a, b) => a - b) : values;
}

export function createManyRelatedManager(rel: ForeignObjectRel, instance: Model, reverse: boolean): ManyRelatedManager {
  return new ManyRelatedManager(rel, instance, reverse);
}
