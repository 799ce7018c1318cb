/**
 * Before/after comparison: interleaved repeated runs reduced to median and
 * spread, same-output check, a failed run stops the comparison with a reason,
 * and the scale series runs both versions at each size.
 */
import { describe, expect, it } from 'vitest';
import { compareVersions, sameOutput, scaleSeries, stat, type RunFn } from '../../lib/runner/compare';
import { emptyRecord, type RunRecord } from '../../lib/runner/record';

function rec(statements: number, sqlMs: number, output: string[], durationMs = sqlMs + 1): RunRecord {
  return {
    ...emptyRecord(null, null),
    output,
    duration_ms: durationMs,
    totals: { statements, reads: statements, writes: 0, transaction: 0, sql_ms: sqlMs, rows: statements, instances: statements, peak_instances: 1 },
  };
}

describe('stat', () => {
  it('gives median, min and max', () => {
    expect(stat([5, 1, 3])).toMatchObject({ median: 3, min: 1, max: 5 });
    expect(stat([4, 1, 3, 2]).median).toBe(2.5);
    expect(stat([]).median).toBe(0);
  });
});

describe('compareVersions', () => {
  it('runs both versions interleaved and reduces them', async () => {
    const calls: string[] = [];
    let i = 0;
    const run: RunFn = async (code) => {
      calls.push(code);
      i++;
      return { record: code === 'before' ? rec(101, 10 + i, ['a']) : rec(1, 1 + i, ['a']) };
    };
    const result = await compareVersions(run, 'before', 'after', { size: 'tiny', repeats: 3, latencyMs: 2 });
    expect(calls).toEqual(['before', 'after', 'before', 'after', 'before', 'after']);
    if (!result.ok) throw new Error(result.reason);
    expect(result.before.statements).toBe(101);
    expect(result.after.statements).toBe(1);
    expect(result.before.sqlMs).toMatchObject({ median: 13, min: 11, max: 15 });
    expect(result.before.modeledMs.median).toBe(13 + 202);
    expect(result.sameOutput).toBe(true);
  });

  it('stops with the reason when a run times out', async () => {
    const run: RunFn = async (code) => (code === 'after' ? { timeout: true, limit_ms: 5000 } : { record: rec(1, 1, []) });
    expect(await compareVersions(run, 'before', 'after', { size: 'tiny', repeats: 2 })).toEqual({
      ok: false,
      version: 'after',
      reason: 'stopped after 5 s (the time limit)',
    });
  });

  it('compares output and errors', () => {
    expect(sameOutput(rec(1, 1, ['x']), rec(2, 1, ['x']))).toBe(true);
    expect(sameOutput(rec(1, 1, ['x']), rec(1, 1, ['y']))).toBe(false);
    const failed = { ...rec(1, 1, ['x']), error: { type: 'FieldError', message: 'no', line: 1, column: 1 } };
    expect(sameOutput(rec(1, 1, ['x']), failed)).toBe(false);
  });
});

describe('scaleSeries', () => {
  it('runs both versions at each size and keeps errors per point', async () => {
    const run: RunFn = async (code, size) => {
      const n = size === 'tiny' ? 60 : 2000;
      if (code === 'before' && size === 'default') return { timeout: true, limit_ms: 5000 };
      return { record: code === 'before' ? rec(n + 1, 1, []) : rec(1, 1, []) };
    };
    const points = await scaleSeries(run, 'before', 'after', [
      { size: 'tiny', scale: 60 },
      { size: 'default', scale: 2000 },
    ]);
    expect(points.map((p) => [p.size, p.before?.statements ?? null, p.after?.statements ?? null])).toEqual([
      ['tiny', 61, 1],
      ['default', null, 1],
    ]);
    expect(points[1].error).toBe('Before: stopped after 5 s (the time limit)');
  });
});
