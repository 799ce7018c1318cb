/**
 * Runs every recorded case's TypeScript on the reference data and compares it
 * with what real Django 5.2 did (tests/django/reference/*.json, recorded by
 * scripts/record-django.ts): statement count, SQL, result, output, exception.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCode } from '../../lib/runner/run';
import { learnerScope } from '../../lib/runner/scope';
import { referenceWorld } from '../helpers/sqljs';

interface Case {
  name: string;
  ts: string;
  compare: ('count' | 'sql' | 'result' | 'output' | 'error')[];
  django: {
    count: number;
    queries: string[];
    result?: unknown;
    stdout?: string;
    output?: string[];
    exception: { type: string; message: string } | null;
  };
}

const TX = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)/;
const dir = new URL('./reference/', import.meta.url);

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const cases: Case[] = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  describe(file.replace('.json', ''), () => {
    for (const c of cases) {
      it(c.name, async () => {
        const world = await referenceWorld();
        const conn = world.runtime.connections.get('default');
        const record = runCode({ code: c.ts, scope: learnerScope(world.runtime, { ...world.models }), connections: [conn], limits: { paramChars: Infinity } });
        const sql = record.statements.map((s) => s.display_sql);
        const django = c.django;
        const expectedOutput = django.output ?? (django.stdout ? django.stdout.replace(/\n$/, '').split('\n') : []);
        for (const field of c.compare) {
          if (field === 'error') {
            const actual = record.error ? { type: record.error.type, message: record.error.message } : null;
            const expected = django.exception ? { type: django.exception.type, message: django.exception.message } : null;
            expect(actual, 'exception').toEqual(expected);
          } else if (field === 'count') {
            expect(sql.filter((s) => !TX.test(s)).length, 'statement count').toBe(django.count);
          } else if (field === 'sql') {
            expect(sql, 'statements').toEqual(django.queries);
          } else if (field === 'result') {
            expect(record.result ?? null, 'result').toEqual(django.result ?? null);
          } else if (field === 'output') {
            expect(record.output, 'printed output').toEqual(expectedOutput);
          }
        }
      });
    }
  });
}
