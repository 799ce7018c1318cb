/**
 * The curriculum is part of `npm test`: every lesson folder must parse, its
 * solution.ts must pass every check (visible and hidden data) and its before.ts
 * must fail one, exactly as `npm run lessons:check` demands. One runner for the
 * whole file, so each dataset snapshot is built once.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { formatLessonError } from '../../lib/lessons/errors';
import { lessonFolders, loadCurriculum } from '../../lib/node/lessons';
import { loadSqlJs } from '../../lib/node/sqljs';
import { createLocalRunner, type LessonRunner } from '../../lib/lessons/runner';
import { verifyLesson } from '../../lib/lessons/verify';

const root = fileURLToPath(new URL('../../lessons', import.meta.url));
const curriculum = loadCurriculum(root);
const errorsIn = (prefix: string) => curriculum.errors.filter((e) => e.file === prefix || e.file.startsWith(`${prefix}/`)).map(formatLessonError);

let runner: LessonRunner;
beforeAll(async () => {
  runner = createLocalRunner(await loadSqlJs());
});

test('lessons/chapters.yaml', () => {
  expect(errorsIn('lessons/chapters.yaml')).toEqual([]);
  expect(curriculum.chapters.length).toBeGreaterThan(0);
});

describe.each(lessonFolders(root))('lessons/%s', (name) => {
  test('is valid, solution.ts passes every check, before.ts fails one', async () => {
    expect(errorsIn(`lessons/${name}`)).toEqual([]);
    const lesson = curriculum.lessons.find((l) => l.name === name)!;
    const verification = await verifyLesson(lesson, runner);
    expect(verification.errors.map(formatLessonError)).toEqual([]);
  });
});
