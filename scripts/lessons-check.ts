/**
 * Validates every lesson in lessons/ (npm run lessons:check):
 *   - lessons/chapters.yaml and every lesson folder parse (front matter, files, rules);
 *   - solution.ts passes every check, on the visible and the hidden data;
 *   - before.ts fails at least one check (else the lesson teaches nothing).
 * Prints a table (statements and modeled time before → after, checks ✓/✗) and exits
 * non-zero with every located error.
 *
 *   npm run lessons:check                          # every lesson
 *   npm run lessons:check -- 02-n-plus-one-select-related   # some lessons (folder names)
 *   npm run lessons:check -- --django              # also run each lesson's `django:` code on real
 *                                                  # Django 5.2 and compare statement counts and
 *                                                  # output with before.ts/solution.ts on the same data
 *   npm run lessons:check -- --fields              # the front-matter fields, as a Markdown table
 *   npm run lessons:check -- --dir=path/to/lessons  # another lessons folder (messages still say lessons/)
 *
 * --django needs the reference venv (made by ../shared/django-reference/ask on first use);
 * DJANGO_REFERENCE_DIR, DJANGO_REFERENCE_VENV and DJANGO_REFERENCE_PYTHON as for record-django.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLabels, statementCount, type CheckId } from '../lib/lessons/checks';
import { formatLessonError, type LessonError } from '../lib/lessons/errors';
import type { CheckOutcome } from '../lib/lessons/evaluate';
import type { Lesson, LessonData } from '../lib/lessons/lesson';
import { lessonFolders, loadCurriculum } from '../lib/node/lessons';
import { loadSqlJs } from '../lib/node/sqljs';
import { createLocalRunner, type LessonRunner } from '../lib/lessons/runner';
import { fieldDocs } from '../lib/lessons/schema';
import { summarize, verifyLesson, type LessonVerification } from '../lib/lessons/verify';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LESSONS = join(REPO_ROOT, 'lessons');

const SHORT: Record<CheckId, string> = {
  runs: 'runs',
  max_queries: 'max_queries',
  same_output_as_before: 'same_output',
  must_use: 'must_use',
  must_not_use: 'must_not_use',
  no_n_plus_one: 'no_n+1',
  max_rows_fetched: 'max_rows',
  custom: 'custom',
};

const mark = (passed: boolean | undefined) => (passed === undefined ? '·' : passed ? '✓' : '✗');
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')} ms`;

function outcome(outcomes: CheckOutcome[], check: CheckId, data: 'visible' | 'hidden'): boolean | undefined {
  const found = outcomes.filter((o) => o.check === check && (o.data === data || o.data === 'code'));
  return found.length ? found.every((o) => o.passed) : undefined;
}

function tableRows(v: LessonVerification): string[][] {
  const checks = checkLabels(v.lesson.meta.checks).map((c) => c.check);
  const rows: string[][] = [];
  for (const data of ['visible', 'hidden'] as const) {
    const after = v.solution.runs.find((r) => r.data === data);
    const before = v.before.runs.find((r) => r.data === data)?.learner ?? after?.before;
    if (!after || !before) continue;
    const b = summarize(before);
    const a = summarize(after.learner);
    const marks = checks.map((c) =>
      data === 'visible'
        ? `${SHORT[c]} ${mark(outcome(v.before.outcomes, c, data))}→${mark(outcome(v.solution.outcomes, c, data))}`
        : `${SHORT[c]} ${mark(outcome(v.solution.outcomes, c, data))}`,
    );
    rows.push([
      data === 'visible' ? v.lesson.name : '',
      data === 'visible' ? after.label : `hidden: ${after.label}`,
      `${b.statements} → ${a.statements}`,
      `${ms(b.modeledMs)} → ${ms(a.modeledMs)}`,
      marks.join('  '),
    ]);
  }
  return rows;
}

function printTable(rows: string[][]): void {
  const header = ['lesson', 'data', 'statements', 'modeled time', 'checks (before → solution)'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - [...cell].length))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('\nmodeled time = statements × 1 ms round trip + measured run time (design.md, "Honest numbers")');
}

function printFields(): void {
  console.log('| field | required | what it is |\n|---|---|---|');
  for (const f of fieldDocs()) console.log(`| \`${f.path}\` | ${f.required ? 'yes' : ''} | ${f.description} |`);
}

// --django: the lesson's Python on real Django vs its TypeScript, both on the reference data.
interface PyRecord {
  name: string;
  count: number;
  stdout: string;
  exception: { type: string; message: string } | null;
  recorder_error?: { type: string; message: string };
}

function runDjango(batch: { name: string; python: string }[]): PyRecord[] {
  const referenceDir = resolve(process.env.DJANGO_REFERENCE_DIR ?? join(REPO_ROOT, '../shared/django-reference'));
  const venv = process.env.DJANGO_REFERENCE_VENV ?? '/tmp/django52-reference';
  const python = process.env.DJANGO_REFERENCE_PYTHON ?? join(venv, 'bin/python');
  if (!existsSync(python)) {
    const ask = join(referenceDir, 'ask');
    const made = spawnSync(ask, ['--ddl'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DJANGO_REFERENCE_VENV: venv } });
    if (made.status !== 0 || !existsSync(python)) throw new Error(`--django needs Django 5.2: ${ask} could not create ${venv}`);
  }
  const r = spawnSync(python, [join(REPO_ROOT, 'tests/django/record.py')], {
    input: JSON.stringify(batch),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, DJANGO_REFERENCE_DIR: referenceDir },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`tests/django/record.py exited with status ${r.status}`);
  return JSON.parse(r.stdout) as PyRecord[];
}

async function compareWithDjango(lessons: Lesson[], runner: LessonRunner): Promise<LessonError[]> {
  const errors: LessonError[] = [];
  const blog = lessons.filter((l) => l.data.visible.models === null && l.data.visible.source.kind === 'dataset');
  const records = JSON.parse(readFileSync(join(REPO_ROOT, 'tests/fixtures/blog-reference.json'), 'utf8'));
  const reference: LessonData = {
    key: 'django-reference',
    label: 'the Django reference data',
    source: { kind: 'fixture', file: 'blog-reference.json', records },
    models: null,
    setup: null,
    seed: 1,
  };
  const batch = blog.flatMap((l) => (['before', 'solution'] as const).map((which) => ({ name: `${l.name}/${which}`, python: l.meta.django[which] })));
  const django = new Map(runDjango(batch).map((r) => [r.name, r]));
  for (const lesson of blog) {
    for (const which of ['before', 'solution'] as const) {
      const py = django.get(`${lesson.name}/${which}`)!;
      const ts = (await runner.run({ data: reference, code: lesson[which], file: `${which}.ts` })).record;
      const found: LessonError[] = [];
      const at = (message: string) => found.push({ file: `${lesson.dir}/lesson.md`, path: `django.${which}`, message });
      const raised = py.exception ?? py.recorder_error;
      if (raised) at(`Django raised ${raised.type}: ${raised.message}`);
      if (ts.error) at(`${which}.ts raised ${ts.error.type}: ${ts.error.message} on the reference data`);
      const n = statementCount(ts);
      if (!raised && py.count !== n) at(`Django ran ${py.count} statements on the reference data, ${which}.ts ran ${n}`);
      const out = py.stdout.replace(/\n$/, '');
      const pyLines = out ? out.split('\n') : [];
      const diff = pyLines.findIndex((l, i) => l !== ts.output[i]);
      if (!raised && (diff !== -1 || pyLines.length !== ts.output.length)) {
        const i = diff === -1 ? Math.min(pyLines.length, ts.output.length) : diff;
        at(`output differs at line ${i + 1}: Django printed ${JSON.stringify(pyLines[i] ?? '(nothing)')}, ${which}.ts printed ${JSON.stringify(ts.output[i] ?? '(nothing)')}`);
      }
      if (!found.length) console.log(`django ✓ ${lesson.name} ${which}: ${n} statement${n === 1 ? '' : 's'}, ${ts.output.length} output lines, same as Django 5.2`);
      errors.push(...found);
    }
  }
  return errors;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--fields')) {
    printFields();
    return 0;
  }
  const only = args.filter((a) => !a.startsWith('--')).map((a) => a.replace(/\/+$/, '').replace(/^lessons\//, ''));
  const dir = args.find((a) => a.startsWith('--dir='))?.slice('--dir='.length);
  const root = dir ? resolve(dir) : LESSONS;
  const started = performance.now();
  const curriculum = loadCurriculum(root);
  const errors: LessonError[] = [...curriculum.errors];
  const folders = lessonFolders(root).filter((name) => !only.length || only.includes(name));
  for (const name of only) if (!folders.includes(name)) errors.push({ file: `lessons/${name}`, message: 'no such lesson folder' });

  const runner = createLocalRunner(await loadSqlJs());
  const rows: string[][] = [];
  const verified: Lesson[] = [];
  for (const name of folders) {
    const lesson = curriculum.lessons.find((l) => l.name === name);
    if (!lesson) {
      rows.push([name, '(invalid: see the errors below)', '', '', '']);
      continue;
    }
    const v = await verifyLesson(lesson, runner);
    rows.push(...tableRows(v));
    errors.push(...v.errors);
    verified.push(lesson);
  }
  if (args.includes('--django')) errors.push(...(await compareWithDjango(verified, runner)));

  console.log(`\n${folders.length} lessons, ${curriculum.chapters.length} chapters (${ms(performance.now() - started)})\n`);
  if (rows.length) printTable(rows);
  if (errors.length) {
    console.error(`\n${errors.length} error${errors.length === 1 ? '' : 's'}:`);
    for (const e of errors) console.error(`  ${formatLessonError(e)}`);
    return 1;
  }
  console.log('\nall lessons valid');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
