/**
 * The runtime translated Python calls as `$py.*`: Python semantics where
 * JavaScript differs (operators, calls with keyword arguments, indexing,
 * truth values, iteration, classes, with blocks, exceptions, imports).
 */
import { AssertionError } from '../orm/testing';
import { PyTypeError } from '../orm/errors';
import { pyClass, superOf } from './runtime/classes';
import { eq, ge, gt, in_, is, isNot, le, lt, ne, notIn, truthy } from './runtime/compare';
import { BREAK, CONTINUE, ret, withBlock } from './runtime/context';
import { exceptionMatches, RuntimeError, toPythonError } from './runtime/exceptions';
import { formatField, pyStr } from './runtime/format';
import { def } from './runtime/functions';
import { iterate, keywordArguments, mappingItems, unpack } from './runtime/iteration';
import type { ModuleRegistry } from './runtime/modules';
import * as ops from './runtime/operators';
import { call, callm, delattr, getattr, invoke, setattr } from './runtime/protocol';
import { delitem, getitem, getslice, setitem, setslice } from './runtime/subscripts';
import { PyDict, PySet, tuple } from './runtime/values';

type Element = (...vars: unknown[]) => unknown;
type Loop = () => Iterable<unknown[]>;

function listcomp(elt: Element, loop: Loop): unknown[] {
  const out: unknown[] = [];
  for (const vars of loop()) out.push(elt(...vars));
  return out;
}

function setcomp(elt: Element, loop: Loop): PySet {
  const out = new PySet();
  for (const vars of loop()) out.add(elt(...vars));
  return out;
}

function dictcomp(elt: Element, loop: Loop): PyDict {
  const out = new PyDict();
  for (const vars of loop()) {
    const [k, v] = elt(...vars) as [unknown, unknown];
    out.set(k, v);
  }
  return out;
}

function* genexp(elt: Element, loop: Loop): Generator<unknown> {
  for (const vars of loop()) yield elt(...vars);
}

/** `raise X` / `raise X(...)` / `raise X from Y`: the exception to throw. */
function raise(exc: unknown, cause?: unknown): unknown {
  const e = typeof exc === 'function' ? invoke(exc, undefined, []) : exc;
  if (!(e instanceof Error)) throw new PyTypeError('exceptions must derive from BaseException');
  if (cause !== undefined) (e as Error & { __cause__?: unknown }).__cause__ = cause;
  return e;
}

export type PythonRuntime = ReturnType<typeof pythonRuntime>;

export function pythonRuntime(modules: ModuleRegistry) {
  return {
    ...ops,
    call,
    callm,
    getattr,
    setattr,
    delattr,
    superOf,
    getitem,
    getslice,
    setitem,
    setslice,
    delitem,
    tuple,
    set: (items: unknown[]) => new PySet(items),
    dict: (entries: [unknown, unknown][]) => PyDict.fromEntries(entries),
    items: mappingItems,
    kwargs: keywordArguments,
    iter: iterate,
    unpack,
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    is,
    isNot,
    in: in_,
    notIn,
    truthy,
    format: formatField,
    def,
    class: pyClass,
    listcomp,
    setcomp,
    dictcomp,
    genexp,
    with: withBlock,
    BREAK,
    CONTINUE,
    ret,
    exc: toPythonError,
    excMatch: exceptionMatches,
    raise,
    reraise: () => new RuntimeError('No active exception to reraise'),
    assertionError: (message?: unknown) => new AssertionError(message === undefined ? '' : pyStr(message)),
    importModule: modules.importModule,
    importFrom: modules.importFrom,
    importStar: modules.importStar,
  };
}
