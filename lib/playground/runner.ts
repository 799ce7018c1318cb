'use client';
/**
 * One runner per page, shared by every editor on it (sandbox, lesson pages),
 * created on first use in the browser (never during prerendering), and a hook
 * that follows its status.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createRunnerWorker } from '../runner/create-worker';
import { RunnerClient, type RunnerStatus } from '../runner/worker-client';

let client: RunnerClient | null = null;

export function getRunner(): RunnerClient {
  client ??= new RunnerClient({ createWorker: createRunnerWorker });
  return client;
}

const noop = () => () => undefined;

/** The page's runner (null until mounted) and its live status. */
export function useRunner(): { runner: RunnerClient | null; status: RunnerStatus | null } {
  const [runner, setRunner] = useState<RunnerClient | null>(null);
  useEffect(() => setRunner(getRunner()), []);
  const status = useSyncExternalStore(
    runner ? (cb) => runner.subscribe(cb) : noop,
    () => runner?.status ?? null,
    () => null,
  );
  return { runner, status };
}
