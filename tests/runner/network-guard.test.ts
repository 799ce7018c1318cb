/**
 * The worker's network guard: network globals become stubs that throw a clear
 * error and cannot be put back; import() in learner code is refused with its line.
 */
import { describe, expect, it } from 'vitest';
import { blockNetwork, checkLearnerSource } from '../../lib/runner/network-guard';

describe('blockNetwork', () => {
  it('replaces every network global with a locked stub that throws', () => {
    const sent: unknown[] = [];
    const scope: Record<string, unknown> = {
      fetch: () => 'real',
      XMLHttpRequest: class {},
      WebSocket: class {},
      EventSource: class {},
      importScripts: () => undefined,
      Worker: class {},
      navigator: { sendBeacon: () => true },
      postMessage: (m: unknown) => sent.push(m),
      close: () => undefined,
    };
    const blocked = blockNetwork(scope);
    expect(blocked).toEqual(expect.arrayContaining(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'Worker', 'navigator.sendBeacon', 'postMessage', 'close']));
    expect(() => (scope.fetch as () => void)()).toThrow(/fetch\(\) is disabled in ORM Lab/);
    expect(() => new (scope.WebSocket as new () => unknown)()).toThrow(/WebSocket is disabled/);
    expect(() => (scope.navigator as { sendBeacon: () => void }).sendBeacon()).toThrow(/sendBeacon/);
    expect(() => {
      scope.fetch = () => 'again';
    }).toThrow();
    expect(() => Object.defineProperty(scope, 'fetch', { value: 1 })).toThrow();
    expect(sent).toEqual([]);
  });
});

describe('checkLearnerSource', () => {
  it('refuses import() with its line and column', () => {
    expect(checkLearnerSource("print(1);\nconst m = await import('https://example.com/x.js');")).toMatchObject({ line: 2, column: 17 });
  });

  it('ignores import( inside strings and comments', () => {
    expect(checkLearnerSource("print('import(x)'); // import(y)\n/* import(z) */ print(`import(`);")).toBeNull();
  });
});
