/**
 * Keeps learner code off the network. The runner worker calls `blockNetwork(self)`
 * once sql.js has loaded (the wasm is the last thing the worker fetches) and
 * before any learner code runs; `checkLearnerSource` rejects what cannot be
 * shadowed.
 *
 * How: every global that can open a connection or load code is replaced by a
 * non-writable, non-configurable stub that throws a clear error: `fetch`,
 * `XMLHttpRequest`, `WebSocket`, `WebSocketStream`, `EventSource`,
 * `WebTransport`, `importScripts`, nested `Worker`/`SharedWorker`, and
 * `navigator.sendBeacon`. The worker keeps private references to what it needs
 * (`postMessage`) before the guard runs; `postMessage` and `close` are shadowed
 * too, so learner code cannot post messages to the page or kill the worker.
 *
 * Limits (documented, not hidden):
 * - dynamic `import()` is syntax, not a global: `checkLearnerSource` rejects
 *   code that contains `import(` outside strings and comments, but code that
 *   builds it at run time (`Function('return imp' + 'ort("...")')`) is not
 *   caught. The worker holds no secrets and is same-origin static content, so
 *   the guard is about keeping the playground honest (no network timings, no
 *   exfiltration by accident), not about containing a determined attacker;
 * - `Atomics.wait`-style blocking or a tight loop cannot be stopped from inside:
 *   the page's time limit terminates the worker instead.
 */

export class NetworkBlockedError extends Error {
  constructor(what: string) {
    super(`${what} is disabled in ORM Lab: learner code runs offline and cannot reach the network.`);
    this.name = 'PermissionError';
  }
}

export const BLOCKED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'Worker',
  'SharedWorker',
] as const;

function stubFor(name: string): unknown {
  const label = name === 'fetch' || name === 'importScripts' ? `${name}()` : name;
  // A function that throws whether called or constructed.
  const stub = function () {
    throw new NetworkBlockedError(label);
  };
  Object.defineProperty(stub, 'name', { value: name });
  return stub;
}

function lock(target: object, name: string, value: unknown): boolean {
  try {
    Object.defineProperty(target, name, { value, writable: false, configurable: false, enumerable: false });
    return true;
  } catch {
    return false;
  }
}

/**
 * Replaces the network globals of `scope` (the worker's `self`) with throwing
 * stubs; returns the names it replaced.
 */
export function blockNetwork(scope: Record<string, unknown>): string[] {
  const blocked: string[] = [];
  for (const name of BLOCKED_GLOBALS) {
    if (lock(scope, name, stubFor(name))) blocked.push(name);
  }
  const nav = scope.navigator as Record<string, unknown> | undefined;
  if (nav && typeof nav.sendBeacon === 'function' && lock(nav, 'sendBeacon', stubFor('navigator.sendBeacon'))) {
    blocked.push('navigator.sendBeacon');
  }
  for (const name of ['postMessage', 'close']) {
    if (name in scope && lock(scope, name, stubFor(name))) blocked.push(name);
  }
  return blocked;
}

/** Skips strings, template literals and comments: what is left is code. */
function codeOnly(source: string): string {
  return source.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (m) =>
    m.replace(/[^\n]/g, ' '),
  );
}

/** A reason to refuse the code before running it, or null. */
export function checkLearnerSource(source: string): { message: string; line: number; column: number } | null {
  const code = codeOnly(source);
  const m = /\bimport\s*\(/.exec(code);
  if (!m) return null;
  const before = code.slice(0, m.index);
  const line = before.split('\n').length;
  const column = m.index - before.lastIndexOf('\n');
  return { message: 'import() is disabled in ORM Lab: learner code runs offline; the ORM and the models are already in scope.', line, column };
}
