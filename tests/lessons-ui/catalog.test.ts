/**
 * The catalog: chapters in chapters.yaml order with their lessons by folder
 * number, positions, neighbours across chapters; and the real curriculum as
 * the site builds it (lib/node/site.ts), with the home page's dataset facts.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOG_SIZES } from '../../lib/db/datasets/blog-data';
import type { Lesson } from '../../lib/lessons/lesson';
import { buildCatalog, lessonHref, lessonNumber, lessonPlace } from '../../lib/lessons-ui/catalog';
import { blogOverview, siteCurriculum } from '../../lib/node/site';
import { demoFiles } from '../lessons/helpers';

const lesson = (order: number, slug: string, chapter: string) =>
  ({ order, slug, meta: { title: `Title ${slug}`, summary: `Summary ${slug}`, chapter } }) as unknown as Pick<Lesson, 'slug' | 'order' | 'meta'>;

const CHAPTERS = [
  { slug: 'basics', title: 'Basics', summary: 'First things.' },
  { slug: 'empty', title: 'Nothing yet' },
  { slug: 'relations', title: 'Relations' },
];

describe('buildCatalog', () => {
  const catalog = buildCatalog(CHAPTERS, [lesson(5, 'e', 'relations'), lesson(1, 'a', 'basics'), lesson(3, 'c', 'relations'), lesson(2, 'b', 'basics'), lesson(9, 'z', 'nowhere')]);

  it('orders chapters as listed and lessons by number; empty chapters are left out, unknown ones come last', () => {
    expect(catalog.chapters.map((c) => [c.slug, c.number, c.lessons.map((l) => l.slug)])).toEqual([
      ['basics', 1, ['a', 'b']],
      ['relations', 2, ['c', 'e']],
      ['other', 3, ['z']],
    ]);
    expect(catalog.chapters[0].summary).toBe('First things.');
    expect(catalog.chapters[1].summary).toBeNull();
  });

  it('numbers positions without gaps and links each lesson by slug', () => {
    expect(catalog.lessons.map((l) => [l.slug, l.number, l.position, l.href])).toEqual([
      ['a', 1, 1, '/lessons/a'],
      ['b', 2, 2, '/lessons/b'],
      ['c', 3, 3, '/lessons/c'],
      ['e', 5, 4, '/lessons/e'],
      ['z', 9, 5, '/lessons/z'],
    ]);
    expect(lessonHref('x-y')).toBe('/lessons/x-y');
    expect(lessonNumber(2)).toBe('02');
    expect(lessonNumber(123)).toBe('123');
  });

  it('finds neighbours across chapters, none before the first or after the last', () => {
    const b = lessonPlace(catalog, 'b')!;
    expect([b.previous?.slug, b.next?.slug, b.chapter.slug, b.total]).toEqual(['a', 'c', 'basics', 5]);
    expect(lessonPlace(catalog, 'a')!.previous).toBeNull();
    expect(lessonPlace(catalog, 'z')!.next).toBeNull();
    expect(lessonPlace(catalog, 'missing')).toBeNull();
  });
});

describe('the site curriculum (lib/node/site.ts)', () => {
  it('reads every lesson folder; slugs are the folder names without their numbers', () => {
    const { catalog, lessons } = siteCurriculum();
    expect(lessons.length).toBeGreaterThanOrEqual(22);
    expect(catalog.lessons.length).toBe(lessons.length);
    const place = lessonPlace(catalog, 'n-plus-one-select-related')!;
    expect([place.previous?.slug, place.next?.slug, place.chapter.slug]).toEqual(['lazy-evaluation', 'prefetch-related', 'relations']);
    // Every chapter's lessons are consecutive in curriculum order.
    expect(catalog.chapters.flatMap((c) => c.lessons.map((l) => l.position))).toEqual(catalog.lessons.map((l) => l.position));
  });

  it('a broken lessons/ folder fails with located errors', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'orm-lab-lessons-'));
    try {
      writeFileSync(path.join(root, 'chapters.yaml'), '- slug: relations\n  title: Related objects\n');
      mkdirSync(path.join(root, '01-demo'));
      for (const [name, text] of Object.entries(demoFiles({ 'solution.ts': undefined }))) writeFileSync(path.join(root, '01-demo', name), text);
      expect(() => siteCurriculum(root)).toThrow(/lessons\/01-demo.*solution\.ts/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('blogOverview (home page)', () => {
  it('describes the blog models from the ORM and the sizes from the generator', async () => {
    const { schema, sizes } = await blogOverview();
    expect(schema.models.map((m) => m.name)).toEqual(['Author', 'Category', 'Tag', 'Post', 'Comment']);
    const post = schema.models.find((m) => m.name === 'Post')!;
    expect(post.fields.find((f) => f.name === 'tags')?.relation).toMatchObject({ kind: 'm2m', to: 'Tag' });
    expect(post.fields.find((f) => f.name === 'author')?.relation).toMatchObject({ kind: 'fk', to: 'Author', on_delete: 'CASCADE' });
    expect(post.indexes.some((i) => i.origin === 'Meta.indexes')).toBe(true);
    expect(sizes.map((s) => s.size)).toEqual(['tiny', 'default', 'large']);
    for (const s of sizes) expect(s).toMatchObject({ posts: BLOG_SIZES[s.size].posts, comments: BLOG_SIZES[s.size].comments, authors: BLOG_SIZES[s.size].authors });
  });
});
