import type { Model, ModelClass } from '../../lib/orm/model';
import { PyDate } from '../../lib/orm/utils/datetime';

/** The Django reference harness's JSON conversion (harness.jsonable), for comparing results. */
export function jsonable(x: unknown): unknown {
  if (x === undefined || x === null) return null;
  if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return x;
  if (x instanceof PyDate) return x.isoformat();
  if (x instanceof Date) {
    const iso = x.toISOString();
    return x.getUTCMilliseconds() ? iso.replace('Z', '000Z') : iso.replace('.000Z', 'Z');
  }
  if (x instanceof Map) return Object.fromEntries([...x].map(([k, v]) => [String(k), jsonable(v)]));
  if (x instanceof Set) return [...x].map(jsonable).sort();
  if (Array.isArray(x)) return [...x].map(jsonable);
  if (typeof x === 'object' && (x as Model)._state) {
    return { model: ((x as Model).constructor as ModelClass)._meta.label, pk: (x as Model).pk };
  }
  if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    return Object.fromEntries(Object.entries(x as object).map(([k, v]) => [k, jsonable(v)]));
  }
  if (typeof x === 'object' && Symbol.iterator in (x as object)) return [...(x as Iterable<unknown>)].map(jsonable);
  return String(x);
}
