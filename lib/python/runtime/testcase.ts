/**
 * django.test.TestCase's assertions, for snippets written as test code:
 * `with TestCase().assertNumQueries(2): ...`, `self.assertEqual(a, b)`.
 */
import { AssertionError } from '../../orm/testing';
import { contains, eq, truthy } from './compare';
import { pyAssertNumQueries } from './context';
import { exceptionMatches, toPythonError } from './exceptions';
import { pyRepr, pyStr } from './format';
import { invoke } from './protocol';
import { markPython, shortName } from './types';
import { splitKwargs } from './values';

type Body = (value: unknown) => unknown;

function fail(message: string, msg: unknown): never {
  throw new AssertionError(msg === undefined || msg === null ? message : `${message} : ${pyStr(msg)}`);
}

export class TestCase {
  assertNumQueries = pyAssertNumQueries;

  assertEqual(a: unknown, b: unknown, msg?: unknown): void {
    if (!eq(a, b)) fail(`${pyRepr(a)} != ${pyRepr(b)}`, msg);
  }

  assertNotEqual(a: unknown, b: unknown, msg?: unknown): void {
    if (eq(a, b)) fail(`${pyRepr(a)} == ${pyRepr(b)}`, msg);
  }

  assertTrue(x: unknown, msg?: unknown): void {
    if (!truthy(x)) fail(`${pyRepr(x)} is not true`, msg);
  }

  assertFalse(x: unknown, msg?: unknown): void {
    if (truthy(x)) fail(`${pyRepr(x)} is not false`, msg);
  }

  assertIsNone(x: unknown, msg?: unknown): void {
    if (x !== null && x !== undefined) fail(`${pyRepr(x)} is not None`, msg);
  }

  assertIsNotNone(x: unknown, msg?: unknown): void {
    if (x === null || x === undefined) fail('unexpectedly None', msg);
  }

  assertIn(item: unknown, container: unknown, msg?: unknown): void {
    if (!contains(container, item)) fail(`${pyRepr(item)} not found in ${pyRepr(container)}`, msg);
  }

  assertNotIn(item: unknown, container: unknown, msg?: unknown): void {
    if (contains(container, item)) fail(`${pyRepr(item)} unexpectedly found in ${pyRepr(container)}`, msg);
  }

  /** `with self.assertRaises(E):` or `assertRaises(E, func, *args)`. */
  assertRaises = markPython((...args: unknown[]) => {
    const [[expected, func, ...rest], kw] = splitKwargs(args);
    const name = shortName((expected as { name?: string })?.name ?? 'exception');
    const check = (run: () => unknown): unknown => {
      try {
        run();
      } catch (e) {
        const error = toPythonError(e);
        if (exceptionMatches(error, expected)) return undefined;
        throw error;
      }
      fail(`${name} not raised`, undefined);
    };
    if (func !== undefined) return check(() => invoke(func, undefined, rest, kw));
    return {
      __with__: (body: Body) => check(() => body(undefined)),
    };
  }, 'assertRaises');
}
