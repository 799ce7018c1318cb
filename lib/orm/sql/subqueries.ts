import { FieldError } from '../errors';
import { isResolvable, type Expression } from '../expressions/core';
import type { Field } from '../fields/field';
import type { Model, ModelClass } from '../model';
import { Query } from './query';

/** Rows deleted or updated per statement when working through a list of pks (Django's GET_ITERATOR_CHUNK_SIZE). */
export const GET_ITERATOR_CHUNK_SIZE = 100;

/** `DELETE FROM "table" WHERE ...` */
export class DeleteQuery extends Query {
  /** Deletes rows by pk, 100 per statement; returns how many went. */
  delete_batch(pkList: unknown[], using: string): number {
    let deleted = 0;
    const field = this.get_meta().pk;
    for (let offset = 0; offset < pkList.length; offset += GET_ITERATOR_CHUNK_SIZE) {
      this.clear_where();
      this.add_filter(`${field.attname}__in`, pkList.slice(offset, offset + GET_ITERATOR_CHUNK_SIZE));
      deleted += this.get_compiler(using).execute_row_count();
    }
    return deleted;
  }
}

export type UpdateValue = [Field, ModelClass, unknown];

/** `UPDATE "table" SET ... WHERE ...` */
export class UpdateQuery extends Query {
  values: UpdateValue[] = [];

  override clone(): this {
    const obj = super.clone();
    obj.values = this.values.slice();
    return obj;
  }

  /** Turns `{ field: value }` into the SET list; only concrete, non-M2M fields can be updated. */
  add_update_values(values: Record<string, unknown>): void {
    for (const [name, val] of Object.entries(values)) {
      const field = this.get_meta().get_field(name) as Field;
      if (!field.concrete || field.many_to_many) {
        throw new FieldError(`Cannot update model field ${field.__repr__()} (only non-relations and foreign keys permitted).`);
      }
      this.add_update_fields([[field, this.model, val]]);
    }
  }

  add_update_fields(valuesSeq: UpdateValue[]): void {
    for (const [field, model, val] of valuesSeq) {
      const value = isResolvable(val) ? (val as Expression).resolve_expression(this, false, null, false, true) : val;
      this.values.push([field, model, value]);
    }
  }

  update_batch(pkList: unknown[], values: Record<string, unknown>, using: string): void {
    this.add_update_values(values);
    for (let offset = 0; offset < pkList.length; offset += GET_ITERATOR_CHUNK_SIZE) {
      this.clear_where();
      this.add_filter('pk__in', pkList.slice(offset, offset + GET_ITERATOR_CHUNK_SIZE));
      this.get_compiler(using).execute_row_count();
    }
  }
}

export type OnConflict = 'ignore' | 'update' | null;

/** `INSERT INTO "table" (...) VALUES (...)`, one or many rows. */
export class InsertQuery extends Query {
  fields: Field[] = [];
  objs: Model[] = [];
  raw = false;

  constructor(
    model: ModelClass,
    readonly on_conflict: OnConflict = null,
    readonly update_fields: Field[] = [],
    readonly unique_fields: Field[] = [],
  ) {
    super(model);
  }

  insert_values(fields: Field[], objs: Model[], raw = false): void {
    this.fields = fields;
    this.objs = objs;
    this.raw = raw;
  }
}
