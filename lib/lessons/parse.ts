/**
 * Reads a lesson folder (as a name → text map, so it runs in the browser too)
 * into a `Lesson`, or a list of located errors: file, line, field path, what
 * was expected and what was found.
 */
import { marked } from 'marked';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { md5 } from '../db/md5';
import { transpile } from '../runner/transpile';
import { compileCustomCheck } from './custom-check';
import { describeValue, didYouMean, formatPath, type LessonError } from './errors';
import { ASSET_EXTENSIONS, LESSON_FILES, type Lesson, type LessonData, type LessonFiles } from './lesson';
import { jsonErrorAt } from './json-error';
import { ALLOWED_KEYS, chapterShape, chaptersSchema, lessonFrontMatterSchema, type Chapter, type LessonFrontMatter } from './schema';

export interface ParseOptions {
  /** How messages show the folder (default `lessons/<name>`). */
  dir?: string;
  /** The chapters of lessons/chapters.yaml; when given, `chapter:` must name one. */
  chapters?: readonly Chapter[];
}

export interface ParseResult<T> {
  value: T | null;
  errors: LessonError[];
}

const FOLDER = /^(\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
/** data.ts's SEED on the visible data. */
export const VISIBLE_SEED = 1;

interface YamlSource {
  doc: Document;
  lines: LineCounter;
  /** Line of the file where the YAML text starts. */
  firstLine: number;
}

/** The file line of a YAML node at `path` (or of its nearest existing ancestor). */
function lineOf(yaml: YamlSource, path: readonly PropertyKey[], asKey = false): number | undefined {
  const keys = path.map((k) => (typeof k === 'symbol' ? String(k) : k));
  for (let n = keys.length; n >= 0; n--) {
    const sub = keys.slice(0, n);
    let offset: number | undefined;
    if (asKey && n === keys.length && n > 0) {
      const parent = sub.length > 1 ? yaml.doc.getIn(sub.slice(0, -1), true) : yaml.doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === sub[sub.length - 1]);
        offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
      }
    } else if (n > 0) {
      const parent = n > 1 ? yaml.doc.getIn(sub.slice(0, -1), true) : yaml.doc.contents;
      // The key's line reads better than the value's for mappings and lists.
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === sub[sub.length - 1]);
        offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
      }
      if (offset === undefined) {
        const node = yaml.doc.getIn(sub, true) as { range?: [number, number, number] } | undefined;
        offset = node?.range?.[0];
      }
    }
    if (offset !== undefined) return yaml.lines.linePos(offset).line + yaml.firstLine - 1;
  }
  return undefined;
}

function zodErrors(issues: z.core.$ZodIssue[], file: string, yaml: YamlSource, allowedKeys: (parent: string) => readonly string[]): LessonError[] {
  const out: LessonError[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const parent = formatPath(issue.path);
      const allowed = allowedKeys(parent);
      for (const key of issue.keys) {
        const hint = didYouMean(key, allowed);
        out.push({
          file,
          line: lineOf(yaml, [...issue.path, key], true),
          path: formatPath([...issue.path, key]),
          message: `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of ${allowed.join(', ')}`,
        });
      }
      continue;
    }
    const path = formatPath(issue.path);
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ file, line: lineOf(yaml, issue.path), ...(path ? { path } : {}), message: issue.message });
  }
  return out;
}

