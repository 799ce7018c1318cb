// The bench's sections in quick mode on the tiny dataset: results are well-formed
// (positive times, ratios computed, the raw baseline ran exactly the ORM's SQL).
// Speed targets are checked by `npm run bench`, never here.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { modeSettings, parseArgs, SECTIONS } from '../../bench/args';
import { browserSkipReason } from '../../bench/browser';
import { benchCompile } from '../../bench/compile';
import { blogDataSet, closeWorld, learnerCall, loadSqlJs, openWorld, Recording, type DataSet } from '../../bench/env';
import { benchOverhead, overheadWorkloads } from '../../bench/overhead';
import { captureStatements, RawReplay } from '../../bench/raw';
import { benchScale } from '../../bench/scale';
import { benchSize, scriptSrcs } from '../../bench/size';
import { benchBuilds, benchColdStart, benchReset } from '../../bench/startup';
import { renderSection, renderSummary } from '../../bench/table';
import { measureInterleaved, pairedRatios, setClock, stats, type Stats } from '../../bench/timing';
import type { SqlJsStatic } from 'sql.js';

let SQL: SqlJsStatic;
let tiny: DataSet;

beforeAll(async () => {
  SQL = await loadSqlJs();
  tiny = blogDataSet(SQL, 'tiny');
});

const positive = (s: Stats) => {
  expect(s.n).toBeGreaterThan(0);
  expect(s.median).toBeGreaterThan(0);
  expect(s.min).toBeLessThanOrEqual(s.median);
  expect(s.max).toBeGreaterThanOrEqual(s.median);
};

describe('timing helpers', () => {
  test('stats: median, quartiles, spread', () => {
    expect(stats([4, 1, 3, 2])).toEqual({ n: 4, median: 2.5, min: 1, max: 4, q1: 1.75, q3: 3.25 });
    expect(stats([5]).median).toBe(5);
  });

  test('variants are interleaved in rotating order, one sample each per round', () => {
    const order: string[] = [];
    const v = (name: string) => ({ name, run: () => order.push(name) });
    const r = measureInterleaved([v('a'), v('b'), v('c')], { warmup: 0, reps: 3 });
    expect(order).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(r.variants.a.samples).toHaveLength(3);
    const ratios = pairedRatios({ samples: [2, 4], stats: stats([2, 4]) }, { samples: [1, 2], stats: stats([1, 2]) });
    expect(ratios.median).toBe(2);
  });

  test('the cpu clock measures this process\'s CPU time', () => {
    setClock('cpu');
    try {
      const r = measureInterleaved([{ name: 'spin', run: () => { let x = 0; for (let i = 0; i < 2e5; i++) x += i; return x; } }], { warmup: 0, reps: 2 });
      expect(r.variants.spin.stats.median).toBeGreaterThan(0);
    } finally {
      setClock('wall');
    }
  });
});

describe('command line', () => {
  test('options and modes', () => {
    const a = parseArgs(['--quick', '--json', '--database', 'a.sqlite3', '--only', 'overhead,size', '--size=tiny', '--clock', 'cpu']);
    expect(a).toMatchObject({ quick: true, json: true, databases: ['a.sqlite3'], sections: ['overhead', 'size'], size: 'tiny', clock: 'cpu' });
    expect(parseArgs([]).sections).toEqual([...SECTIONS]);
    expect(() => parseArgs(['--only', 'nope'])).toThrow(/unknown section/);
    expect(modeSettings(true).overhead.reps).toBeLessThan(modeSettings(false).overhead.reps);
  });
});

