import { withCause } from './backend/connection';
import { AttributeError, FieldDoesNotExist, ObjectDoesNotExist, ValueError } from './errors';
import { getCached, isCached, setCached } from './fields/descriptors';
import { ForeignKey, ManyToManyField, type ForeignObjectRel } from './fields/related';
import { ManyRelatedManager, RelatedManager } from './fields/related-managers';
import { ModelIterable } from './iterables';
import type { Model, ModelClass } from './model';
import { Q } from './q';
import type { QuerySet } from './queryset';
import { RowNumber } from './expressions/functions/window';
import { Window } from './expressions/window';
import { GreaterThan, LessThanOrEqual } from './lookups/builtin';
import type { SQLCompiler } from './sql/compiler';
import { LOOKUP_SEP } from './sql/query';

/**
 * A prefetch_related() lookup with a custom queryset and/or a plain list attribute:
 * `Prefetch('post_set', { queryset: Post.objects.filter({ published: true }), to_attr: 'published_posts' })`.
 */
export class Prefetch {
  prefetch_through: string;
  prefetch_to: string;
  readonly queryset: QuerySet | null;
  readonly to_attr: string | null;

  constructor(lookup: string, options: { queryset?: QuerySet | null; to_attr?: string | null } = {}) {
    this.prefetch_through = lookup;
    this.prefetch_to = lookup;
    const qs = options.queryset ?? null;
    if (qs && (qs as { isRaw?: boolean }).isRaw) throw new ValueError('Prefetch querysets cannot use raw(), values(), and values_list().');
    if (qs && qs._iterable !== ModelIterable) throw new ValueError('Prefetch querysets cannot use raw(), values(), and values_list().');
    if (options.to_attr) this.prefetch_to = [...lookup.split(LOOKUP_SEP).slice(0, -1), options.to_attr].join(LOOKUP_SEP);
    this.queryset = qs;
    this.to_attr = options.to_attr ?? null;
  }

  add_prefix(prefix: string): void {
    this.prefetch_through = `${prefix}${LOOKUP_SEP}${this.prefetch_through}`;
    this.prefetch_to = `${prefix}${LOOKUP_SEP}${this.prefetch_to}`;
  }

  get_current_prefetch_to(level: number): string {
    return this.prefetch_to.split(LOOKUP_SEP).slice(0, level + 1).join(LOOKUP_SEP);
  }

  get_current_to_attr(level: number): [string, boolean] {
    const parts = this.prefetch_to.split(LOOKUP_SEP);
    return [parts[level], !!this.to_attr && level === parts.length - 1];
  }

  get_current_queryset(level: number): QuerySet | null {
    return this.get_current_prefetch_to(level) === this.prefetch_to ? this.queryset : null;
  }

  __repr__(): string {
    return `<Prefetch: ${this.prefetch_to}>`;
  }
}

type RelValue = (obj: Model) => unknown;

/** What one prefetch step needs: the query, how to match rows to instances, and where to store them. */
interface PrefetchPlan {
  queryset: QuerySet;
  relObjAttr: RelValue;
  instanceAttr: RelValue;
  single: boolean;
  cacheName: string;
}

/** Something that can load one relation for many instances at once. */
interface Prefetcher {
  readonly key: object;
  plan(instances: Model[], queryset: QuerySet | null): PrefetchPlan;
  isFetched(instance: Model): boolean;
}

function normalize(lookups: (string | Prefetch)[], prefix: string | null = null): Prefetch[] {
  return lookups.map((l) => {
    const p = l instanceof Prefetch ? Object.assign(Object.create(Prefetch.prototype), l) as Prefetch : new Prefetch(l);
    if (prefix) p.add_prefix(prefix);
    return p;
  });
}

