/**
 * Functions defined in Python: `def f(a, b=2, *args, c, **kw)` binds its
 * arguments as Python does (positional, keywords, defaults, errors worded as
 * CPython's), whether called from Python (keywords arrive as KwArgs) or from
 * JavaScript (positional only).
 */
import { PyTypeError } from '../../orm/errors';
import { markPython } from './types';
import { KwArgs, PyDict, tuple } from './values';

interface Parameter {
  name: string;
  kind: 'positional' | 'varargs' | 'keyword-only' | 'varkw';
  hasDefault: boolean;
}

interface ParsedSignature {
  params: Parameter[];
  positional: number;
  varargs: number;
  varkw: number;
  index: Map<string, number>;
  simple: boolean;
}

const signatures = new Map<string, ParsedSignature>();

/** `a,b=,*args,c,d=,**kw` (see the code generator). */
function parseSignature(text: string): ParsedSignature {
  let parsed = signatures.get(text);
  if (parsed) return parsed;
  const params: Parameter[] = [];
  let keywordOnly = false;
  for (const part of text ? text.split(',') : []) {
    if (part.startsWith('**')) params.push({ name: part.slice(2), kind: 'varkw', hasDefault: false });
    else if (part === '*') keywordOnly = true;
    else if (part.startsWith('*')) {
      params.push({ name: part.slice(1), kind: 'varargs', hasDefault: false });
      keywordOnly = true;
    } else {
      const hasDefault = part.endsWith('=');
      params.push({ name: hasDefault ? part.slice(0, -1) : part, kind: keywordOnly ? 'keyword-only' : 'positional', hasDefault });
    }
  }
  const index = new Map<string, number>();
  params.forEach((p, i) => {
    if (p.kind === 'positional' || p.kind === 'keyword-only') index.set(p.name, i);
  });
  parsed = {
    params,
    positional: params.filter((p) => p.kind === 'positional').length,
    varargs: params.findIndex((p) => p.kind === 'varargs'),
    varkw: params.findIndex((p) => p.kind === 'varkw'),
    index,
    simple: params.every((p) => p.kind === 'positional' && !p.hasDefault),
  };
  signatures.set(text, parsed);
  return parsed;
}

const UNSET = Symbol('unset');

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function nameList(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length === 2) return quoted.join(' and ');
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

function bindArguments(name: string, sig: ParsedSignature, defaults: Map<number, unknown>, args: unknown[]): unknown[] {
  let count = args.length;
  let keywords: Record<string, unknown> | null = null;
  if (count && args[count - 1] instanceof KwArgs) {
    keywords = (args[count - 1] as KwArgs).values;
    count--;
  }
  if (sig.simple && !keywords && count === sig.positional) return count === args.length ? args : args.slice(0, count);
  const out: unknown[] = new Array(sig.params.length).fill(UNSET);
  const given = Math.min(count, sig.positional);
  for (let i = 0; i < given; i++) out[i] = args[i];
  if (count > sig.positional) {
    if (sig.varargs < 0) {
      const takes = sig.params.filter((p) => p.kind === 'positional');
      const optional = takes.filter((p) => p.hasDefault).length;
      const range = optional ? `from ${takes.length - optional} to ${takes.length}` : String(takes.length);
      throw new PyTypeError(`${name}() takes ${range} positional argument${takes.length === 1 && !optional ? '' : 's'} but ${count} ${count === 1 ? 'was' : 'were'} given`);
    }
    out[sig.varargs] = tuple(args.slice(sig.positional, count));
  } else if (sig.varargs >= 0) {
    out[sig.varargs] = tuple([]);
  }
  const extra = sig.varkw >= 0 ? new PyDict<string, unknown>() : null;
  if (keywords) {
    for (const key of Object.keys(keywords)) {
      const i = sig.index.get(key);
      if (i === undefined) {
        if (!extra) throw new PyTypeError(`${name}() got an unexpected keyword argument '${key}'`);
        extra.set(key, keywords[key]);
        continue;
      }
      if (out[i] !== UNSET) throw new PyTypeError(`${name}() got multiple values for argument '${key}'`);
      out[i] = keywords[key];
    }
  }
  if (sig.varkw >= 0) out[sig.varkw] = extra;
  const missing: string[] = [];
  const missingKeywordOnly: string[] = [];
  sig.params.forEach((p, i) => {
    if (out[i] !== UNSET) return;
    if (p.hasDefault) out[i] = defaults.get(i);
    else if (p.kind === 'positional') missing.push(p.name);
    else if (p.kind === 'keyword-only') missingKeywordOnly.push(p.name);
  });
  if (missing.length) throw new PyTypeError(`${name}() missing ${plural(missing.length, 'required positional argument')}: ${nameList(missing)}`);
  if (missingKeywordOnly.length) {
    throw new PyTypeError(`${name}() missing ${plural(missingKeywordOnly.length, 'required keyword-only argument')}: ${nameList(missingKeywordOnly)}`);
  }
  return out;
}

/** `def name(...)`: `impl` takes the bound parameters in order; defaults were evaluated at definition time. */
export function def(name: string, signature: string, defaultValues: unknown[], impl: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const sig = parseSignature(signature);
  const defaults = new Map<number, unknown>();
  let d = 0;
  sig.params.forEach((p, i) => {
    if (p.hasDefault) defaults.set(i, defaultValues[d++]);
  });
  const fn = function (this: unknown, ...args: unknown[]) {
    return impl.apply(this, bindArguments(name, sig, defaults, args));
  };
  return markPython(fn, name);
}
