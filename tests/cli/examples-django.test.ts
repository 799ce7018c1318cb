/**
 * Every file in examples/ against real Django 5.2, without Django: each example runs with
 * `npm run play -- --fixture tests/fixtures/blog-reference.json` (the reference dataset) and
 * must run as many statements, print the same lines and run the same SQL as its Django program
 * did, as recorded in tests/cli/examples-django.json.
 *
 * The Django program of examples/NAME.py is the example itself; for examples/NAME.ts it is
 * tests/cli/examples-django/NAME.py. After changing an example or its Django program, record again
 * (needs the reference venv, made by ../shared/django-reference/ask on first use):
 *
 *   /tmp/django52-reference/bin/python tests/cli/record_examples.py
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/play';
import { loadSqlJs } from '../../lib/node/sqljs';
import type { RunRecord, StatementEntry } from '../../lib/runner/record';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = 'tests/fixtures/blog-reference.json';
const TWINS = 'tests/cli/examples-django';
const RECORD = 'tests/cli/record_examples.py';

interface DjangoAnswer {
  django_program: string;
  python: string;
  /** statements, not counting BEGIN/COMMIT/ROLLBACK/(RELEASE) SAVEPOINT */
  count: number;
  count_including_tx: number;
  output: string[];
  /** every statement on `default`, params inlined (connection.queries) */
  queries: string[];
  /** the same for the `replica` alias, when the example used it */
  replica_queries?: string[];
  exception: { type: string; message: string } | null;
}

const recorded = JSON.parse(readFileSync(path.join(ROOT, 'tests/cli/examples-django.json'), 'utf8')) as {
  django: string;
  examples: Record<string, DjangoAnswer>;
};
const examples = readdirSync(path.join(ROOT, 'examples'))
  .filter((f) => /\.(ts|py)$/.test(f))
  .sort();

/** The Django program an example is compared with (see the header). */
const djangoProgram = (file: string) => (file.endsWith('.py') ? `examples/${file}` : `${TWINS}/${file.replace(/\.ts$/, '.py')}`);

/** ORM Lab's output lines as Python's stdout splits them (a print() of several lines is several lines). */
const lines = (output: string[]) => (output.length ? output.join('\n').split('\n') : []);

/**
 * True when ORM Lab's display SQL is Django's statement. The run record shortens parameter
 * values longer than 200 characters (`'abc…(+345 chars)'`); those parts match any text of that length.
 */
function sameSql(ours: StatementEntry, django: string): boolean {
  const parts = ours.display_sql.split(/…\(\+(\d+) chars\)/);
  if (parts.length === 1) return ours.display_sql === django;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = parts.map((part, i) => (i % 2 ? `[\\s\\S]{${part}}` : escape(part))).join('');
  return new RegExp(`^${pattern}$`).test(django);
}

let records: Map<string, RunRecord>;

beforeAll(async () => {
  const writes: string[] = [];
  const errors: string[] = [];
  await main([...examples.map((f) => `examples/${f}`), '--fixture', REFERENCE, '--json'], {
    stdout: (text) => writes.push(text),
    stderr: (text) => errors.push(text),
    readFile: (file) => readFileSync(path.resolve(ROOT, file)),
    color: false,
    loadSqlJs,
  });
  expect(errors.join('')).toBe('');
  const json = JSON.parse(writes.join('')) as RunRecord | RunRecord[];
  records = new Map((Array.isArray(json) ? json : [json]).map((r) => [path.basename(r.file!), r]));
}, 120_000);

describe('examples/ against real Django 5.2 on the reference fixture (tests/cli/examples-django.json)', () => {
  it(`every example has a Django answer recorded from its current Django program (else: ${RECORD})`, () => {
    expect(Object.keys(recorded.examples).sort()).toEqual(examples);
    for (const file of examples) {
      const program = djangoProgram(file);
      expect(existsSync(path.join(ROOT, program)), `${program} is missing`).toBe(true);
      expect(recorded.examples[file].django_program).toBe(program);
      expect(recorded.examples[file].python, `${program} changed since it was recorded: run ${RECORD}`).toBe(
        readFileSync(path.join(ROOT, program), 'utf8'),
      );
      expect(recorded.examples[file].exception).toBeNull();
    }
    const orphans = readdirSync(path.join(ROOT, TWINS)).filter((f) => !examples.includes(f.replace(/\.py$/, '.ts')));
    expect(orphans, `Django programs in ${TWINS} without an examples/*.ts`).toEqual([]);
  });

  it.each(examples)('%s: runs without an error and prints what Django printed', (file) => {
    const record = records.get(file)!;
    expect(record.error).toBeNull();
    expect(lines(record.output)).toEqual(recorded.examples[file].output);
  });

  it.each(examples)('%s: runs as many statements as Django', (file) => {
    const { totals } = records.get(file)!;
    const django = recorded.examples[file];
    expect(totals.statements - totals.transaction, 'not counting BEGIN/COMMIT/SAVEPOINT').toBe(django.count);
    expect(totals.statements, 'counting BEGIN/COMMIT/SAVEPOINT').toBe(django.count_including_tx);
  });

  it.each(examples)('%s: runs the same SQL as Django, on each database', (file) => {
    const record = records.get(file)!;
    expect(record.elided.statements).toBe(0);
    const django = recorded.examples[file];
    for (const [alias, queries] of [['default', django.queries], ['replica', django.replica_queries ?? []]] as const) {
      const ours = record.statements.filter((s) => s.alias === alias);
      expect(ours.map((s) => s.display_sql), alias).toHaveLength(queries.length);
      ours.forEach((s, i) => expect(sameSql(s, queries[i]), `${alias} #${i + 1}:\n  ORM Lab: ${s.display_sql}\n  Django:  ${queries[i]}`).toBe(true));
    }
  });

  it('iterator.ts holds one model instance at a time; the same loops over the QuerySet hold all 300 and run once', async () => {
    expect(records.get('iterator.ts')!.totals.peak_instances).toBe(1);
    const code = readFileSync(path.join(ROOT, 'examples/iterator.ts'), 'utf8').replaceAll('comments.iterator({ chunk_size: 100 })', 'comments');
    const writes: string[] = [];
    await main(['plain-loop.ts', '--fixture', REFERENCE, '--json'], {
      stdout: (text) => writes.push(text),
      stderr: () => {},
      readFile: (file) => (file === 'plain-loop.ts' ? Buffer.from(code) : readFileSync(path.resolve(ROOT, file))),
      color: false,
      loadSqlJs,
    });
    const plain = JSON.parse(writes.join('')) as RunRecord;
    expect(plain.error).toBeNull();
    expect(plain.totals.peak_instances).toBe(300);
    expect(plain.totals.statements).toBe(1); // the second loop reads the result cache
  });
});
