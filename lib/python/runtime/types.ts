/** Python's view of JavaScript values: type names, classes, functions defined in Python. */
import { PyTypeError } from '../../orm/errors';
import { isPlainObject, isTuple } from './values';

/** Set on functions that bind their arguments the Python way (defs, builtins): they receive KwArgs. */
export const PY_FUNCTION = Symbol('python function');
/** Set on classes a Python `class` statement made. */
export const PY_CLASS = Symbol('python class');
/** Set on classes whose instances run a Python `__init__` (their constructor takes KwArgs). */
export const PY_INIT = Symbol('python __init__');
/** Builtin types (int, str, ...): the isinstance() test. */
export const INSTANCE_CHECK = Symbol('isinstance check');

type Marked = { [PY_FUNCTION]?: boolean; [PY_CLASS]?: boolean; [PY_INIT]?: boolean; [INSTANCE_CHECK]?: (value: unknown) => boolean };

export function markPython<F extends (...args: never[]) => unknown>(fn: F, name?: string): F {
  (fn as unknown as Marked)[PY_FUNCTION] = true;
  if (name !== undefined) Object.defineProperty(fn, 'name', { value: name, configurable: true });
  return fn;
}

export function isPyFunction(value: unknown): boolean {
  return typeof value === 'function' && (value as Marked)[PY_FUNCTION] === true;
}

export function isPyClass(value: unknown): boolean {
  return typeof value === 'function' && Object.prototype.hasOwnProperty.call(value, PY_CLASS);
}

export function takesPyArguments(cls: unknown): boolean {
  return typeof cls === 'function' && (cls as Marked)[PY_INIT] === true;
}

export function instanceCheck(cls: unknown): ((value: unknown) => boolean) | undefined {
  return typeof cls === 'function' ? (cls as Marked)[INSTANCE_CHECK] : undefined;
}

const classes = new WeakMap<object, boolean>();

/** A JavaScript class (needs `new`); the ORM's callable() classes are not, they construct when called. */
export function isClass(value: unknown): value is new (...args: unknown[]) => unknown {
  if (typeof value !== 'function') return false;
  let known = classes.get(value);
  if (known === undefined) {
    let source = '';
    try {
      source = Function.prototype.toString.call(value);
    } catch {
      source = '';
    }
    known = /^class[\s{]/.test(source);
    classes.set(value, known);
  }
  return known;
}

/** The root of classes declared in Python without a base (`class Foo:`): runs `__init__`. */
export class PyObject {
  constructor(...args: unknown[]) {
    const init = (this as { __init__?: (...a: unknown[]) => unknown }).__init__;
    if (typeof init === 'function') init.apply(this, args);
    else if (args.length) throw new PyTypeError(`${new.target.name}() takes no arguments`);
  }
}
(PyObject as unknown as Marked)[PY_CLASS] = true;
Object.defineProperty(PyObject, 'name', { value: 'object' });

/** A module object: `models`, `django.db`, `datetime`. */
export class PyModule {
  constructor(
    readonly __name__: string,
    attributes: Record<string, unknown> = {},
  ) {
    Object.assign(this, attributes);
  }

  __repr__(): string {
    return `<module '${this.__name__}'>`;
  }
}

/** A class's name as Python prints it (`Post.DoesNotExist` → `DoesNotExist`). */
export function shortName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1) : name;
}

/** Python's `type(x).__name__`, for error messages. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'string':
      return 'str';
    case 'bigint':
      return 'int';
    case 'function':
      if (isClass(value) || isPyClass(value)) return 'type';
      return 'function';
  }
  if (Array.isArray(value)) return isTuple(value) ? 'tuple' : value.constructor === Array ? 'list' : value.constructor.name;
  if (value instanceof Map || isPlainObject(value)) return 'dict';
  if (value instanceof Set) return 'set';
  if (value instanceof PyModule) return 'module';
  if (value instanceof Date) return value.constructor.name === 'PyDate' ? 'date' : 'datetime';
  if (typeof (value as Iterator<unknown>).next === 'function' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') return 'generator';
  return shortName((value as object).constructor?.name ?? 'object');
}
