/**
 * What a run did with eager loads: which `select_related()` / `prefetch_related()`
 * calls the learner's code made (and on which line), and how often each relation
 * attribute (`post.author`, `post.tags`, `author.post_set`) was read. The analysis
 * flags an eager load whose relation was never read as unnecessary.
 *
 * Statements alone cannot tell this: reading a pre-loaded relation runs no SQL.
 * Until the ORM offers a hook for it (see the report: `onEagerLoad` /
 * `onRelationRead` events on the runtime), this module observes it from outside:
 * - it wraps `QuerySet.prototype.select_related` / `prefetch_related` once, and
 *   records calls while a collector is active; it also wraps `_fetch_all` and
 *   `iterator()` so that reads made by the ORM's own prefetching are not counted;
 * - per run, it wraps the relation descriptors on that run's model prototypes
 *   (every run gets fresh model classes) to count reads.
 * Reads by the ORM itself count as reads too, so it can only miss an unused
 * eager load, never invent one.
 */
import type { ModelClass } from '../orm/model';
import { ForeignKey, ManyToManyField } from '../orm/fields/related';
import { Prefetch } from '../orm/prefetch';
import { QuerySet } from '../orm/queryset';
import { currentLearnerLine } from './line-markers';

export interface EagerLoad {
  kind: 'select_related' | 'prefetch_related';
  /** The queryset's model. */
  model: string;
  /** `author`, `post__author`, `tags`. */
  lookup: string;
  line: number | null;
  /** Prefetch(..., { to_attr }): the result lives in a plain attribute whose reads can't be observed. */
  to_attr: string | null;
}

export interface RelationAccess {
  eager: EagerLoad[];
  /** Reads of relation attributes, keyed `Model.attribute` (`Post.author`, `Author.post_set`). */
  reads: Record<string, number>;
  /** Models whose relation attributes were observed (reads of other models are unknown). */
  observed: string[];
}

interface Collector {
  eager: EagerLoad[];
  reads: Record<string, number>;
}

let active: Collector | null = null;
let patched = false;
/** > 0 while the ORM itself evaluates a queryset: prefetching reads relations, the learner did not. */
let paused = 0;

function pausedCall<T>(fn: () => T): T {
  paused++;
  try {
    return fn();
  } finally {
    paused--;
  }
}

type QuerySetLike = { model: ModelClass };

function patchQuerySet(): void {
  if (patched) return;
  patched = true;
  const proto = QuerySet.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const fetchAll = proto._fetch_all;
  const iterator = proto.iterator;
  proto._fetch_all = function (this: unknown, ...args: unknown[]) {
    return pausedCall(() => fetchAll.apply(this, args));
  };
  proto.iterator = function (this: unknown, ...args: unknown[]) {
    const it = iterator.apply(this, args) as Iterator<unknown> & Iterable<unknown>;
    const next = it.next.bind(it);
    it.next = (...a: [] | [unknown]) => pausedCall(() => next(...a));
    return it;
  };
  const selectRelated = proto.select_related;
  const prefetchRelated = proto.prefetch_related;
  proto.select_related = function (this: QuerySetLike, ...fields: unknown[]) {
    if (active) {
      const line = currentLearnerLine();
      for (const f of fields) {
        if (typeof f === 'string') active.eager.push({ kind: 'select_related', model: this.model.name, lookup: f, line, to_attr: null });
      }
    }
    return selectRelated.apply(this, fields);
  };
  proto.prefetch_related = function (this: QuerySetLike, ...lookups: unknown[]) {
    if (active) {
      const line = currentLearnerLine();
      for (const l of lookups) {
        if (typeof l === 'string') active.eager.push({ kind: 'prefetch_related', model: this.model.name, lookup: l, line, to_attr: null });
        else if (l instanceof Prefetch) {
          active.eager.push({ kind: 'prefetch_related', model: this.model.name, lookup: l.prefetch_through, line, to_attr: l.to_attr });
        }
      }
    }
    return prefetchRelated.apply(this, lookups);
  };
}

/** The relation attributes of a model: forward FK/O2O/M2M fields and reverse accessors. */
function relationAttributes(model: ModelClass): string[] {
  const opts = model._meta;
  const names: string[] = [];
  for (const f of opts.local_fields) if (f instanceof ForeignKey) names.push(f.name);
  for (const f of opts.local_many_to_many) if (f instanceof ManyToManyField) names.push(f.name);
  for (const rel of opts.related_objects) {
    const accessor = rel.get_accessor_name();
    if (accessor) names.push(accessor);
  }
  return names;
}

function instrumentModel(model: ModelClass, collector: Collector): void {
  const proto = model.prototype as object;
  for (const name of relationAttributes(model)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (!descriptor?.get || !descriptor.configurable) continue;
    const get = descriptor.get;
    const key = `${model.name}.${name}`;
    Object.defineProperty(proto, name, {
      ...descriptor,
      get(this: unknown) {
        if (!paused) collector.reads[key] = (collector.reads[key] ?? 0) + 1;
        return get.call(this);
      },
    });
  }
}

/**
 * Starts observing a run on `models` (that run's fresh classes). Call the
 * returned function when the run ends to stop and get what was observed.
 */
export function observeRelationAccess(models: ModelClass[]): () => RelationAccess {
  patchQuerySet();
  const collector: Collector = { eager: [], reads: {} };
  const observed: string[] = [];
  for (const model of models) {
    try {
      instrumentModel(model, collector);
      observed.push(model.name);
    } catch {
      // A model whose relations can't be resolved is simply not observed.
    }
  }
  active = collector;
  return () => {
    if (active === collector) active = null;
    return { eager: collector.eager, reads: collector.reads, observed };
  };
}
