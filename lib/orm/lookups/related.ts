import { ValueError } from '../errors';
import { isResolvable, type Expression } from '../expressions/core';
import type { Field } from '../fields/field';
import { ForeignKey, type PathInfo } from '../fields/related';
import type { Model, ModelClass } from '../model';
import { builtinLookups } from './builtin';
import type { BuiltinLookup } from './lookup';
import { registerLookup } from './registry';

function isInstance(value: unknown): value is Model {
  return typeof value === 'object' && value !== null && (value as Model)._state !== undefined && typeof (value.constructor as ModelClass)._meta === 'object';
}

function targetFields(lhs: Expression): Field[] {
  const infos = (lhs.output_field as unknown as { path_infos?: PathInfo[] }).path_infos;
  return infos ? infos[infos.length - 1].target_fields : [];
}

/** A model instance in a related filter becomes the value it is joined on: `author=alice` → `author_id = 1`. */
function normalizedValue(value: unknown, lhs: Expression): unknown {
  if (!isInstance(value)) return value;
  if (value.pk === null || value.pk === undefined) throw new ValueError('Model instances passed to related filters must be saved.');
  const [source] = targetFields(lhs);
  if (!source || !(value instanceof source.model)) return value.pk;
  return value[source.attname];
}

function prepTarget(lhs: Expression, value: unknown): unknown {
  const targets = targetFields(lhs);
  return targets.length ? targets[targets.length - 1].get_prep_value(value) : value;
}

type LookupCtor = new (lhs: Expression, rhs: unknown) => BuiltinLookup;

/** Related filters accept instances and validate values with the target field (Django's RelatedLookupMixin). */
function relatedLookup(base: LookupCtor): LookupCtor {
  return class extends base {
    override get_prep_lookup(): unknown {
      if (!isResolvable(this.rhs)) {
        this.rhs = normalizedValue(this.rhs, this.lhs);
        if (this.prepare_rhs && this.lookup_name !== 'isnull') this.rhs = prepTarget(this.lhs, this.rhs);
      }
      return super.get_prep_lookup();
    }
  };
}

/** `author__in=[alice, bob]` or a queryset of authors. */
class RelatedIn extends builtinLookups.In {
  override get_prep_lookup(): unknown {
    if (!isResolvable(this.rhs) && !(this.rhs as { isQuery?: boolean })?.isQuery) {
      const values = [...((this.rhs as Iterable<unknown>) ?? [])];
      this.rhs = values.map((v) => prepTarget(this.lhs, normalizedValue(v, this.lhs)));
      return this.rhs;
    }
    return super.get_prep_lookup();
  }
}

const related: [string, LookupCtor][] = [
  ['exact', relatedLookup(builtinLookups.Exact)],
  ['gt', relatedLookup(builtinLookups.GreaterThan)],
  ['gte', relatedLookup(builtinLookups.GreaterThanOrEqual)],
  ['lt', relatedLookup(builtinLookups.LessThan)],
  ['lte', relatedLookup(builtinLookups.LessThanOrEqual)],
  ['isnull', relatedLookup(builtinLookups.IsNull)],
  ['in', RelatedIn],
];
for (const [name, lookup] of related) registerLookup(ForeignKey, lookup as never, name);
