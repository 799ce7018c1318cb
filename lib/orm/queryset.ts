import { withCause } from './backend/connection';
import { bulkBatchSize } from './backend/operations';
import { Collector } from './deletion';
import {
  AttributeError,
  FieldDoesNotExist,
  FieldError,
  IndexError,
  IntegrityError,
  NotImplementedError,
  PyTypeError,
  ValueError,
} from './errors';
import { Case, When } from './expressions/conditional';
import { Expression, F, isResolvable, RawSQL, Value, splitOptions } from './expressions/core';
import { Field as FieldBase, type Field } from './fields/field';
import { isUntouched, pkLookupValue, rememberCompiledGet, runCompiledGet } from './get-by-pk';
import type { ForeignKey } from './fields/related';
import {
  fetchResults,
  FlatValuesListIterable,
  instanceCounter,
  ModelIterable,
  NamedValuesListIterable,
  ValuesIterable,
  ValuesListIterable,
  streamResults,
  type ResultIterable,
} from './iterables';
import type { Model, ModelClass } from './model';
import { Prefetch, prefetch_related_objects } from './prefetch';
import { Q } from './q';
import { RawQuerySet } from './raw';
import { router } from './router';
import type { SQLCompiler } from './sql/compiler';
import { Query } from './sql/query';
import type { WhereNode } from './sql/where';
import type { Lookup, LookupClass } from './lookups/lookup';
import { InsertQuery, UpdateQuery, DeleteQuery, type OnConflict } from './sql/subqueries';
import type { SQLInsertCompiler } from './sql/write-compilers';
import { atomic } from './transaction';
import { markTuple, pyRepr } from './utils/pyformat';

const NO_KNOWN_RELATED_OBJECTS: ReadonlyMap<ForeignKey, ReadonlyMap<unknown, Model>> = new Map();
const NO_PREFETCH_LOOKUPS: readonly (string | Prefetch)[] = [];

/** How many rows repr() shows before "...(remaining elements truncated)...". */
const REPR_OUTPUT_SIZE = 20;
/** get() fetches at most this many rows to say how many matched. */
const MAX_GET_RESULTS = 21;

type Kwargs = Record<string, unknown>;
type FilterArg = Q | Expression | Kwargs;

