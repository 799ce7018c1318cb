import { Model, type ModelClass } from '../orm/model';
import { PyDate } from '../orm/utils/datetime';

/**
 * A value as plain JSON data, converted the way the Django reference harness does
 * (so results compare with real Django's) and without running any query: model
 * instances become `{ model, pk }`, datetimes ISO text with `Z`, Maps objects with
 * string keys; what is not data (a QuerySet, a function) becomes a short `<Name>`.
 */
export function jsonable(value: unknown, seen = new Set<object>()): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function') return `<function ${value.name || 'anonymous'}>`;
  if (typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  if (value instanceof PyDate) return value.isoformat();
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const iso = value.toISOString();
    return value.getUTCMilliseconds() ? iso.replace('Z', '000Z') : iso.replace('.000Z', 'Z');
  }
  if (value instanceof Model) return { model: (value.constructor as ModelClass)._meta.label, pk: jsonable(value.pk, seen) };
  if (seen.has(value)) return '<cycle>';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => jsonable(v, seen));
    if (value instanceof Set) return [...value].map((v) => jsonable(v, seen)).sort();
    if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), jsonable(v, seen)]));
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonable(v, seen)]));
    }
    return `<${proto?.constructor?.name ?? 'object'}>`;
  } finally {
    seen.delete(value);
  }
}
