/**
 * Section 2: what turning a QuerySet into SQL costs, per query, without
 * touching the database: building the QuerySet (chained calls, lookups
 * resolved into the Query) and compiling it
 * (`qs.query.get_compiler('default').as_sql()`).
 */
import type { SqlJsStatic } from 'sql.js';
import { Count, F } from '../lib/orm';
import { connections } from '../lib/orm/runtime';
import type { Model } from '../lib/orm/model';
import { closeWorld, openWorld, type DataSet } from './env';
import { captureStatements, sameStatements } from './raw';
import { type SectionResult, type Table } from './table';
import { collectGarbage, microsPerCall, stats, type Stats } from './timing';

type Objects = typeof Model & { objects: any };

export interface CompileCase {
  id: string;
  label: string;
  build: () => any;
}

export function compileCases(models: Record<string, Objects>): CompileCase[] {
  const { Post, Author, Comment } = models;
  return [
    { id: 'get_pk', label: 'Post.objects.filter({ pk: 7 })  (as get() and lazy FK loads)', build: () => Post.objects.filter({ pk: 7 }) },
    {
      id: 'filter_joins',
      label: "Post.objects.filter({ author__is_active: true, category__slug: 'python' })\n  .filter({ view_count__gte: F('author__follower_count') }).order_by('-created_at')",
      build: () =>
        Post.objects
          .filter({ author__is_active: true, category__slug: 'python' })
          .filter({ view_count__gte: F('author__follower_count') })
          .order_by('-created_at'),
    },
    {
      id: 'annotate_values',
      label: "Author.objects.annotate({ n: Count('post') }).filter({ n__gt: 5 })\n  .values('username', 'n').order_by('-n')",
      build: () => Author.objects.annotate({ n: Count('post') }).filter({ n__gt: 5 }).values('username', 'n').order_by('-n'),
    },
    {
      id: 'select_related',
      label: "Comment.objects.select_related('post__author', 'post__category')\n  .filter({ rating__gte: 4 })",
      build: () => Comment.objects.select_related('post__author', 'post__category').filter({ rating__gte: 4 }),
    },
  ];
}

/** get(pk) run end to end through the model's compiled-SQL cache, and with the query built and compiled each time. */
export interface CompiledGetResult {
  /** `Post.objects.get({ pk })`: the cached SQL, only the pk bound. */
  cached_us: Stats;
  /** `Post.objects.filter({ pk }).get()`: the same statement, built and compiled per call. */
  uncached_us: Stats;
  /** Both ran the same statements with the same parameters. */
  same_sql: boolean;
}

export interface CompileResult {
  id: string;
  label: string;
  sql_chars: number;
  params: number;
  /** Microseconds per QuerySet built (chained calls only). */
  build_us: Stats;
  /** Microseconds per `get_compiler('default').as_sql()` of an already built QuerySet. */
  compile_us: Stats;
  /** Both: a fresh QuerySet compiled. */
  total_us: Stats;
  /** Compiling the same QuerySet twice gave the same SQL and params. */
  stable: boolean;
}

const compile = (qs: any): [string, unknown[]] => qs.query.get_compiler('default').as_sql();

export function benchCompile(options: { SQL: SqlJsStatic; data: DataSet; reps: number; calls: number; warmupCalls?: number }): SectionResult<{ cases: CompileResult[]; compiled_get: CompiledGetResult }> {
  const world = openWorld(options.SQL, options.data);
  try {
    const cases = compileCases(world.models as unknown as Record<string, Objects>);
    const results: CompileResult[] = cases.map((c) => {
      const built = c.build();
      const [sql, params] = compile(built);
      const [sql2, params2] = compile(built);
      const stable = sql === sql2 && JSON.stringify(params) === JSON.stringify(params2);
      const n = options.calls;
      // Warm-up: the JIT needs a few thousand calls before the numbers settle.
      for (let i = 0; i < (options.warmupCalls ?? Math.max(3 * n, 3000)); i++) {
        c.build();
        compile(built);
        compile(c.build());
      }
      const b: number[] = [];
      const k: number[] = [];
      const t: number[] = [];
      for (let r = 0; r < options.reps; r++) {
        collectGarbage();
        b.push(microsPerCall(c.build, n));
        collectGarbage();
        k.push(microsPerCall(() => compile(built), n));
        collectGarbage();
        t.push(microsPerCall(() => compile(c.build()), n));
      }
      return { id: c.id, label: c.label, sql_chars: sql.length, params: params.length, build_us: stats(b), compile_us: stats(k), total_us: stats(t), stable };
    });
    const compiledGet = benchCompiledGet(world.models as unknown as Record<string, Objects>, options);
    const us = (s: Stats) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
    const table: Table = {
      columns: [
        { header: 'queryset' },
        { header: 'SQL chars', align: 'right' },
        { header: 'build µs', align: 'right' },
        { header: 'as_sql µs', align: 'right' },
        { header: 'build+as_sql µs', align: 'right' },
      ],
      rows: results.map((r) => [r.label, String(r.sql_chars), us(r.build_us), us(r.compile_us), us(r.total_us)]),
      notes: [
        `median (min–max) of ${options.reps} samples of ${options.calls} calls each; build = the chained QuerySet calls, as_sql = qs.query.get_compiler('default').as_sql()`,
        ...(results.some((r) => !r.stable) ? [`WARNING: compiling twice gave different SQL for ${results.filter((r) => !r.stable).map((r) => r.id).join(', ')}`] : []),
      ],
    };
    const cacheTable: Table = {
      columns: [{ header: 'get() of one post, SQL included' }, { header: 'µs per call', align: 'right' }],
      rows: [
        ['Post.objects.get({ pk })  (compiled-SQL cache: only the pk is bound)', us(compiledGet.cached_us)],
        ['Post.objects.filter({ pk }).get()  (built and compiled every call)', us(compiledGet.uncached_us)],
      ],
      notes: [
        `the cache saves ${(compiledGet.uncached_us.median - compiledGet.cached_us.median).toFixed(1)} µs per get() and per lazy FK load; ${compiledGet.same_sql ? 'both run the same statement with the same parameters' : 'WARNING: the two paths ran different SQL'}`,
      ],
    };
    return { id: 'compile', title: 'Compile cost: QuerySet → SQL', tables: [table, cacheTable], checks: [], data: { cases: results, compiled_get: compiledGet } };
  } finally {
    closeWorld(world);
  }
}

function benchCompiledGet(models: Record<string, Objects>, options: { reps: number; calls: number; warmupCalls?: number }): CompiledGetResult {
  const { Post } = models;
  const pks = [...Post.objects.values_list('id', { flat: true }).slice(0, 100)] as number[];
  let i = 0;
  const cached = () => Post.objects.get({ pk: pks[i++ % pks.length] });
  const uncached = () => Post.objects.filter({ pk: pks[i++ % pks.length] }).get();
  const all = connections().all();
  const same_sql = sameStatements(
    captureStatements(all, () => Post.objects.get({ pk: pks[0] })),
    captureStatements(all, () => Post.objects.filter({ pk: pks[0] }).get()),
  );
  for (let k = 0; k < (options.warmupCalls ?? 3000); k++) {
    cached();
    uncached();
  }
  const c: number[] = [];
  const u: number[] = [];
  for (let r = 0; r < options.reps; r++) {
    collectGarbage();
    c.push(microsPerCall(cached, options.calls));
    collectGarbage();
    u.push(microsPerCall(uncached, options.calls));
  }
  return { cached_us: stats(c), uncached_us: stats(u), same_sql };
}