function yamlErrors(doc: Document, lines: LineCounter, file: string, firstLine: number): LessonError[] {
  return doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return {
      file,
      line: pos.line + firstLine - 1,
      column: pos.col,
      message: `YAML syntax error: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
    };
  });
}

/** `lesson.md` → front matter text (and where it starts) and the Markdown body. */
function splitFrontMatter(text: string, file: string): { yaml: string; body: string; bodyLine: number } | { error: LessonError } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return { error: { file, line: 1, message: `expected front matter between --- lines at the top of the file, got ${describeValue(lines[0] ?? '')}` } };
  }
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end === -1) return { error: { file, line: 1, message: 'expected a closing --- line after the front matter, got none' } };
  return { yaml: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

function parseFrontMatter(text: string, file: string): { meta: LessonFrontMatter | null; body: string; bodyLine: number; yaml: YamlSource | null; errors: LessonError[] } {
  const split = splitFrontMatter(text, file);
  if ('error' in split) return { meta: null, body: '', bodyLine: 1, yaml: null, errors: [split.error] };
  const lines = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const yaml: YamlSource = { doc, lines, firstLine: 2 };
  if (doc.errors.length) {
    return { meta: null, body: split.body, bodyLine: split.bodyLine, yaml, errors: yamlErrors(doc, lines, file, 2) };
  }
  const data = doc.toJS() ?? {};
  const parsed = lessonFrontMatterSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) return { meta: null, body: split.body, bodyLine: split.bodyLine, yaml, errors: zodErrors(parsed.error.issues, file, yaml, (p) => ALLOWED_KEYS[p] ?? []) };
  return { meta: parsed.data, body: split.body, bodyLine: split.bodyLine, yaml, errors: [] };
}

function lintBody(body: string, bodyLine: number, file: string): LessonError[] {
  if (!body.trim()) return [{ file, line: bodyLine, message: 'expected the lesson prose (Markdown) after the front matter, got nothing' }];
  const errors: LessonError[] = [];
  let line = bodyLine;
  for (const token of marked.lexer(body)) {
    if (token.type === 'heading' && token.depth === 1) {
      errors.push({ file, line, message: `expected ## headings in the prose (the page shows \`title\` as the only # heading), got "# ${token.text}"` });
    }
    line += (token.raw.match(/\n/g) ?? []).length;
  }
  return errors;
}

function syntaxErrors(files: LessonFiles, dir: string): LessonError[] {
  const errors: LessonError[] = [];
  for (const name of ['before.ts', 'solution.ts', 'models.ts', 'data.ts']) {
    if (files[name] === undefined) continue;
    const compiled = transpile(files[name], name);
    if ('error' in compiled) {
      errors.push({ file: `${dir}/${name}`, line: compiled.error.line, column: compiled.error.column, message: `SyntaxError: ${compiled.error.message}` });
    }
  }
  return errors;
}

function parseJson(text: string, file: string): { value: unknown } | { error: LessonError } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    const { offset, expected } = jsonErrorAt(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const found = offset < text.length ? JSON.stringify(text.slice(offset, offset + 12).split('\n')[0]) : 'the end of the file';
    return { error: { file, line, column, message: `invalid JSON: expected ${expected}, got ${found}` } };
  }
}

/**
 * Validates one lesson folder. `files` maps file names in the folder to their
 * text; `name` is the folder name (`02-n-plus-one-select-related`).
 */
