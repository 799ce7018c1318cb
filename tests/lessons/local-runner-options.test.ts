/**
 * What the browser worker asks of lib/lessons/runner.ts: reuse a snapshot the
 * host already holds (the blog size the sandbox built), keep only a few lesson
 * databases, and describe a lesson's own models for the editor's typings.
 */
import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { standardBlogSize, type LessonData } from '../../lib/lessons/lesson';
import { createLocalRunner, LessonDataError, lessonModels } from '../../lib/lessons/runner';
import { loadSqlJs } from '../../lib/node/sqljs';
import { declarationsFor } from '../../lib/runner/declarations';
import { buildSnapshot } from '../../lib/runner/session';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

const SHELVES = `export class Shelf extends Model {
  static fields = { name: CharField({ max_length: 50 }) };
}
export class Book extends Model {
  static fields = { title: CharField({ max_length: 100 }), shelf: ForeignKey(() => Shelf, { on_delete: CASCADE }) };
}
`;
const SETUP = `const s = Shelf.objects.create({ name: 'shelf ' + SEED });
for (const i of range(3)) Book.objects.create({ title: 'book ' + i, shelf: s });`;

const own = (seed: number): LessonData => ({ key: `demo#${seed}`, label: `data.ts, seed ${seed}`, source: { kind: 'empty' }, models: SHELVES, setup: SETUP, seed });
const blog = (size: 'tiny' | 'default', seed: number | null = null): LessonData => ({
  key: `blog/${size}/${seed ?? ''}`,
  label: `blog ${size}`,
  source: { kind: 'dataset', dataset: 'blog', size, seed },
  models: null,
  setup: null,
  seed: seed ?? 1,
});

describe('createLocalRunner options', () => {
  it('uses the host’s snapshot for data it already holds, and builds the rest', async () => {
    const tiny = buildSnapshot(SQL, { kind: 'dataset', dataset: 'blog', size: 'tiny' });
    const asked: string[] = [];
    const runner = createLocalRunner(SQL, {
      existing: (data) => {
        asked.push(data.key);
        return standardBlogSize(data) === 'tiny' ? tiny : undefined;
      },
    });
    expect(runner.snapshot(blog('tiny'))).toBe(tiny);
    const { record } = await runner.run({ data: blog('tiny'), code: 'print(Post.objects.count())', file: 'learner.ts' });
    expect(record.output).toEqual(['60']);
    expect(runner.snapshot(blog('tiny', 3))).not.toBe(tiny);
    expect(asked).toEqual(['blog/tiny/', 'blog/tiny/', 'blog/tiny/3']);
  });

  it('keeps at most maxSnapshots lesson databases, least recently used dropped first', () => {
    const runner = createLocalRunner(SQL, { maxSnapshots: 2 });
    const one = runner.snapshot(own(1));
    expect(runner.snapshot(own(1))).toBe(one);
    const two = runner.snapshot(own(2));
    runner.snapshot(own(1)); // used again: 2 is now the oldest
    runner.snapshot(own(3)); // drops 2
    expect(runner.snapshot(own(1))).toBe(one);
    expect(runner.snapshot(own(2))).not.toBe(two);
  });

  it('standardBlogSize: only the blog dataset at its standard seed, without models.ts or data.ts', () => {
    expect(standardBlogSize(blog('default'))).toBe('default');
    expect(standardBlogSize(blog('default', 7))).toBeNull();
    expect(standardBlogSize({ ...blog('tiny'), setup: 'print(1)' })).toBeNull();
    expect(standardBlogSize(own(1))).toBeNull();
  });
});

describe('lessonModels (the worker’s lesson-types answer)', () => {
  it("describes models.ts's models, typed for the editor", () => {
    const { models, scopeNames } = lessonModels(SQL, own(1));
    expect(models.map((m) => m.name)).toEqual(['Shelf', 'Book']);
    expect(scopeNames).toEqual(expect.arrayContaining(['Shelf', 'Book', 'Count', 'print']));
    const types = declarationsFor(models, scopeNames);
    expect(types.typed).toBe(true);
    expect(types.declarations).toMatch(/\bBook\b/);
    expect(types.declarations).toMatch(/\bshelf\b/);
    expect(types.declarations).not.toMatch(/\bdeclare const Post\b/);
  });

  it('the blog models for a blog lesson', () => {
    expect(lessonModels(SQL, blog('tiny')).models.map((m) => m.name)).toEqual(['Author', 'Category', 'Tag', 'Post', 'Comment']);
  });

  it('a broken models.ts is a LessonDataError naming the file', () => {
    expect(() => lessonModels(SQL, { ...own(1), models: 'export class Shelf extends Model {\n  static fields = { name: CharFeld() };\n}\n' })).toThrow(LessonDataError);
    let error: unknown = null;
    try {
      lessonModels(SQL, { ...own(1), models: 'export const x = 1;' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LessonDataError);
    expect((error as LessonDataError).file).toBe('models.ts');
    expect((error as Error).message).toMatch(/expected exported models/);
  });
});
