/**
 * Where Django's Python signature and the TypeScript API place a parameter
 * differently. Most of the API takes Django's keyword arguments as its
 * trailing options object already; these take some of them positionally
 * (`qs.raw(sql, params, { translations })`, `RowRange(start, end, exclusion)`),
 * or take in the options object what Python may pass positionally
 * (`ForeignKey(Author, CASCADE)` → `ForeignKey(Author, { on_delete: CASCADE })`).
 */
import { PyTypeError } from '../../orm/errors';
import { Manager } from '../../orm/manager';
import { QuerySet } from '../../orm/queryset';
import { PyModule } from './types';

interface Signature {
  /** Python parameters the JavaScript function takes positionally, in order. */
  positional: string[];
  /** Python parameters after those, passed positionally in Python, that JavaScript takes in its options object. */
  options?: string[];
  /** The JavaScript function takes no options object (every parameter is positional). */
  noOptions?: boolean;
  /** The receiver this entry is for (methods share names: `cache.set` and `post.tags.set`). */
  receiver?: (thisArg: unknown) => boolean;
}

const isQuerySet = (x: unknown) => x instanceof QuerySet || x instanceof Manager;
const isCache = (x: unknown) => (x as { constructor?: { name?: string } } | null)?.constructor?.name === 'LocMemCache';
const isFunctionCall = (x: unknown) => x === undefined || x instanceof PyModule;
const TIMEOUT = ['timeout', 'version'];

const SIGNATURES: Record<string, Signature[]> = {
  raw: [{ positional: ['raw_query', 'params'], options: ['translations', 'using'], receiver: isQuerySet }],
  in_bulk: [{ positional: ['id_list'], receiver: isQuerySet }],
  bulk_create: [{ positional: ['objs'], options: ['batch_size', 'ignore_conflicts', 'update_conflicts', 'update_fields', 'unique_fields'], receiver: isQuerySet }],
  bulk_update: [{ positional: ['objs', 'fields'], options: ['batch_size'], receiver: isQuerySet }],
  iterator: [{ positional: [], options: ['chunk_size'], receiver: isQuerySet }],
  RowRange: [{ positional: ['start', 'end', 'exclusion'], noOptions: true, receiver: isFunctionCall }],
  ValueRange: [{ positional: ['start', 'end', 'exclusion'], noOptions: true, receiver: isFunctionCall }],
  ForeignKey: [{ positional: ['to'], options: ['on_delete'], receiver: isFunctionCall }],
  OneToOneField: [{ positional: ['to'], options: ['on_delete', 'to_field'], receiver: isFunctionCall }],
  get: [{ positional: ['key', 'default'], options: ['version'], receiver: isCache }],
  set: [{ positional: ['key', 'value'], options: TIMEOUT, receiver: isCache }],
  add: [{ positional: ['key', 'value'], options: TIMEOUT, receiver: isCache }],
  get_or_set: [{ positional: ['key', 'default'], options: TIMEOUT, receiver: isCache }],
  touch: [{ positional: ['key'], options: TIMEOUT, receiver: isCache }],
  set_many: [{ positional: ['data'], options: TIMEOUT, receiver: isCache }],
  incr: [{ positional: ['key', 'delta'], noOptions: true, receiver: isCache }],
  decr: [{ positional: ['key', 'delta'], noOptions: true, receiver: isCache }],
};

/**
 * The JavaScript arguments for a Python call of `fn` (keywords → the options
 * object, except where the TypeScript API differs; see SIGNATURES).
 */
export function placeArguments(fn: { name: string }, thisArg: unknown, args: unknown[], kw: Record<string, unknown> | null): unknown[] {
  const sig = SIGNATURES[fn.name]?.find((s) => !s.receiver || s.receiver(thisArg));
  if (!sig) return kw ? [...args, kw] : args;
  const positional = args.slice(0, sig.positional.length);
  const options: Record<string, unknown> = {};
  (sig.options ?? []).forEach((name, i) => {
    if (sig.positional.length + i < args.length) options[name] = args[sig.positional.length + i];
  });
  for (const [k, v] of Object.entries(kw ?? {})) {
    const i = sig.positional.indexOf(k);
    if (i >= 0) positional[i] = v;
    else if (sig.noOptions) throw new PyTypeError(`${fn.name}() got an unexpected keyword argument '${k}'`);
    else options[k] = v;
  }
  const rest = args.slice(sig.positional.length + (sig.options?.length ?? 0));
  const hasOptions = Object.keys(options).length > 0 && !sig.noOptions;
  let length = hasOptions ? sig.positional.length : positional.length;
  while (!hasOptions && length > 0 && positional[length - 1] === undefined) length--;
  const out = [...Array.from({ length }, (_, i) => positional[i]), ...rest];
  return hasOptions ? [...out, options] : out;
}