export function parseLesson(name: string, files: LessonFiles, options: ParseOptions = {}): ParseResult<Lesson> {
  const dir = options.dir ?? `lessons/${name}`;
  const errors: LessonError[] = [];
  const md = `${dir}/lesson.md`;
  const folder = FOLDER.exec(name);
  if (!folder) {
    errors.push({ file: dir, message: `expected a folder name like 04-select-related (a number, a dash, a lowercase slug), got ${describeValue(name)}` });
  }
  for (const required of ['lesson.md', 'before.ts', 'solution.ts'] as const) {
    if (files[required] === undefined) errors.push({ file: `${dir}/${required}`, message: `missing file: every lesson needs ${required} (${LESSON_FILES[required]})` });
  }
  errors.push(...syntaxErrors(files, dir));
  if (files['lesson.md'] === undefined) return { value: null, errors };

  const fm = parseFrontMatter(files['lesson.md'], md);
  errors.push(...fm.errors, ...(fm.yaml ? lintBody(fm.body, fm.bodyLine, md) : []));
  const meta = fm.meta;
  if (!meta || !fm.yaml) return { value: null, errors };
  const yaml = fm.yaml;
  const at = (path: (string | number)[], message: string): LessonError => ({ file: md, line: lineOf(yaml, path), path: formatPath(path), message });

  // Which files this front matter expects, and which are there.
  const custom = meta.checks.custom ?? null;
  const hiddenFixture = meta.hidden_data?.fixture ?? null;
  const expected = new Set<string>([...Object.keys(LESSON_FILES), ...(custom ? [custom] : []), ...(hiddenFixture ? [hiddenFixture] : [])]);
  for (const file of Object.keys(files)) {
    if (expected.has(file) || ASSET_EXTENSIONS.some((ext) => file.toLowerCase().endsWith(ext))) continue;
    const hint = didYouMean(file, expected);
    errors.push({
      file: `${dir}/${file}`,
      message: `unexpected file${hint ? ` (did you mean ${hint}?)` : ''}; a lesson folder holds lesson.md, before.ts, solution.ts and optionally models.ts, data.ts, fixture.json, check.ts and images`,
    });
  }

  const has = (file: string) => files[file] !== undefined;
  const models = has('models.ts');
  const fixture = has('fixture.json');
  const setup = has('data.ts');
  if (models && meta.dataset) errors.push(at(['dataset'], `expected no dataset: the lesson declares its own models in models.ts, got "${meta.dataset}"`));
  if ((models || fixture) && meta.size) {
    const from = fixture ? 'the data comes from fixture.json' : 'the lesson has its own models (models.ts), whose rows come from data.ts or fixture.json';
    errors.push(at(['size'], `expected no size: ${from}, got "${meta.size}"`));
  }
  if (models && !setup && !fixture) {
    errors.push({ file: `${dir}/models.ts`, message: 'expected the rows for these models too: add data.ts (code that creates them) or fixture.json (Django dumpdata), got neither' });
  }
  if (fixture && setup) errors.push({ file: `${dir}/data.ts`, message: 'expected one source of rows, got both data.ts and fixture.json: keep one' });

  if (custom && !has(custom)) errors.push(at(['checks', 'custom'], `expected ${custom} in the lesson folder, got no such file`));
  if (has('check.ts') && custom !== 'check.ts') {
    errors.push({ file: `${dir}/check.ts`, message: 'unused: add `custom: check.ts` under checks (or delete the file)' });
  }
  if (custom && has(custom)) {
    const compiled = compileCustomCheck(files[custom], custom);
    if ('error' in compiled) errors.push({ file: `${dir}/${custom}`, line: compiled.error.line, column: compiled.error.column, message: compiled.error.message });
  }
  const both = (meta.checks.must_use ?? []).filter((n) => meta.checks.must_not_use?.includes(n));
  if (both.length) errors.push(at(['checks', 'must_not_use'], `expected names not also in must_use, got ${both.map((n) => `"${n}"`).join(', ')} in both`));

  if (options.chapters) {
    const slugs = options.chapters.map((c) => c.slug);
    if (!slugs.includes(meta.chapter)) {
      const hint = didYouMean(meta.chapter, slugs);
      errors.push(at(['chapter'], `expected one of the chapters in lessons/chapters.yaml (${slugs.join(', ')}), got "${meta.chapter}"${hint ? `; did you mean "${hint}"?` : ''}`));
    }
  }

  let records: unknown = null;
  if (fixture) {
    const parsed = parseJson(files['fixture.json'], `${dir}/fixture.json`);
    if ('error' in parsed) errors.push(parsed.error);
    else records = parsed.value;
  }

  const visible: LessonData = {
    key: models || setup || fixture ? `${dir}#visible#${md5([files['models.ts'], files['data.ts'], files['fixture.json']].join('\0'))}` : `blog/${meta.size ?? 'default'}`,
    label: fixture ? 'fixture.json' : models ? 'data.ts' : `${meta.dataset ?? 'blog'} ${meta.size ?? 'default'}`,
    source: fixture
      ? { kind: 'fixture', file: 'fixture.json', records }
      : models
        ? { kind: 'empty' }
        : { kind: 'dataset', dataset: meta.dataset ?? 'blog', size: meta.size ?? 'default', seed: null },
    models: models ? files['models.ts'] : null,
    setup: setup ? files['data.ts'] : null,
    seed: VISIBLE_SEED,
  };

  let hidden: LessonData | null = null;
  const h = meta.hidden_data;
  if (h) {
    const before = errors.length;
    if (h.fixture !== undefined && !fixture) errors.push(at(['hidden_data', 'fixture'], `expected no fixture: the visible data is ${visible.label}, not fixture.json; use size or seed, got "${h.fixture}"`));
    if (h.size !== undefined && (fixture || models)) errors.push(at(['hidden_data', 'size'], `expected no size: the data comes from ${visible.label}, got "${h.size}"`));
    if (h.seed !== undefined && fixture) errors.push(at(['hidden_data', 'seed'], `expected no seed: the data comes from fixture.json (use hidden_data.fixture), got ${h.seed}`));
    if (models && !fixture && h.seed === VISIBLE_SEED) errors.push(at(['hidden_data', 'seed'], `expected a seed other than ${VISIBLE_SEED} (data.ts's SEED on the visible data), got ${h.seed}`));
    if (h.fixture !== undefined && fixture) {
      if (h.fixture === 'fixture.json') errors.push(at(['hidden_data', 'fixture'], 'expected a file other than fixture.json (the visible data), got "fixture.json"'));
      else if (!has(h.fixture)) errors.push(at(['hidden_data', 'fixture'], `expected ${h.fixture} in the lesson folder, got no such file`));
    }
    const size = h.size ?? meta.size ?? 'default';
    if (!fixture && !models && h.fixture === undefined && h.seed === undefined && size === (meta.size ?? 'default')) {
      errors.push(at(['hidden_data'], `expected data different from the visible data (${visible.label}): another size or a seed, got the same`));
    }
    if (errors.length === before) {
      let hiddenRecords: unknown = null;
      if (h.fixture && has(h.fixture)) {
        const parsed = parseJson(files[h.fixture], `${dir}/${h.fixture}`);
        if ('error' in parsed) errors.push(parsed.error);
        else hiddenRecords = parsed.value;
      }
      const seed = h.seed ?? null;
      hidden = {
        key: models || setup || fixture ? `${dir}#hidden#${md5([files['models.ts'], files['data.ts'], h.fixture ? files[h.fixture] : '', size, seed].join('\0'))}` : `blog/${size}/${seed ?? ''}`,
        label: fixture ? h.fixture! : models ? `data.ts, seed ${h.seed}` : `${meta.dataset ?? 'blog'} ${size}${seed !== null ? `, seed ${seed}` : ''}`,
        source: fixture
          ? { kind: 'fixture', file: h.fixture!, records: hiddenRecords }
          : models
            ? { kind: 'empty' }
            : { kind: 'dataset', dataset: meta.dataset ?? 'blog', size, seed },
        models: visible.models,
        setup: visible.setup,
        seed: h.seed ?? VISIBLE_SEED,
      };
    }
  }

  if (errors.length || !folder) return { value: null, errors };
  return {
    value: {
      name,
      slug: folder[2],
      order: Number(folder[1]),
      dir,
      meta,
      body: fm.body,
      before: files['before.ts'],
      solution: files['solution.ts'],
      check: custom ? files[custom] : null,
      data: { visible, hidden },
    },
    errors,
  };
}

