/**
 * Runs every recorded case's `python` (real Django code that ran on Django 5.2)
 * through ORM Lab's Python mode on the reference data and compares it with what
 * Django did: statement count, SQL, result, output, exception — the fields
 * tests/django/parity.test.ts compares for the case's TypeScript.
 *
 * The Python mode runs on the same engine as the TypeScript, so where the
 * engine itself does not match Django yet (the TypeScript run of the case
 * differs from Django on a field), the Python run must match the TypeScript
 * run on that field instead: this test is about the translation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCode } from '../../lib/runner/run';
import type { RunRecord } from '../../lib/runner/record';
import { learnerScope } from '../../lib/runner/scope';
import { referenceWorld } from '../helpers/sqljs';

type Field = 'count' | 'sql' | 'result' | 'output' | 'error';

interface Case {
  name: string;
  python: string;
  ts: string;
  compare: Field[];
  django: {
    count: number;
    queries: string[];
    result?: unknown;
    stdout?: string;
    output?: string[];
    exception: { type: string; message: string } | null;
  };
}

/**
 * Cases the Python mode cannot run as Django does, with the reason. `it.fails`
 * keeps this list honest: a case that starts passing fails the suite until it
 * is removed from here.
 */
const KNOWN_FAILURES: Record<string, string> = {};

const TX = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)/;
const dir = new URL('../django/reference/', import.meta.url);

async function run(code: string, language: 'typescript' | 'python'): Promise<RunRecord> {
  const world = await referenceWorld();
  const conn = world.runtime.connections.get('default');
  return runCode({ code, scope: learnerScope(world.runtime, { ...world.models }), connections: [conn], limits: { paramChars: Infinity }, language });
}

/** The value of one compared field in a run, in the reference's terms. */
function observed(record: RunRecord, field: Field): unknown {
  const sql = record.statements.map((s) => s.display_sql);
  switch (field) {
    case 'count':
      return sql.filter((s) => !TX.test(s)).length;
    case 'sql':
      return sql;
    case 'result':
      return record.result ?? null;
    case 'output':
      return record.output;
    case 'error':
      return record.error ? { type: record.error.type, message: record.error.message } : null;
  }
}

function expected(c: Case, field: Field): unknown {
  const django = c.django;
  switch (field) {
    case 'count':
      return django.count;
    case 'sql':
      return django.queries;
    case 'result':
      return django.result ?? null;
    case 'output':
      return django.output ?? (django.stdout ? django.stdout.replace(/\n$/, '').split('\n') : []);
    case 'error':
      return django.exception ? { type: django.exception.type, message: django.exception.message } : null;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const cases: [string, Case][] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Case[]).map((c) => [f.replace('.json', ''), c] as [string, Case]));

for (const topic of [...new Set(cases.map(([t]) => t))]) {
  describe(`python ${topic}`, () => {
    for (const [, c] of cases.filter(([t]) => t === topic)) {
      const key = `${topic}: ${c.name}`;
      const test = key in KNOWN_FAILURES ? it.fails : it;
      test(c.name, async () => {
        const python = await run(c.python, 'python');
        if (c.compare.every((field) => same(observed(python, field), expected(c, field)))) return;
        // where the engine matches Django the Python must too; elsewhere it must match the TypeScript run
        const typescript = await run(c.ts, 'typescript');
        for (const field of c.compare) {
          const django = expected(c, field);
          const ts = observed(typescript, field);
          expect(observed(python, field), field).toEqual(same(ts, django) ? django : ts);
        }
      });
    }
  });
}

describe('python parity bookkeeping', () => {
  it('lists only cases that exist', () => {
    const names = new Set(cases.map(([t, c]) => `${t}: ${c.name}`));
    expect(Object.keys(KNOWN_FAILURES).filter((k) => !names.has(k))).toEqual([]);
  });
});
