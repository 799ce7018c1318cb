import { withCause } from '../backend/connection';
import { ObjectDoesNotExist, PyTypeError, ValueError } from '../errors';
import type { Model, ModelClass } from '../model';
import { router } from '../router';
import { createManyRelatedManager, createReverseManyToOneManager } from './related-managers';
import { ForeignKey, ManyToManyField, type ForeignObjectRel } from './related';

function cacheOf(instance: Model): Record<string, unknown> {
  return (instance._state.fields_cache ??= {});
}

export function isCached(instance: Model, name: string): boolean {
  return instance._state.fields_cache !== null && name in instance._state.fields_cache;
}

export function getCached(instance: Model, name: string): unknown {
  return instance._state.fields_cache?.[name];
}

export function setCached(instance: Model, name: string, value: unknown): void {
  cacheOf(instance)[name] = value;
}

export function deleteCached(instance: Model, name: string): void {
  if (instance._state.fields_cache) delete instance._state.fields_cache[name];
}

function define(proto: object, name: string, descriptor: PropertyDescriptor): void {
  Object.defineProperty(proto, name, { configurable: true, enumerable: false, ...descriptor });
}

/**
 * `post.author`: the first read runs `SELECT ... FROM "blog_author" WHERE "id" = %s LIMIT 21`
 * (one query per instance: the N+1 problem), then the object is cached on the instance.
 */
function forwardManyToOne(field: ForeignKey): PropertyDescriptor {
  let cause: string | null = null;
  return {
    get(this: Model) {
      const cache = this._state.fields_cache;
      if (cache !== null && field.name in cache) return cache[field.name];
      const value = this[field.attname];
      let related: Model | null = null;
      if (value !== null && value !== undefined) {
        const target = field.related_model;
        const db = router.db_for_read(target, { instance: this });
        cause ??= `lazy ${field.one_to_one ? 'O2O' : 'FK'} load ${field.model._meta.object_name}.${field.name}`;
        related = withCause(cause, () =>
          target._base_manager.db_manager(db).get({ [field.target_field.attname]: value }),
        ) as Model;
        if (field.one_to_one) {
          const reverseName = field.remote_field.get_cache_name();
          setCached(related, reverseName, this);
        }
      } else if (!field.null) {
        throw new (relatedDoesNotExist(field))(`${this.constructor.name} has no ${field.name}.`);
      }
      setCached(this, field.name, related);
      return related;
    },
    set(this: Model, value: unknown) {
      const target = field.related_model;
      if (value !== null && value !== undefined && !(value instanceof target)) {
        throw new ValueError(
          `Cannot assign "${reprOf(value)}": "${field.model._meta.object_name}.${field.name}" must be a "${target._meta.object_name}" instance.`,
        );
      }
      if (value !== null && value !== undefined) {
        const related = value as Model;
        if (this._state.db === null) this._state.db = router.db_for_write(this.constructor, { instance: related });
        if (related._state.db === null) related._state.db = router.db_for_write(related.constructor, { instance: this });
        if (!router.allow_relation(related, this)) {
          throw new ValueError(`Cannot assign "${reprOf(value)}": the current database router prevents this relation.`);
        }
      }
      if (value === null || value === undefined) {
        const previous = getCached(this, field.name) as Model | null | undefined;
        if (field.one_to_one && previous) deleteCached(previous, field.remote_field.get_cache_name());
        this[field.attname] = null;
        setCached(this, field.name, null);
        return;
      }
      this[field.attname] = (value as Model)[field.target_field.attname];
      setCached(this, field.name, value);
      if (field.one_to_one) setCached(value as Model, field.remote_field.get_cache_name(), this);
    },
  };
}

/** `Post.DoesNotExist` subclass raised by `comment.post` when the row is missing (RelatedObjectDoesNotExist). */
function relatedDoesNotExist(field: ForeignKey): new (message: string) => Error {
  const target = field.related_model as ModelClass & { DoesNotExist: typeof ObjectDoesNotExist };
  return target.DoesNotExist ?? ObjectDoesNotExist;
}

function reprOf(value: unknown): string {
  const r = (value as { __repr__?: () => string }).__repr__;
  return typeof r === 'function' ? r.call(value) : String(value);
}

