import { ProtectedError } from '../errors';
import type { Model } from '../model';
import type { ForeignKey } from './related';

/** The part of the deletion Collector that on_delete handlers call. */
export interface CollectorLike {
  collect(objs: unknown, options: { source: unknown; source_attr: string; nullable: boolean; fail_on_restricted: boolean }): void;
  add_field_update(field: ForeignKey, value: unknown, objs: unknown): void;
  add_restricted_objects(field: ForeignKey, objs: unknown): void;
  add_dependency(model: unknown, dependency: unknown): void;
}

export interface OnDeleteHandler {
  (collector: CollectorLike, field: ForeignKey, subObjs: unknown, using: string): void;
  /** SET_NULL/SET_DEFAULT don't need the related objects loaded: one UPDATE ... WHERE does. */
  lazy_sub_objs?: boolean;
}

function firstOf(objs: unknown): Model {
  return (Array.isArray(objs) ? objs[0] : [...(objs as Iterable<Model>)][0]) as Model;
}

/** Delete the objects that point here too. */
export const CASCADE: OnDeleteHandler = (collector, field, subObjs) => {
  collector.collect(subObjs, {
    source: field.related_model,
    source_attr: field.name,
    nullable: field.null,
    fail_on_restricted: false,
  });
};

/** Refuse to delete while objects point here (ProtectedError). */
export const PROTECT: OnDeleteHandler = (_collector, field, subObjs) => {
  const objs = Array.isArray(subObjs) ? subObjs : [...(subObjs as Iterable<Model>)];
  throw new ProtectedError(
    `Cannot delete some instances of model '${field.related_model._meta.object_name}' because they are referenced through a protected foreign key: '${firstOf(objs).constructor.name}.${field.name}'`,
    new Set(objs),
  );
};

/** Like PROTECT, unless the referencing objects are deleted by a CASCADE in the same operation. */
export const RESTRICT: OnDeleteHandler = (collector, field, subObjs) => {
  collector.add_restricted_objects(field, subObjs);
  collector.add_dependency(field.related_model, field.model);
};

/** Set the foreign key to NULL. */
export const SET_NULL: OnDeleteHandler = (collector, field, subObjs) => {
  collector.add_field_update(field, null, subObjs);
};
SET_NULL.lazy_sub_objs = true;

/** Set the foreign key to its default. */
export const SET_DEFAULT: OnDeleteHandler = (collector, field, subObjs) => {
  collector.add_field_update(field, field.get_default(), subObjs);
};

/** Set the foreign key to a value, or to what a function returns. */
export function SET(value: unknown): OnDeleteHandler {
  const handler: OnDeleteHandler = (collector, field, subObjs) => {
    collector.add_field_update(field, typeof value === 'function' ? (value as () => unknown)() : value, subObjs);
  };
  if (typeof value !== 'function') handler.lazy_sub_objs = true;
  return handler;
}

/** Do nothing (the database may then raise an IntegrityError). */
export const DO_NOTHING: OnDeleteHandler = () => {};
