/**
 * Every sandbox snippet runs without an error on the tiny dataset, and the N+1
 * snippet shows 1 + N with the fix the inspector will name. Each snippet's
 * Django (Python) version runs in the Python mode and does exactly what its
 * TypeScript version does: the same statements (SQL and parameters, in order)
 * and the same printed lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { findings } from '../../lib/runner/analysis';
import { runOnSnapshot } from '../../lib/runner/session';
import { PYTHON_WARMUP_CODE } from '../../lib/playground/language';
import { ALL_SNIPPETS, DEFAULT_SNIPPET, snippetById, snippetCode } from '../../lib/playground/snippets';
import { blogSnapshot, loadSqlJs, referenceSnapshot } from '../helpers/sqljs';

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

describe('sandbox snippets in Python (Django)', () => {
  const statements = (r: ReturnType<typeof runOnSnapshot>) => r.statements.map((x) => [x.sql, x.params]);

  it.each(ALL_SNIPPETS.map((s) => [s.id, s] as const))('%s: the Python version runs the same statements and prints the same lines', (_id, snippet) => {
    const ts = runOnSnapshot(SQL, snapshot, snippet.code);
    const py = runOnSnapshot(SQL, snapshot, snippet.python, { language: 'python' });
    expect(py.error).toBeNull();
    expect(py.totals).toMatchObject({ statements: ts.totals.statements, reads: ts.totals.reads, writes: ts.totals.writes, transaction: ts.totals.transaction, rows: ts.totals.rows });
    expect(statements(py)).toEqual(statements(ts));
    expect(py.output).toEqual(ts.output);
  });

  it('the Python versions also match on the Django reference data (where they were checked against Django 5.2)', async () => {
    const reference = await referenceSnapshot();
    for (const snippet of ALL_SNIPPETS) {
      const ts = runOnSnapshot(SQL, reference, snippet.code);
      const py = runOnSnapshot(SQL, reference, snippet.python, { language: 'python' });
      expect([snippet.id, py.totals.statements, py.output]).toEqual([snippet.id, ts.totals.statements, ts.output]);
    }
  });

  it('every snippet has a Python version written as Django code, not TypeScript', () => {
    for (const snippet of ALL_SNIPPETS) {
      expect(snippetCode(snippet, 'python')).toBe(snippet.python);
      expect(snippetCode(snippet, 'typescript')).toBe(snippet.code);
      // comments aside (the snippets have no '#' in strings)
      expect(snippet.python.replace(/#.*$/gm, '')).not.toMatch(/\bconst |;\s*$|\/\/|=>|\.slice\(|\{ \w+: /m);
    }
  });

  it('the Python warm-up the sandbox runs once runs cleanly', () => {
    const record = runOnSnapshot(SQL, snapshot, PYTHON_WARMUP_CODE, { language: 'python' });
    expect(record.error).toBeNull();
    expect(record.output[0]).toMatch(/^\[\{'username': .*\}\] 3 rows$/);
  });

  it('the N+1 example in Python: the query on line 3, 1 statement on the for line, N on the print line, the fix on line 3', () => {
    const code = DEFAULT_SNIPPET.python;
    const record = runOnSnapshot(SQL, snapshot, code, { language: 'python' });
    expect(record.totals.statements).toBe(61);
    expect(record.lines).toEqual({ 4: 1, 5: 60 });
    expect(code.split('\n')[4]).toContain('post.author.username');
    const [f] = findings(record, { code, language: 'python' });
    expect(f.fix).toBe("select_related('author')");
    expect(f.lines).toEqual([5]);
    expect(f.fixLine).toBe(3);
  });
});
