/**
 * The few standard-library modules Django snippets lean on, in small form:
 * collections (defaultdict, Counter, OrderedDict), itertools, functools,
 * operator, math, json, time, random, decimal, typing, sys (print's file=
 * is accepted and ignored).
 */
import { PyTypeError, ValueError } from '../../orm/errors';
import { eq } from './compare';
import { pyRepr } from './format';
import { iterate, toArray } from './iteration';
import { getattr, invoke } from './protocol';
import { getitem } from './subscripts';
import { sortItems } from './methods';
import { INSTANCE_CHECK, markPython, PyModule, typeName } from './types';
import { isPlainObject, PyDict, splitKwargs, tuple } from './values';

type Fn = (...args: unknown[]) => unknown;

/** collections.defaultdict */
export class DefaultDict extends PyDict {
  constructor(readonly default_factory: unknown) {
    super();
  }

  __missing__(key: unknown): unknown {
    if (this.default_factory === null || this.default_factory === undefined) return undefined;
    const value = invoke(this.default_factory, undefined, []);
    this.set(key, value);
    return value;
  }

  __repr__(): string {
    return `defaultdict(${pyRepr(this.default_factory)}, {${[...this].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}})`;
  }
}

/** collections.Counter */
export class Counter extends PyDict<unknown, number> {
  __missing__(): number {
    return 0;
  }

  update(...args: unknown[]): void {
    const [[source], kw] = splitKwargs(args);
    if (source instanceof Map || isPlainObject(source)) {
      for (const [k, v] of source instanceof Map ? source : Object.entries(source)) this.set(k, (this.get(k) ?? 0) + Number(v));
    } else if (source !== undefined && source !== null) {
      for (const x of iterate(source)) this.set(x, (this.get(x) ?? 0) + 1);
    }
    for (const [k, v] of Object.entries(kw)) this.set(k, (this.get(k) ?? 0) + Number(v));
  }

  most_common(n: unknown = null): unknown[] {
    const items = [...this].map(([k, v]) => tuple([k, v]));
    const sorted = sortItems(items, { key: markPython((pair: unknown) => -(pair as number[])[1]) });
    return n === null || n === undefined ? sorted : sorted.slice(0, Number(n));
  }

  elements(): unknown[] {
    return [...this].flatMap(([k, v]) => Array(Math.max(0, v)).fill(k));
  }

  total(): number {
    return [...this.values()].reduce((a, b) => a + b, 0);
  }

  __repr__(): string {
    const items = this.most_common() as [unknown, number][];
    return `Counter({${items.map(([k, v]) => `${pyRepr(k)}: ${v}`).join(', ')}})`;
  }
}

function pyClass<T>(name: string, make: (args: unknown[], kw: Record<string, unknown>) => T, check: (x: unknown) => boolean): Fn {
  const fn = markPython((...args: unknown[]) => {
    const [positional, kw] = splitKwargs(args);
    return make(positional, kw);
  }, name);
  (fn as unknown as Record<symbol, unknown>)[INSTANCE_CHECK] = check;
  return fn;
}

function* chain(...iterables: unknown[]): Generator<unknown> {
  for (const it of iterables) yield* iterate(it);
}

function* islice(items: unknown, ...bounds: unknown[]): Generator<unknown> {
  const [start, stop, step] = bounds.length === 1 ? [0, bounds[0], 1] : [bounds[0] ?? 0, bounds[1], bounds[2] ?? 1];
  let i = 0;
  for (const x of iterate(items)) {
    if (stop !== null && stop !== undefined && i >= Number(stop)) return;
    if (i >= Number(start) && (i - Number(start)) % Number(step) === 0) yield x;
    i++;
  }
}

function groupby(items: unknown, key: unknown = null): unknown[] {
  const out: unknown[] = [];
  let currentKey: unknown;
  let group: unknown[] | null = null;
  for (const x of iterate(items)) {
    const k = key === null || key === undefined ? x : invoke(key, undefined, [x]);
    if (!group || !eq(k, currentKey)) {
      group = [];
      currentKey = k;
      out.push(tuple([k, group]));
    }
    group.push(x);
  }
  return out;
}

/** json.dumps with Python's default separators (`, ` and `: `). */
function jsonDump(x: unknown): string {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'boolean') return x ? 'true' : 'false';
  if (typeof x === 'number') return Number.isFinite(x) ? String(x) : x > 0 ? 'Infinity' : x < 0 ? '-Infinity' : 'NaN';
  if (typeof x === 'string') return JSON.stringify(x);
  if (Array.isArray(x) || x instanceof Set) return `[${[...x].map(jsonDump).join(', ')}]`;
  if (x instanceof Map || isPlainObject(x)) {
    const entries = x instanceof Map ? [...x] : Object.entries(x);
    return `{${entries.map(([k, v]) => `${JSON.stringify(String(k))}: ${jsonDump(v)}`).join(', ')}}`;
  }
  throw new PyTypeError(`Object of type ${typeName(x)} is not JSON serializable`);
}

function jsonPlain(x: unknown): unknown {
  if (x instanceof Map) return Object.fromEntries([...x].map(([k, v]) => [String(k), jsonPlain(v)]));
  if (Array.isArray(x) || x instanceof Set) return [...x].map(jsonPlain);
  if (isPlainObject(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, jsonPlain(v)]));
  return x;
}

const TYPING = ['Any', 'Callable', 'Dict', 'Iterable', 'Iterator', 'List', 'Optional', 'Sequence', 'Set', 'Tuple', 'Type', 'Union', 'TYPE_CHECKING'];

