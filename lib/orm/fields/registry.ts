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

export function makeField(name: string, options?: Record<string, unknown>): Field {
  return new (fieldClass(name))(options);
}
