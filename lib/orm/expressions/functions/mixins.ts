import type { Field } from '../../fields/field';
import { DecimalField, FloatField } from '../../fields/scalar';
import type { Expression } from '../core';

/** Django's `isinstance(field, IntegerField)`: every integer field, auto fields included. */
export function isIntegerField(field: Field | null): boolean {
  if (!field) return false;
  const type = field.get_internal_type();
  return type.endsWith('IntegerField') || type.endsWith('AutoField');
}

/**
 * NumericOutputFieldMixin: a Decimal input gives a DecimalField, an integer
 * input a FloatField (`Sqrt('view_count')` is a float), otherwise the sources'
 * common type; no sources at all (`Pi()`) gives a FloatField.
 */
export function numericOutputField(expression: Expression, resolveDefault: () => Field | null): Field | null {
  const sources = expression.get_source_fields();
  if (sources.some((s) => s instanceof DecimalField)) return new DecimalField();
  if (sources.some(isIntegerField)) return new FloatField();
  return sources.length ? resolveDefault() : new FloatField();
}