const m = (name: string, attrs: Record<string, unknown>) => new PyModule(name, attrs);
const fn = (name: string, f: Fn) => markPython(f, name);

export function helperModules(): PyModule[] {
  return [
    m('collections', {
      defaultdict: pyClass('defaultdict', ([factory = null]) => new DefaultDict(factory), (x) => x instanceof DefaultDict),
      Counter: pyClass('Counter', (args, kw) => {
        const c = new Counter();
        c.update(...args, ...(Object.keys(kw).length ? [kw] : []));
        return c;
      }, (x) => x instanceof Counter),
      OrderedDict: pyClass('OrderedDict', ([source]) => PyDict.fromEntries(source === undefined ? [] : source instanceof Map ? source : isPlainObject(source) ? Object.entries(source) : toArray(source).map((p) => toArray(p) as [unknown, unknown])), (x) => x instanceof Map),
    }),
    m('itertools', {
      chain: Object.assign(fn('chain', chain), { from_iterable: fn('from_iterable', (its: unknown) => chain(...toArray(its))) }),
      islice: fn('islice', islice),
      groupby: fn('groupby', (...args: unknown[]) => {
        const [[items, key = null], kw] = splitKwargs(args);
        return groupby(items, kw.key ?? key);
      }),
    }),
    m('functools', {
      reduce: fn('reduce', (f: unknown, items: unknown, ...initial: unknown[]) => {
        const list = toArray(items);
        let acc = initial.length ? initial[0] : list.shift();
        for (const x of list) acc = invoke(f, undefined, [acc, x]);
        return acc;
      }),
    }),
    m('operator', {
      attrgetter: fn('attrgetter', (...names: unknown[]) => fn('attrgetter', (obj: unknown) => {
        const values = names.map((n) => String(n).split('.').reduce((o, part) => getattr(o, part), obj));
        return values.length === 1 ? values[0] : tuple(values);
      })),
      itemgetter: fn('itemgetter', (...keys: unknown[]) => fn('itemgetter', (obj: unknown) => (keys.length === 1 ? getitem(obj, keys[0]) : tuple(keys.map((k) => getitem(obj, k)))))),
    }),
    m('math', {
      pi: Math.PI, e: Math.E, inf: Infinity, nan: NaN,
      floor: fn('floor', (x: unknown) => Math.floor(Number(x))),
      ceil: fn('ceil', (x: unknown) => Math.ceil(Number(x))),
      trunc: fn('trunc', (x: unknown) => Math.trunc(Number(x))),
      sqrt: fn('sqrt', (x: unknown) => {
        if (Number(x) < 0) throw new ValueError('math domain error');
        return Math.sqrt(Number(x));
      }),
      log: fn('log', (x: unknown, base?: unknown) => (base === undefined ? Math.log(Number(x)) : Math.log(Number(x)) / Math.log(Number(base)))),
      log10: fn('log10', (x: unknown) => Math.log10(Number(x))),
      exp: fn('exp', (x: unknown) => Math.exp(Number(x))),
      pow: fn('pow', (x: unknown, y: unknown) => Number(x) ** Number(y)),
      fabs: fn('fabs', (x: unknown) => Math.abs(Number(x))),
      isclose: fn('isclose', (a: unknown, b: unknown) => Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(Math.abs(Number(a)), Math.abs(Number(b)))),
      fsum: fn('fsum', (items: unknown) => toArray(items).reduce((s: number, x) => s + Number(x), 0)),
    }),
    m('json', {
      dumps: fn('dumps', (...args: unknown[]) => {
        const [[value], kw] = splitKwargs(args);
        const indent = kw.indent === undefined || kw.indent === null ? undefined : Number(kw.indent);
        return indent === undefined ? jsonDump(value) : JSON.stringify(jsonPlain(value), null, indent);
      }),
      loads: fn('loads', (text: unknown) => JSON.parse(String(text))),
    }),
    m('time', {
      time: fn('time', () => Date.now() / 1000),
      perf_counter: fn('perf_counter', () => performance.now() / 1000),
      monotonic: fn('monotonic', () => performance.now() / 1000),
      sleep: fn('sleep', () => null),
    }),
    m('random', {
      random: fn('random', () => Math.random()),
      randint: fn('randint', (a: unknown, b: unknown) => Number(a) + Math.floor(Math.random() * (Number(b) - Number(a) + 1))),
      choice: fn('choice', (items: unknown) => {
        const list = toArray(items);
        return list[Math.floor(Math.random() * list.length)];
      }),
      shuffle: fn('shuffle', (items: unknown) => {
        const list = items as unknown[];
        for (let i = list.length - 1; i > 0; i--) {
          const j = Math.floor(Math.random() * (i + 1));
          [list[i], list[j]] = [list[j], list[i]];
        }
        return null;
      }),
      sample: fn('sample', (items: unknown, k: unknown) => [...toArray(items)].sort(() => Math.random() - 0.5).slice(0, Number(k))),
      seed: fn('seed', () => null),
    }),
    m('decimal', { Decimal: fn('Decimal', (x: unknown = 0) => Number(x)) }),
    m('typing', Object.fromEntries(TYPING.map((n) => [n, null]))),
    m('__future__', { annotations: null }),
    m('sys', { stdout: m('sys.stdout', {}), stderr: m('sys.stderr', {}), version: '3.12 (ORM Lab Python mode)', maxsize: Number.MAX_SAFE_INTEGER }),
  ];
}