function isPlainObject(value: unknown): value is Kwargs {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function toQ(args: FilterArg[]): Q {
  return new Q(...(args as never[]));
}

export interface BulkCreateOptions {
  batch_size?: number;
  ignore_conflicts?: boolean;
  update_conflicts?: boolean;
  update_fields?: string[];
  unique_fields?: string[];
}

/**
 * A lazy database lookup (Django's QuerySet). Every method that narrows or
 * changes the query returns a new QuerySet; nothing runs until the results
 * are needed (iteration, len(), list(), bool(), count(), get(), ...), and an
 * evaluated QuerySet caches its rows.
 */
export class QuerySet<T extends Model = Model> implements Iterable<T> {
  readonly model: ModelClass<T>;
  _db: string | null;
  /** Replaced, never changed in place: clones share it. */
  _hints: Readonly<Record<string, unknown>>;
  /**
   * Built on first use: a manager's queryset that only runs get(pk=...), or the one a
   * prefetch stores on each instance (read through its result cache), never needs one.
   */
  private _query: Query | null;
  /** Whether the query, once built, keeps its joins for the next filter() (a sticky _chain() before it existed). */
  private _query_sticky = false;
  _result_cache: T[] | null = null;
  _sticky_filter = false;
  _for_write = false;
  /** Replaced, never changed in place: clones share it. */
  _prefetch_related_lookups: readonly (string | Prefetch)[] = NO_PREFETCH_LOOKUPS;
  _prefetch_done = false;
  /** Objects a related manager already holds (`author.post_set` knows its author); replaced, never changed in place. */
  _known_related_objects: ReadonlyMap<ForeignKey, ReadonlyMap<unknown, Model>> = NO_KNOWN_RELATED_OBJECTS;
  _iterable: ResultIterable = ModelIterable;
  _fields: string[] | null = null;
  _defer_next_filter = false;
  /** Why this queryset's rows are fetched when nothing more specific applies (set by related managers). */
  _cause: string | null = null;
  /** A related manager's filter, applied when the query is first used (two fields, not a tuple: a prefetch keeps one per instance). */
  private _deferred_filter: FilterArg[] | null = null;
  private _deferred_negate = false;

  constructor(model: ModelClass<T>, query: Query | null = null, using: string | null = null, hints: Readonly<Record<string, unknown>> = {}) {
    this.model = model;
    this._db = using;
    this._hints = hints;
    this._query = query;
  }

  /** The query state (applies a filter deferred by a related manager first). */
  get query(): Query {
    this._query ??= this.newQuery();
    if (this._deferred_filter) {
      const args = this._deferred_filter;
      this._deferred_filter = null;
      this.filterInPlace(this._deferred_negate, args);
    }
    return this._query;
  }

  private newQuery(): Query {
    const query = new Query(this.model);
    query.filter_is_sticky = this._query_sticky;
    return query;
  }

  set query(value: Query) {
    if (value.values_select.length) this._iterable = ValuesIterable;
    this._query = value;
  }

  /** The database alias reads (or writes) go to, via the routers. */
  get db(): string {
    if (this._for_write) return this._db ?? router.db_for_write(this.model, this._hints);
    return this._db ?? router.db_for_read(this.model, this._hints);
  }

  /** Whether the results have an order (order_by() or Meta.ordering). */
  get ordered(): boolean {
    const q = this.query;
    if (q.order_by.length) return true;
    if (q.default_ordering && q.get_meta().ordering.length && q.group_by === null) return true;
    return false;
  }

  // ------------------------------------------------------------ Python protocol

  private evaluate(cause = 'evaluate'): T[] {
    this._fetch_all(cause);
    return this._result_cache!;
  }

  _fetch_all(cause = 'evaluate'): void {
    if (this._result_cache === null) {
      this._result_cache = withCause(this._cause ?? cause, () => fetchResults(this as unknown as QuerySet<Model>) as T[], true);
      if (this._iterable === ModelIterable) instanceCounter.noteHeld(this._result_cache.length);
    }
    if (this._prefetch_related_lookups.length && !this._prefetch_done) {
      prefetch_related_objects(this._result_cache, ...this._prefetch_related_lookups);
      this._prefetch_done = true;
    }
  }

  [Symbol.iterator](): Iterator<T> {
    return this.evaluate()[Symbol.iterator]();
  }

  /** `count` or, from a related manager, `related manager Post.tags (count)`. */
  private causeFor(operation: string): string {
    return this._cause ? `${this._cause} (${operation})` : operation;
  }

  /** A QuerySet is not an array: Django has len(qs) (evaluates) and qs.count() (SELECT COUNT). */
  get length(): never {
    throw new AttributeError("'QuerySet' object has no attribute 'length'. Use len(qs) to evaluate it, or qs.count() for SELECT COUNT(*).");
  }

  /** Python's len(qs): evaluates and caches the rows. */
  __len__(): number {
    return this.evaluate().length;
  }

  /** Python's bool(qs): evaluates and caches the rows. */
  __bool__(): boolean {
    return this.evaluate().length > 0;
  }

  /** Arrays' `map`, for convenience: `post.tags.all().map(t => t.name)` (evaluates). */
  map<U>(fn: (item: T, index: number) => U): U[] {
    return this.evaluate().map(fn);
  }

  __repr__(): string {
    const data: unknown[] = withCause('repr', () => [...this.slice(0, REPR_OUTPUT_SIZE + 1)], true);
    const items = data.slice(0, REPR_OUTPUT_SIZE).map(pyRepr);
    if (data.length > REPR_OUTPUT_SIZE) items.push("'...(remaining elements truncated)...'");
    return `<QuerySet [${items.join(', ')}]>`;
  }

  __str__(): string {
    return this.__repr__();
  }

  toString(): string {
    return this.__repr__();
  }

  /** Django's `qs[a:b]`: a new, sliced QuerySet (LIMIT/OFFSET), or a list when already evaluated. */
  slice(start: number | null = null, stop: number | null = null): QuerySet<T> | T[] {
    if ((start !== null && start < 0) || (stop !== null && stop < 0)) throw new ValueError('Negative indexing is not supported.');
    if (this._result_cache !== null) return this._result_cache.slice(start ?? 0, stop ?? undefined);
    const qs = this._chain();
    qs.query.set_limits(start, stop);
    return qs;
  }

  /** Django's `qs[i]`: runs a query for that one row (or reads the cache). */
  at(index: number): T {
    if (!Number.isInteger(index)) throw new PyTypeError(`QuerySet indices must be integers or slices, not ${typeof index}.`);
    if (index < 0) throw new ValueError('Negative indexing is not supported.');
    if (this._result_cache !== null) {
      if (index >= this._result_cache.length) throw new IndexError('list index out of range');
      return this._result_cache[index];
    }
    const qs = this._chain();
    qs.query.set_limits(index, index + 1);
    const rows = qs.evaluate();
    if (!rows.length) throw new IndexError('list index out of range');
    return rows[0];
  }

  // ------------------------------------------------------------ queries that return values

  /**
   * Streams results without filling the result cache: `SELECT ...` once, rows
   * read as needed. With prefetch_related(), `chunk_size` is required (Django 5).
   */
  *iterator(options: { chunk_size?: number } = {}): Generator<T> {
    const chunkSize = options.chunk_size ?? null;
    if (chunkSize === null) {
      if (this._prefetch_related_lookups.length) {
        throw new ValueError('chunk_size must be provided when using QuerySet.iterator() after prefetch_related().');
      }
    } else if (chunkSize <= 0) throw new ValueError('Chunk size must be strictly positive.');
    const rows = withCause('iterator', () => streamResults(this as unknown as QuerySet<Model>), true);
    instanceCounter.noteHeld(this._prefetch_related_lookups.length && chunkSize !== null ? chunkSize : 1);
    if (!this._prefetch_related_lookups.length || chunkSize === null) {
      for (let r = withCause('iterator', () => rows.next(), true); !r.done; r = withCause('iterator', () => rows.next(), true)) yield r.value as T;
      return;
    }
    for (;;) {
      const chunk: T[] = [];
      for (let r = rows.next(); !r.done; r = chunk.length < chunkSize ? rows.next() : { done: true, value: undefined }) {
        chunk.push(r.value as T);
        if (chunk.length === chunkSize) break;
      }
      if (!chunk.length) return;
      prefetch_related_objects(chunk, ...this._prefetch_related_lookups);
      yield* chunk;
      if (chunk.length < chunkSize) return;
    }
  }

  /** `{ alias: value }` for aggregates over the whole queryset: `aggregate({ avg: Avg('view_count') })`. */
  aggregate(...args: unknown[]): Record<string, unknown> {
    if (this.query.distinct_fields.length) throw new NotImplementedError('aggregate() + distinct(fields) not implemented.');
    const { expressions, options } = splitOptions(args);
    validateExpressions([...expressions, ...Object.values(options)], 'aggregate');
    const kwargs = new Map<string, Expression>();
    for (const arg of expressions) {
      let alias: string;
      try {
        alias = (arg as { default_alias: string }).default_alias;
        if (typeof alias !== 'string') throw new PyTypeError('');
      } catch {
        throw new PyTypeError('Complex aggregates require an alias');
      }
      kwargs.set(alias, arg as Expression);
    }
    for (const [k, v] of Object.entries(options)) kwargs.set(k, v as Expression);
    return withCause('aggregate', () => this.query.chain().get_aggregation(this.db, kwargs), true);
  }

  /** `SELECT COUNT(*)`; uses the result cache when the queryset was evaluated. */
  count(): number {
    if (this._result_cache !== null) return this._result_cache.length;
    return withCause(this.causeFor('count'), () => this.query.get_count(this.db), true);
  }

  /** The one object matching; DoesNotExist or MultipleObjectsReturned otherwise. Fetches at most 21 rows. */
  get(...args: FilterArg[]): T {
    const pk = this.compiledGetPk(args);
    if (pk !== undefined) {
      const db = this.db;
      const cause = this._cause ?? 'get';
      let rows = withCause(cause, () => runCompiledGet(this.model, db, pk), true);
      if (!rows) {
        const compiler = this.getClone(args).query.get_compiler(db) as unknown as SQLCompiler;
        const [sql, params] = compiler.as_sql();
        rememberCompiledGet(this.model, db, compiler, sql, params, pk);
        rows = withCause(cause, () => runCompiledGet(this.model, db, pk), true);
      }
      if (rows) return this.theOne(rows);
    }
    return this.theOne(this.getClone(args).evaluate('get'));
  }

  /** The queryset get() evaluates: filtered, unordered (Django's `clone.order_by()`, in place on the private clone), at most 21 rows. */
  private getClone(args: FilterArg[]): QuerySet<T> {
    const clone = args.length ? this.filter(...args) : this._chain();
    if (this.query.can_filter() && !this.query.distinct_fields.length) clone.orderInPlace([]);
    clone.query.set_limits(null, MAX_GET_RESULTS);
    return clone;
  }

  /** The pk of a `get({ pk })` on an untouched manager queryset, which can reuse the model's compiled get() SQL. */
  private compiledGetPk(args: FilterArg[]): number | string | undefined {
    const plain =
      this.constructor === QuerySet &&
      this._iterable === ModelIterable &&
      !this._sticky_filter &&
      !this._prefetch_related_lookups.length &&
      !this._known_related_objects.size &&
      !this._deferred_filter &&
      (this._query === null || isUntouched(this._query));
    return plain ? pkLookupValue(this.model, args) : undefined;
  }

  private theOne(rows: T[]): T {
    if (rows.length === 1) return rows[0];
    const name = this.model._meta.object_name;
    if (!rows.length) throw new this.model.DoesNotExist(`${name} matching query does not exist.`);
    const num = rows.length < MAX_GET_RESULTS ? String(rows.length) : `more than ${MAX_GET_RESULTS - 1}`;
    throw new this.model.MultipleObjectsReturned(`get() returned more than one ${name} -- it returned ${num}!`);
  }

  /** Creates and saves an object in one INSERT. */
  create(kwargs: Kwargs = {}): T {
    const obj = new this.model(kwargs);
    this._for_write = true;
    withCause('create', () => obj.save({ force_insert: true, using: this.db }), true);
    return obj;
  }

  /**
   * INSERTs many objects in as few statements as SQLite allows (999 parameters per
   * statement): no save(), no signals. Sets their pks from `RETURNING`.
   */
  bulk_create(objs: T[], options: BulkCreateOptions = {}): T[] {
    const { batch_size = null, ignore_conflicts = false, update_conflicts = false } = options;
    if (batch_size !== null && batch_size <= 0) throw new ValueError('Batch size must be a positive integer.');
    const list = [...objs];
    if (!list.length) return list;
    const opts = this.model._meta;
    let onConflict: OnConflict = null;
    if (ignore_conflicts && update_conflicts) throw new ValueError('ignore_conflicts and update_conflicts are mutually exclusive.');
    if (ignore_conflicts) onConflict = 'ignore';
    else if (update_conflicts) {
      if (!options.update_fields?.length) throw new ValueError('Fields that will be updated when a row insertion fails on conflicts must be provided.');
      if (!options.unique_fields?.length) throw new ValueError('Unique fields that can trigger the upsert must be provided.');
      onConflict = 'update';
    }
    const updateFields = (options.update_fields ?? []).map((n) => opts.get_field(n) as Field);
    const uniqueFields = (options.unique_fields ?? []).map((n) => opts.get_field(n === 'pk' ? opts.pk.name : n) as Field);
    this._for_write = true;
    for (const obj of list) obj.prepareRelatedFieldsForSave('bulk_create');
    const db = this.db;
    withCause(
      'bulk_create',
      () =>
        atomic(
          () => {
            const withPk = list.filter((o) => o.pk !== null && o.pk !== undefined);
            const withoutPk = list.filter((o) => o.pk === null || o.pk === undefined);
            const fields = opts.concrete_fields;
            if (withPk.length) this.batchedInsert(withPk, fields, batch_size, onConflict, updateFields, uniqueFields, db);
            if (withoutPk.length) {
              const fieldsWithoutAuto = fields.filter((f) => f !== opts.auto_field);
              const returned = this.batchedInsert(withoutPk, fieldsWithoutAuto, batch_size, onConflict, updateFields, uniqueFields, db);
              if (opts.auto_field) {
                returned.forEach((row, i) => ((withoutPk[i] as Model)[opts.auto_field!.attname] = row[0]));
              }
            }
            for (const obj of list) {
              obj._state.adding = false;
              obj._state.db = db;
            }
          },
          { using: db, savepoint: false },
        ),
      true,
    );
    return list;
  }

  private batchedInsert(
    objs: T[],
    fields: Field[],
    batchSize: number | null,
    onConflict: OnConflict,
    updateFields: Field[],
    uniqueFields: Field[],
    db: string,
  ): unknown[][] {
    const maxBatch = Math.max(bulkBatchSize(fields.length, objs.length), 1);
    const size = batchSize ? Math.min(batchSize, maxBatch) : maxBatch;
    const returning = onConflict !== 'ignore' && this.model._meta.auto_field ? [this.model._meta.auto_field] : null;
    const rows: unknown[][] = [];
    for (let i = 0; i < objs.length; i += size) {
      const query = new InsertQuery(this.model, onConflict, updateFields, uniqueFields);
      query.insert_values(fields, objs.slice(i, i + size));
      rows.push(...(query.get_compiler(db) as unknown as SQLInsertCompiler).execute_insert(returning));
    }
    return rows;
  }

  /** One `UPDATE ... SET f = CASE WHEN pk = .. THEN .. END WHERE pk IN (...)` per batch; no save(), no signals. */
  bulk_update(objs: T[], fieldNames: string[], options: { batch_size?: number } = {}): number {
    const batchSize = options.batch_size ?? null;
    if (batchSize !== null && batchSize <= 0) throw new ValueError('Batch size must be a positive integer.');
    if (!fieldNames.length) throw new ValueError('Field names must be given to bulk_update().');
    const list = [...objs];
    if (list.some((o) => o.pk === null || o.pk === undefined)) throw new ValueError('All bulk_update() objects must have a primary key set.');
    const opts = this.model._meta;
    const fields = fieldNames.map((n) => opts.get_field(n) as Field);
    if (fields.some((f) => !f.concrete || f.many_to_many)) throw new ValueError('bulk_update() can only be used with concrete fields.');
    if (fields.some((f) => f.primary_key)) throw new ValueError('bulk_update() cannot be used with primary key fields.');
    if (!list.length) return 0;
    for (const obj of list) obj.prepareRelatedFieldsForSave('bulk_update');
    this._for_write = true;
    const maxBatch = bulkBatchSize(fields.length + 2, list.length);
    const size = batchSize ? Math.min(batchSize, maxBatch) : maxBatch;
    const db = this.db;
    let updated = 0;
    withCause(
      'bulk_update',
      () =>
        atomic(
          () => {
            for (let i = 0; i < list.length; i += size) {
              const batch = list.slice(i, i + size);
              const pks = batch.map((o) => o.pk);
              const conditions = pkConditions(this.query, pks);
              const kwargs: Kwargs = {};
              for (const field of fields) {
                const whens = batch.map((obj, j) => {
                  let attr = obj[field.attname];
                  if (!isResolvable(attr)) attr = new Value(attr, field);
                  return new When(conditions[j], { then: attr });
                });
                kwargs[field.attname] = new Case(...whens, { output_field: field });
              }
              updated += this.using(db).filter({ pk__in: pks }).update(kwargs);
            }
          },
          { using: db, savepoint: false },
        ),
      true,
    );
    return updated;
  }

  /** Get the object, or create it (`[obj, created]`); `defaults` are used only when creating. */
  get_or_create(kwargs: Kwargs = {}): [T, boolean] {
    const { defaults = {}, ...lookup } = kwargs as { defaults?: Kwargs } & Kwargs;
    this._for_write = true;
    try {
      return markTuple([this.get(lookup), false]) as [T, boolean];
    } catch (e) {
      if (!(e instanceof this.model.DoesNotExist)) throw e;
    }
    const params = this.extractModelParams(defaults, lookup);
    try {
      return atomic(() => markTuple([this.create(resolveCallables(params)), true]) as [T, boolean], { using: this.db });
    } catch (e) {
      if (!(e instanceof IntegrityError)) throw e;
      try {
        return markTuple([this.get(lookup), false]) as [T, boolean];
      } catch (e2) {
        if (!(e2 instanceof this.model.DoesNotExist)) throw e2;
      }
      throw e;
    }
  }

  /** Update the object with `defaults`, or create it (`create_defaults` when given); `[obj, created]`. */
  update_or_create(kwargs: Kwargs = {}): [T, boolean] {
    const { defaults = {}, create_defaults, ...lookup } = kwargs as { defaults?: Kwargs; create_defaults?: Kwargs } & Kwargs;
    const createDefaults = create_defaults ?? defaults;
    this._for_write = true;
    return atomic(
      () => {
        const [obj, created] = this.select_for_update().get_or_create({ ...lookup, defaults: createDefaults });
        if (created) return markTuple([obj, created]) as [T, boolean];
        const resolved = resolveCallables(defaults);
        for (const [k, v] of Object.entries(resolved)) (obj as Model)[k] = v;
        const updateFields = new Set(Object.keys(resolved));
        const concrete = new Set(this.model._meta.concrete_fields.filter((f) => !f.primary_key).flatMap((f) => [f.name, f.attname]));
        if ([...updateFields].every((f) => concrete.has(f))) {
          for (const field of this.model._meta.local_concrete_fields) {
            if (!field.primary_key && hasOwnPreSave(field)) {
              updateFields.add(field.name);
              if (field.name !== field.attname) updateFields.add(field.attname);
            }
          }
          obj.save({ using: this.db, update_fields: [...updateFields] });
        } else obj.save({ using: this.db });
        return markTuple([obj, false]) as [T, boolean];
      },
      { using: this.db },
    );
  }

  private extractModelParams(defaults: Kwargs, kwargs: Kwargs): Kwargs {
    const params: Kwargs = {};
    for (const [k, v] of Object.entries(kwargs)) if (!k.includes('__')) params[k] = v;
    Object.assign(params, defaults);
    const invalid: string[] = [];
    for (const p of Object.keys(params)) {
      try {
        this.model._meta.get_field(p);
      } catch (e) {
        if (!(e instanceof FieldDoesNotExist)) throw e;
        invalid.push(p);
      }
    }
    if (invalid.length) {
      throw new FieldError(`Invalid field name(s) for model ${this.model._meta.object_name}: '${invalid.sort().join("', '")}'.`);
    }
    return params;
  }

  private earliestOf(fields: string[]): T {
    if (!fields.length) throw new ValueError("earliest() and latest() require either fields as positional arguments or 'get_latest_by' in the model's Meta.");
    const obj = this._chain();
    obj.query.set_limits(null, 1);
    obj.query.clear_ordering(true);
    obj.query.add_ordering(...fields);
    return obj.get();
  }

  earliest(...fields: string[]): T {
    if (this.query.is_sliced) throw new PyTypeError('Cannot change a query once a slice has been taken.');
    return this.earliestOf(fields);
  }

  latest(...fields: string[]): T {
    if (this.query.is_sliced) throw new PyTypeError('Cannot change a query once a slice has been taken.');
    return this.reverse().earliestOf(fields);
  }

  /** The first object (ordered by pk when there is no ordering), or null. */
  first(): T | null {
    const qs = this.ordered ? this : this.order_by('pk');
    const rows = qs.slice(0, 1);
    const list = Array.isArray(rows) ? rows : rows.evaluate('first');
    return list[0] ?? null;
  }

  /** The last object (reversing the ordering, or by -pk), or null. */
  last(): T | null {
    const qs = this.ordered ? this.reverse() : this.order_by('-pk');
    const rows = qs.slice(0, 1);
    const list = Array.isArray(rows) ? rows : rows.evaluate('last');
    return list[0] ?? null;
  }

  /** A Map from id (or another unique field) to object, for the given ids or the whole queryset. */
  in_bulk(idList: unknown[] | null = null, options: { field_name?: string } = {}): Map<unknown, T> {
    const fieldName = options.field_name ?? 'pk';
    if (this.query.is_sliced) throw new PyTypeError("Cannot use 'limit' or 'offset' with in_bulk().");
    if (this._iterable !== ModelIterable) throw new PyTypeError('in_bulk() cannot be used with values() or values_list().');
    const opts = this.model._meta;
    if (fieldName !== 'pk' && !(opts.get_field(fieldName) as Field).unique) {
      throw new ValueError(`in_bulk()'s field_name must be a unique field but '${fieldName}' isn't.`);
    }
    let objs: T[];
    if (idList !== null) {
      const ids = [...idList];
      if (!ids.length) return new Map();
      objs = [];
      for (let i = 0; i < ids.length; i += 999) objs.push(...this.filter({ [`${fieldName}__in`]: ids.slice(i, i + 999) }).evaluate('in_bulk'));
    } else objs = this._chain().evaluate('in_bulk');
    return new Map(objs.map((o) => [o[fieldName], o]));
  }

  /** Deletes the rows, collecting cascades first; returns `[total, { 'blog.Post': n }]`. */
  delete(): [number, Record<string, number>] {
    if (this.query.is_sliced) throw new PyTypeError("Cannot use 'limit' or 'offset' with delete().");
    if (this.query.distinct_fields.length) throw new PyTypeError('Cannot call delete() after .distinct(*fields).');
    if (this._fields !== null) throw new PyTypeError('Cannot call delete() after .values() or .values_list()');
    const del = this._chain();
    del._for_write = true;
    del.query.select_for_update = false;
    del.query.select_related = false;
    del.query.clear_ordering(true);
    const result = withCause(
      'delete',
      () => {
        const collector = new Collector(del.db, this);
        collector.collect(del);
        return collector.delete();
      },
      true,
    );
    this._result_cache = null;
    return result;
  }

  /** One DELETE for these rows: no signals, no cascades (used by the Collector's fast path). */
  _raw_delete(using: string): number {
    const query = Object.assign(Object.create(DeleteQuery.prototype), this.query.clone()) as DeleteQuery;
    return query.get_compiler(using).execute_row_count();
  }

  /** One UPDATE for every matching row: returns the row count; no save(), no signals. */
  update(kwargs: Kwargs): number {
    if (this.query.is_sliced) throw new PyTypeError('Cannot update a query once a slice has been taken.');
    this._for_write = true;
    const query = Object.assign(Object.create(UpdateQuery.prototype), this.query.chain()) as UpdateQuery;
    query.values = [];
    query.add_update_values(kwargs);
    query.order_by = query.order_by.map((col) => {
      if (typeof col !== 'string') return col;
      const desc = col.startsWith('-');
      const annotation = query.annotations.get(desc ? col.slice(1) : col);
      if (!annotation) return col;
      if (annotation.contains_aggregate) throw new FieldError(`Cannot update when ordering by an aggregate: ${annotation}`);
      return desc ? annotation.desc() : annotation;
    });
    query.clear_select_clause();
    const rows = withCause('update', () => query.get_compiler(this.db).execute_row_count(), true);
    this._result_cache = null;
    return rows;
  }

  /** update() with field objects, for Model.save(). */
  _update(values: [Field, ModelClass, unknown][]): number {
    if (this.query.is_sliced) throw new PyTypeError('Cannot update a query once a slice has been taken.');
    const query = Object.assign(Object.create(UpdateQuery.prototype), this.query.chain()) as UpdateQuery;
    query.values = [];
    query.add_update_fields(values);
    query.annotations = new Map();
    this._result_cache = null;
    return query.get_compiler(this.db).execute_row_count();
  }

  /** `SELECT 1 ... LIMIT 1`, or the result cache when evaluated. */
  exists(): boolean {
    if (this._result_cache === null) return withCause(this.causeFor('exists'), () => this.query.has_results(this.db), true);
    return this._result_cache.length > 0;
  }

  contains(obj: T): boolean {
    if (this._fields !== null) throw new PyTypeError('Cannot call QuerySet.contains() after .values() or .values_list().');
    if (!obj || !(obj as Model)._state) throw new PyTypeError("'obj' must be a model instance.");
    if ((obj.constructor as ModelClass)._meta.concrete_model !== this.model._meta.concrete_model) return false;
    if (obj.pk === null || obj.pk === undefined) throw new ValueError('QuerySet.contains() cannot be used on unsaved objects.');
    if (this._result_cache !== null) return this._result_cache.some((o) => o.equals(obj));
    return this.filter({ pk: obj.pk }).exists();
  }

  /** SQLite's EXPLAIN QUERY PLAN for this query, as text. */
  explain(options: { format?: string } = {}): string {
    return withCause('explain', () => this.query.explain(this.db, options.format ?? null), true);
  }

  /** Maps the columns of a raw SQL query onto model instances. */
  raw(sql: string, params: unknown[] = [], options: { translations?: Record<string, string>; using?: string } = {}): RawQuerySet<T> {
    const qs = new RawQuerySet<T>(sql, this.model, params, options.translations ?? {}, options.using ?? this.db);
    qs._prefetch_related_lookups = this._prefetch_related_lookups;
    return qs;
  }

  // ------------------------------------------------------------ methods returning new querysets

  private valuesClone(fields: string[], expressions: Kwargs): QuerySet<T> {
    let clone = this._chain();
    if (Object.keys(expressions).length) clone = clone.annotate(expressions);
    clone._fields = fields;
    clone.query.set_values(fields);
    return clone;
  }

  /** Dicts instead of instances: `values('title', 'author__username')`. */
  values(...args: (string | Kwargs)[]): QuerySet<T> {
    const { expressions: names, options } = splitOptions(args);
    const fields = [...(names as string[]), ...Object.keys(options)];
    const clone = this.valuesClone(fields, options);
    clone._iterable = ValuesIterable;
    return clone;
  }

  /** Arrays (Python tuples) instead of instances; `{ flat: true }` for single values, `{ named: true }` for named rows. */
  values_list(...args: unknown[]): QuerySet<T> {
    const { expressions: fields, options } = splitOptions(args);
    const { flat = false, named = false } = options as { flat?: boolean; named?: boolean };
    if (flat && named) throw new PyTypeError("'flat' and 'named' can't be used together.");
    if (flat && fields.length > 1) throw new PyTypeError("'flat' is not valid when values_list is called with more than one field.");
    const fieldNames = new Map<string, boolean>();
    for (const f of fields) if (typeof f === 'string') fieldNames.set(f, false);
    const names: string[] = [];
    const expressions: Kwargs = {};
    let counter = 1;
    for (const field of fields) {
      let name: string;
      let expression: unknown = null;
      let seen: boolean;
      if (isResolvable(field)) {
        name = (field as { default_alias?: string }).default_alias ?? (field as object).constructor.name.toLowerCase();
        expression = field;
        seen = true;
      } else {
        name = field as string;
        seen = fieldNames.get(name) === true;
        if (seen) expression = new F(name);
      }
      if (seen) {
        const prefix = name;
        while (fieldNames.has((name = `${prefix}${counter}`))) counter++;
      }
      if (expression !== null) expressions[name] = expression;
      fieldNames.set(name, true);
      names.push(name);
    }
    const clone = this.valuesClone(names, expressions);
    clone._iterable = named ? NamedValuesListIterable : flat ? FlatValuesListIterable : ValuesListIterable;
    return clone;
  }

  /** An empty queryset that runs no query. */
  none(): QuerySet<T> {
    const clone = this._chain();
    clone.query.set_empty();
    return clone;
  }

  /** A copy of this queryset (from a manager: every row). */
  all(): QuerySet<T> {
    return this._chain();
  }

  /**
   * Rows matching every condition: `filter({ published: true, title__icontains: 'orm' })`,
   * `filter(Q(...).or(Q(...)))`. Keyword conditions are applied in sorted order, as Django.
   */
  filter(...args: FilterArg[]): QuerySet<T> {
    return this.filterOrExclude(false, args);
  }

  /** Rows not matching: `NOT (...)`, with Django's NULL and multi-valued relation rules. */
  exclude(...args: FilterArg[]): QuerySet<T> {
    return this.filterOrExclude(true, args);
  }

  private filterOrExclude(negate: boolean, args: FilterArg[]): QuerySet<T> {
    const hasArgs = args.some((a) => !isPlainObject(a) || Object.keys(a).length);
    if (hasArgs && this.isSliced()) throw new PyTypeError('Cannot filter a query once a slice has been taken.');
    for (const a of args) {
      if (a === undefined || a === null || (typeof a !== 'object' && typeof a !== 'function')) {
        throw new PyTypeError(`filter() arguments must be Q objects, expressions or an object of lookups, got ${pyRepr(a)}.`);
      }
    }
    const clone = this._chain();
    if (this._defer_next_filter) {
      this._defer_next_filter = false;
      clone._deferred_filter = args;
      clone._deferred_negate = negate;
    } else clone.filterInPlace(negate, args);
    return clone;
  }

  private filterInPlace(negate: boolean, args: FilterArg[]): void {
    const q = toQ(args);
    this.query.add_q(negate ? q.not() : q);
  }

  complex_filter(filterObj: Q | Kwargs): QuerySet<T> {
    if (filterObj instanceof Q) {
      const clone = this._chain();
      clone.query.add_q(filterObj);
      return clone;
    }
    return this.filterOrExclude(false, [filterObj]);
  }

  /** No-op on SQLite (as Django: SQLite has no SELECT ... FOR UPDATE). */
  select_for_update(options: { nowait?: boolean; skip_locked?: boolean; of?: string[]; no_key?: boolean } = {}): QuerySet<T> {
    if (options.nowait && options.skip_locked) throw new ValueError('The nowait option cannot be used with skip_locked.');
    const obj = this._chain();
    obj._for_write = true;
    obj.query.select_for_update = true;
    return obj;
  }

  /**
   * Follow foreign keys in the same query with JOINs: `select_related('author')`
   * (LEFT OUTER JOIN for nullable keys); no arguments follows every non-null FK.
   */
  select_related(...fields: (string | null)[]): QuerySet<T> {
    if (this._fields !== null) throw new PyTypeError('Cannot call select_related() after .values() or .values_list()');
    const obj = this._chain();
    if (fields.length === 1 && fields[0] === null) obj.query.select_related = false;
    else if (fields.length) obj.query.add_select_related(fields as string[]);
    else obj.query.select_related = true;
    return obj;
  }

  /**
   * Load related objects in one extra query per relation (`WHERE ... IN (...)`):
   * `prefetch_related('tags')`, `prefetch_related(Prefetch('post_set', { queryset, to_attr }))`.
   */
  prefetch_related(...lookups: (string | Prefetch | null)[]): QuerySet<T> {
    const clone = this._chain();
    if (lookups.length === 1 && lookups[0] === null) clone._prefetch_related_lookups = [];
    else clone._prefetch_related_lookups = [...clone._prefetch_related_lookups, ...(lookups as (string | Prefetch)[])];
    return clone;
  }

  /** Adds computed columns: `annotate({ post_count: Count('post') })` (GROUP BY when aggregating). */
  annotate(...args: unknown[]): QuerySet<T> {
    return this.annotateWith(args, true);
  }

  /** Like annotate(), but the expression is only usable in filters and ordering, not selected. */
  alias(...args: unknown[]): QuerySet<T> {
    return this.annotateWith(args, false);
  }

  private annotateWith(args: unknown[], select: boolean): QuerySet<T> {
    const { expressions, options } = splitOptions(args);
    validateExpressions([...expressions, ...Object.values(options)], 'annotate');
    const annotations = new Map<string, Expression>();
    for (const arg of expressions) {
      let alias: string;
      try {
        alias = (arg as { default_alias: string }).default_alias;
        if (typeof alias !== 'string') throw new Error();
      } catch {
        throw new PyTypeError('Complex annotations require an alias');
      }
      if (alias in options) throw new ValueError(`The named annotation '${alias}' conflicts with the default name for another annotation.`);
      annotations.set(alias, arg as Expression);
    }
    for (const [k, v] of Object.entries(options)) annotations.set(k, v as Expression);
    const clone = this._chain();
    const names: ReadonlySet<string> = this._fields ? new Set(this._fields) : this.model._meta.fieldNamesAndAttnames();
    for (const [alias, annotation] of annotations) {
      if (names.has(alias)) throw new ValueError(`The annotation '${alias}' conflicts with a field on the model.`);
      clone.query.add_annotation(annotation, alias, select);
    }
    for (const [alias, annotation] of clone.query.annotations) {
      if (annotations.has(alias) && annotation.contains_aggregate) {
        if (clone._fields === null) clone.query.group_by = true;
        else clone.query.set_group_by();
        break;
      }
    }
    return clone;
  }

  /** `order_by('-created_at', 'title')`; `order_by()` clears any ordering, even Meta.ordering. */
  order_by(...fieldNames: (string | Expression)[]): QuerySet<T> {
    if (this.query.is_sliced) throw new PyTypeError('Cannot reorder a query once a slice has been taken.');
    const obj = this._chain();
    obj.orderInPlace(fieldNames);
    return obj;
  }

  private orderInPlace(fieldNames: (string | Expression)[]): void {
    this.query.clear_ordering(true, false);
    this.query.add_ordering(...fieldNames);
  }

  /** `SELECT DISTINCT ...` */
  distinct(...fieldNames: string[]): QuerySet<T> {
    if (this.query.is_sliced) throw new PyTypeError('Cannot create distinct fields once a slice has been taken.');
    if (fieldNames.length) throw new NotImplementedError('DISTINCT ON fields is not supported by this database backend');
    const obj = this._chain();
    obj.query.add_distinct_fields(...fieldNames);
    return obj;
  }

  /** Reverses the ordering (order_by() or Meta.ordering). */
  reverse(): QuerySet<T> {
    if (this.query.is_sliced) throw new PyTypeError('Cannot reverse a query once a slice has been taken.');
    const clone = this._chain();
    clone.query.standard_ordering = !clone.query.standard_ordering;
    return clone;
  }

  /** Don't load these fields now: reading one later costs one query per instance. */
  defer(...fields: (string | null)[]): QuerySet<T> {
    if (this._fields !== null) throw new PyTypeError('Cannot call defer() after .values() or .values_list()');
    const clone = this._chain();
    if (fields.length === 1 && fields[0] === null) clone.query.clear_deferred_loading();
    else clone.query.add_deferred_loading(fields as string[]);
    return clone;
  }

  /** Load only these fields (and the pk); the others are deferred. */
  only(...fields: string[]): QuerySet<T> {
    if (this._fields !== null) throw new PyTypeError('Cannot call only() after .values() or .values_list()');
    if (fields.length === 1 && (fields[0] as unknown) === null) throw new PyTypeError('Cannot pass None as an argument to only().');
    for (const f of fields) {
      if (typeof f !== 'string') throw new PyTypeError(`only() arguments must be field names, got ${pyRepr(f)}.`);
    }
    const clone = this._chain();
    clone.query.add_immediate_loading(fields);
    return clone;
  }

  /** Raw SQL columns added to each row: `extra({ select: { is_recent: "created_at > '2025-12-01'" } })`. */
  extra(options: { select?: Record<string, string>; select_params?: unknown[] }): QuerySet<T> {
    if (this.query.is_sliced) throw new PyTypeError('Cannot change a query once a slice has been taken.');
    const clone = this._chain();
    for (const [alias, sql] of Object.entries(options.select ?? {})) clone.query.extra.set(alias, new RawSQL(sql, options.select_params ?? []));
    return clone;
  }

  /** Run on another database alias: `using('replica')`. */
  using(alias: string): QuerySet<T> {
    const clone = this._chain();
    clone._db = alias;
    return clone;
  }

  // ------------------------------------------------------------ internals

  _chain(): QuerySet<T> {
    const obj = this._clone();
    if (obj._sticky_filter) {
      if (obj._query) obj._query.filter_is_sticky = true;
      else obj._query_sticky = true;
      obj._sticky_filter = false;
    }
    return obj;
  }

  _clone(): QuerySet<T> {
    // A query not built yet is a fresh one, and so is its chain() (which drops stickiness): nothing to copy.
    const query = this._query === null && !this._deferred_filter ? null : this.query.chain();
    const c = new (this.constructor as new (...a: unknown[]) => QuerySet<T>)(this.model, query, this._db, this._hints);
    c._sticky_filter = this._sticky_filter;
    c._for_write = this._for_write;
    c._prefetch_related_lookups = this._prefetch_related_lookups;
    c._known_related_objects = this._known_related_objects;
    c._iterable = this._iterable;
    c._fields = this._fields;
    c._cause = this._cause;
    return c;
  }

  /** Without building the query: a pending deferred filter never slices. */
  private isSliced(): boolean {
    return this._query !== null && this._query.is_sliced;
  }

  _next_is_sticky(): this {
    this._sticky_filter = true;
    return this;
  }

  _add_hints(hints: Record<string, unknown>): void {
    this._hints = { ...this._hints, ...hints };
  }

  _has_filters(): boolean {
    return this.query.has_filters();
  }

  /** A queryset inside a filter or Subquery compiles as its query. */
  resolve_expression(...args: unknown[]): Query {
    return (this.query.resolve_expression as (...a: unknown[]) => Query)(...args);
  }
}

/**
 * The conditions of bulk_update()'s `When(pk=...)`, resolved: the first through
 * the filter machinery, the others as the same lookup on the same column with
 * their own pk, so that the path to the pk is not resolved once per object.
 * Each compiles exactly as `Q(pk=...)` does. They resolve against a copy of the
 * queryset's query, whose annotations the update query would see as well.
 */
function pkConditions(query: Query, pks: unknown[]): WhereNode[] {
  const first = new Q({ pk: pks[0] }).resolve_expression(query.clone());
  const lookup = first.children[0] as Lookup;
  const lookupClass = lookup.constructor as LookupClass;
  return pks.map((pk, i) => (i === 0 ? first : first.create([new lookupClass(lookup.lhs, pk)], first.connector, first.negated)));
}

function validateExpressions(values: unknown[], method: string): void {
  const invalid = values.filter((v) => !isResolvable(v)).map((v) => pyRepr(v)).sort();
  if (invalid.length) throw new PyTypeError(`QuerySet.${method}() received non-expression(s): ${invalid.join(', ')}.`);
}

function resolveCallables(params: Kwargs): Kwargs {
  const out: Kwargs = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'function' && !(v as { isModelClass?: boolean }).isModelClass ? (v as () => unknown)() : v;
  return out;
}

/** Field types with their own pre_save() (date/time fields) are added to update_or_create's update_fields, as Django. */
function hasOwnPreSave(field: Field): boolean {
  return field.pre_save !== FieldBase.prototype.pre_save;
}
