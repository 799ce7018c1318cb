/**
 * RunnerClient against a fake worker and fake timers: one request at a time,
 * datasets prepared before the first run, the time limit terminates the worker
 * and a fresh one restores the kept snapshots, queued runs can be superseded or
 * stopped, and a worker that cannot start fails every request with a reason.
 */
import { describe, expect, it } from 'vitest';
import { emptyRecord, type RunRecord } from '../../lib/runner/record';
import { FAKE_SCHEMA, fakeRunnerClient } from '../helpers/fake-worker';

function fakeRecord(output: string[] = []): RunRecord {
  return { ...emptyRecord(null, null), output, duration_ms: 1 };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('RunnerClient', () => {
  it('starts the worker with the wasm URL and reports ready with the schema and declarations', () => {
    const { client, worker } = fakeRunnerClient();
    expect(worker().received[0]).toEqual({ type: 'init', wasmUrl: 'http://127.0.0.1/sql-wasm.wasm', snapshots: [] });
    expect(client.status.phase).toBe('starting');
    worker().ready();
    expect(client.status.phase).toBe('ready');
    expect(client.status.schema).toBe(FAKE_SCHEMA);
    expect(client.status.declarations).toContain('Post');
  });

  it('prepares the dataset before the first run, then runs, and answers with the record', async () => {
    const { client, worker } = fakeRunnerClient();
    worker().ready();
    const outcome = client.run('print(1)', { size: 'tiny' });
    const prepare = worker().last('prepare');
    expect(prepare.size).toBe('tiny');
    expect(worker().received.some((m) => m.type === 'run')).toBe(false);
    worker().emit({ type: 'dataset', id: prepare.id, size: 'tiny', rows: { blog_post: 60 }, bytes: new Uint8Array([1, 2, 3]), build_ms: 5 });
    expect(client.status.datasets.tiny?.rows.blog_post).toBe(60);
    const run = worker().last('run');
    expect(run.code).toBe('print(1)');
    worker().emit({ type: 'result', id: run.id, record: fakeRecord(['1']), access: null, worker_ms: 2 });
    const result = await outcome;
    expect('record' in result && result.record.output).toEqual(['1']);
    expect(client.status.phase).toBe('ready');
  });

  it('queues requests until the worker is ready, and sends one at a time', async () => {
    const { client, worker } = fakeRunnerClient();
    const a = client.run('a', { size: 'tiny' });
    const b = client.run('b', { size: 'tiny' });
    expect(worker().received.map((m) => m.type)).toEqual(['init']);
    worker().ready(['tiny']);
    expect(worker().received.map((m) => m.type)).toEqual(['init', 'run']);
    const first = worker().last('run');
    expect(first.code).toBe('a');
    worker().emit({ type: 'result', id: first.id, record: fakeRecord(['a']), access: null, worker_ms: 1 });
    const second = worker().last('run');
    expect(second.code).toBe('b');
    worker().emit({ type: 'result', id: second.id, record: fakeRecord(['b']), access: null, worker_ms: 1 });
    const results = await Promise.all([a, b]);
    expect(results.map((r) => ('record' in r ? r.record.output[0] : null))).toEqual(['a', 'b']);
  });

  it('stops a run at the time limit, terminates the worker and restores the kept snapshot in a fresh one', async () => {
    const { client, workers, worker, timers } = fakeRunnerClient(5000);
    worker().ready();
    const first = client.run('while (true) {}', { size: 'tiny' });
    const prepare = worker().last('prepare');
    worker().emit({ type: 'dataset', id: prepare.id, size: 'tiny', rows: {}, bytes: new Uint8Array([9, 9]), build_ms: 1 });
    timers.advance(4999);
    expect(workers[0].terminated).toBe(false);
    timers.advance(1);
    expect(await first).toEqual({ timeout: true, limit_ms: 5000 });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(client.status.phase).toBe('restarting');
    expect(client.status.restarts).toBe(1);
    expect(client.status.message).toContain('5 s');
    const init = worker().received[0];
    expect(init.type === 'init' && init.snapshots.map((s) => [s.size, [...s.bytes]])).toEqual([['tiny', [9, 9]]]);

    // The next run goes to the new worker without preparing the dataset again.
    const second = client.run('print(2)', { size: 'tiny' });
    worker().ready(['tiny']);
    const run = worker().last('run');
    expect(worker().received.some((m) => m.type === 'prepare')).toBe(false);
    worker().emit({ type: 'result', id: run.id, record: fakeRecord(['2']), access: null, worker_ms: 1 });
    expect('record' in (await second)).toBe(true);
    expect(timers.pending).toBe(0);
  });

  it('ignores a late answer from a terminated worker', async () => {
    const { client, workers, worker, timers } = fakeRunnerClient(100);
    worker().ready(['tiny']);
    const first = client.run('slow', { size: 'tiny' });
    const run = worker().last('run');
    timers.advance(100);
    expect(await first).toEqual({ timeout: true, limit_ms: 100 });
    workers[0].emit({ type: 'result', id: run.id, record: fakeRecord(['late']), access: null, worker_ms: 1 });
    expect(client.pending).toBe(0);
  });

  it('a run with a key supersedes queued runs with the same key', async () => {
    const { client, worker } = fakeRunnerClient();
    worker().ready(['tiny']);
    const running = client.run('first', { size: 'tiny', key: 'editor' });
    const queued = client.run('second', { size: 'tiny', key: 'editor' });
    const newest = client.run('third', { size: 'tiny', key: 'editor' });
    expect(await queued).toEqual({ cancelled: true });
    const first = worker().last('run');
    expect(first.code).toBe('first');
    worker().emit({ type: 'result', id: first.id, record: fakeRecord(), access: null, worker_ms: 1 });
    await running;
    const third = worker().last('run');
    expect(third.code).toBe('third');
    worker().emit({ type: 'result', id: third.id, record: fakeRecord(), access: null, worker_ms: 1 });
    expect('record' in (await newest)).toBe(true);
  });

  it('stop() cancels the queue and the run in flight, and restarts the worker', async () => {
    const { client, workers, worker } = fakeRunnerClient();
    worker().ready(['tiny']);
    const a = client.run('a', { size: 'tiny' });
    const b = client.run('b', { size: 'tiny' });
    client.stop();
    expect(await a).toEqual({ cancelled: true });
    expect(await b).toEqual({ cancelled: true });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('answers explain requests', async () => {
    const { client, worker } = fakeRunnerClient();
    worker().ready(['tiny']);
    const outcome = client.explain('SELECT * FROM "blog_post" WHERE "id" = %s', [1], { size: 'tiny' });
    const req = worker().last('explain');
    expect(req.params).toEqual([1]);
    worker().emit({ type: 'explained', id: req.id, plan: [{ id: 2, parent: 0, detail: 'SEARCH blog_post USING INTEGER PRIMARY KEY (rowid=?)' }], error: null });
    expect(await outcome).toEqual({ plan: [{ id: 2, parent: 0, detail: 'SEARCH blog_post USING INTEGER PRIMARY KEY (rowid=?)' }], error: null });
  });

  it('a failure in the runner answers the request and keeps the worker', async () => {
    const { client, workers, worker } = fakeRunnerClient();
    worker().ready(['tiny']);
    const outcome = client.run('x', { size: 'tiny' });
    worker().emit({ type: 'failure', id: worker().last('run').id, message: 'Error: boom' });
    expect(await outcome).toEqual({ failed: 'Error: boom' });
    expect(workers).toHaveLength(1);
  });

  it('a worker that cannot start fails every request with the reason, without retrying forever', async () => {
    const { client, workers, worker } = fakeRunnerClient();
    const outcome = client.run('x', { size: 'tiny' });
    worker().onerror?.({ message: 'wasm failed to load' });
    expect(await outcome).toEqual({ failed: 'The runner could not start: wasm failed to load' });
    expect(client.status.phase).toBe('failed');
    expect(workers).toHaveLength(1);
    expect(await client.run('y', { size: 'tiny' })).toEqual({ failed: 'The runner could not start: wasm failed to load' });
  });

  it('a crash after start answers the request and restarts', async () => {
    const { client, workers, worker } = fakeRunnerClient();
    worker().ready(['tiny']);
    const outcome = client.run('x', { size: 'tiny' });
    worker().onerror?.({ message: 'out of memory' });
    expect(await outcome).toEqual({ failed: 'The runner crashed: out of memory' });
    expect(workers).toHaveLength(2);
    await flush();
  });

  it('reports progress messages in the status', () => {
    const { client, worker } = fakeRunnerClient();
    const seen: string[] = [];
    client.subscribe((s) => seen.push(s.message));
    worker().emit({ type: 'progress', phase: 'sqljs', message: 'Loading SQLite (sql.js)…' });
    expect(seen).toContain('Loading SQLite (sql.js)…');
  });
});

describe('RunnerClient: the learner language', () => {
  it("passes a Python run's language to the worker; a TypeScript run's message is unchanged", async () => {
    const { client, worker } = fakeRunnerClient();
    worker().ready(['tiny']);
    const python = client.run('print(Post.objects.count())', { size: 'tiny', language: 'python' });
    const sent = worker().last('run');
    expect(sent).toMatchObject({ code: 'print(Post.objects.count())', language: 'python' });
    worker().emit({ type: 'result', id: sent.id, record: fakeRecord(['60']), access: null, worker_ms: 1 });
    expect('record' in (await python)).toBe(true);

    const ts = client.run('print(Post.objects.count());', { size: 'tiny' });
    const plain = worker().last('run');
    expect(plain).toEqual({ type: 'run', id: plain.id, size: 'tiny', code: 'print(Post.objects.count());', file: null });
    worker().emit({ type: 'result', id: plain.id, record: fakeRecord(), access: null, worker_ms: 1 });
    await ts;
  });
});
