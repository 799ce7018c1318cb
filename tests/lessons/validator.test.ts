import { beforeAll, describe, expect, test } from 'vitest';
import { formatLessonError } from '../../lib/lessons/errors';
import type { LessonFiles } from '../../lib/lessons/lesson';
import { loadSqlJs } from '../../lib/node/sqljs';
import { checkCurriculum, parseChapters, parseLesson } from '../../lib/lessons/parse';
import { createLocalRunner, type LessonRunner } from '../../lib/lessons/runner';
import { fieldDocs } from '../../lib/lessons/schema';
import { verifyLesson } from '../../lib/lessons/verify';
import { BEFORE, CHAPTERS, demoFiles, FRONT_MATTER, lessonMd, SOLUTION, withLine } from './helpers';

/** Every located error of a lesson folder, as the CLI prints them. */
function errorsOf(files: LessonFiles, name = '99-demo'): string[] {
  return parseLesson(name, files, { chapters: CHAPTERS }).errors.map(formatLessonError);
}

const withFrontMatter = (frontMatter: string, more: Record<string, string | undefined> = {}) => errorsOf(demoFiles({ 'lesson.md': lessonMd(frontMatter), ...more }));

describe('lesson.md front matter', () => {
  test('the demo lesson is valid', () => {
    const result = parseLesson('99-demo', demoFiles(), { chapters: CHAPTERS });
    expect(result.errors).toEqual([]);
    expect(result.value).toMatchObject({ name: '99-demo', slug: 'demo', order: 99, dir: 'lessons/99-demo' });
    expect(result.value!.meta.hints).toEqual([]);
    expect(result.value!.data.visible).toMatchObject({ key: 'blog/tiny', label: 'blog tiny', source: { kind: 'dataset', size: 'tiny', seed: null } });
    expect(result.value!.data.hidden).toBeNull();
  });

  test('bad YAML: the syntax error with its line and column', () => {
    expect(withFrontMatter(withLine('  max_queries: 1', '  max_queries: [1,'))).toEqual([
      'lessons/99-demo/lesson.md:8:3: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(withFrontMatter(withLine('chapter: relations', 'chapter: relations\ntitle: Again'))).toEqual([
      'lessons/99-demo/lesson.md:5:1: YAML syntax error: Map keys must be unique',
    ]);
  });

  test('no front matter', () => {
    expect(errorsOf(demoFiles({ 'lesson.md': '# Demo\n\nProse.\n' }))).toEqual([
      'lessons/99-demo/lesson.md:1: expected front matter between --- lines at the top of the file, got "# Demo"',
    ]);
    expect(errorsOf(demoFiles({ 'lesson.md': '---\ntitle: Demo\n\nProse.\n' }))).toEqual([
      'lessons/99-demo/lesson.md:1: expected a closing --- line after the front matter, got none',
    ]);
  });

  test('unknown key, with the closest known key', () => {
    expect(withFrontMatter(withLine('  max_queries: 1', '  max_query: 1'))).toEqual([
      'lessons/99-demo/lesson.md:7: checks.max_query: unknown key (did you mean "max_queries"?); expected one of max_queries, same_output_as_before, must_use, must_not_use, no_n_plus_one, max_rows_fetched, custom',
    ]);
    expect(withFrontMatter(withLine('chapter: relations', 'chapter: relations\nauthor: me'))).toEqual([
      'lessons/99-demo/lesson.md:5: author: unknown key; expected one of title, summary, chapter, dataset, size, checks, hints, django, hidden_data',
    ]);
  });

  test('wrong type', () => {
    expect(withFrontMatter(withLine('  max_queries: 1', '  max_queries: two'))).toEqual([
      'lessons/99-demo/lesson.md:7: checks.max_queries: expected a positive integer (the statement budget), got "two"',
    ]);
    expect(withFrontMatter(withLine('  same_output_as_before: true', '  same_output_as_before: yes'))).toEqual([
      'lessons/99-demo/lesson.md:8: checks.same_output_as_before: expected true or false, got "yes"',
    ]);
    expect(withFrontMatter(withLine("summary: Load each post's author with its post.", 'summary: |\n  Two\n  lines'))).toEqual([
      'lessons/99-demo/lesson.md:3: summary: expected a one-line summary, got 2 lines of text',
    ]);
  });

  test('missing title', () => {
    expect(withFrontMatter(withLine('title: Demo lesson\n', ''))).toEqual(['lessons/99-demo/lesson.md: title: expected a one-line title, got nothing']);
  });

  test('no checks at all', () => {
    expect(withFrontMatter(withLine('  max_queries: 1\n  same_output_as_before: true', '  same_output_as_before: false'))).toEqual([
      'lessons/99-demo/lesson.md:6: checks: expected at least one check (max_queries, same_output_as_before, must_use, must_not_use, no_n_plus_one, max_rows_fetched, custom), got none',
    ]);
  });

  test('unknown dataset and size', () => {
    expect(withFrontMatter(withLine('size: tiny', 'dataset: shop\nsize: huge'))).toEqual([
      'lessons/99-demo/lesson.md:5: dataset: expected one of blog, got "shop"',
      'lessons/99-demo/lesson.md:6: size: expected one of tiny, default, large, got "huge"',
    ]);
  });

  test('must_use with an unknown method name', () => {
    expect(withFrontMatter(withLine('  max_queries: 1', '  max_queries: 1\n  must_use: [selectRelated]'))).toEqual([
      'lessons/99-demo/lesson.md:8: checks.must_use[0]: expected a QuerySet method or ORM function name (e.g. select_related, prefetch_related, Prefetch), got "selectRelated"; did you mean "select_related"?',
    ]);
    expect(withFrontMatter(withLine('  max_queries: 1', '  max_queries: 1\n  must_use: select_related'))).toEqual([
      'lessons/99-demo/lesson.md:8: checks.must_use: expected a list of names the code must call, e.g. [select_related], got "select_related"',
    ]);
  });

  test('the same name in must_use and must_not_use', () => {
    expect(withFrontMatter(withLine('  max_queries: 1', '  max_queries: 1\n  must_use: [select_related]\n  must_not_use: [select_related]'))).toEqual([
      'lessons/99-demo/lesson.md:9: checks.must_not_use: expected names not also in must_use, got "select_related" in both',
    ]);
  });

  test('a chapter that chapters.yaml does not list', () => {
    expect(withFrontMatter(withLine('chapter: relations', 'chapter: relatons'))).toEqual([
      'lessons/99-demo/lesson.md:4: chapter: expected one of the chapters in lessons/chapters.yaml (basics, relations), got "relatons"; did you mean "relations"?',
    ]);
  });

  test('hidden_data invalid', () => {
    const hidden = (yaml: string, more: Record<string, string | undefined> = {}) => withFrontMatter(withLine('size: tiny', `size: tiny\n${yaml}`), more);
    expect(hidden('hidden_data:\n  size: tiny')).toEqual([
      'lessons/99-demo/lesson.md:6: hidden_data: expected data different from the visible data (blog tiny): another size or a seed, got the same',
    ]);
    expect(hidden('hidden_data:\n  seed: -3\n  rows: 5')).toEqual([
      'lessons/99-demo/lesson.md:7: hidden_data.seed: expected a positive integer seed, got -3',
      'lessons/99-demo/lesson.md:8: hidden_data.rows: unknown key; expected one of size, seed, fixture',
    ]);
    expect(hidden('hidden_data: {}')).toEqual(['lessons/99-demo/lesson.md:6: hidden_data: expected at least one of size, seed, fixture, got none']);
    expect(hidden('hidden_data:\n  fixture: other.json')).toEqual([
      'lessons/99-demo/lesson.md:7: hidden_data.fixture: expected no fixture: the visible data is blog tiny, not fixture.json; use size or seed, got "other.json"',
    ]);
  });

  test('hidden_data resolves to another seed or size', () => {
    const files = demoFiles({ 'lesson.md': lessonMd(withLine('size: tiny', 'size: tiny\nhidden_data:\n  seed: 7')) });
    expect(parseLesson('99-demo', files).value!.data.hidden).toMatchObject({ key: 'blog/tiny/7', label: 'blog tiny, seed 7', source: { kind: 'dataset', size: 'tiny', seed: 7 } });
  });

  test('prose: missing, or with its own # title', () => {
    expect(errorsOf(demoFiles({ 'lesson.md': lessonMd(FRONT_MATTER, '\n') }))).toEqual([
      'lessons/99-demo/lesson.md:17: expected the lesson prose (Markdown) after the front matter, got nothing',
    ]);
    expect(errorsOf(demoFiles({ 'lesson.md': lessonMd(FRONT_MATTER, '\nIntro.\n\n# Demo\n\nText.\n') }))).toEqual([
      'lessons/99-demo/lesson.md:20: expected ## headings in the prose (the page shows `title` as the only # heading), got "# Demo"',
    ]);
  });
});

