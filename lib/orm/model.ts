import { withCause } from './backend/connection';
import { Collector } from './deletion';
import { DatabaseError, FieldDoesNotExist, MultipleObjectsReturned, ObjectDoesNotExist, PyTypeError, ValueError } from './errors';
import type { Field } from './fields/field';
import { ForeignKey } from './fields/related';
import type { Manager } from './manager';
import type { MetaOptions, Options } from './options';
import { router } from './router';
import { runtime } from './runtime';
import { post_init, post_save, pre_init, pre_save } from './signals';
import { InsertQuery } from './sql/subqueries';
import type { SQLInsertCompiler } from './sql/write-compilers';

/** Where an instance lives and what is cached on it (Django's ModelState). */
export class ModelState {
  db: string | null;
  adding: boolean;
  /** Related objects already loaded: `post.author` once fetched or select_related. */
  fields_cache: Record<string, unknown> | null = null;

  constructor(db: string | null = null, adding = true) {
    this.db = db;
    this.adding = adding;
  }
}

export const META = Symbol('meta');

export interface SaveOptions {
  force_insert?: boolean;
  force_update?: boolean;
  using?: string;
  update_fields?: string[];
}

export type ModelClass<T extends Model = Model> = (new (kwargs?: Record<string, unknown>) => T) & typeof Model;

/**
 * The base of every model. Declare fields in `static fields` and options in `static Meta`:
 *
 * @example
 * class Tag extends Model {
 *   static fields = { name: CharField({ max_length: 50, unique: true }) };
 *   toString() { return this.name; }
 * }
 */
export class Model {
  static readonly isModelClass = true;
  /** The model's fields, by attribute name. */
  static fields: Record<string, Field> = {};
  /** Django's `class Meta`. */
  static Meta: MetaOptions = {};
  declare static [META]: Options;
  declare static DoesNotExist: typeof ObjectDoesNotExist;
  declare static MultipleObjectsReturned: typeof MultipleObjectsReturned;

  declare _state: ModelState;
  declare _prefetched_objects_cache?: Record<string, unknown>;
  [attribute: string]: any;

  /** The model's metadata (registers the model on first use). */
  static get _meta(): Options {
    if (Object.prototype.hasOwnProperty.call(this, META)) return this[META];
    if (this === Model) throw new PyTypeError('Model itself has no _meta: declare a subclass.');
    return runtime().apps.register(this as ModelClass)._meta;
  }

  /** The default manager: `Post.objects.filter(...)`. */
  static get objects(): Manager {
    return this._meta.default_manager;
  }

  /** `static objects = new PublishedManager()` (compiled to an assignment) declares a custom manager. */
  static set objects(manager: Manager) {
    Object.defineProperty(this, 'objects', { value: manager, writable: true, configurable: true, enumerable: true });
  }

  static get _default_manager(): Manager {
    return this._meta.default_manager;
  }

  static get _base_manager(): Manager {
    return this._meta.base_manager;
  }

  constructor(kwargs: Record<string, unknown> = {}) {
    const cls = this.constructor as ModelClass;
    const opts = cls._meta;
    if (pre_init.has_listeners(cls)) pre_init.send(cls, { args: [], kwargs });
    this._state = new ModelState();
    const remaining = new Set(Object.keys(kwargs));
    for (const field of opts.concrete_fields) {
      let value: unknown;
      if (field instanceof ForeignKey && remaining.has(field.name)) {
        remaining.delete(field.name);
        this[field.name] = kwargs[field.name];
        continue;
      }
      if (remaining.has(field.attname)) {
        remaining.delete(field.attname);
        value = kwargs[field.attname];
      } else if (field.attname !== field.name && remaining.has(field.name)) {
        remaining.delete(field.name);
        value = kwargs[field.name];
      } else {
        value = field.get_default();
      }
      this[field.attname] = value;
    }
    for (const name of [...remaining]) {
      if (name === 'pk') {
        this.pk = kwargs.pk;
        remaining.delete(name);
        continue;
      }
      const m2m = opts.local_many_to_many.find((f) => f.name === name);
      if (m2m) {
        throw new PyTypeError(`Direct assignment to the forward side of a many-to-many set is prohibited. Use ${name}.set() instead.`);
      }
      if (isSettableProperty(this, name)) {
        this[name] = kwargs[name];
        remaining.delete(name);
      }
    }
    if (remaining.size) {
      throw new PyTypeError(`${cls.name}() got unexpected keyword arguments: ${[...remaining].map((n) => `'${n}'`).join(', ')}`);
    }
    if (post_init.has_listeners(cls)) post_init.send(cls, { instance: this });
  }