describe('1. ORM overhead', () => {
  test('the raw baseline replays exactly the statements the recorder saw, and reads the same rows', () => {
    const world = openWorld(SQL, tiny);
    try {
      const workloads = overheadWorkloads(world, { quick: true });
      const connections = world.runtime.connections.all();
      for (const id of ['select_related', 'values_list', 'get_loop']) {
        const w = workloads.find((x) => x.id === id)!;
        const captured = captureStatements(connections, () => learnerCall(w.run));
        const recording = new Recording(connections);
        const ormResult = learnerCall(w.run);
        const record = recording.finish();
        expect(record.totals.statements).toBe(captured.length);
        expect(record.statements.map((s) => [s.sql, s.params])).toEqual(captured.map((s) => [s.sql, s.params]));
        const replay = new RawReplay(world.runtime.connections.get('default').db.raw, captured);
        const rows = replay.run();
        replay.free();
        expect(replay.lastRows).toBe(replay.capturedRows);
        if (id === 'values_list') expect(rows[0].map((r) => r.id)).toEqual(ormResult);
      }
    } finally {
      closeWorld(world);
    }
  });

  test('quick mode on tiny: every workload measured three ways, ratios computed, SQL unchanged', () => {
    const section = benchOverhead({ SQL, data: tiny, ...modeSettings(true).overhead, warmup: 0, reps: 2, minSampleMs: 1 });
    const ids = section.data.workloads.map((w) => w.id);
    expect(ids).toEqual(['all', 'select_related', 'prefetch_tags', 'prefetch_related', 'annotate', 'values_list', 'get_loop', 'bulk_create', 'bulk_update']);
    for (const w of section.data.workloads) {
      expect(w.statements, w.id).toBeGreaterThan(0);
      positive(w.raw_ms);
      positive(w.orm_ms);
      positive(w.orm_no_listener_ms);
      positive(w.ratio);
      positive(w.ratio_no_listener);
      positive(w.ratio_after_gc);
      expect(Number.isFinite(w.ratio.median)).toBe(true);
      expect(w.pass).toBe(w.ratio.median <= w.target);
      expect(w.sql_identical, `${w.id}: the ORM ran other SQL than the captured`).toBe(true);
      expect(w.rows_match, `${w.id}: raw rows`).toBe(true);
    }
    const byId = Object.fromEntries(section.data.workloads.map((w) => [w.id, w]));
    expect(byId.all.captured_sql).toHaveLength(1);
    expect(byId.all.captured_sql[0]).toMatch(/^SELECT "blog_post"\."id", .* FROM "blog_post"$/);
    expect(byId.all.rows).toBe(section.data.counts.blog_post);
    expect(byId.prefetch_related.statements).toBe(3);
    expect(byId.get_loop.statements).toBe(200);
    expect(byId.bulk_create.captured_sql[0]).toBe('BEGIN');
    expect(byId.bulk_create.captured_sql.at(-1)).toBe('COMMIT');
    expect(byId.bulk_create.rows).toBe(1000);
    expect(byId.all.django).toBe(2.4);
    expect(section.checks).toHaveLength(ids.length);
    const text = renderSection(section, 1);
    expect(text).toContain('Post.objects.all()');
    expect(text).toMatch(/[✓✗]/);
  }, 120_000);
});

describe('2. compile cost', () => {
  test('build, as_sql and both in µs per query; compiling twice gives the same SQL; get() with and without the compiled-SQL cache runs the same statement', () => {
    const section = benchCompile({ SQL, data: tiny, reps: 2, calls: 20, warmupCalls: 20 });
    expect(section.data.cases.map((c) => c.id)).toEqual(['get_pk', 'filter_joins', 'annotate_values', 'select_related']);
    for (const c of section.data.cases) {
      positive(c.build_us);
      positive(c.compile_us);
      positive(c.total_us);
      expect(c.sql_chars).toBeGreaterThan(0);
      expect(c.stable).toBe(true);
    }
    positive(section.data.compiled_get.cached_us);
    positive(section.data.compiled_get.uncached_us);
    expect(section.data.compiled_get.same_sql).toBe(true);
    expect(section.tables[1].rows).toHaveLength(2);
  }, 120_000);
});

