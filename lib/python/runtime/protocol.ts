/**
 * Attribute access and calls: `obj.name`, `obj.name(...)`, `f(...)`. Python
 * keyword arguments reach functions defined in Python as KwArgs and JavaScript
 * APIs (the ORM) as their trailing options object; classes are constructed
 * with `new`; dicts become plain objects at that boundary.
 */
import { AttributeError, PyTypeError } from '../../orm/errors';
import { Signal } from '../../orm/signals';
import { builtinAttribute, builtinMethod } from './methods';
import { placeArguments } from './signatures';
import { isClass, isPyFunction, markPython, PY_CLASS, PyModule, shortName, takesPyArguments, typeName } from './types';
import { isPlainObject, KwArgs, PyDict, PySet, tuple } from './values';

type Fn = (...args: unknown[]) => unknown;

function isBuiltinValue(obj: object): boolean {
  return Array.isArray(obj) || obj instanceof Map || obj instanceof Set || obj instanceof Date || isPlainObject(obj);
}

const BASE_PROTOTYPES = new Set<object>([Object.prototype, Array.prototype, Map.prototype, Set.prototype, Date.prototype, PyDict.prototype, PySet.prototype]);

/**
 * A member a subclass of a built-in type adds (Counter.most_common,
 * defaultdict.default_factory, a values_list named row's fields).
 */
function subclassMember(obj: object, name: string): { value: unknown } | null {
  if (isPlainObject(obj)) return null;
  if (Object.prototype.hasOwnProperty.call(obj, name) && !(Array.isArray(obj) && (name === 'length' || /^\d+$/.test(name)))) {
    return { value: (obj as Record<string, unknown>)[name] };
  }
  for (let p = Object.getPrototypeOf(obj); p && !BASE_PROTOTYPES.has(p); p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return { value: d.get ? d.get.call(obj) : d.value };
  }
  return null;
}

/** A method taken off an object without calling it keeps its receiver (Python's bound method). */
export function bindMethod(fn: Fn, self: unknown): Fn {
  if (isPyFunction(fn)) return markPython((...args: unknown[]) => fn.apply(self, args), fn.name);
  return fn.bind(self);
}

/** Python's type(x) for objects: their class. */
function classOf(obj: object): unknown {
  return obj.constructor;
}

function missingAttribute(obj: object, name: string): unknown {
  if (obj instanceof Error && name === 'args') return tuple(obj.message ? [obj.message] : []);
  if (typeof obj === 'object') {
    const cls = (obj as { constructor?: Record<string | symbol, unknown> }).constructor;
    if (cls && PY_CLASS in cls && name in cls) return cls[name];
  }
  if (obj instanceof PyModule) throw new AttributeError(`module '${obj.__name__}' has no attribute '${name}'`);
  if (typeof obj === 'function') throw new AttributeError(`type object '${shortName((obj as Fn).name)}' has no attribute '${name}'`);
  throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
}

export function getattr(obj: unknown, name: string): unknown {
  if (obj === null || obj === undefined) throw new AttributeError(`'NoneType' object has no attribute '${name}'`);
  const t = typeof obj;
  if ((t === 'object' || t === 'function') && !isBuiltinValue(obj as object)) {
    if (name === '__class__') return classOf(obj as object);
    if (t === 'function' && (name === '__name__' || name === '__qualname__')) return shortName((obj as Fn).name);
    const target = obj as Record<string, unknown>;
    const value = target[name];
    if (value !== undefined) {
      if (typeof value === 'function' && t === 'object' && !Object.prototype.hasOwnProperty.call(obj, name) && !isClass(value)) {
        return bindMethod(value as Fn, obj);
      }
      return value;
    }
    if (name in target) return value;
    return missingAttribute(obj as object, name);
  }
  if (name === '__class__') return undefined;
  const member = t === 'object' ? subclassMember(obj as object, name) : null;
  if (member) return typeof member.value === 'function' ? bindMethod(member.value as Fn, obj) : member.value;
  return builtinAttribute(obj, name);
}

export function setattr(obj: unknown, name: string, value: unknown): void {
  if (obj === null || obj === undefined) throw new AttributeError(`'NoneType' object has no attribute '${name}'`);
  if ((typeof obj !== 'object' && typeof obj !== 'function') || isBuiltinValue(obj as object)) {
    throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
  }
  try {
    (obj as Record<string, unknown>)[name] = value;
  } catch (e) {
    if (e instanceof TypeError && /only a getter|read.only|not extensible/.test(e.message)) {
      throw new AttributeError(`property '${name}' of '${typeName(obj)}' object has no setter`);
    }
    throw e;
  }
}

export function delattr(obj: unknown, name: string): void {
  if (obj === null || obj === undefined || (typeof obj !== 'object' && typeof obj !== 'function') || !(name in (obj as object))) {
    throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
  }
  delete (obj as Record<string, unknown>)[name];
}