  /**
   * An instance from a database row: `values` follow `attnames` (all concrete
   * fields when null); fields left out are deferred and load on first access.
   */
  static from_db<T extends Model>(this: ModelClass<T>, db: string, attnames: string[] | null, values: unknown[]): T {
    const obj = Object.create(this.prototype) as T;
    obj._state = new ModelState(db, false);
    const fields = this._meta.concrete_fields;
    if (attnames === null) {
      for (let i = 0; i < fields.length; i++) (obj as Model)[fields[i].attname] = values[i];
    } else {
      for (let i = 0; i < attnames.length; i++) (obj as Model)[attnames[i]] = values[i];
      if (attnames.length !== fields.length) {
        for (const f of fields) if (!attnames.includes(f.attname)) deferField(obj, f);
      }
    }
    if (post_init.has_listeners(this)) post_init.send(this, { instance: obj });
    return obj;
  }

  get pk(): unknown {
    return this[(this.constructor as ModelClass)._meta.pk.attname];
  }

  set pk(value: unknown) {
    this[(this.constructor as ModelClass)._meta.pk.attname] = value;
  }

  /** Attnames of fields not loaded yet (only()/defer()). */
  get_deferred_fields(): Set<string> {
    const out = new Set<string>();
    for (const f of (this.constructor as ModelClass)._meta.concrete_fields) {
      const desc = Object.getOwnPropertyDescriptor(this, f.attname);
      if (!desc || desc.get) out.add(f.attname);
    }
    return out;
  }

  /** Saves the instance: UPDATE if it has a pk that exists, else INSERT (Django's save()). */
  save(options: SaveOptions = {}): void {
    const cls = this.constructor as ModelClass;
    const opts = cls._meta;
    this.prepareRelatedFieldsForSave('save');
    const using = options.using ?? router.db_for_write(cls, { instance: this });
    if (options.force_insert && (options.force_update || options.update_fields)) {
      throw new ValueError('Cannot force both insert and updating in model saving.');
    }
    let updateFields: Set<string> | null = null;
    if (options.update_fields) {
      if (!options.update_fields.length) return;
      updateFields = new Set(options.update_fields);
      const names = new Set<string>();
      for (const f of opts.concrete_fields) {
        if (!f.primary_key) {
          names.add(f.name);
          names.add(f.attname);
        }
      }
      const bad = [...updateFields].filter((n) => !names.has(n));
      if (bad.length) {
        throw new ValueError(`The following fields do not exist in this model, are m2m fields, primary keys, or are non-concrete fields: ${bad.join(', ')}`);
      }
    } else if (!options.force_insert && this._state.db === using) {
      const deferred = this.get_deferred_fields();
      if (deferred.size) {
        updateFields = new Set(opts.concrete_fields.filter((f) => !f.primary_key && !deferred.has(f.attname)).map((f) => f.attname));
      }
    }
    this.save_base(using, !!options.force_insert, !!options.force_update, updateFields);
  }

