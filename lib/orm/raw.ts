import { withCause } from './backend/connection';
import { FieldDoesNotExist, IndexError } from './errors';
import type { Field } from './fields/field';
import { instanceCounter } from './iterables';
import type { Model, ModelClass } from './model';
import { prefetch_related_objects, type Prefetch } from './prefetch';
import { connections } from './runtime';
import { interpolate } from './backend/operations';
import type { SqlValue } from '../db/sqlite';

/**
 * `Post.objects.raw('SELECT ...', [params])`: runs your SQL and maps columns to
 * fields by name. Extra columns become attributes; fields you leave out are
 * deferred and load (one query each) when read. The primary key is required.
 */
export class RawQuerySet<T extends Model = Model> implements Iterable<T> {
  readonly isRaw = true;
  _result_cache: T[] | null = null;
  _prefetch_related_lookups: readonly (string | Prefetch)[] = [];
  private prefetchDone = false;
  private columnsCache: string[] | null = null;

  constructor(
    readonly raw_query: string,
    readonly model: ModelClass<T>,
    readonly params: unknown[] = [],
    readonly translations: Record<string, string> = {},
    readonly db: string = 'default',
  ) {}

  /** Column names of the result, after `translations`. */
  get columns(): string[] {
    if (!this.columnsCache) this.fetch();
    return this.columnsCache!;
  }

  get model_fields(): Map<string, Field> {
    return new Map(this.model._meta.fields.map((f) => [f.column, f]));
  }

  private fetch(): T[] {
    if (this._result_cache) return this._result_cache;
    const conn = connections().get(this.db);
    const { columns, rows } = withCause('raw', () => conn.fetchWithColumns(this.raw_query, this.params), true);
    this.columnsCache = columns.map((c) => this.translations[c] ?? c);
    const byColumn = this.model_fields;
    const fieldPos: [Field, number][] = [];
    const extraPos: [string, number][] = [];
    this.columnsCache.forEach((c, i) => {
      const f = byColumn.get(c);
      if (f) fieldPos.push([f, i]);
      else extraPos.push([c, i]);
    });
    const pk = this.model._meta.pk;
    if (!fieldPos.some(([f]) => f === pk)) throw new FieldDoesNotExist('Raw query must include the primary key');
    const ordered = this.model._meta.concrete_fields.filter((f) => fieldPos.some(([g]) => g === f));
    const positions = ordered.map((f) => fieldPos.find(([g]) => g === f)![1]);
    const attnames = ordered.map((f) => f.attname);
    this._result_cache = rows.map((row) => {
      const values = positions.map((p, k) => {
        const conv = ordered[k].from_db_value;
        return conv ? conv(row[p]) : row[p];
      });
      const obj = this.model.from_db(this.db, attnames, values);
      instanceCounter.created++;
      for (const [name, i] of extraPos) (obj as Model)[name] = row[i];
      return obj;
    });
    return this._result_cache;
  }

  private evaluate(): T[] {
    const rows = this.fetch();
    if (this._prefetch_related_lookups.length && !this.prefetchDone) {
      prefetch_related_objects(rows, ...this._prefetch_related_lookups);
      this.prefetchDone = true;
    }
    return rows;
  }

  prefetch_related(...lookups: (string | Prefetch | null)[]): RawQuerySet<T> {
    const clone = new RawQuerySet<T>(this.raw_query, this.model, this.params, this.translations, this.db);
    clone._prefetch_related_lookups = lookups.length === 1 && lookups[0] === null ? [] : [...this._prefetch_related_lookups, ...(lookups as (string | Prefetch)[])];
    return clone;
  }

  using(alias: string): RawQuerySet<T> {
    return new RawQuerySet<T>(this.raw_query, this.model, this.params, this.translations, alias);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.evaluate()[Symbol.iterator]();
  }

  __len__(): number {
    return this.evaluate().length;
  }

  __bool__(): boolean {
    return this.evaluate().length > 0;
  }

  at(index: number): T {
    const rows = this.evaluate();
    if (index < 0 || index >= rows.length) throw new IndexError('list index out of range');
    return rows[index];
  }

  __repr__(): string {
    return `<RawQuerySet: ${interpolate(this.raw_query, this.params as SqlValue[])}>`;
  }

  toString(): string {
    return this.__repr__();
  }
}