/** lessons/chapters.yaml: the chapters in catalog order. */
export function parseChapters(text: string, file = 'lessons/chapters.yaml'): ParseResult<Chapter[]> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return { value: null, errors: yamlErrors(doc, lines, file, 1) };
  const yaml: YamlSource = { doc, lines, firstLine: 1 };
  const parsed = chaptersSchema.safeParse(doc.toJS(), { reportInput: true });
  if (!parsed.success) return { value: null, errors: zodErrors(parsed.error.issues, file, yaml, () => Object.keys(chapterShape)) };
  const errors: LessonError[] = [];
  const seen = new Set<string>();
  parsed.data.forEach((c, i) => {
    if (seen.has(c.slug)) errors.push({ file, line: lineOf(yaml, [i, 'slug']), path: formatPath([i, 'slug']), message: `expected each slug once, got "${c.slug}" again` });
    seen.add(c.slug);
  });
  return { value: errors.length ? null : parsed.data, errors };
}

/**
 * Rules across lessons: numbers are unique, and each chapter's lessons are
 * consecutive, in the order of chapters.yaml.
 */
export function checkCurriculum(lessons: readonly Lesson[], chapters: readonly Chapter[]): LessonError[] {
  const errors: LessonError[] = [];
  const sorted = [...lessons].sort((a, b) => a.order - b.order);
  const byNumber = new Map<number, Lesson>();
  for (const lesson of sorted) {
    const other = byNumber.get(lesson.order);
    if (other) errors.push({ file: lesson.dir, message: `expected a number no other lesson has, got ${lesson.order}, as ${other.dir}` });
    byNumber.set(lesson.order, lesson);
  }
  const rank = new Map(chapters.map((c, i) => [c.slug, i]));
  let previous: Lesson | null = null;
  for (const lesson of sorted) {
    const r = rank.get(lesson.meta.chapter);
    const p = previous ? rank.get(previous.meta.chapter) : undefined;
    if (previous && r !== undefined && p !== undefined && r < p) {
      errors.push({
        file: `${lesson.dir}/lesson.md`,
        path: 'chapter',
        message: `expected a chapter at or after "${previous.meta.chapter}" (${previous.name} comes first; chapters.yaml lists "${lesson.meta.chapter}" earlier), got "${lesson.meta.chapter}": renumber the folder`,
      });
    }
    previous = lesson;
  }
  return errors;
}
