/**
 * `class` statements: the body runs into a namespace, then a JavaScript class
 * is made from it. A `models.Model` subclass becomes the TypeScript model form
 * (`static fields`, `static Meta`, `toString()` for `__str__`); other classes get
 * their methods on the prototype and their attributes as statics (a Func
 * subclass's `function = 'SQRT'` is `static function`).
 */
import { AttributeError, PyTypeError } from '../../orm/errors';
import { Field } from '../../orm/fields/field';
import { Manager } from '../../orm/manager';
import { iterate } from './iteration';
import { bindMethod, invoke, toJs } from './protocol';
import { isPyFunction, markPython, PY_CLASS, PY_INIT, PyObject } from './types';
import { splitKwargs } from './values';

type Fn = (...args: unknown[]) => unknown;
type AnyClass = new (...args: unknown[]) => object;

/** A class's static side, for the markers and class attributes set on it. */
const statics = (cls: unknown) => cls as Record<string | symbol, unknown>;

/** The body's names, kept on the class for `class Meta:` (read by the model). */
export const NAMESPACE = Symbol('class namespace');
const PENDING_INIT = Symbol('arguments for the JavaScript base constructor');
const DEFERS_BASE_CONSTRUCTION = Symbol('runs __init__ before the base constructor');

export class PyProperty {
  constructor(
    readonly fget: unknown,
    readonly fset: unknown = null,
  ) {}

  setter(fset: unknown): PyProperty {
    return new PyProperty(this.fget, fset);
  }

  getter(fget: unknown): PyProperty {
    return new PyProperty(fget, this.fset);
  }
}

export class PyStaticMethod {
  constructor(readonly fn: unknown) {}
}

export class PyClassMethod {
  constructor(readonly fn: unknown) {}
}

function rootIsPyObject(cls: unknown): boolean {
  for (let c = cls as object | null; c; c = Object.getPrototypeOf(c)) if (c === PyObject) return true;
  return false;
}

function pythonInit(proto: object): Fn | null {
  const init = (proto as { __init__?: unknown }).__init__;
  return isPyFunction(init) ? (init as Fn) : null;
}

function named<C>(name: string, cls: C): C {
  Object.defineProperty(cls, 'name', { value: name, configurable: true });
  return cls;
}

/**
 * A class over a JavaScript base whose Python `__init__` must run first: it
 * runs on a stand-in instance, `super().__init__(...)` records the base's
 * arguments, then the real instance is built and takes the attributes set.
 */
function deferredBaseClass(base: AnyClass): AnyClass {
  const cls = class extends base {
    constructor(...args: unknown[]) {
      const stand = Object.create(new.target.prototype) as Record<string | symbol, unknown>;
      stand[PENDING_INIT] = [];
      pythonInit(new.target.prototype)!.apply(stand, args);
      const [positional, kw] = splitKwargs(stand[PENDING_INIT] as unknown[]);
      delete stand[PENDING_INIT];
      const jsArgs = positional.map(toJs);
      if (Object.keys(kw).length) jsArgs.push(Object.fromEntries(Object.entries(kw).map(([k, v]) => [k, toJs(v)])));
      super(...jsArgs);
      Object.assign(this, stand);
    }
  } as unknown as AnyClass;
  statics(cls)[DEFERS_BASE_CONSTRUCTION] = true;
  return cls;
}

function installMethod(target: object, name: string, fn: Fn): void {
  const method = markPython(function (this: unknown, ...args: unknown[]) {
    return fn.call(undefined, this, ...args);
  }, name);
  Object.defineProperty(target, name, { value: method, writable: true, configurable: true });
  if (name === '__str__') {
    Object.defineProperty(target, 'toString', { value: method, writable: true, configurable: true });
  } else if (name === '__iter__') {
    Object.defineProperty(target, Symbol.iterator, {
      value: function (this: unknown) {
        return iterate(method.call(this))[Symbol.iterator]();
      },
      configurable: true,
    });
  }
}

function installAttribute(cls: AnyClass, name: string, value: unknown): void {
  const proto = cls.prototype as object;
  if (value instanceof PyProperty) {
    Object.defineProperty(proto, name, {
      get(this: unknown) {
        return invoke(value.fget, undefined, [this]);
      },
      set(this: unknown, v: unknown) {
        if (!value.fset) throw new AttributeError(`property '${name}' of '${cls.name}' object has no setter`);
        invoke(value.fset, undefined, [this, v]);
      },
      configurable: true,
    });
  } else if (value instanceof PyStaticMethod) {
    Object.defineProperty(cls, name, { value: value.fn, writable: true, configurable: true });
  } else if (value instanceof PyClassMethod) {
    const fn = value.fn as Fn;
    const method = markPython(function (this: unknown, ...args: unknown[]) {
      return invoke(fn, undefined, [typeof this === 'function' ? this : cls, ...args]);
    }, name);
    Object.defineProperty(cls, name, { value: method, writable: true, configurable: true });
  } else if (isPyFunction(value)) {
    installMethod(proto, name, value as Fn);
  } else {
    Object.defineProperty(cls, name, { value, writable: true, configurable: true, enumerable: true });
  }
}

