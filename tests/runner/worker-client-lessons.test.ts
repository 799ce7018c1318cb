/**
 * RunnerClient's lesson requests against a fake worker and fake timers: a
 * lesson on a standard blog size prepares that size once; a lesson's own data
 * is confirmed (lesson-prepare) before every run, with the preparation limit;
 * the run itself has the learner time limit and a timeout restarts the
 * worker; the lesson's broken data and its models' typings come back as such.
 */
import { describe, expect, it } from 'vitest';
import type { LessonData } from '../../lib/lessons/lesson';
import type { LessonRunResult } from '../../lib/lessons/runner';
import { emptyRecord } from '../../lib/runner/record';
import { PREPARE_LIMIT_MS } from '../../lib/runner/worker-client';
import { fakeRunnerClient } from '../helpers/fake-worker';

const BLOG: LessonData = { key: 'blog/tiny', label: 'blog tiny', source: { kind: 'dataset', dataset: 'blog', size: 'tiny', seed: null }, models: null, setup: null, seed: 1 };
const HIDDEN: LessonData = { key: 'blog/tiny/7', label: 'blog tiny, seed 7', source: { kind: 'dataset', dataset: 'blog', size: 'tiny', seed: 7 }, models: null, setup: null, seed: 7 };
const OWN: LessonData = { key: 'lessons/50#visible#1', label: 'data.ts', source: { kind: 'empty' }, models: 'export class Shelf extends Model {}', setup: 'Shelf.objects.create({})', seed: 1 };

const result = (output: string[]): LessonRunResult => ({ record: { ...emptyRecord('learner.ts', null), output } });

describe('RunnerClient lesson runs', () => {
  it('a lesson on a standard blog size prepares that size once, then sends lesson runs', async () => {
    const { client, worker } = fakeRunnerClient();
    worker().ready();
    const first = client.runLesson({ data: BLOG, code: 'print(1)', file: 'before.ts' });
    const prepare = worker().last('prepare');
    expect(prepare.size).toBe('tiny');
    worker().emit({ type: 'dataset', id: prepare.id, size: 'tiny', rows: {}, bytes: new Uint8Array([1]), build_ms: 1 });
    const run = worker().last('lesson-run');
    expect(run.run).toEqual({ data: BLOG, code: 'print(1)', file: 'before.ts' });
    worker().emit({ type: 'lesson-result', id: run.id, result: result(['1']), error: null, worker_ms: 1 });
    const outcome = await first;
    expect('result' in outcome && outcome.result.record.output).toEqual(['1']);
    // The size is known now: the next lesson run goes straight to the worker.
    void client.runLesson({ data: BLOG, code: 'print(2)', file: 'learner.ts' });
    expect(worker().types()).toEqual(['init', 'prepare', 'lesson-run', 'lesson-run']);
  });

  it("other data is confirmed before every run, under the preparation limit, not the learner's", async () => {
    const { client, worker, timers } = fakeRunnerClient();
    worker().ready(['tiny']);
    const outcome = client.runLesson({ data: HIDDEN, code: 'x', file: 'learner.ts' });
    const prepare = worker().last('lesson-prepare');
    expect(prepare.data).toEqual(HIDDEN);
    expect(client.status.message).toBe("Preparing the lesson's data…");
    timers.advance(60_000); // building a dataset may take long: no timeout
    expect(worker().terminated).toBe(false);
    worker().emit({ type: 'lesson-prepared', id: prepare.id, key: HIDDEN.key, build_ms: 900, error: null });
    const run = worker().last('lesson-run');
    worker().emit({ type: 'lesson-result', id: run.id, result: result(['ok']), error: null, worker_ms: 3 });
    expect('result' in (await outcome)).toBe(true);
    void client.runLesson({ data: HIDDEN, code: 'y', file: 'learner.ts' });
    expect(worker().types().slice(-1)).toEqual(['lesson-prepare']);
    expect(PREPARE_LIMIT_MS).toBeGreaterThan(60_000);
  });

  it('a lesson run past the time limit is stopped, the worker restarts, and the next run prepares again', async () => {
    const { client, worker, workers, timers } = fakeRunnerClient();
    worker().ready(['tiny']);
    const outcome = client.runLesson({ data: OWN, code: 'while (true) {}', file: 'learner.ts' });
    worker().emit({ type: 'lesson-prepared', id: worker().last('lesson-prepare').id, key: OWN.key, build_ms: 5, error: null });
    expect(worker().last('lesson-run').run.code).toBe('while (true) {}');
    timers.advance(4999);
    expect(workers).toHaveLength(1);
    timers.advance(1);
    expect(await outcome).toEqual({ timeout: true, limit_ms: 5000 });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(client.status.phase).toBe('restarting');
    worker().ready(['tiny']);
    void client.runLesson({ data: OWN, code: 'print(1)', file: 'learner.ts' });
    expect(worker().types()).toEqual(['init', 'lesson-prepare']);
  });

  it("the lesson's broken data answers with the located error, from preparing or from the run", async () => {
    const { client, worker } = fakeRunnerClient();
    worker().ready();
    const a = client.runLesson({ data: OWN, code: 'x', file: 'learner.ts' });
    worker().emit({ type: 'lesson-prepared', id: worker().last('lesson-prepare').id, key: OWN.key, build_ms: 1, error: { file: 'data.ts', message: 'TypeError: boom', line: 2 } });
    expect(await a).toEqual({ dataError: { file: 'data.ts', message: 'TypeError: boom', line: 2 } });
    expect(worker().received.some((m) => m.type === 'lesson-run')).toBe(false);
    const b = client.runLesson({ data: OWN, code: 'x', file: 'learner.ts' });
    worker().emit({ type: 'lesson-prepared', id: worker().last('lesson-prepare').id, key: OWN.key, build_ms: 1, error: null });
    worker().emit({ type: 'lesson-result', id: worker().last('lesson-run').id, result: null, error: { file: 'models.ts', message: 'SyntaxError: x' }, worker_ms: 1 });
    expect(await b).toEqual({ dataError: { file: 'models.ts', message: 'SyntaxError: x' } });
  });

  it("reads a lesson's model typings from the worker", async () => {
    const { client, worker, timers } = fakeRunnerClient();
    worker().ready();
    const typed = client.lessonTypes(OWN);
    const request = worker().last('lesson-types');
    expect(request.data).toEqual(OWN);
    timers.advance(10_000); // not learner code: the preparation limit applies
    worker().emit({ type: 'lesson-typed', id: request.id, declarations: 'declare const Shelf: any;', compiler_options: { strict: false }, typed: true, error: null });
    expect(await typed).toEqual({ declarations: 'declare const Shelf: any;', compilerOptions: { strict: false }, typed: true });
  });

  it('a queued lesson run with a key is superseded by a newer one', async () => {
    const { client, worker } = fakeRunnerClient();
    const a = client.runLesson({ data: BLOG, code: 'a', file: 'learner.ts' }, { key: 'k' });
    const b = client.runLesson({ data: BLOG, code: 'b', file: 'learner.ts' }, { key: 'k' });
    expect(await a).toEqual({ cancelled: true });
    worker().ready(['tiny']);
    expect(worker().last('lesson-run').run.code).toBe('b');
    void b;
  });
});