describe('3. reset and start-up', () => {
  test('dataset build and per-run reset', () => {
    const [build] = benchBuilds(SQL, { tiny: 1 });
    expect(build.size).toBe('tiny');
    positive(build.ms);
    expect(build.bytes).toBeGreaterThan(0);
    const reset = benchReset(SQL, 'tiny', 2);
    expect(reset.map((r) => r.id)).toEqual(['open_database', 'open_blog', 'open_blog_first_query', 'close', 'empty_run']);
    for (const r of reset) positive(r.ms);
  }, 120_000);

  test('worker-like cold start in a fresh process', async () => {
    const cold = await benchColdStart(1);
    if ('skipped' in cold) throw new Error(cold.skipped);
    positive(cold.init_ms);
    positive(cold.build_ms);
    expect(cold.total_ms.median).toBeCloseTo(cold.init_ms.median + cold.build_ms.median, 6);
  }, 120_000);

  test('the browser part says why it is skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-out-'));
    try {
      expect(await browserSkipReason(dir, '/usr/bin/chromium')).toMatch(/sandbox\.html not found/);
      writeFileSync(join(dir, 'sandbox.html'), '<html></html>');
      expect(await browserSkipReason(dir, '/nonexistent/chromium')).toMatch(/no Chromium/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('4. size', () => {
  let out: string;
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('first-load JS per route from the exported HTML, snapshots, skip without out/', () => {
    expect(scriptSrcs('<script src="/a.js"></script><script async="" src=\'/b.js\' noModule></script><script>x</script><script src="/a.js">')).toEqual(['/a.js', '/b.js']);
    out = mkdtempSync(join(tmpdir(), 'bench-size-'));
    mkdirSync(join(out, '_next', 'static', 'chunks'), { recursive: true });
    mkdirSync(join(out, 'lessons'));
    writeFileSync(join(out, '_next/static/chunks/a.js'), 'console.log("a");'.repeat(100));
    writeFileSync(join(out, '_next/static/chunks/b.js'), 'x'.repeat(50));
    const page = '<html><script src="/_next/static/chunks/a.js" async=""></script><script src="/_next/static/chunks/b.js"></script></html>';
    writeFileSync(join(out, 'index.html'), page);
    writeFileSync(join(out, 'sandbox.html'), page);
    writeFileSync(join(out, 'lessons', '01-n-plus-one.html'), '<script src="/_next/static/chunks/a.js"></script><script src="/_next/static/chunks/gone.js"></script>');
    const section = benchSize({ outDir: out, snapshots: { tiny: tiny.bytes } });
    const routes = section.data.routes;
    if (!Array.isArray(routes)) throw new Error(routes.skipped);
    expect(routes.map((r) => r.route)).toEqual(['/', '/sandbox', '/lessons/01-n-plus-one']);
    expect(routes[1].raw).toBe(1700 + 50);
    expect(routes[1].gzip).toBeGreaterThan(0);
    expect(routes[2].missing).toEqual(['/_next/static/chunks/gone.js']);
    expect(section.checks.map((c) => c.name)).toEqual(['first-load JS /sandbox (gzip)', 'first-load JS /lessons/01-n-plus-one (gzip)']);
    expect(section.data.snapshots[0]).toMatchObject({ size: 'tiny', raw: tiny.bytes.length });
    expect(section.data.wasm?.raw).toBeGreaterThan(100_000);

    const missing = benchSize({ outDir: join(out, 'nope'), snapshots: {} });
    expect(missing.skipped).toMatch(/not built/);
    expect(renderSection(missing, 4)).toContain('skipped:');
  });
});

describe('5. scale', () => {
  test('N+1 loop vs raw, iterator vs all(), record size and recording cost', () => {
    const section = benchScale({
      SQL,
      data: tiny,
      bigData: tiny,
      nPlusOne: 50,
      bulkRows: 100,
      textChars: 1000,
      loopQueries: 200,
      warmup: 0,
      reps: 2,
      slowReps: 1,
    });
    const n = section.data.n_plus_one;
    expect(n.statements).toBe(51);
    positive(n.orm_ms);
    positive(n.raw_ms);
    positive(n.ratio);
    positive(n.ratio_after_gc);
    expect(n.statements_per_second).toBeGreaterThan(0);
    expect(n.sql_identical).toBe(true);
    expect(n.rows_match).toBe(true);

    const [iterator, all] = section.data.iteration.results;
    expect(iterator.rows).toBe(60);
    expect(all.rows).toBe(60);
    expect(all.peak_instances).toBe(60);
    expect(iterator.peak_instances).toBeLessThan(all.peak_instances);

    const [bulk, loop] = section.data.records;
    expect(bulk.statements).toBeGreaterThan(2);
    expect(loop.statements).toBe(200);
    for (const r of [bulk, loop]) {
      expect(r.json_bytes).toBeGreaterThan(0);
      positive(r.recorded_ms);
      positive(r.unrecorded_ms);
      positive(r.overhead);
    }
    const text = renderSection(section, 5) + renderSummary([section]);
    expect(text).toContain('statements/s');
    expect(text).toMatch(/Summary: \d+\/\d+ targets met/);
  }, 120_000);
});
