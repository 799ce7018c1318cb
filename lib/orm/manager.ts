import { ValueError } from './errors';
import type { Model, ModelClass } from './model';
import { QuerySet } from './queryset';

/**
 * The interface to the database for a model (Django's Manager): `Post.objects`.
 * Subclass it and override get_queryset() for a custom default queryset:
 *
 * @example
 * class PublishedManager extends Manager { get_queryset() { return super.get_queryset().filter({ published: true }); } }
 */
export class Manager<T extends Model = Model> {
  model!: ModelClass<T>;
  name = '';
  _db: string | null = null;
  /** Replaced, never changed in place: its querysets share it. */
  _hints: Readonly<Record<string, unknown>> = {};

  contribute_to_class(model: ModelClass, name: string): void {
    this.model = model as ModelClass<T>;
    this.name = name;
  }

  /** The base QuerySet every method of the manager starts from. */
  get_queryset(): QuerySet<T> {
    if (!this.model) throw new ValueError('This manager is not attached to a model: declare it as `static objects = new MyManager()` on a model class.');
    return new QuerySet<T>(this.model, null, this._db, this._hints);
  }

  /** Every row: `Post.objects.all()` (lazy). */
  all(): QuerySet<T> {
    return this.get_queryset();
  }

  /** A copy of the manager bound to a database alias. */
  db_manager(using: string | null = null, hints: Record<string, unknown> = {}): this {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(this)), this) as this;
    copy._db = using ?? this._db;
    copy._hints = { ...this._hints, ...hints };
    return copy;
  }

  get db(): string {
    return this.get_queryset().db;
  }

  // QuerySet methods offered by the manager (Django's _get_queryset_methods); delete() is queryset-only.
  filter(...args: Parameters<QuerySet<T>['filter']>) {
    return this.get_queryset().filter(...args);
  }
  exclude(...args: Parameters<QuerySet<T>['exclude']>) {
    return this.get_queryset().exclude(...args);
  }
  get(...args: Parameters<QuerySet<T>['get']>) {
    return this.get_queryset().get(...args);
  }
  create(kwargs: Record<string, unknown> = {}): T {
    return this.get_queryset().create(kwargs);
  }
  get_or_create(kwargs: Record<string, unknown> = {}): [T, boolean] {
    return this.get_queryset().get_or_create(kwargs);
  }
  update_or_create(kwargs: Record<string, unknown> = {}): [T, boolean] {
    return this.get_queryset().update_or_create(kwargs);
  }
  bulk_create(...args: Parameters<QuerySet<T>['bulk_create']>) {
    return this.get_queryset().bulk_create(...args);
  }
  bulk_update(...args: Parameters<QuerySet<T>['bulk_update']>) {
    return this.get_queryset().bulk_update(...args);
  }
  count(): number {
    return this.get_queryset().count();
  }
  exists(): boolean {
    return this.get_queryset().exists();
  }
  contains(obj: T): boolean {
    return this.get_queryset().contains(obj);
  }
  first(): T | null {
    return this.get_queryset().first();
  }
  last(): T | null {
    return this.get_queryset().last();
  }
  earliest(...fields: string[]): T {
    return this.get_queryset().earliest(...fields);
  }
  latest(...fields: string[]): T {
    return this.get_queryset().latest(...fields);
  }
  in_bulk(...args: Parameters<QuerySet<T>['in_bulk']>) {
    return this.get_queryset().in_bulk(...args);
  }
  aggregate(...args: unknown[]) {
    return this.get_queryset().aggregate(...args);
  }
  annotate(...args: unknown[]) {
    return this.get_queryset().annotate(...args);
  }
  alias(...args: unknown[]) {
    return this.get_queryset().alias(...args);
  }
  values(...args: Parameters<QuerySet<T>['values']>) {
    return this.get_queryset().values(...args);
  }
  values_list(...args: unknown[]) {
    return this.get_queryset().values_list(...args);
  }
  order_by(...args: Parameters<QuerySet<T>['order_by']>) {
    return this.get_queryset().order_by(...args);
  }
  reverse() {
    return this.get_queryset().reverse();
  }
  distinct(...fields: string[]) {
    return this.get_queryset().distinct(...fields);
  }
  select_related(...fields: (string | null)[]) {
    return this.get_queryset().select_related(...fields);
  }
  prefetch_related(...args: Parameters<QuerySet<T>['prefetch_related']>) {
    return this.get_queryset().prefetch_related(...args);
  }
  select_for_update(...args: Parameters<QuerySet<T>['select_for_update']>) {
    return this.get_queryset().select_for_update(...args);
  }
  only(...fields: string[]) {
    return this.get_queryset().only(...fields);
  }
  defer(...fields: (string | null)[]) {
    return this.get_queryset().defer(...fields);
  }
  none() {
    return this.get_queryset().none();
  }
  using(alias: string) {
    return this.get_queryset().using(alias);
  }
  iterator(options: { chunk_size?: number } = {}) {
    return this.get_queryset().iterator(options);
  }
  update(kwargs: Record<string, unknown>): number {
    return this.get_queryset().update(kwargs);
  }
  explain(...args: Parameters<QuerySet<T>['explain']>) {
    return this.get_queryset().explain(...args);
  }
  raw(...args: Parameters<QuerySet<T>['raw']>) {
    return this.get_queryset().raw(...args);
  }
  extra(...args: Parameters<QuerySet<T>['extra']>) {
    return this.get_queryset().extra(...args);
  }
  complex_filter(...args: Parameters<QuerySet<T>['complex_filter']>) {
    return this.get_queryset().complex_filter(...args);
  }

  toString(): string {
    return `${this.model?._meta.label ?? '?'}.${this.name}`;
  }

  __repr__(): string {
    return `<${this.constructor.name}: ${this.toString()}>`;
  }
}

