import type { BlogSize } from '../db/datasets/blog-data';
import type { LessonFrontMatter } from './schema';

/** A lesson folder's files: name → text (`lesson.md`, `before.ts`, ...). */
export type LessonFiles = Record<string, string>;

/** Where a run's rows come from. `seed: null` is the dataset's standard seed (what the sandbox shows). */
export type LessonDataSource =
  | { kind: 'dataset'; dataset: 'blog'; size: BlogSize; seed: number | null }
  | { kind: 'fixture'; file: string; records: unknown }
  | { kind: 'empty' };

/**
 * Everything needed to build the database a lesson's code runs on; plain data,
 * so it can be posted to a worker. Equal keys mean identical databases.
 */
export interface LessonData {
  key: string;
  /** For messages and the check table: `blog default`, `blog default, seed 7`, `fixture.json`. */
  label: string;
  source: LessonDataSource;
  /** models.ts: the lesson's own models instead of the blog models. */
  models: string | null;
  /** data.ts: code run once on top of the source rows, when the database is built (not recorded). */
  setup: string | null;
  /** SEED as data.ts sees it. */
  seed: number;
}

export interface Lesson {
  /** Folder name: `02-n-plus-one-select-related`. */
  name: string;
  /** Folder name without its number: the lesson's URL (`/lessons/n-plus-one-select-related`) and autosave key. */
  slug: string;
  /** The folder number: the lesson's place in the curriculum. */
  order: number;
  /** The folder as messages show it: `lessons/02-n-plus-one-select-related`. */
  dir: string;
  meta: LessonFrontMatter;
  /** lesson.md after the front matter (Markdown). */
  body: string;
  before: string;
  solution: string;
  /** check.ts source when `checks.custom` names it. */
  check: string | null;
  data: { visible: LessonData; hidden: LessonData | null };
}

export const LESSON_FILES = {
  'lesson.md': 'front matter and prose',
  'before.ts': 'the naive code the learner starts from',
  'solution.ts': 'an optimized answer that passes every check',
  'models.ts': "optional: the lesson's own models instead of the blog dataset",
  'data.ts': 'optional: code that creates rows, run once when the database is built',
  'fixture.json': "optional: the lesson's rows as Django dumpdata JSON",
  'check.ts': 'optional: a custom check (checks.custom)',
} as const;

export const ASSET_EXTENSIONS = ['.png', '.svg', '.jpg', '.jpeg', '.gif', '.webp'];

/**
 * The blog size when `data` is exactly the blog dataset at its standard seed,
 * with no models.ts or data.ts (the database the sandbox runs on), else null.
 * Such data can reuse the runner's snapshot of that size.
 */
export function standardBlogSize(data: LessonData): BlogSize | null {
  const s = data.source;
  return s.kind === 'dataset' && s.dataset === 'blog' && s.seed === null && data.models === null && data.setup === null ? s.size : null;
}
