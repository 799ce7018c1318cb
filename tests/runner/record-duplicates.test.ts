/**
 * The recorder counts a statement as a duplicate when its group ran the same
 * parameters before. It compares through fingerprints; the counts must be
 * those of keying each list by itself when it is one number, else by its JSON.
 */
import { describe, expect, it } from 'vitest';
import type { ExecutedStatement } from '../../lib/orm/backend/connection';
import type { SqlValue } from '../../lib/db/sqlite';
import { RunRecorder } from '../../lib/runner/record';

function statement(params: SqlValue[]): ExecutedStatement {
  return { sql: 'SELECT %s', params, alias: 'default', duration_ms: 0, rows: 0, cause: 'evaluate', kind: 'read' };
}

function duplicatesByKey(lists: SqlValue[][]): number {
  const seen = new Set<string | number>();
  let duplicates = 0;
  for (const params of lists) {
    const key = params.length === 1 && typeof params[0] === 'number' ? params[0] : JSON.stringify(params);
    if (seen.has(key)) duplicates++;
    else seen.add(key);
  }
  return duplicates;
}

function recordedDuplicates(lists: SqlValue[][]): number {
  const recorder = new RunRecorder(() => null);
  for (const params of lists) recorder.onStatement(statement(params));
  return recorder.finish(null, null, 0).groups[0].duplicates;
}

describe('duplicate statements', () => {
  it('are counted as keys of a lone number or the JSON count them', () => {
    const bytes = new Uint8Array([1, 2]);
    const lists: SqlValue[][] = [
      [1], [1], [2], [1.5], [1.5], [1, 2], [1, 2], [2, 1], ['a'], ['a'], ['b'], ["it's"], ["it's"],
      [null], [NaN], [NaN], [Infinity], [0], [-0], [null, NaN], [null, null], [NaN, Infinity], ['ab'], ['ba'], ['aXb'], ['aYb'], ['aXb'],
      [bytes], [new Uint8Array([1, 2])], [new Uint8Array([2, 1])], [], [], [null, 'x', 3], [null, 'x', 3],
    ];
    for (let i = 0; i < 300; i++) lists.push([i % 7, `body #${i % 11}`, null, i % 3 ? 'x' : 'y']);
    expect(recordedDuplicates(lists)).toBe(duplicatesByKey(lists));
  });

  it('compare the parameters as they were when the statement ran', () => {
    const recorder = new RunRecorder(() => null);
    const params: SqlValue[] = [1, 'a'];
    recorder.onStatement(statement(params));
    params[0] = 2;
    recorder.onStatement(statement([1, 'a']));
    expect(recorder.finish(null, null, 0).groups[0].duplicates).toBe(1);
  });
});