/** `post.author` for many posts: `SELECT ... FROM author WHERE (id = 1 OR id = 7 ...)`. */
function forwardPrefetcher(field: ForeignKey): Prefetcher {
  return {
    key: field,
    isFetched: (inst) => isCached(inst, field.name),
    plan(instances, queryset) {
      const target = field.related_model;
      let qs = (queryset ?? target._base_manager.get_queryset()) as QuerySet;
      qs._add_hints({ instance: instances[0] });
      const targetAttr = field.target_field.attname;
      const seen = new Map<unknown, Model>();
      for (const inst of instances) {
        const v = inst[field.attname];
        if (!seen.has(v)) seen.set(v, inst);
      }
      const values = [...seen.keys()].filter((v) => v !== null && v !== undefined);
      const or = new Q(...values.map((v) => new Q([targetAttr, v] as never)));
      or.connector = 'OR';
      qs = values.length ? qs.filter(or) : qs.none();
      qs.query.clear_ordering();
      if (field.one_to_one) {
        for (const rel of qs) setCached(rel, field.remote_field.get_cache_name(), seen.get(rel[targetAttr]));
      }
      return { queryset: qs, relObjAttr: (o) => o[targetAttr], instanceAttr: (o) => o[field.attname], single: true, cacheName: field.name };
    },
  };
}

/** `user.profile` for many users. */
function reverseOneToOnePrefetcher(rel: ForeignObjectRel): Prefetcher {
  const field = rel.field as ForeignKey;
  const cacheName = rel.get_cache_name();
  return {
    key: rel,
    isFetched: (inst) => isCached(inst, cacheName),
    plan(instances, queryset) {
      let qs = (queryset ?? rel.related_model._base_manager.get_queryset()) as QuerySet;
      qs = qs.filter({ [`${field.name}__in`]: instances });
      const byId = new Map(instances.map((i) => [i[field.target_field.attname], i]));
      for (const obj of qs) setCached(obj, field.name, byId.get(obj[field.attname]));
      return { queryset: qs, relObjAttr: (o) => o[field.attname], instanceAttr: (o) => o[field.target_field.attname], single: true, cacheName };
    },
  };
}

/** `author.post_set` for many authors: `WHERE "blog_post"."author_id" IN (...)`. */
function reverseManyPrefetcher(rel: ForeignObjectRel, accessor: string): Prefetcher {
  const field = rel.field as ForeignKey;
  return {
    key: rel,
    isFetched: (inst) => accessor in (inst._prefetched_objects_cache ?? {}),
    plan(instances, queryset) {
      let qs = (queryset ?? rel.related_model._default_manager.get_queryset()) as QuerySet;
      qs._add_hints({ instance: instances[0] });
      qs = filterPrefetchQueryset(qs, field.name, instances);
      const byId = new Map(instances.map((i) => [i[field.target_field.attname], i]));
      for (const obj of qs) {
        if (!isCached(obj, field.name)) setCached(obj, field.name, byId.get(obj[field.attname]));
      }
      return { queryset: qs, relObjAttr: (o) => o[field.attname], instanceAttr: (o) => o[field.target_field.attname], single: false, cacheName: accessor };
    },
  };
}

/** `post.tags` for many posts: joins the through table and selects its source column. */
function manyToManyPrefetcher(manager: ManyRelatedManager, accessor: string): Prefetcher {
  return {
    key: manager.source_field,
    isFetched: (inst) => accessor in (inst._prefetched_objects_cache ?? {}),
    plan(instances, queryset) {
      let qs = (queryset ?? manager.model._default_manager.get_queryset()) as QuerySet;
      qs._add_hints({ instance: instances[0] });
      qs = filterPrefetchQueryset(qs, manager.query_field_name, instances);
      const fk = manager.source_field;
      const alias = `_prefetch_related_val_${fk.attname}`;
      qs = qs.extra({ select: { [alias]: `"${fk.model._meta.db_table}"."${fk.column}"` } });
      return {
        queryset: qs,
        relObjAttr: (o) => o[alias],
        instanceAttr: (o) => o[fk.target_field.attname],
        single: false,
        cacheName: manager.prefetch_cache_name,
      };
    },
  };
}

