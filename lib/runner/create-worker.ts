import type { WorkerLike } from './worker-client';

/**
 * Starts the runner worker. Turbopack bundles `worker.ts` (with sql.js, the ORM
 * and sucrase) as a separate module worker because of this exact
 * `new Worker(new URL(...), ...)` form.
 */
export function createRunnerWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'orm-lab-runner' }) as unknown as WorkerLike;
}