  /** The core of save(): signals around one UPDATE/INSERT. */
  save_base(using: string, forceInsert: boolean, forceUpdate: boolean, updateFields: Set<string> | null): void {
    const cls = this.constructor as ModelClass;
    const meta = cls._meta;
    if (!meta.auto_created) pre_save.send(cls, { instance: this, raw: false, using, update_fields: updateFields });
    const updated = withCause('save', () => this.save_table(cls, using, forceInsert, forceUpdate, updateFields), true);
    this._state.db = using;
    this._state.adding = false;
    if (!meta.auto_created) post_save.send(cls, { instance: this, created: !updated, update_fields: updateFields, raw: false, using });
  }

  private save_table(cls: ModelClass, using: string, forceInsert: boolean, forceUpdate: boolean, updateFields: Set<string> | null): boolean {
    const meta = cls._meta;
    const nonPks = meta.local_concrete_fields.filter((f) => !f.primary_key);
    const fieldsToUpdate = updateFields ? nonPks.filter((f) => updateFields.has(f.name) || updateFields.has(f.attname)) : nonPks;
    const pkVal = this.pk;
    const pkSet = pkVal !== null && pkVal !== undefined;
    if (!pkSet && (forceUpdate || updateFields)) throw new ValueError('Cannot force an update in save() with no primary key.');
    if (!forceInsert && this._state.adding && meta.pk.has_default()) forceInsert = true;
    let updated = false;
    if (pkSet && !forceInsert) {
      const values: [Field, ModelClass, unknown][] = fieldsToUpdate.map((f) => [f, cls, f.pre_save(this, false)]);
      const filtered = cls._base_manager.using(using).filter({ pk: pkVal });
      if (!values.length) updated = updateFields !== null || filtered.exists();
      else updated = filtered._update(values) > 0;
      if (forceUpdate && !updated) throw new DatabaseError('Forced update did not affect any rows.');
      if (updateFields && !updated) throw new DatabaseError('Save with update_fields did not affect any rows.');
    }
    if (!updated) {
      const fields = pkSet ? meta.local_concrete_fields : meta.local_concrete_fields.filter((f) => f !== meta.auto_field);
      const returning = meta.auto_field ? [meta.auto_field] : [];
      const query = new InsertQuery(cls);
      query.insert_values(fields, [this]);
      const rows = (query.get_compiler(using) as unknown as SQLInsertCompiler).execute_insert(returning);
      if (rows.length) returning.forEach((f, i) => (this[f.attname] = rows[0][i]));
    }
    return updated;
  }

  /** Refuses to save when a related object is unsaved; copies its pk into the `_id` field. */
  prepareRelatedFieldsForSave(operation: string): void {
    for (const field of (this.constructor as ModelClass)._meta.concrete_fields) {
      if (!(field instanceof ForeignKey)) continue;
      const cached = this._state.fields_cache?.[field.name] as Model | null | undefined;
      if (!cached) continue;
      if (cached.pk === null || cached.pk === undefined) {
        throw new ValueError(`${operation}() prohibited to prevent data loss due to unsaved related object '${field.name}'.`);
      }
      const target = cached[field.target_field.attname];
      if (this[field.attname] === null || this[field.attname] === undefined || this[field.attname] !== target) {
        this[field.attname] = target;
      }
    }
  }

  /** Deletes the row and whatever cascades from it; returns `[total, { 'blog.Post': n, ... }]`. */
  delete(options: { using?: string; keep_parents?: boolean } = {}): [number, Record<string, number>] {
    const cls = this.constructor as ModelClass;
    if (this.pk === null || this.pk === undefined) {
      throw new ValueError(`${cls._meta.object_name} object can't be deleted because its ${cls._meta.pk.attname} attribute is set to None.`);
    }
    const using = options.using ?? router.db_for_write(cls, { instance: this });
    const collector = new Collector(using, this);
    return withCause('delete', () => {
      collector.collect([this]);
      return collector.delete();
    }, true);
  }

