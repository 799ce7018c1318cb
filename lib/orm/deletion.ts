import { bulkBatchSize } from './backend/operations';
import { ProtectedError, RestrictedError } from './errors';
import { CASCADE, DO_NOTHING, type OnDeleteHandler } from './fields/on-delete';
import type { ForeignKey, ForeignObjectRel } from './fields/related';
import type { Model, ModelClass } from './model';
import { Q } from './q';
import type { QuerySet } from './queryset';
import { post_delete, pre_delete } from './signals';
import { DeleteQuery, UpdateQuery } from './sql/subqueries';
import { atomic } from './transaction';
import { markTuple } from './utils/pyformat';

type Collected = Model[] | QuerySet<Model>;

function isQuerySet(objs: unknown): objs is QuerySet<Model> {
  return typeof objs === 'object' && objs !== null && typeof (objs as QuerySet<Model>)._raw_delete === 'function';
}

/** Relations whose rows must be handled when rows of this model are deleted (hidden ones too, e.g. M2M through rows). */
function candidateRelations(model: ModelClass): ForeignObjectRel[] {
  return model._meta.allRelatedObjects().filter((r) => r.auto_created && !r.concrete && (r.one_to_many || r.one_to_one));
}

function hasSignalListeners(model: ModelClass): boolean {
  return pre_delete.has_listeners(model) || post_delete.has_listeners(model);
}

/**
 * Django's deletion Collector: finds everything a delete() must touch (cascades,
 * SET_NULL updates, PROTECT/RESTRICT checks), then runs the statements in a
 * transaction in dependency order. The SELECTs it runs to find related rows
 * are part of what a delete costs.
 */
export class Collector {
  /** Instances to delete, per model, in collection order. */
  private data = new Map<ModelClass, Model[]>();
  private readonly fieldUpdates = new Map<ForeignKey, Map<unknown, Collected[]>>();
  private readonly restricted = new Map<ModelClass, Map<ForeignKey, Set<Model>>>();
  private readonly fastDeletes: QuerySet<Model>[] = [];
  private readonly dependencies = new Map<ModelClass, Set<ModelClass>>();

  constructor(
    readonly using: string,
    readonly origin: unknown = null,
  ) {}

  /** Adds objects; returns those not collected before. */
  add(objs: Model[], source: ModelClass | null = null, nullable = false): Model[] {
    if (!objs.length) return [];
    const model = objs[0].constructor as ModelClass;
    let instances = this.data.get(model);
    if (!instances) this.data.set(model, (instances = []));
    const known = new Set(instances);
    const fresh = objs.filter((o) => !known.has(o) && !instances!.some((i) => i.pk === o.pk));
    instances.push(...fresh);
    if (source && !nullable) this.add_dependency(source, model);
    return fresh;
  }

  add_dependency(model: unknown, dependency: unknown): void {
    const m = model as ModelClass;
    const d = dependency as ModelClass;
    if (!this.dependencies.has(m)) this.dependencies.set(m, new Set());
    this.dependencies.get(m)!.add(d);
    if (!this.data.has(d)) this.data.set(d, []);
  }

  add_field_update(field: ForeignKey, value: unknown, objs: unknown): void {
    let byValue = this.fieldUpdates.get(field);
    if (!byValue) this.fieldUpdates.set(field, (byValue = new Map()));
    const list = byValue.get(value);
    if (list) list.push(objs as Collected);
    else byValue.set(value, [objs as Collected]);
  }

  add_restricted_objects(field: ForeignKey, objs: unknown): void {
    const list = [...(objs as Iterable<Model>)];
    if (!list.length) return;
    const model = list[0].constructor as ModelClass;
    if (!this.restricted.has(model)) this.restricted.set(model, new Map());
    const byField = this.restricted.get(model)!;
    if (!byField.has(field)) byField.set(field, new Set());
    for (const o of list) byField.get(field)!.add(o);
  }

