/**
 * A lesson as its page needs it, built at build time (server component) and
 * passed to the client as plain, serialisable data: the prose and hints
 * already rendered to HTML, the Django code highlighted, the lesson's place in
 * the curriculum, and what Check needs (the `Lesson` without its Markdown).
 */
import type { BlogSize } from '../db/datasets/blog-data';
import { compileCustomCheck } from '../lessons/custom-check';
import { standardBlogSize, type Lesson, type LessonData } from '../lessons/lesson';
import type { LessonChecks } from '../lessons/schema';
import type { Catalog, CatalogLesson } from './catalog';
import { lessonPlace } from './catalog';
import { highlightHtml } from './highlight';
import { renderInline, renderMarkdown } from './markdown';

export interface LessonLink {
  slug: string;
  number: number;
  title: string;
  href: string;
}

export interface LessonPageData {
  slug: string;
  number: number;
  title: string;
  summary: string;
  chapter: { slug: string; title: string; number: number };
  /** 1-based place in the curriculum, and how many lessons there are. */
  position: number;
  total: number;
  previous: LessonLink | null;
  next: LessonLink | null;
  bodyHtml: string;
  hintsHtml: string[];
  django: { before: string; solution: string; beforeHtml: string; solutionHtml: string };
  /** The starting code (before.ts) and the answer (solution.ts). */
  before: string;
  solution: string;
  checks: LessonChecks;
  customTitle: string | null;
  visibleLabel: string;
  hiddenLabel: string | null;
  /** The blog size Run uses when the lesson runs on a standard blog dataset; null for the lesson's own data. */
  size: BlogSize | null;
  /** The lesson declares its own models (models.ts): the editor's typings come from them. */
  hasModels: boolean;
  /** What checkLesson needs (the Markdown body left out). */
  lesson: Lesson;
}

const link = (l: CatalogLesson | null): LessonLink | null => (l ? { slug: l.slug, number: l.number, title: l.title, href: l.href } : null);

function customTitle(lesson: Lesson): string | null {
  if (!lesson.check) return null;
  const compiled = compileCustomCheck(lesson.check, lesson.meta.checks.custom ?? 'check.ts');
  return 'error' in compiled ? null : compiled.title;
}

function plainData(data: LessonData): LessonData {
  // Fixture records are JSON already; a copy keeps the page data free of shared references.
  return JSON.parse(JSON.stringify(data)) as LessonData;
}

export function lessonPageData(lesson: Lesson, catalog: Catalog): LessonPageData {
  const place = lessonPlace(catalog, lesson.slug);
  if (!place) throw new Error(`lesson ${lesson.slug} is not in the catalog`);
  const { meta } = lesson;
  return {
    slug: lesson.slug,
    number: lesson.order,
    title: meta.title,
    summary: meta.summary,
    chapter: { slug: place.chapter.slug, title: place.chapter.title, number: place.chapter.number },
    position: place.lesson.position,
    total: place.total,
    previous: link(place.previous),
    next: link(place.next),
    bodyHtml: renderMarkdown(lesson.body),
    hintsHtml: (meta.hints ?? []).map((h) => renderInline(h)),
    django: {
      before: meta.django.before,
      solution: meta.django.solution,
      beforeHtml: highlightHtml(meta.django.before.replace(/\s+$/, ''), 'python'),
      solutionHtml: highlightHtml(meta.django.solution.replace(/\s+$/, ''), 'python'),
    },
    before: lesson.before,
    solution: lesson.solution,
    checks: meta.checks,
    customTitle: customTitle(lesson),
    visibleLabel: lesson.data.visible.label,
    hiddenLabel: lesson.data.hidden?.label ?? null,
    size: standardBlogSize(lesson.data.visible),
    hasModels: lesson.data.visible.models !== null,
    lesson: {
      ...lesson,
      body: '',
      data: { visible: plainData(lesson.data.visible), hidden: lesson.data.hidden ? plainData(lesson.data.hidden) : null },
    },
  };
}
