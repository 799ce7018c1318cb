/**
 * A scripted stand-in for the runner's Web Worker and the page's timers, so
 * RunnerClient can be driven message by message and millisecond by millisecond.
 */
import type { WorkerMessage, WorkerRequest } from '../../lib/runner/protocol';
import type { DatasetSchema } from '../../lib/runner/schema-info';
import { RunnerClient, type Timers, type WorkerLike } from '../../lib/runner/worker-client';

/** The schema every fake worker reports when ready. */
export const FAKE_SCHEMA: DatasetSchema = { models: [], tables: ['blog_post'] };

export class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: WorkerMessage }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  received: WorkerRequest[] = [];
  terminated = false;

  postMessage(message: WorkerRequest): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(message: WorkerMessage): void {
    this.onmessage?.({ data: message });
  }
  types(): string[] {
    return this.received.map((m) => m.type);
  }
  last<T extends WorkerRequest['type']>(type: T): Extract<WorkerRequest, { type: T }> {
    const found = [...this.received].reverse().find((m) => m.type === type);
    if (!found) throw new Error(`no ${type} request`);
    return found as Extract<WorkerRequest, { type: T }>;
  }
  ready(sizes: ('tiny' | 'default' | 'large')[] = []): void {
    this.emit({ type: 'ready', schema: FAKE_SCHEMA, declarations: 'declare const Post: any;', compiler_options: { strict: false }, typed_declarations: true, scope_names: ['Post'], sizes, blocked: ['fetch'], init_ms: 1 });
  }
}

export class FakeTimers implements Timers {
  time = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, t] of [...this.timers]) {
      if (t.at <= this.time) {
        this.timers.delete(id);
        t.fn();
      }
    }
  }
  get pending(): number {
    return this.timers.size;
  }
}

/** A RunnerClient on fake workers (a new one per restart) and fake timers. */
export function fakeRunnerClient(timeLimitMs = 5000) {
  const workers: FakeWorker[] = [];
  const timers = new FakeTimers();
  const client = new RunnerClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    wasmUrl: 'http://127.0.0.1/sql-wasm.wasm',
    timeLimitMs,
    timers,
  });
  return { client, workers, timers, worker: () => workers[workers.length - 1] };
}