function needsConversion(value: unknown): boolean {
  return value instanceof PyDict || (Array.isArray(value) && value.some(needsConversion));
}

/** A Python value as a JavaScript API expects it: dicts with string keys become plain objects. */
export function toJs(value: unknown): unknown {
  if (value instanceof PyDict) {
    const entries = [...value.entries()];
    if (!entries.every(([k]) => typeof k === 'string')) return value;
    return Object.fromEntries(entries.map(([k, v]) => [k, toJs(v)]));
  }
  if (Array.isArray(value) && value.some(needsConversion)) return value.map(toJs);
  return value;
}

function hasKeys(kw: Record<string, unknown> | undefined): kw is Record<string, unknown> {
  if (!kw) return false;
  for (const _ in kw) return true;
  return false;
}

function jsArguments(fn: Fn, thisArg: unknown, args: unknown[], kw: Record<string, unknown> | undefined): unknown[] {
  const positional = args.some(needsConversion) ? args.map(toJs) : args;
  let options: Record<string, unknown> | null = null;
  if (hasKeys(kw)) {
    options = {};
    for (const k in kw) options[k] = toJs(kw[k]);
  }
  return placeArguments(fn, thisArg, positional, options);
}

/** Calls `f` with Python arguments: KwArgs for Python functions, a trailing object for JavaScript ones, `new` for classes. */
export function invoke(f: unknown, thisArg: unknown, args: unknown[], kw?: Record<string, unknown>): unknown {
  if (typeof f !== 'function') {
    const dunder = (f as { __call__?: unknown } | null)?.__call__;
    if (f !== null && f !== undefined && typeof dunder === 'function') return invoke(dunder, f, args, kw);
    throw new PyTypeError(`'${typeName(f)}' object is not callable`);
  }
  if (isPyFunction(f)) return hasKeys(kw) ? (f as Fn).apply(thisArg, [...args, new KwArgs(kw)]) : (f as Fn).apply(thisArg, args);
  if (isClass(f)) {
    if (takesPyArguments(f)) return hasKeys(kw) ? new f(...args, new KwArgs(kw)) : new f(...args);
    return Reflect.construct(f, jsArguments(f as unknown as Fn, undefined, args, kw));
  }
  return (f as Fn).apply(thisArg, jsArguments(f as Fn, thisArg, args, kw));
}

/** `f(args, **kw)`. */
export function call(f: unknown, args: unknown[], kw?: Record<string, unknown>): unknown {
  return invoke(f, undefined, args, kw);
}

const receivers = new WeakMap<Fn, Fn>();

/** Django calls signal receivers with keyword arguments only; the ORM passes one object. */
function signalReceiver(fn: unknown): unknown {
  if (!isPyFunction(fn)) return fn;
  let r = receivers.get(fn as Fn);
  if (!r) {
    r = (named: unknown) => (fn as Fn)(new KwArgs({ ...(named as Record<string, unknown>) }));
    receivers.set(fn as Fn, r);
  }
  return r;
}

/** Django methods whose result is a tuple (the ORM returns arrays): `obj, created = ...get_or_create()`. */
const TUPLE_RESULTS = new Set(['get_or_create', 'update_or_create', 'delete', 'fetchone']);
const TUPLE_ROWS = new Set(['fetchall', 'fetchmany']);

function pythonResult(name: string, result: unknown): unknown {
  if (!Array.isArray(result)) return result;
  if (TUPLE_RESULTS.has(name)) return tuple(result);
  if (TUPLE_ROWS.has(name)) for (const row of result) if (Array.isArray(row)) tuple(row);
  return result;
}

/** `obj.name(args, **kw)`. */
export function callm(obj: unknown, name: string, args: unknown[], kw?: Record<string, unknown>): unknown {
  if (obj === null || obj === undefined) throw new AttributeError(`'NoneType' object has no attribute '${name}'`);
  const t = typeof obj;
  if ((t === 'object' || t === 'function') && !isBuiltinValue(obj as object)) {
    const target = obj as Record<string, unknown>;
    let f = target[name];
    if (f === undefined && !(name in target)) f = missingAttribute(obj as object, name);
    if (obj instanceof Signal && (name === 'connect' || name === 'disconnect') && args.length) args = [signalReceiver(args[0]), ...args.slice(1)];
    const result = invoke(f, obj, args, kw);
    return isPyFunction(f) ? result : pythonResult(name, result);
  }
  const member = t === 'object' ? subclassMember(obj as object, name) : null;
  if (member) return invoke(member.value, obj, args, kw);
  const method = builtinMethod(obj, name);
  if (method) return method(obj as never, args, kw ?? {});
  if (isPlainObject(obj) && typeof obj[name] === 'function') return invoke(obj[name], obj, args, kw);
  return invoke(builtinAttribute(obj, name), undefined, args, kw);
}