describe('lesson files', () => {
  test('missing before.ts / solution.ts / lesson.md', () => {
    expect(errorsOf(demoFiles({ 'before.ts': undefined }))).toEqual([
      'lessons/99-demo/before.ts: missing file: every lesson needs before.ts (the naive code the learner starts from)',
    ]);
    expect(errorsOf(demoFiles({ 'solution.ts': undefined }))).toEqual([
      'lessons/99-demo/solution.ts: missing file: every lesson needs solution.ts (an optimized answer that passes every check)',
    ]);
    expect(errorsOf(demoFiles({ 'lesson.md': undefined }))).toEqual(['lessons/99-demo/lesson.md: missing file: every lesson needs lesson.md (front matter and prose)']);
  });

  test('a syntax error in before.ts', () => {
    expect(errorsOf(demoFiles({ 'before.ts': 'for (const p of Post.objects.all() print(p);\n' }))).toEqual([
      'lessons/99-demo/before.ts:1:36: SyntaxError: Unexpected token, expected ")"',
    ]);
  });

  test('a badly named folder, an unexpected file', () => {
    expect(errorsOf(demoFiles(), 'Demo')).toEqual(['lessons/Demo: expected a folder name like 04-select-related (a number, a dash, a lowercase slug), got "Demo"']);
    expect(errorsOf(demoFiles({ 'solutions.ts': SOLUTION }))).toEqual([
      'lessons/99-demo/solutions.ts: unexpected file (did you mean solution.ts?); a lesson folder holds lesson.md, before.ts, solution.ts and optionally models.ts, data.ts, fixture.json, check.ts and images',
    ]);
    expect(errorsOf(demoFiles({ 'diagram.svg': '' }))).toEqual([]);
  });

  test('custom without check.ts', () => {
    expect(withFrontMatter(withLine('  max_queries: 1', '  max_queries: 1\n  custom: check.ts'))).toEqual([
      'lessons/99-demo/lesson.md:8: checks.custom: expected check.ts in the lesson folder, got no such file',
    ]);
  });

  test('check.ts without custom, and a check.ts without a default export', () => {
    expect(errorsOf(demoFiles({ 'check.ts': 'export default () => ({ passed: true, message: "" });\n' }))).toEqual([
      'lessons/99-demo/check.ts: unused: add `custom: check.ts` under checks (or delete the file)',
    ]);
    expect(withFrontMatter(withLine('  max_queries: 1', '  max_queries: 1\n  custom: check.ts'), { 'check.ts': "export const title = 'x';\n" })).toEqual([
      'lessons/99-demo/check.ts: expected `export default` of a function ({ record, before, db }) => ({ passed, message }), got no default export',
    ]);
    expect(withFrontMatter(withLine('  max_queries: 1', '  max_queries: 1\n  custom: check.ts'), { 'check.ts': "import { x } from 'node:fs';\nexport default x;\n" })).toEqual([
      "lessons/99-demo/check.ts:1: Error: check.ts cannot import 'node:fs' (it runs in the browser sandbox): use `import type`, or names that are in scope",
    ]);
  });

  test('models.ts needs data.ts or fixture.json, and no dataset or size', () => {
    const models = 'export class Shelf extends Model {\n  static fields = { name: CharField({ max_length: 50 }) };\n}\n';
    expect(errorsOf(demoFiles({ 'models.ts': models }))).toEqual([
      'lessons/99-demo/lesson.md:5: size: expected no size: the lesson has its own models (models.ts), whose rows come from data.ts or fixture.json, got "tiny"',
      'lessons/99-demo/models.ts: expected the rows for these models too: add data.ts (code that creates them) or fixture.json (Django dumpdata), got neither',
    ]);
    expect(withFrontMatter(withLine('size: tiny', 'dataset: blog'), { 'models.ts': models, 'data.ts': "Shelf.objects.create({ name: 'a' });\n" })).toEqual([
      'lessons/99-demo/lesson.md:5: dataset: expected no dataset: the lesson declares its own models in models.ts, got "blog"',
    ]);
    expect(withFrontMatter(withLine('size: tiny\n', ''), { 'models.ts': models, 'data.ts': "Shelf.objects.create({ name: 'a' });\n" })).toEqual([]);
  });

  test('data.ts and fixture.json together; a fixture with a size; invalid JSON', () => {
    expect(withFrontMatter(withLine('size: tiny\n', ''), { 'fixture.json': '[]', 'data.ts': 'print(1);\n' })).toEqual([
      'lessons/99-demo/data.ts: expected one source of rows, got both data.ts and fixture.json: keep one',
    ]);
    expect(errorsOf(demoFiles({ 'fixture.json': '[]' }))).toEqual(['lessons/99-demo/lesson.md:5: size: expected no size: the data comes from fixture.json, got "tiny"']);
    expect(withFrontMatter(withLine('size: tiny\n', ''), { 'fixture.json': '[\n  {"model": }\n]' })).toEqual([
      'lessons/99-demo/fixture.json:2:13: invalid JSON: expected a value (string, number, true, false, null, object or list), got "}"',
    ]);
  });
});

