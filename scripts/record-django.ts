/**
 * Record real Django 5.2's answers for the differential test cases.
 *
 *   npx tsx scripts/record-django.ts                 # every tests/django/cases/*.yaml
 *   npx tsx scripts/record-django.ts lookups writes  # only these topics
 *   npx tsx scripts/record-django.ts --check [topic...]
 *       # no Django needed: fails if a reference file is missing or out of date with its YAML
 *
 * For each topic it reads tests/django/cases/<topic>.yaml (a list of
 * { name, python, ts, compare?, note?, expect_error? }), runs every `python` snippet on real
 * Django through tests/django/record.py (the reference venv's interpreter, one batch, the
 * template database built once) and writes tests/django/reference/<topic>.json: the cases
 * sorted by name, each with its python, ts, compare list and Django's answer.
 *
 * It exits non-zero, naming the case, when Django raised in a case not marked
 * `expect_error: true`, when a case marked `expect_error: true` did not raise, or when a case
 * could not be recorded (e.g. its result was a QuerySet). Nothing is written for a topic
 * that has a failing case.
 *
 * Environment: DJANGO_REFERENCE_DIR (default ../shared/django-reference from the repo root),
 * DJANGO_REFERENCE_VENV (default /tmp/django52-reference, made by the reference's `ask`),
 * DJANGO_REFERENCE_PYTHON (default $DJANGO_REFERENCE_VENV/bin/python).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CASES_DIR = join(REPO_ROOT, 'tests/django/cases');
const REFERENCE_OUT_DIR = join(REPO_ROOT, 'tests/django/reference');
const RECORD_PY = join(REPO_ROOT, 'tests/django/record.py');
const REFERENCE_DIR = resolve(process.env.DJANGO_REFERENCE_DIR ?? join(REPO_ROOT, '../shared/django-reference'));
const VENV = process.env.DJANGO_REFERENCE_VENV ?? '/tmp/django52-reference';
const PYTHON = process.env.DJANGO_REFERENCE_PYTHON ?? join(VENV, 'bin/python');

export const COMPARE_FIELDS = ['count', 'sql', 'result', 'output', 'error'] as const;
export type CompareField = (typeof COMPARE_FIELDS)[number];
const CASE_KEYS = new Set(['name', 'python', 'ts', 'compare', 'note', 'expect_error']);

export interface Case {
  name: string;
  python: string;
  ts: string;
  compare?: CompareField[];
  note?: string;
  expect_error?: boolean;
}

/** What record.py returns for one case. */
interface PyRecord {
  name: string;
  queries: string[];
  templates: (string | null)[];
  params: (unknown[] | null)[];
  count: number;
  count_including_tx: number;
  result: unknown;
  stdout: string;
  exception: { type: string; module: string; message: string } | null;
  traceback_tail?: string;
  recorder_error?: { type: string; message: string };
}

/** One entry of tests/django/reference/<topic>.json. */
export interface ReferenceCase {
  name: string;
  note?: string;
  python: string;
  ts: string;
  compare: CompareField[];
  expect_error?: true;
  django: {
    /** statements excluding BEGIN/COMMIT/ROLLBACK/SAVEPOINT/RELEASE SAVEPOINT */
    count: number;
    count_including_tx: number;
    /** every statement Django logged, in order, params inlined (its connection.queries text) */
    queries: string[];
    /** the same statements as sent to the cursor, %s placeholders (null: logged without a cursor call) */
    templates: (string | null)[];
    params: (unknown[] | null)[];
    /** the snippet's value (harness.jsonable); absent when `compare` leaves out `result` */
    result?: unknown;
    /** printed lines: stdout split on "\n"; absent when `compare` leaves out `output` */
    output?: string[];
    exception: { type: string; module: string; message: string } | null;
  };
}

class CaseFileError extends Error {}

function fail(msg: string): never {
  console.error(`record-django: ${msg}`);
  process.exit(1);
}