  /** Reloads field values from the database (all loaded fields, or `fields`). */
  refresh_from_db(options: { using?: string; fields?: string[] } = {}): void {
    const cls = this.constructor as ModelClass;
    let fields = options.fields ? new Set(options.fields) : null;
    if (!fields) this._prefetched_objects_cache = {};
    else {
      const prefetched = this._prefetched_objects_cache ?? {};
      for (const f of [...fields]) {
        if (f in prefetched) {
          delete prefetched[f];
          fields.delete(f);
        }
      }
      if (!fields.size) return;
      if ([...fields].some((f) => f.includes('__'))) {
        throw new ValueError(`Found "__" in fields argument. Relations and transforms are not allowed in fields.`);
      }
    }
    const db = options.using ?? this._state.db ?? router.db_for_read(cls, { instance: this });
    let qs = cls._base_manager.using(db).filter({ pk: this.pk });
    const deferred = this.get_deferred_fields();
    if (fields) qs = qs.only(...fields);
    else if (deferred.size) qs = qs.only(...cls._meta.concrete_fields.filter((f) => !deferred.has(f.attname)).map((f) => f.attname));
    const fresh = qs.get() as Model;
    const notLoaded = fresh.get_deferred_fields();
    for (const field of cls._meta.concrete_fields) {
      if (notLoaded.has(field.attname)) continue;
      Object.defineProperty(this, field.attname, { value: fresh[field.attname], writable: true, enumerable: true, configurable: true });
      if (field.is_relation && this._state.fields_cache) {
        const cached = fresh._state.fields_cache?.[field.name];
        if (cached !== undefined) this._state.fields_cache[field.name] = cached;
        else delete this._state.fields_cache[field.name];
      }
    }
    fields = null;
    this._state.db = fresh._state.db;
  }

  /** The value of a field for serialization: the `_id` for foreign keys. */
  serializable_value(fieldName: string): unknown {
    try {
      const field = (this.constructor as ModelClass)._meta.get_field(fieldName) as Field;
      return this[field.attname];
    } catch (e) {
      if (e instanceof FieldDoesNotExist) return this[fieldName];
      throw e;
    }
  }

  /** Django's `==`: same concrete model and same (non-null) pk. */
  equals(other: unknown): boolean {
    if (!(other instanceof Model)) return false;
    const a = (this.constructor as ModelClass)._meta.concrete_model;
    const b = (other.constructor as ModelClass)._meta.concrete_model;
    if (a !== b) return false;
    const pk = this.pk;
    return pk === null || pk === undefined ? this === other : pk === other.pk;
  }

  __eq__(other: unknown): boolean {
    return this.equals(other);
  }

  __hash__(): unknown {
    if (this.pk === null || this.pk === undefined) throw new PyTypeError('Model instances without primary key value are unhashable');
    return this.pk;
  }

  toString(): string {
    return `${this.constructor.name} object (${this.pk === null || this.pk === undefined ? 'None' : String(this.pk)})`;
  }

  __str__(): string {
    return this.toString();
  }

  __repr__(): string {
    return `<${this.constructor.name}: ${this.__str__()}>`;
  }
}

function isSettableProperty(obj: object, name: string): boolean {
  for (let p = Object.getPrototypeOf(obj); p && p !== Model.prototype; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return typeof d.set === 'function';
  }
  return false;
}

/**
 * A field left out by only()/defer(): the first read runs
 * `SELECT <column> FROM ... WHERE pk = ...` (one query per instance), then caches.
 */
function deferField(obj: Model, field: Field): void {
  Object.defineProperty(obj, field.attname, {
    configurable: true,
    enumerable: false,
    get() {
      const cls = obj.constructor as ModelClass;
      withCause(`deferred field ${cls._meta.object_name}.${field.attname}`, () => obj.refresh_from_db({ fields: [field.attname] }));
      return obj[field.attname];
    },
    set(value: unknown) {
      Object.defineProperty(obj, field.attname, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