describe('chapters.yaml and the curriculum', () => {
  test('chapters.yaml mistakes are located', () => {
    expect(parseChapters('- slug: basics\n  title: Basics\n- slug: Relations\n  titel: Related objects\n').errors.map(formatLessonError)).toEqual([
      'lessons/chapters.yaml:3: [1].slug: expected a slug such as relations, got "Relations"',
      'lessons/chapters.yaml:3: [1].title: expected a one-line title, got nothing',
      'lessons/chapters.yaml:4: [1].titel: unknown key (did you mean "title"?); expected one of slug, title, summary',
    ]);
  });

  test("a chapter's lessons are numbered consecutively, in chapters.yaml order; numbers are unique", () => {
    const lesson = (name: string, chapter: string) =>
      parseLesson(name, demoFiles({ 'lesson.md': lessonMd(withLine('chapter: relations', `chapter: ${chapter}`)) }), { chapters: CHAPTERS }).value!;
    expect(checkCurriculum([lesson('01-a', 'basics'), lesson('02-b', 'relations'), lesson('03-c', 'basics')], CHAPTERS).map(formatLessonError)).toEqual([
      'lessons/03-c/lesson.md: chapter: expected a chapter at or after "relations" (02-b comes first; chapters.yaml lists "basics" earlier), got "basics": renumber the folder',
    ]);
    expect(checkCurriculum([lesson('01-a', 'basics'), lesson('01-b', 'basics')], CHAPTERS).map(formatLessonError)).toEqual([
      'lessons/01-b: expected a number no other lesson has, got 1, as lessons/01-a',
    ]);
  });

  test('every front-matter field is described', () => {
    for (const field of fieldDocs()) expect(field.description, field.path).not.toBe('');
  });
});

