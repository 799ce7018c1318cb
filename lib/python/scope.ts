/**
 * What Python learner code sees: the same scope as TypeScript learner code
 * (models, ORM API, connection, settings) with Python's builtins and
 * exceptions, Django's import paths (`models.CharField`, `transaction.atomic`
 * as a context manager), and the runtime as `$py`.
 */
import '../orm';
import { PyTypeError } from '../orm/errors';
import { jsName } from './identifiers';
import { pythonRuntime } from './runtime';
import { pythonBuiltins } from './runtime/builtins';
import { CaptureQueriesContext, pyAssertNumQueries } from './runtime/context';
import * as exceptions from './runtime/exceptions';
import { moduleRegistry } from './runtime/modules';
import { callm, toJs } from './runtime/protocol';
import { PY_CLASS } from './runtime/types';

const PYTHON_EXCEPTIONS = {
  Exception: exceptions.PyException,
  BaseException: exceptions.PyException,
  TypeError: PyTypeError,
  KeyError: exceptions.KeyError,
  LookupError: exceptions.LookupError,
  ArithmeticError: exceptions.ArithmeticError,
  ZeroDivisionError: exceptions.ZeroDivisionError,
  OverflowError: exceptions.OverflowError,
  NameError: exceptions.NameError,
  UnboundLocalError: exceptions.UnboundLocalError,
  StopIteration: exceptions.StopIteration,
  RuntimeError: exceptions.RuntimeError,
  RecursionError: exceptions.RecursionError,
  ImportError: exceptions.ImportError,
  ModuleNotFoundError: exceptions.ModuleNotFoundError,
};

const ROUTER_METHODS = ['db_for_read', 'db_for_write', 'allow_relation', 'allow_migrate'];

/** A router class written in Python gets Django's call convention (hints as keyword arguments). */
function adaptRouter(router: unknown): unknown {
  const cls = (router as { constructor?: object } | null)?.constructor;
  if (!cls || !(PY_CLASS in cls)) return router;
  const adapted: Record<string, unknown> = {};
  for (const name of ROUTER_METHODS) {
    if (name in (router as object)) {
      adapted[name] = (...args: unknown[]) => {
        const hints = (args.pop() ?? {}) as Record<string, unknown>;
        return callm(router, name, args, hints);
      };
    }
  }
  return adapted;
}

class Settings {}

/** `settings.X` reads and writes the run's settings. */
function settingsObject(settings: Record<string, unknown> | undefined): unknown {
  if (!settings) return settings;
  return new Proxy(new Settings(), {
    get: (_t, key) => (typeof key === 'string' ? settings[key] : undefined),
    set: (_t, key, value) => {
      if (typeof key !== 'string') return false;
      settings[key] = key === 'DATABASE_ROUTERS' && Array.isArray(value) ? value.map(adaptRouter) : toJs(value);
      return true;
    },
    has: (_t, key) => key in settings,
  });
}

/** The Python scope on top of the TypeScript learner scope; `printLine` records one printed line. */
export function pythonScope(base: Record<string, unknown>, printLine: (line: string) => void): Record<string, unknown> {
  const settings = settingsObject(base.settings as Record<string, unknown> | undefined);
  const modules = moduleRegistry({ ...base, settings });
  const module = (name: string) => modules.modules.get(name);
  const scope: Record<string, unknown> = {
    ...base,
    ...PYTHON_EXCEPTIONS,
    ...pythonBuiltins(printLine),
    models: module('django.db.models'),
    transaction: module('django.db.transaction'),
    timezone: module('django.utils.timezone'),
    assertNumQueries: pyAssertNumQueries,
    CaptureQueriesContext,
    receiver: (module('django.dispatch') as unknown as Record<string, unknown>).receiver,
    settings,
    $py: pythonRuntime(modules),
  };
  // Python names that are reserved in JavaScript (`super`) are renamed as the translator renames them.
  return Object.fromEntries(Object.entries(scope).map(([k, v]) => [jsName(k), v]));
}