/** `class Meta:` inside a model → the model's `static Meta` options. */
function metaOptions(meta: unknown): Record<string, unknown> {
  const ns = (meta as Record<symbol, unknown> | null)?.[NAMESPACE] as Record<string, unknown> | undefined;
  if (!ns) return (meta as Record<string, unknown>) ?? {};
  return Object.fromEntries(Object.entries(ns).map(([k, v]) => [k, toJs(v)]));
}

function modelClass(name: string, base: AnyClass, ns: Record<string, unknown>): AnyClass {
  const cls = named(name, class extends base {} as unknown as AnyClass);
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ns)) {
    if (value instanceof Field) fields[key] = value;
    else if (key === 'Meta') Object.defineProperty(cls, 'Meta', { value: metaOptions(value), writable: true, configurable: true });
    else installAttribute(cls, key, value);
  }
  Object.defineProperty(cls, 'fields', { value: fields, writable: true, configurable: true });
  // Declared managers are found when the model registers, which `Model.objects` would trigger but a
  // declared `objects = Manager()` hides: register now, as Django does when the class statement runs.
  if (Object.values(ns).some((v) => v instanceof Manager)) void (cls as unknown as { _meta: unknown })._meta;
  return cls;
}

/** `class Name(bases, **keywords): body` (keywords such as `metaclass=` are accepted and ignored). */
export function pyClass(name: string, bases: unknown[], _keywords: Record<string, unknown>, body: (ns: Record<string, unknown>) => void): unknown {
  const ns: Record<string, unknown> = Object.create(null);
  body(ns);
  const base = (bases[0] ?? PyObject) as AnyClass;
  if (typeof base !== 'function') throw new PyTypeError(`bases must be types`);
  let cls: AnyClass;
  if ((base as { isModelClass?: boolean }).isModelClass) {
    cls = modelClass(name, base, ns);
  } else {
    const needsDeferred = isPyFunction(ns.__init__) && !rootIsPyObject(base) && !statics(base)[DEFERS_BASE_CONSTRUCTION];
    cls = named(name, needsDeferred ? deferredBaseClass(base) : (class extends base {} as unknown as AnyClass));
    for (const [key, value] of Object.entries(ns)) installAttribute(cls, key, value);
    for (const mixin of bases.slice(1)) {
      const proto = (mixin as AnyClass)?.prototype;
      if (!proto) continue;
      for (const key of Object.getOwnPropertyNames(proto)) {
        if (key !== 'constructor' && !(key in cls.prototype)) Object.defineProperty(cls.prototype, key, Object.getOwnPropertyDescriptor(proto, key)!);
      }
    }
    if (rootIsPyObject(cls) || statics(cls)[DEFERS_BASE_CONSTRUCTION]) statics(cls)[PY_INIT] = true;
  }
  statics(cls)[PY_CLASS] = true;
  statics(cls)[NAMESPACE] = ns;
  return cls;
}

/** What `super()` returns: attribute lookups start after `cls` in `self`'s class chain. */
class PySuper {}

/** `super()` in a method of `cls` called on `self`. */
export function superOf(cls: unknown, self: unknown): unknown {
  if (typeof cls !== 'function') throw new PyTypeError('super() argument 1 must be a type');
  const parent = Object.getPrototypeOf(cls) as AnyClass;
  const source = (typeof self === 'function' ? parent : parent.prototype) as object;
  const lookup = (name: string): PropertyDescriptor | undefined => {
    for (let p: object | null = source; p; p = Object.getPrototypeOf(p)) {
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (d) return d;
    }
    return undefined;
  };
  const init = () => {
    const pyInit = pythonInit(parent.prototype as object);
    if (pyInit) return bindMethod(pyInit, self);
    const pending = (self as Record<symbol, unknown>)[PENDING_INIT];
    return markPython((...args: unknown[]) => {
      if (Array.isArray(pending)) pending.push(...args);
    }, '__init__');
  };
  return new Proxy(new PySuper(), {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      if (name === '__init__') return init();
      const d = lookup(name);
      if (!d) return undefined;
      if (d.get) return d.get.call(self);
      return typeof d.value === 'function' ? bindMethod(d.value as Fn, self) : d.value;
    },
    has(_target, name) {
      return name === '__init__' || (typeof name === 'string' && lookup(name) !== undefined);
    },
  });
}
