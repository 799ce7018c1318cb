import { beforeAll, describe, expect, test } from 'vitest';
import { formatLessonError } from '../../lib/lessons/errors';
import { checkLesson } from '../../lib/lessons/evaluate';
import type { LessonFiles } from '../../lib/lessons/lesson';
import { loadSqlJs } from '../../lib/node/sqljs';
import { parseLesson } from '../../lib/lessons/parse';
import { createLocalRunner, type LessonRunner } from '../../lib/lessons/runner';
import { verifyLesson } from '../../lib/lessons/verify';

const md = (frontMatter: string) =>
  `---\ntitle: Demo\nsummary: A demo.\nchapter: basics\n${frontMatter}\ndjango:\n  before: pass\n  solution: pass\n---\n\nProse.\n`;

const SHELF_MODELS = `export class Shelf extends Model {
  static fields = { name: CharField({ max_length: 50 }) };
}
export class Book extends Model {
  static fields = {
    title: CharField({ max_length: 100 }),
    shelf: ForeignKey(() => Shelf, { on_delete: CASCADE }),
  };
}
`;

let runner: LessonRunner;
beforeAll(async () => {
  runner = createLocalRunner(await loadSqlJs());
});

function lesson(files: LessonFiles) {
  const parsed = parseLesson('50-demo', files);
  expect(parsed.errors.map(formatLessonError)).toEqual([]);
  return parsed.value!;
}

describe('custom checks (check.ts)', () => {
  const files: LessonFiles = {
    'lesson.md': md('size: tiny\nchecks:\n  max_queries: 2\n  custom: check.ts\nhidden_data:\n  seed: 3'),
    'before.ts': 'for (const p of Post.objects.filter({ published: false })) {\n  p.published = true;\n  p.save();\n}\n',
    'solution.ts': 'Post.objects.filter({ published: false }).update({ published: true });\n',
    'check.ts': `import type { CustomCheck } from '../../lib/lessons/custom-check';

export const title = 'Every draft is published';

const check: CustomCheck = ({ db, record, before, data }) => {
  const left = db.value('SELECT COUNT(*) FROM blog_post WHERE published = %s', [0]);
  if (left !== 0) return { passed: false, message: \`\${left} posts are still drafts\` };
  return { passed: true, message: \`no drafts left on \${data} data (\${record.totals.writes} writes, before.ts made \${before.totals.writes})\` };
};
export default check;
`,
  };

  test('check.ts sees the final database, the run and before.ts’s run', async () => {
    const v = await verifyLesson(lesson(files), runner);
    expect(v.errors).toEqual([]);
    const custom = v.solution.outcomes.filter((o) => o.check === 'custom');
    expect(custom.map((o) => [o.label, o.passed, o.reason])).toEqual([
      ['Every draft is published', true, 'no drafts left on visible data (1 writes, before.ts made 15)'],
      ['Every draft is published', true, 'no drafts left on hidden data (1 writes, before.ts made 17)'],
    ]);
  });

  test('a learner who forgets part of the job fails it', async () => {
    const partial = "Post.objects.filter({ published: false, pk__lte: 30 }).update({ published: true });\n";
    const result = await checkLesson(lesson(files), partial, runner);
    expect(result.passed).toBe(false);
    expect(result.outcomes.find((o) => o.check === 'custom')).toMatchObject({ passed: false, reason: '9 posts are still drafts', data: 'visible' });
    expect(result.runs.map((r) => r.data)).toEqual(['visible']); // hidden data only once the visible data passes
  });

  test('check.ts cannot write, and its exceptions are reported with its line', async () => {
    const writer = files['check.ts'].replace("db.value('SELECT COUNT(*) FROM blog_post WHERE published = %s', [0])", "db.value('DELETE FROM blog_post')");
    const result = await checkLesson(lesson({ ...files, 'check.ts': writer }), files['solution.ts'], runner);
    expect(result.outcomes.find((o) => o.check === 'custom')!.reason).toBe('check.ts:6 raised Error: attempt to write a readonly database');
  });
});

describe('lessons with their own models (models.ts)', () => {
  test('models.ts + data.ts: data.ts builds the rows once, SEED and rng change with hidden_data.seed', async () => {
    const l = lesson({
      'lesson.md': md('checks:\n  max_queries: 1\n  same_output_as_before: true\nhidden_data:\n  seed: 5'),
      'models.ts': SHELF_MODELS,
      'data.ts': "const shelves = range(3).map((i) => Shelf.objects.create({ name: `shelf ${i}` }));\nfor (const i of range(6)) Book.objects.create({ title: `book ${rng.int(1, 1000)}`, shelf: shelves[i % 3] });\n",
      'before.ts': "for (const b of Book.objects.order_by('id')) print(b.title, b.shelf.name);\n",
      'solution.ts': "for (const b of Book.objects.select_related('shelf').order_by('id')) print(b.title, b.shelf.name);\n",
    });
    expect(l.data.visible).toMatchObject({ label: 'data.ts', source: { kind: 'empty' }, seed: 1 });
    const v = await verifyLesson(l, runner);
    expect(v.errors).toEqual([]);
    const [visible, hidden] = v.solution.runs;
    expect(visible.learner.output).toHaveLength(6);
    expect(visible.learner.output).not.toEqual(hidden.learner.output);
    expect(visible.learner.statements[0].display_sql).toContain('FROM "app_book" INNER JOIN "app_shelf"');
  });

  test('models.ts + fixture.json, with another fixture as hidden data', async () => {
    const fixture = (names: string[]) => JSON.stringify(names.map((name, i) => ({ model: 'app.shelf', pk: i + 1, fields: { name } })));
    const l = lesson({
      'lesson.md': md('checks:\n  max_queries: 1\n  same_output_as_before: true\nhidden_data:\n  fixture: hidden.json'),
      'models.ts': SHELF_MODELS,
      'fixture.json': fixture(['a', 'b']),
      'hidden.json': fixture(['x', 'y', 'z']),
      'before.ts': 'for (const s of Shelf.objects.all()) print(Shelf.objects.get({ pk: s.pk }).name);\n',
      'solution.ts': 'for (const s of Shelf.objects.all()) print(s.name);\n',
    });
    const v = await verifyLesson(l, runner);
    expect(v.errors).toEqual([]);
    expect(v.solution.runs.map((r) => [r.label, r.learner.output])).toEqual([
      ['fixture.json', ['a', 'b']],
      ['hidden.json', ['x', 'y', 'z']],
    ]);
  });

  test('mistakes in models.ts, data.ts and fixture.json are located', async () => {
    const base = { 'lesson.md': md('checks:\n  max_queries: 1'), 'before.ts': 'print(1);\n', 'solution.ts': 'print(1);\n' };
    const problems = async (files: LessonFiles) => (await verifyLesson(lesson({ ...base, ...files }), runner)).errors.map(formatLessonError);
    expect(await problems({ 'models.ts': SHELF_MODELS, 'data.ts': "Shelf.objects.create({ nam: 'x' });\n" })).toEqual([
      "lessons/50-demo/data.ts:1:15: TypeError: Shelf() got unexpected keyword arguments: 'nam'",
    ]);
    expect(await problems({ 'models.ts': 'export const x = 1;\n', 'data.ts': '' })).toEqual([
      'lessons/50-demo/models.ts: expected exported models (`export class Book extends Model { ... }`), got none',
    ]);
    expect(await problems({ 'fixture.json': '[{"model": "blog.autor", "pk": 1, "fields": {}}]' })).toEqual([
      "lessons/50-demo/fixture.json: record 1: Invalid model identifier: 'blog.autor'",
    ]);
  });
});