/**
 * Restricts a prefetch queryset to the instances' related rows. A sliced queryset
 * (`.slice(0, 3)` in a Prefetch) is limited per instance, not globally, with
 * `ROW_NUMBER() OVER (PARTITION BY <fk> ORDER BY ...)`, as Django 4.2+ does.
 */
function filterPrefetchQueryset(queryset: QuerySet, fieldName: string, instances: Model[]): QuerySet {
  const qs = queryset._chain();
  let predicate = new Q({ [`${fieldName}__in`]: instances });
  const query = qs.query;
  if (query.is_sliced) {
    const { low_mark: low, high_mark: high } = query;
    const orderBy = (query.get_compiler(qs.db) as unknown as SQLCompiler).get_order_by().map((o) => o.expr);
    const window = new Window({ expression: new RowNumber(), partition_by: fieldName, order_by: orderBy });
    predicate = predicate.and(new GreaterThan(window, low));
    if (high !== null) predicate = predicate.and(new LessThanOrEqual(window, high));
    query.clear_limits();
  }
  query.add_q(predicate, true);
  return qs;
}

function getPrefetcher(instance: Model, throughAttr: string, toAttr: string): { prefetcher: Prefetcher | null; found: boolean } {
  const cls = instance.constructor as ModelClass;
  const opts = cls._meta;
  for (const f of opts.local_fields) {
    if (f.name === throughAttr && f instanceof ForeignKey) return { prefetcher: forwardPrefetcher(f), found: true };
  }
  for (const rel of opts.allRelatedObjects()) {
    if (rel.get_accessor_name() !== throughAttr) continue;
    if (rel.one_to_one) return { prefetcher: reverseOneToOnePrefetcher(rel), found: true };
    if (!(rel.field instanceof ManyToManyField)) {
      return { prefetcher: withToAttr(reverseManyPrefetcher(rel, throughAttr), throughAttr, toAttr), found: true };
    }
  }
  const value = throughAttr in instance ? instance[throughAttr] : undefined;
  if (value instanceof ManyRelatedManager) return { prefetcher: withToAttr(manyToManyPrefetcher(value, throughAttr), throughAttr, toAttr), found: true };
  if (value instanceof RelatedManager) return { prefetcher: null, found: true };
  return { prefetcher: null, found: throughAttr in instance };
}

/** With to_attr, "already fetched" means the list attribute exists. */
function withToAttr(p: Prefetcher, throughAttr: string, toAttr: string): Prefetcher {
  if (throughAttr === toAttr) return p;
  return { ...p, isFetched: (inst) => Object.prototype.hasOwnProperty.call(inst, toAttr) };
}

function prefetchOneLevel(instances: Model[], prefetcher: Prefetcher, lookup: Prefetch, level: number): [Model[], (string | Prefetch)[]] {
  const plan = prefetcher.plan(instances, lookup.get_current_queryset(level));
  const relQs = plan.queryset;
  const additional = relQs._prefetch_related_lookups.map((l) => (l instanceof Prefetch ? Object.assign(Object.create(Prefetch.prototype), l) : l));
  if (additional.length) relQs._prefetch_related_lookups = [];
  relQs._fetch_all();
  // Django's list(rel_qs), without a copy: nothing else holds this queryset.
  const all = relQs._result_cache as Model[];
  const byKey = new Map<unknown, Model[]>();
  for (const obj of all) {
    const key = plan.relObjAttr(obj);
    const list = byKey.get(key);
    if (list) list.push(obj);
    else byKey.set(key, [obj]);
  }
  const [toAttr, asAttr] = lookup.get_current_to_attr(level);
  if (asAttr && instances.length) {
    const model = instances[0].constructor as ModelClass;
    let conflicts = true;
    try {
      model._meta.get_field(toAttr);
    } catch (e) {
      if (!(e instanceof FieldDoesNotExist)) throw e;
      conflicts = false;
    }
    if (conflicts) throw new ValueError(`to_attr=${toAttr} conflicts with a field on the ${model.name} model.`);
  }
  const leaf = lookup.prefetch_through.split(LOOKUP_SEP).length - 1 === level;
  for (const obj of instances) {
    const vals = byKey.get(plan.instanceAttr(obj)) ?? [];
    if (plan.single) {
      const val = vals[0] ?? null;
      if (asAttr) obj[toAttr] = val;
      else setCached(obj, plan.cacheName, val);
    } else if (asAttr) {
      obj[toAttr] = vals;
    } else {
      const manager = obj[toAttr] as RelatedManager | ManyRelatedManager;
      const qs = leaf && lookup.queryset ? manager._apply_rel_filters(lookup.queryset) : manager.get_queryset();
      qs._result_cache = vals;
      qs._prefetch_done = true;
      (obj._prefetched_objects_cache ??= {})[plan.cacheName] = qs;
    }
  }
  return [all, additional];
}