export function loadCases(topic: string): Case[] {
  const file = join(CASES_DIR, `${topic}.yaml`);
  if (!existsSync(file)) throw new CaseFileError(`${file}: no such case file`);
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CaseFileError(`${file}: invalid YAML: ${(e as Error).message}`);
  }
  if (!Array.isArray(doc)) throw new CaseFileError(`${file}: must be a YAML list of cases`);
  const seen = new Set<string>();
  return doc.map((raw, i) => {
    const where = `${file}: case #${i + 1}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new CaseFileError(`${where}: not a mapping`);
    const c = raw as Record<string, unknown>;
    const label = typeof c.name === 'string' ? `${file}: case '${c.name}'` : where;
    for (const k of Object.keys(c)) {
      if (!CASE_KEYS.has(k)) throw new CaseFileError(`${label}: unknown key '${k}' (allowed: ${[...CASE_KEYS].join(', ')})`);
    }
    for (const k of ['name', 'python', 'ts'] as const) {
      if (typeof c[k] !== 'string' || !(c[k] as string).trim()) throw new CaseFileError(`${label}: '${k}' must be a non-empty string`);
    }
    const name = c.name as string;
    if (seen.has(name)) throw new CaseFileError(`${label}: duplicate name`);
    seen.add(name);
    if (c.compare !== undefined) {
      if (!Array.isArray(c.compare) || c.compare.length === 0 ||
          !c.compare.every((f) => (COMPARE_FIELDS as readonly unknown[]).includes(f))) {
        throw new CaseFileError(`${label}: 'compare' must be a non-empty list of ${COMPARE_FIELDS.join(', ')}`);
      }
    }
    if (c.note !== undefined && typeof c.note !== 'string') throw new CaseFileError(`${label}: 'note' must be a string`);
    if (c.expect_error !== undefined && typeof c.expect_error !== 'boolean') throw new CaseFileError(`${label}: 'expect_error' must be true or false`);
    return {
      name,
      python: (c.python as string).replace(/\s+$/, ''),
      ts: (c.ts as string).replace(/\s+$/, ''),
      ...(c.compare !== undefined ? { compare: c.compare as CompareField[] } : {}),
      ...(c.note !== undefined ? { note: (c.note as string).trim() } : {}),
      ...(c.expect_error ? { expect_error: true } : {}),
    };
  });
}

/** The stored form of a case without Django's answer: what --check compares with the YAML. */
function caseHead(c: Case): Omit<ReferenceCase, 'django'> {
  // Fixed key order so the JSON diffs well.
  return {
    name: c.name,
    ...(c.note !== undefined ? { note: c.note } : {}),
    python: c.python,
    ts: c.ts,
    // Canonical order, whatever order the YAML used.
    compare: COMPARE_FIELDS.filter((f) => (c.compare ?? COMPARE_FIELDS).includes(f)),
    ...(c.expect_error ? { expect_error: true as const } : {}),
  };
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * JSON.stringify(value, null, 2), except that an array of scalars that fits on one line
 * (compare lists, pk lists, params) is written on one line: shorter files, readable diffs.
 */
export function prettyJson(value: unknown, indent = ''): string {
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      if (flat.length + indent.length <= 100) return flat;
    }
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function stdoutLines(stdout: string): string[] {
  if (stdout === '') return [];
  const lines = stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function ensurePython(): void {
  if (existsSync(PYTHON)) return;
  const ask = join(REFERENCE_DIR, 'ask');
  if (process.env.DJANGO_REFERENCE_PYTHON || !existsSync(ask)) {
    fail(`no Python at ${PYTHON}; run ${ask} once (it makes the Django 5.2 venv) or set DJANGO_REFERENCE_PYTHON`);
  }
  console.error(`record-django: creating the Django 5.2 venv with ${ask} ...`);
  const r = spawnSync(ask, ['--ddl'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DJANGO_REFERENCE_VENV: VENV } });
  if (r.status !== 0 || !existsSync(PYTHON)) fail(`${ask} could not create the venv at ${VENV}`);
}

function runDjango(batch: { name: string; python: string }[]): PyRecord[] {
  ensurePython();
  const r = spawnSync(PYTHON, [RECORD_PY], {
    input: JSON.stringify(batch),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, DJANGO_REFERENCE_DIR: REFERENCE_DIR },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (r.error) fail(`could not run ${PYTHON}: ${r.error.message}`);
  if (r.status !== 0) fail(`${RECORD_PY} exited with status ${r.status}`);
  const records = JSON.parse(r.stdout) as PyRecord[];
  if (!Array.isArray(records) || records.length !== batch.length) fail(`${RECORD_PY} returned ${records.length} records for ${batch.length} cases`);
  return records;
}

function topicsFromArgs(args: string[]): string[] {
  const all = readdirSync(CASES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
  if (args.length === 0) return all;
  return args.map((a) => a.replace(/^.*\//, '').replace(/\.ya?ml$/, '').replace(/\.json$/, ''));
}

function check(topics: string[]): number {
  let problems = 0;
  for (const topic of topics) {
    const out = join(REFERENCE_OUT_DIR, `${topic}.json`);
    const cases = loadCases(topic);
    if (!existsSync(out)) {
      console.error(`${topic}: ${out} is missing: npx tsx scripts/record-django.ts ${topic}`);
      problems++;
      continue;
    }
    const stored = JSON.parse(readFileSync(out, 'utf8')) as ReferenceCase[];
    const want = cases.map(caseHead).sort(byName);
    const have = stored.map(({ django: _django, ...head }) => head);
    const wantByName = new Map(want.map((c) => [c.name, c]));
    const haveByName = new Map(have.map((c) => [c.name, c]));
    for (const c of want) {
      const h = haveByName.get(c.name);
      if (!h) console.error(`${topic}: case '${c.name}' is not recorded`);
      else if (JSON.stringify(h) !== JSON.stringify(c)) console.error(`${topic}: case '${c.name}' changed since it was recorded`);
      else continue;
      problems++;
    }
    for (const h of have) {
      if (!wantByName.has(h.name)) {
        console.error(`${topic}: recorded case '${h.name}' is no longer in ${topic}.yaml`);
        problems++;
      }
    }
  }
  if (topics.length > 0 && existsSync(REFERENCE_OUT_DIR)) {
    const known = new Set(readdirSync(CASES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)));
    for (const f of readdirSync(REFERENCE_OUT_DIR).filter((f) => f.endsWith('.json')).sort()) {
      if (!known.has(f.slice(0, -'.json'.length))) {
        console.error(`tests/django/reference/${f} has no tests/django/cases/${f.slice(0, -'.json'.length)}.yaml`);
        problems++;
      }
    }
  }
  if (problems) console.error(`record-django --check: ${problems} problem(s); re-record with npx tsx scripts/record-django.ts TOPIC`);
  else console.error(`record-django --check: ${topics.length} topic(s) up to date`);
  return problems ? 1 : 0;
}

function main(argv: string[]): number {
  const checkOnly = argv.includes('--check');
  const topics = topicsFromArgs(argv.filter((a) => a !== '--check'));
  if (topics.length === 0) fail(`no case files in ${CASES_DIR}`);

  let loaded: [string, Case[]][];
  try {
    if (checkOnly) return check(topics);
    loaded = topics.map((t) => [t, loadCases(t)]);
  } catch (e) {
    if (e instanceof CaseFileError) fail(e.message);
    throw e;
  }

  const batch = loaded.flatMap(([topic, cases]) => cases.map((c) => ({ name: `${topic}/${c.name}`, python: c.python })));
  const records = runDjango(batch);

  const failures: string[] = [];
  let i = 0;
  for (const [topic, cases] of loaded) {
    const ref: ReferenceCase[] = [];
    let topicFailed = false;
    for (const c of cases) {
      const rec = records[i++];
      const id = `${topic}/${c.name}`;
      if (rec.name !== id) fail(`record order mismatch: expected ${id}, got ${rec.name}`);
      let problem: string | null = null;
      if (rec.recorder_error) {
        problem = `could not record: ${rec.recorder_error.type}: ${rec.recorder_error.message}`;
      } else if (rec.exception && !c.expect_error) {
        problem = `Django raised ${rec.exception.type}: ${rec.exception.message}\n` +
          `  (mark the case 'expect_error: true' if that is the point)\n${(rec.traceback_tail ?? '').replace(/^/gm, '    ')}`;
      } else if (!rec.exception && c.expect_error) {
        problem = `marked expect_error: true but Django raised nothing (result: ${JSON.stringify(rec.result)})`;
      }
      if (problem) {
        failures.push(`case '${id}' (tests/django/cases/${topic}.yaml): ${problem}`);
        topicFailed = true;
        continue;
      }
      const head = caseHead(c);
      ref.push({
        ...head,
        django: {
          count: rec.count,
          count_including_tx: rec.count_including_tx,
          queries: rec.queries,
          templates: rec.templates,
          params: rec.params,
          // Not stored when not compared (e.g. order_by('?')): it would change at every recording.
          ...(head.compare.includes('result') ? { result: rec.result } : {}),
          ...(head.compare.includes('output') ? { output: stdoutLines(rec.stdout) } : {}),
          exception: rec.exception,
        },
      });
    }
    if (topicFailed) continue;
    ref.sort(byName);
    mkdirSync(REFERENCE_OUT_DIR, { recursive: true });
    const out = join(REFERENCE_OUT_DIR, `${topic}.json`);
    writeFileSync(out, prettyJson(ref) + '\n');
    console.error(`record-django: ${topic}: ${ref.length} case(s) -> ${out.slice(REPO_ROOT.length + 1)}`);
  }
  if (failures.length) {
    for (const f of failures) console.error(`record-django: FAILED ${f}`);
    console.error(`record-django: ${failures.length} case(s) failed; nothing written for their topic(s)`);
    return 1;
  }
  return 0;
}

// Run only as a script (importing it for its types or loadCases must not record anything).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