describe('running the lesson (tiny data)', () => {
  let runner: LessonRunner;
  beforeAll(async () => {
    runner = createLocalRunner(await loadSqlJs());
  });

  const verify = async (files: LessonFiles) => {
    const parsed = parseLesson('99-demo', files, { chapters: CHAPTERS });
    expect(parsed.errors).toEqual([]);
    return (await verifyLesson(parsed.value!, runner)).errors.map(formatLessonError);
  };

  test('the demo lesson passes: solution passes everything, before fails something', async () => {
    expect(await verify(demoFiles())).toEqual([]);
  });

  test('a solution that fails a check', async () => {
    expect(await verify(demoFiles({ 'solution.ts': BEFORE.replace("order_by('id')", "order_by('-id')") }))).toEqual([
      'lessons/99-demo/solution.ts: fails "At most 1 query" (max_queries) on blog tiny: 6 statements, budget is 1 (5 similar queries on blog_author from line 1: lazy FK load Post.author)',
      "lessons/99-demo/solution.ts: fails \"Prints the same as the original code\" (same_output_as_before) on blog tiny: output differs from before at line 1: expected 'judy', got 'mallory'",
    ]);
  });

  test('a solution that only passes on the visible data', async () => {
    const tuned = `for (const name of ['judy', 'erin', 'judy', 'grace', 'frank']) print(name);\n`;
    const files = demoFiles({ 'lesson.md': lessonMd(withLine('size: tiny', 'size: tiny\nhidden_data:\n  seed: 7')), 'solution.ts': tuned });
    expect(await verify(files)).toEqual([
      "lessons/99-demo/solution.ts: fails \"Prints the same as the original code\" (same_output_as_before) on blog tiny, seed 7: output differs from before at line 1: expected 'grace', got 'judy'",
    ]);
  });

  test('a before.ts that passes everything', async () => {
    expect(await verify(demoFiles({ 'before.ts': SOLUTION }))).toEqual([
      'lessons/99-demo/before.ts: passes every check, so the lesson teaches nothing: tighten a check (before.ts ran 1 statements and fetched 5 rows)',
    ]);
  });

  test('a before.ts that raises', async () => {
    expect(await verify(demoFiles({ 'before.ts': 'print(Post.objects.first().titel.length);\n' }))).toEqual([
      "lessons/99-demo/before.ts:1: raised TypeError: Cannot read properties of undefined (reading 'length') (on blog tiny)",
    ]);
  });
});
