/**
 * Every sandbox snippet runs without an error on the tiny dataset, and the N+1
 * snippet shows 1 + N with the fix the inspector will name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { findings } from '../../lib/runner/analysis';
import { runOnSnapshot } from '../../lib/runner/session';
import { ALL_SNIPPETS, DEFAULT_SNIPPET, snippetById } from '../../lib/playground/snippets';
import { blogSnapshot, loadSqlJs } from '../helpers/sqljs';

let SQL: SqlJsStatic;
let snapshot: Uint8Array;

beforeAll(async () => {
  SQL = await loadSqlJs();
  snapshot = await blogSnapshot('tiny');
});

describe('sandbox snippets', () => {
  it.each(ALL_SNIPPETS.map((s) => [s.id, s] as const))('%s runs without an error', (_id, snippet) => {
    const record = runOnSnapshot(SQL, snapshot, snippet.code);
    expect(record.error).toBeNull();
    expect(record.totals.statements).toBeGreaterThan(0);
  });

  it('the default snippet is the N+1 example: 1 + N on the loop line, select_related on the query line', () => {
    expect(DEFAULT_SNIPPET.id).toBe('n-plus-one');
    const record = runOnSnapshot(SQL, snapshot, DEFAULT_SNIPPET.code);
    expect(record.totals.statements).toBe(61); // tiny has 60 posts
    expect(record.lines).toEqual({ 4: 61 });
    const [f] = findings(record, { code: DEFAULT_SNIPPET.code });
    expect(f.fix).toBe("select_related('author')");
    expect(f.fixLine).toBe(3);
  });

  it('the select_related snippet is the fix: one statement', () => {
    const record = runOnSnapshot(SQL, snapshot, snippetById('select-related')!.code);
    expect(record.totals.statements).toBe(1);
  });
});