/**
 * Fills the prefetch caches of `instances` for each lookup, one query per
 * relation level (Django's prefetch_related_objects).
 */
export function prefetch_related_objects(instances: Model[], ...lookups: (string | Prefetch)[]): void {
  if (!instances.length) return;
  const done = new Map<string, Model[]>();
  const autoLookups = new Set<Prefetch>();
  const followed = new Set<object>();
  const all = normalize([...lookups].reverse());
  while (all.length) {
    const lookup = all.pop()!;
    if (done.has(lookup.prefetch_to)) {
      if (lookup.queryset) {
        throw new ValueError(
          `'${lookup.prefetch_to}' lookup was already seen with a different queryset. You may need to adjust the ordering of your lookups.`,
        );
      }
      continue;
    }
    let objList: Model[] = instances;
    const throughAttrs = lookup.prefetch_through.split(LOOKUP_SEP);
    for (let level = 0; level < throughAttrs.length; level++) {
      if (!objList.length) break;
      const prefetchTo = lookup.get_current_prefetch_to(level);
      if (done.has(prefetchTo)) {
        objList = done.get(prefetchTo)!;
        continue;
      }
      for (const obj of objList) obj._prefetched_objects_cache ??= {};
      const first = objList[0];
      const throughAttr = throughAttrs[level];
      const [toAttr] = lookup.get_current_to_attr(level);
      const { prefetcher, found } = getPrefetcher(first, throughAttr, toAttr);
      if (!found) {
        throw new AttributeError(
          `Cannot find '${throughAttr}' on ${first.constructor.name} object, '${lookup.prefetch_through}' is an invalid parameter to prefetch_related()`,
        );
      }
      if (level === throughAttrs.length - 1 && !prefetcher) {
        throw new ValueError(
          `'${lookup.prefetch_through}' does not resolve to an item that supports prefetching - this is an invalid parameter to prefetch_related().`,
        );
      }
      const toFetch = prefetcher ? objList.filter((o) => !prefetcher.isFetched(o)) : [];
      if (prefetcher && toFetch.length) {
        const cause = `prefetch ${first.constructor.name}.${throughAttr}`;
        const [fetched, additional] = withCause(cause, () => prefetchOneLevel(toFetch, prefetcher, lookup, level));
        objList = fetched;
        if (!(done.has(prefetchTo) && autoLookups.has(lookup) && followed.has(prefetcher.key))) {
          done.set(prefetchTo, objList);
          const newLookups = normalize([...additional].reverse(), prefetchTo);
          for (const l of newLookups) autoLookups.add(l);
          all.push(...newLookups);
        }
        followed.add(prefetcher.key);
      } else {
        const next: Model[] = [];
        for (const obj of objList) {
          let value: unknown;
          const cached = obj._prefetched_objects_cache?.[throughAttr] as QuerySet | undefined;
          if (cached) value = [...cached];
          else {
            try {
              value = isCached(obj, throughAttr) ? getCached(obj, throughAttr) : obj[throughAttr];
            } catch (e) {
              if (e instanceof ObjectDoesNotExist) continue;
              throw e;
            }
          }
          if (value === null || value === undefined) continue;
          if (Array.isArray(value)) next.push(...(value as Model[]));
          else next.push(value as Model);
        }
        objList = next;
      }
    }
  }
}