/** `user.profile`: the reverse of a OneToOneField; one query, then cached. */
function reverseOneToOne(rel: ForeignObjectRel): PropertyDescriptor {
  const cacheName = rel.get_cache_name();
  return {
    get(this: Model) {
      if (isCached(this, cacheName)) {
        const cached = getCached(this, cacheName);
        if (cached === null) throw missingReverse(this, rel);
        return cached;
      }
      const related = rel.related_model;
      const db = router.db_for_read(related, { instance: this });
      let obj: Model | null = null;
      try {
        obj = withCause(`lazy O2O load ${this.constructor.name}.${cacheName}`, () =>
          related._base_manager.db_manager(db).get({ [rel.field.name]: this }),
        ) as Model;
        setCached(obj, rel.field.name, this);
      } catch (e) {
        if (!(e instanceof related.DoesNotExist)) throw e;
      }
      setCached(this, cacheName, obj);
      if (obj === null) throw missingReverse(this, rel);
      return obj;
    },
    set(this: Model, value: unknown) {
      if (value === null || value === undefined) {
        const previous = getCached(this, cacheName) as Model | null | undefined;
        if (previous) {
          deleteCached(previous, rel.field.name);
          previous[rel.field.attname] = null;
        }
        setCached(this, cacheName, null);
        return;
      }
      if (!(value instanceof rel.related_model)) {
        throw new ValueError(
          `Cannot assign "${reprOf(value)}": "${this.constructor.name}.${cacheName}" must be a "${rel.related_model._meta.object_name}" instance.`,
        );
      }
      const field = rel.field as ForeignKey;
      (value as Model)[field.attname] = this[field.target_field.attname];
      setCached(this, cacheName, value);
      setCached(value as Model, field.name, this);
    },
  };
}

function missingReverse(instance: Model, rel: ForeignObjectRel): Error {
  const Cls = (rel.related_model as { DoesNotExist?: typeof ObjectDoesNotExist }).DoesNotExist ?? ObjectDoesNotExist;
  return new Cls(`${instance.constructor.name} has no ${rel.get_accessor_name()}.`);
}

function managerDescriptor(name: string, make: (instance: Model) => unknown, directAssignmentSide: string): PropertyDescriptor {
  return {
    get(this: Model) {
      return make(this);
    },
    set() {
      throw new PyTypeError(`Direct assignment to the ${directAssignmentSide} side of a many-to-many set is prohibited. Use ${name}.set() instead.`);
    },
  };
}

/**
 * `Post.tags` on the class, as Django's ManyToManyDescriptor read from the class:
 * `Post.tags.through` is the join model (the sender of m2m_changed).
 */
function classLevelManyToMany(field: ManyToManyField): PropertyDescriptor {
  return {
    get() {
      return {
        field,
        get through() {
          return field.through;
        },
      };
    },
  };
}

/** Installs `post.author` (FK/O2O) and `post.tags` (M2M) on a model's prototype. */
export function installForwardDescriptors(model: ModelClass): void {
  const opts = model._meta;
  const proto = model.prototype;
  for (const field of opts.local_fields) {
    if (field instanceof ForeignKey) define(proto, field.name, forwardManyToOne(field));
  }
  for (const field of opts.local_many_to_many) {
    define(proto, field.name, managerDescriptor(field.name, (instance) => createManyRelatedManager(field.remote_field, instance, false), 'forward'));
    define(model, field.name, classLevelManyToMany(field));
  }
  const pk = opts.pk.attname;
  define(proto, 'pk', {
    get(this: Model) {
      return this[pk];
    },
    set(this: Model, value: unknown) {
      this[pk] = value;
    },
  });
}

/** Installs the reverse accessor (`author.post_set`, `tag.post_set`, `user.profile`) on the target model. */
export function installReverseDescriptor(rel: ForeignObjectRel): void {
  const accessor = rel.get_accessor_name();
  if (!accessor) return;
  const proto = rel.model.prototype;
  if (rel.one_to_one) define(proto, accessor, reverseOneToOne(rel));
  else if (rel.field instanceof ManyToManyField) {
    define(proto, accessor, managerDescriptor(accessor, (instance) => createManyRelatedManager(rel, instance, true), 'reverse'));
    define(rel.model, accessor, classLevelManyToMany(rel.field));
  } else {
    define(proto, accessor, {
      get(this: Model) {
        return createReverseManyToOneManager(rel, this);
      },
      set() {
        throw new PyTypeError(`Direct assignment to the reverse side of a related set is prohibited. Use ${accessor}.set() instead.`);
      },
    });
  }
}

