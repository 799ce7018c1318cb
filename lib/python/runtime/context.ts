/**
 * `with` blocks. The body is compiled as a closure, so context managers built
 * on the ORM's function form (`transaction.atomic(fn)`, `assertNumQueries(n, fn)`)
 * wrap it directly; objects with `__enter__`/`__exit__` work too. The closure
 * returns a token when `break`, `continue` or `return` leaves the block.
 */
import type { Connection } from '../../orm/backend/connection';
import { PyTypeError } from '../../orm/errors';
import { assertNumQueries, captureQueries, type CapturedQuery } from '../../orm/testing';
import { atomic } from '../../orm/transaction';
import { truthy } from './compare';
import { toPythonError } from './exceptions';
import { getitem } from './subscripts';
import { callm, invoke } from './protocol';
import { markPython, typeName } from './types';
import { splitKwargs } from './values';

export const BREAK = Object.freeze({ token: 'break' });
export const CONTINUE = Object.freeze({ token: 'continue' });

/** `return value` from inside a with block. */
export function ret(value: unknown): { value: unknown } {
  return { value };
}

type Body = (value: unknown) => unknown;

/** A context manager whose block is a function: `__with__(body)` runs it. */
interface FunctionContext {
  __with__(body: Body): unknown;
}

export function withBlock(manager: unknown, body: Body): unknown {
  const m = manager as Partial<FunctionContext> & { __enter__?: unknown; __exit__?: unknown; close?: unknown } | null;
  if (m && typeof m.__with__ === 'function') return m.__with__(body);
  if (m && typeof m.__enter__ === 'function' && typeof m.__exit__ === 'function') {
    const value = callm(m, '__enter__', []);
    let result: unknown;
    try {
      result = body(value);
    } catch (e) {
      const error = toPythonError(e) as Error;
      if (!truthy(callm(m, '__exit__', [error?.constructor ?? null, error, null]))) throw error;
      return undefined;
    }
    callm(m, '__exit__', [null, null, null]);
    return result;
  }
  if (m && typeof m.close === 'function') {
    try {
      return body(m);
    } finally {
      (m.close as () => void).call(m);
    }
  }
  throw new PyTypeError(`'${typeName(manager)}' object does not support the context manager protocol`);
}

/** `transaction.atomic` as Django has it: a context manager, a decorator, or `@atomic(using=...)`. */
export const pyAtomic = markPython((...args: unknown[]) => {
  const [positional, kw] = splitKwargs(args);
  const [first] = positional;
  if (typeof first === 'function') return atomicDecorator(first, {});
  const options = {
    using: (kw.using ?? (typeof first === 'string' ? first : undefined)) as string | undefined,
    savepoint: kw.savepoint === undefined ? true : truthy(kw.savepoint),
  };
  return {
    __with__: (body: Body) => atomic(() => body(undefined), options),
    __call__: markPython((fn: unknown) => atomicDecorator(fn, options), '__call__'),
    __repr__: () => '<django.db.transaction.Atomic object>',
  };
}, 'atomic');

function atomicDecorator(fn: unknown, options: { using?: string; savepoint?: boolean }): unknown {
  return markPython((...args: unknown[]) => {
    const [positional, kw] = splitKwargs(args);
    return atomic(() => invoke(fn, undefined, positional, kw), options);
  }, (fn as { name?: string }).name);
}

/** `assertNumQueries(2)` as a context manager, or `assertNumQueries(2, func, *args)`. */
export const pyAssertNumQueries = markPython((...args: unknown[]) => {
  const [[num, func, ...rest], kw] = splitKwargs(args);
  const { using, ...kwargs } = kw as { using?: string } & Record<string, unknown>;
  const options = using ? { using } : {};
  if (func !== undefined && func !== null) {
    assertNumQueries(Number(num), () => invoke(func, undefined, rest, kwargs), options);
    return null;
  }
  return {
    __with__: (body: Body) => {
      let token: unknown;
      assertNumQueries(Number(num), () => (token = body(undefined)), options);
      return token;
    },
  };
}, 'assertNumQueries');

/** django.test.utils.CaptureQueriesContext: `with CaptureQueriesContext(connection) as ctx:` then `ctx.captured_queries`. */
export class CaptureQueriesContext {
  captured_queries: CapturedQuery[] = [];

  constructor(readonly connection: Connection) {}

  __with__(body: Body): unknown {
    let token: unknown;
    this.captured_queries = captureQueries(() => (token = body(this)), { using: this.connection?.alias ?? 'default' });
    return token;
  }

  __len__(): number {
    return this.captured_queries.length;
  }

  __getitem__(index: unknown): unknown {
    return getitem(this.captured_queries, index);
  }

  __iter__(): unknown {
    return this.captured_queries;
  }
}

/**
 * django.test.override_settings: `with override_settings(DATABASE_ROUTERS=[...]):`
 * or `@override_settings(...)` on a function. The settings change for the block
 * and are restored after it, whatever happens inside.
 */
export function pyOverrideSettings(settings: Record<string, unknown>) {
  return markPython((...args: unknown[]) => {
    const [, changes] = splitKwargs(args);
    const overriding = <T>(run: () => T): T => {
      const saved = Object.keys(changes).map((k) => [k, settings[k]] as const);
      Object.assign(settings, changes);
      try {
        return run();
      } finally {
        for (const [k, value] of saved) settings[k] = value;
      }
    };
    return {
      __with__: (body: Body) => overriding(() => body(undefined)),
      __call__: markPython(
        (fn: unknown) =>
          markPython((...callArgs: unknown[]) => {
            const [positional, kw] = splitKwargs(callArgs);
            return overriding(() => invoke(fn, undefined, positional, kw));
          }, (fn as { name?: string }).name),
        '__call__',
      ),
      __repr__: () => '<django.test.utils.override_settings object>',
    };
  }, 'override_settings');
}
