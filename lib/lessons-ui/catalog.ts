/**
 * The curriculum as the pages show it: chapters (in chapters.yaml order) with
 * their lessons (in folder-number order), each lesson's place, and the
 * previous/next lesson. Plain data, built at build time from lib/node/lessons.ts
 * and passed to the pages; no React, no file system.
 */
import type { Lesson } from '../lessons/lesson';
import type { Chapter } from '../lessons/schema';

export interface CatalogLesson {
  slug: string;
  /** The folder number (`2` for 02-n-plus-one-select-related). */
  number: number;
  /** 1-based position in the curriculum (the numbers may have gaps). */
  position: number;
  title: string;
  summary: string;
  chapter: string;
  href: string;
}

export interface CatalogChapter {
  slug: string;
  title: string;
  summary: string | null;
  /** 1-based, in chapters.yaml order (chapters without lessons are left out). */
  number: number;
  lessons: CatalogLesson[];
}

export interface Catalog {
  chapters: CatalogChapter[];
  /** Every lesson, in curriculum order. */
  lessons: CatalogLesson[];
}

export function lessonHref(slug: string): string {
  return `/lessons/${slug}`;
}

/** The lesson number as the catalog prints it: `02`. */
export function lessonNumber(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Chapters in chapters.yaml order, each with its lessons by folder number.
 * Lessons naming a chapter that is not in the list go to a last "Other lessons"
 * chapter rather than vanishing (the validator reports them anyway).
 */
export function buildCatalog(chapters: readonly Chapter[], lessons: readonly Pick<Lesson, 'slug' | 'order' | 'meta'>[]): Catalog {
  const sorted = [...lessons].sort((a, b) => a.order - b.order);
  const all: CatalogLesson[] = sorted.map((l, i) => ({
    slug: l.slug,
    number: l.order,
    position: i + 1,
    title: l.meta.title,
    summary: l.meta.summary,
    chapter: l.meta.chapter,
    href: lessonHref(l.slug),
  }));
  const known = new Set(chapters.map((c) => c.slug));
  const out: CatalogChapter[] = [];
  for (const c of chapters) {
    const own = all.filter((l) => l.chapter === c.slug);
    if (own.length) out.push({ slug: c.slug, title: c.title, summary: c.summary ?? null, number: out.length + 1, lessons: own });
  }
  const orphans = all.filter((l) => !known.has(l.chapter));
  if (orphans.length) out.push({ slug: 'other', title: 'Other lessons', summary: null, number: out.length + 1, lessons: orphans });
  return { chapters: out, lessons: all };
}

export interface LessonPlace {
  lesson: CatalogLesson;
  chapter: CatalogChapter;
  previous: CatalogLesson | null;
  next: CatalogLesson | null;
  total: number;
}

/** Where a lesson sits: its chapter and its neighbours in curriculum order (across chapters). */
export function lessonPlace(catalog: Catalog, slug: string): LessonPlace | null {
  const i = catalog.lessons.findIndex((l) => l.slug === slug);
  if (i < 0) return null;
  const lesson = catalog.lessons[i];
  const chapter = catalog.chapters.find((c) => c.lessons.some((l) => l.slug === slug))!;
  return {
    lesson,
    chapter,
    previous: i > 0 ? catalog.lessons[i - 1] : null,
    next: i < catalog.lessons.length - 1 ? catalog.lessons[i + 1] : null,
    total: catalog.lessons.length,
  };
}