  /** A queryset (or object) can go in one DELETE when nothing cascades from it and no signal listens. */
  can_fast_delete(objs: unknown, fromField: ForeignKey | null = null): boolean {
    if (fromField && fromField.remote_field.on_delete !== CASCADE) return false;
    let model: ModelClass;
    if (isQuerySet(objs)) model = objs.model;
    else if (objs && (objs as Model)._state) model = (objs as Model).constructor as ModelClass;
    else return false;
    if (hasSignalListeners(model)) return false;
    return candidateRelations(model).every((rel) => (rel.field as ForeignKey).remote_field.on_delete === DO_NOTHING);
  }

  private batches(objs: Model[], fieldCount: number): Model[][] {
    const size = Math.max(bulkBatchSize(fieldCount, objs.length), 1);
    if (objs.length <= size) return [objs];
    const out: Model[][] = [];
    for (let i = 0; i < objs.length; i += size) out.push(objs.slice(i, i + size));
    return out;
  }

  /** Collects `objs` and, through each relation's on_delete, what depends on them. */
  collect(
    objs: Collected,
    options: { source?: unknown; nullable?: boolean; collect_related?: boolean; fail_on_restricted?: boolean; source_attr?: string } = {},
  ): void {
    const { source = null, nullable = false, collect_related = true, fail_on_restricted = true } = options;
    if (this.can_fast_delete(objs)) {
      this.fastDeletes.push(objs as QuerySet<Model>);
      return;
    }
    const fresh = this.add(isQuerySet(objs) ? [...objs] : objs, source as ModelClass | null, nullable);
    if (!fresh.length || !collect_related) return;
    const model = fresh[0].constructor as ModelClass;
    const fastByModel = new Map<ModelClass, ForeignKey[]>();
    const protectedObjects = new Map<string, Model[]>();
    for (const rel of candidateRelations(model)) {
      const field = rel.field as ForeignKey;
      const onDelete = field.remote_field.on_delete as OnDeleteHandler;
      if (onDelete === DO_NOTHING) continue;
      const relatedModel = rel.related_model;
      if (this.can_fast_delete(relatedModel._base_manager.get_queryset(), field)) {
        const list = fastByModel.get(relatedModel) ?? [];
        list.push(field);
        fastByModel.set(relatedModel, list);
        continue;
      }
      for (const batch of this.batches(fresh, 1)) {
        let subObjs = this.related_objects(relatedModel, [field], batch);
        if (!hasSignalListeners(relatedModel)) {
          const referenced = new Set<string>();
          for (const r of candidateRelations(relatedModel)) for (const f of (r.field as ForeignKey).foreign_related_fields) referenced.add(f.attname);
          subObjs = subObjs.only(...referenced);
        }
        if (onDelete.lazy_sub_objs || subObjs.__bool__()) {
          try {
            onDelete(this, field, subObjs, this.using);
          } catch (e) {
            if (!(e instanceof ProtectedError)) throw e;
            const key = `'${field.model.name}.${field.name}'`;
            protectedObjects.set(key, [...(protectedObjects.get(key) ?? []), ...(e.protected_objects as Set<Model>)]);
          }
        }
      }
    }
    if (protectedObjects.size) {
      throw new ProtectedError(
        `Cannot delete some instances of model '${model.name}' because they are referenced through protected foreign keys: ${[...protectedObjects.keys()].join(', ')}.`,
        new Set([...protectedObjects.values()].flat()),
      );
    }
    for (const [relatedModel, fields] of fastByModel) {
      for (const batch of this.batches(fresh, fields.length)) this.fastDeletes.push(this.related_objects(relatedModel, fields, batch));
    }
    if (fail_on_restricted) this.checkRestricted(model);
  }

  private checkRestricted(model: ModelClass): void {
    for (const [m, instances] of this.data) {
      const byField = this.restricted.get(m);
      if (!byField) continue;
      for (const set of byField.values()) for (const o of instances) set.delete(o);
    }
    for (const qs of this.fastDeletes) {
      const byField = this.restricted.get(qs.model);
      if (!byField) continue;
      const pks = [...byField.values()].flatMap((s) => [...s].map((o) => o.pk));
      const deleted = new Set([...qs.filter({ pk__in: pks })].map((o) => o.pk));
      for (const set of byField.values()) for (const o of [...set]) if (deleted.has(o.pk)) set.delete(o);
    }
    const blocked = new Map<string, Model[]>();
    for (const [m, byField] of this.restricted) {
      for (const [field, objs] of byField) {
        if (objs.size) blocked.set(`'${m.name}.${field.name}'`, [...(blocked.get(`'${m.name}.${field.name}'`) ?? []), ...objs]);
      }
    }
    if (blocked.size) {
      throw new RestrictedError(
        `Cannot delete some instances of model '${model.name}' because they are referenced through restricted foreign keys: ${[...blocked.keys()].join(', ')}.`,
        new Set([...blocked.values()].flat()),
      );
    }
  }

