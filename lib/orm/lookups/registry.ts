/**
 * Django's RegisterLookupMixin as functions over classes: lookups and transforms
 * registered on a class are found on it and on every subclass
 * (`CharField` finds the lookups registered on `Field`).
 */
export interface LookupClassLike {
  lookup_name: string;
  /** Transforms (year, date, lower...) wrap the left-hand side; lookups compare. */
  is_transform?: boolean;
}

const REGISTRY = Symbol('class_lookups');
const CACHE = Symbol('merged_lookups');

type Registrable = { [REGISTRY]?: Map<string, LookupClassLike>; [CACHE]?: Map<string, LookupClassLike> };

let generation = 0;
const cacheGeneration = new WeakMap<object, number>();

export function registerLookup(target: object, lookup: LookupClassLike, name = lookup.lookup_name): void {
  const t = target as Registrable;
  if (!Object.prototype.hasOwnProperty.call(t, REGISTRY)) t[REGISTRY] = new Map();
  t[REGISTRY]!.set(name, lookup);
  generation++;
}

export function unregisterLookup(target: object, name: string): void {
  const t = target as Registrable;
  if (Object.prototype.hasOwnProperty.call(t, REGISTRY)) t[REGISTRY]!.delete(name);
  generation++;
}

/** Every lookup and transform visible from `target` (a class), nearest class first. */
export function lookupsOf(target: object): Map<string, LookupClassLike> {
  const t = target as Registrable;
  if (Object.prototype.hasOwnProperty.call(t, CACHE) && cacheGeneration.get(t) === generation) return t[CACHE]!;
  const chain: Registrable[] = [];
  for (let c: Registrable | null = t; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.push(c);
  const merged = new Map<string, LookupClassLike>();
  for (const c of chain.reverse()) {
    if (Object.prototype.hasOwnProperty.call(c, REGISTRY)) for (const [k, v] of c[REGISTRY]!) merged.set(k, v);
  }
  t[CACHE] = merged;
  cacheGeneration.set(t, generation);
  return merged;
}

export function findLookup(target: object, name: string): LookupClassLike | undefined {
  const found = lookupsOf(target).get(name);
  return found && !found.is_transform ? found : undefined;
}

export function findTransform(target: object, name: string): LookupClassLike | undefined {
  const found = lookupsOf(target).get(name);
  return found && found.is_transform ? found : undefined;
}
