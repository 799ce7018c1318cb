/**
 * Python's exception classes the ORM does not define, the mapping of
 * JavaScript's own errors to Python ones (a ReferenceError is a NameError),
 * and `except` matching.
 */
import { AttributeError, IndexError as OrmIndexError, PyTypeError, ValueError } from '../../orm/errors';
import { pythonName } from '../identifiers';
import { pyRepr, pyStr } from './format';
import { tuple } from './values';

/** Python's Exception (and BaseException): `except Exception` catches every error. */
export class PyException extends Error {
  args: unknown[];

  constructor(...args: unknown[]) {
    super(args.length === 1 ? pyStr(args[0]) : args.length ? pyRepr(tuple([...args])) : '');
    this.name = new.target.name;
    this.args = tuple(args);
  }
}
Object.defineProperty(PyException, 'name', { value: 'Exception' });

export class LookupError extends PyException {}
export class ArithmeticError extends PyException {}
export class ZeroDivisionError extends ArithmeticError {}
export class OverflowError extends ArithmeticError {}
export class NameError extends PyException {}
export class UnboundLocalError extends NameError {}
export class StopIteration extends PyException {}
export class RuntimeError extends PyException {}
export class RecursionError extends RuntimeError {}
export class ImportError extends PyException {}
export class ModuleNotFoundError extends ImportError {}

/** `KeyError: 'x'`: the message is the key's repr, as Python prints it. */
export class KeyError extends LookupError {
  constructor(key: unknown, repr: string = pyRepr(key)) {
    super(key);
    this.message = repr;
  }

  __str__(): string {
    return this.message;
  }
}

const keep = (converted: Error, original: Error): Error => {
  converted.stack = original.stack;
  return converted;
};

/** JavaScript's built-in errors as the Python exceptions a learner expects (the stack, hence the line, is kept). */
export function toPythonError(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  if (e instanceof ReferenceError) {
    const m = /^(\S+) is not defined$/.exec(e.message);
    if (m) return keep(new NameError(`name '${pythonName(m[1])}' is not defined`), e);
    const tdz = /^Cannot access '(\S+)' before initialization$/.exec(e.message);
    if (tdz) return keep(new UnboundLocalError(`cannot access local variable '${pythonName(tdz[1])}' where it is not associated with a value`), e);
    return keep(new NameError(e.message), e);
  }
  if (e instanceof TypeError) {
    const read = /^Cannot (?:read|set) properties of (null|undefined) \((?:reading|setting) '(.*)'\)$/.exec(e.message);
    if (read) return keep(new AttributeError(`'NoneType' object has no attribute '${read[2]}'`), e);
    return keep(new PyTypeError(e.message), e);
  }
  if (e instanceof RangeError) {
    if (/call stack/.test(e.message)) return keep(new RecursionError('maximum recursion depth exceeded'), e);
    return keep(new ValueError(e.message), e);
  }
  return e;
}

/** Does `except spec:` catch this exception? (`spec` may be a class or a tuple of classes.) */
export function exceptionMatches(e: unknown, spec: unknown): boolean {
  if (Array.isArray(spec)) return spec.some((s) => exceptionMatches(e, s));
  if (typeof spec !== 'function') throw new PyTypeError('catching classes that do not inherit from BaseException is not allowed');
  if (spec === PyException) return true;
  if (spec === LookupError) return e instanceof LookupError || e instanceof OrmIndexError;
  return e instanceof spec;
}
