/**
 * Node only: reads lessons/ from disk for `npm run lessons:check` and the
 * tests. Everything in lib/lessons works on name → text maps, so the browser
 * can validate and evaluate lessons too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LessonError } from '../lessons/errors';
import { ASSET_EXTENSIONS, type Lesson, type LessonFiles } from '../lessons/lesson';
import { checkCurriculum, parseChapters, parseLesson } from '../lessons/parse';
import type { Chapter } from '../lessons/schema';

/** The files of one lesson folder (images are listed with empty text). */
export function readLessonFolder(dir: string): LessonFiles {
  const files: LessonFiles = {};
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      files[name] = '';
      continue;
    }
    files[name] = ASSET_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)) ? '' : readFileSync(full, 'utf8');
  }
  return files;
}

/** Lesson folder names under `root`, in curriculum order. */
export function lessonFolders(root: string): string[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith('.') && statSync(path.join(root, name)).isDirectory())
    .sort();
}

export interface Curriculum {
  chapters: Chapter[];
  lessons: Lesson[];
  errors: LessonError[];
}

/** Parses lessons/chapters.yaml and every lesson folder; `display` is how paths appear in messages. */
export function loadCurriculum(root: string, display = 'lessons'): Curriculum {
  const errors: LessonError[] = [];
  const chaptersFile = path.join(root, 'chapters.yaml');
  let chapters: Chapter[] = [];
  if (!existsSync(chaptersFile)) {
    errors.push({ file: `${display}/chapters.yaml`, message: 'missing file: the chapters, in catalog order (a list of slug, title, summary)' });
  } else {
    const parsed = parseChapters(readFileSync(chaptersFile, 'utf8'), `${display}/chapters.yaml`);
    errors.push(...parsed.errors);
    chapters = parsed.value ?? [];
  }
  const lessons: Lesson[] = [];
  for (const name of lessonFolders(root)) {
    const result = parseLesson(name, readLessonFolder(path.join(root, name)), { dir: `${display}/${name}`, chapters: errors.length ? undefined : chapters });
    errors.push(...result.errors);
    if (result.value) lessons.push(result.value);
  }
  if (chapters.length) errors.push(...checkCurriculum(lessons, chapters));
  return { chapters, lessons, errors };
}
