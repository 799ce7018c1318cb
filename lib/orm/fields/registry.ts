import type { Field } from './field';

/**
 * Field classes by internal type name. Expressions resolve their output type
 * (`Value(1)` is an IntegerField) through this table rather than importing the
 * field modules, which import expressions themselves.
 */
type FieldClass = new (options?: Record<string, unknown>) => Field;

const fieldClasses = new Map<string, FieldClass>();

export function registerFieldClass(name: string, cls: FieldClass): void {
  fieldClasses.set(name, cls);
}

export function fieldClass(name: string): FieldClass {
  const cls = fieldClasses.get(name);
  if (!cls) throw new Error(`Unknown field class ${name}`);
  return cls;
}

const outputFields = new Map<string, Field>();

/**
 * The unbound field of a type that expressions use as their output type
 * (`Value(1)` → IntegerField). One instance per type is shared, as Django
 * shares class attributes such as `Count.output_field = IntegerField()`:
 * nothing binds or changes an output field, and building one per expression
 * was a measurable part of compiling a query.
 */
export function outputField(name: string): Field {
  let field = outputFields.get(name);
  if (!field) outputFields.set(name, (field = new (fieldClass(name))()));
  return field;
}