  /** The related rows pointing at `objs` through `fields`: `WHERE fk IN (...)` (OR'ed across fields). */
  related_objects(model: ModelClass, fields: ForeignKey[], objs: Model[]): QuerySet<Model> {
    const predicate = new Q(...fields.map((f) => new Q([`${f.name}__in`, objs] as never)));
    if (fields.length > 1) predicate.connector = 'OR';
    return model._base_manager.using(this.using).filter(predicate);
  }

  /** Orders models so that dependents are deleted before what they depend on. */
  private sort(): void {
    const sorted: ModelClass[] = [];
    const done = new Set<ModelClass>();
    const models = [...this.data.keys()];
    while (sorted.length < models.length) {
      let found = false;
      for (const model of models) {
        if (done.has(model)) continue;
        const deps = this.dependencies.get(model);
        if (!deps || [...deps].every((d) => done.has(d))) {
          sorted.push(model);
          done.add(model);
          found = true;
        }
      }
      if (!found) return;
    }
    this.data = new Map(sorted.map((m) => [m, this.data.get(m)!]));
  }

  /** Runs the collected deletes and updates; returns `[total, { 'blog.Post': n, ... }]`. */
  delete(): [number, Record<string, number>] {
    for (const [model, instances] of this.data) this.data.set(model, [...instances].sort((a, b) => comparePks(a.pk, b.pk)));
    this.sort();
    const counter = new Map<string, number>();
    const bump = (label: string, n: number) => n && counter.set(label, (counter.get(label) ?? 0) + n);
    const entries = [...this.data].filter(([, instances]) => instances.length);
    if (this.data.size === 1 && entries.length === 1 && entries[0][1].length === 1 && !this.fastDeletes.length && !this.fieldUpdates.size) {
      const [model, [instance]] = entries[0];
      if (this.can_fast_delete(instance)) {
        const count = new DeleteQuery(model).delete_batch([instance.pk], this.using);
        instance[model._meta.pk.attname] = null;
        return markTuple([count, { [model._meta.label]: count }]) as [number, Record<string, number>];
      }
    }
    atomic(
      () => {
        for (const [model, instances] of this.data) {
          if (model._meta.auto_created) continue;
          for (const obj of instances) pre_delete.send(model, { instance: obj, using: this.using, origin: this.origin });
        }
        for (const qs of this.fastDeletes) bump(qs.model._meta.label, qs._raw_delete(this.using));
        for (const [field, byValue] of this.fieldUpdates) {
          for (const [value, collected] of byValue) {
            const objs: Model[] = [];
            for (const c of collected) {
              if (isQuerySet(c) && c._result_cache === null) c.update({ [field.name]: value });
              else objs.push(...c);
            }
            if (objs.length) {
              const query = new UpdateQuery(objs[0].constructor as ModelClass);
              query.update_batch([...new Set(objs.map((o) => o.pk))], { [field.name]: value }, this.using);
            }
          }
        }
        for (const [model, instances] of this.data) {
          instances.reverse();
          const count = new DeleteQuery(model).delete_batch(instances.map((o) => o.pk), this.using);
          bump(model._meta.label, count);
          if (!model._meta.auto_created) {
            for (const obj of instances) post_delete.send(model, { instance: obj, using: this.using, origin: this.origin });
          }
        }
      },
      { using: this.using, savepoint: false },
    );
    for (const [model, instances] of this.data) for (const obj of instances) obj[model._meta.pk.attname] = null;
    const total = [...counter.values()].reduce((a, b) => a + b, 0);
    return markTuple([total, Object.fromEntries(counter)]) as [number, Record<string, number>];
  }
}

function comparePks(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
