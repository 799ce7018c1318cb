/**
 * What the Check panel says, from real checks of lesson 02 (before.ts,
 * solution.ts, a broken answer) and from made-up results for the cases a
 * real lesson can't easily produce (passes on visible data only, a lesson
 * problem).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLesson, type LessonCheckResult } from '../../lib/lessons/evaluate';
import type { Lesson } from '../../lib/lessons/lesson';
import { createLocalRunner, type LessonRunner } from '../../lib/lessons/runner';
import { beforeAfter, checkView, goalRows, pendingChecks, type CheckSubject } from '../../lib/lessons-ui/check-view';
import { emptyRecord } from '../../lib/runner/record';
import { loadSqlJs } from '../../lib/node/sqljs';
import { siteCurriculum } from '../../lib/node/site';

let lesson: Lesson;
let runner: LessonRunner;
let subject: CheckSubject;
const cache = new Map();

beforeAll(async () => {
  lesson = siteCurriculum().lessons.find((l) => l.slug === 'n-plus-one-select-related')!;
  runner = createLocalRunner(await loadSqlJs());
  subject = { checks: lesson.meta.checks, customTitle: null, visibleLabel: lesson.data.visible.label, hiddenLabel: lesson.data.hidden!.label };
});

const check = (code: string) => checkLesson(lesson, code, runner, { beforeCache: cache });

describe('checkView on lesson 02', () => {
  it('before.ts: which checks fail and why, the hidden data not run yet', async () => {
    const view = checkView(subject, await check(lesson.before));
    expect(view.passed).toBe(false);
    expect(view.headline).toBe('3 of 4 checks fail');
    // The query budget says the most, so the headline quotes it.
    expect(view.detail).toMatch(/^At most 1 query: \d+ statements, budget is 1 \(20 similar queries on blog_author from line 5: lazy FK load Post\.author\)$/);
    expect(view.detailCheck).toBe('max_queries');
    expect(view.sections.map((s) => [s.id, s.subtitle, s.state])).toEqual([
      ['code', 'read from the code', 'failed'],
      ['visible', 'blog default', 'failed'],
      ['hidden', 'blog default, seed 7', 'not_run'],
    ]);
    const visible = view.sections[1].rows;
    expect(visible.map((r) => [r.check, r.state])).toEqual([
      ['max_queries', 'failed'],
      ['same_output_as_before', 'passed'],
      ['no_n_plus_one', 'failed'],
    ]);
    expect(visible[2].reason).toContain('N+1: Post.author loaded 20 times (line 5)');
    expect(view.sections[2].rows.every((r) => r.state === 'not_run' && r.reason === '')).toBe(true);
    expect(view.sections[2].note).toMatch(/Runs once every check passes/);
    expect(view.sections[0].rows[0].reason).toBe('does not call select_related, which this lesson is about');
  });

  it('solution.ts: every check passes on both data, with before → after figures', async () => {
    const result = await check(lesson.solution);
    const view = checkView(subject, result);
    expect(view.passed).toBe(true);
    expect(view.headline).toBe('All 4 checks pass');
    expect(view.detail).toBe('On blog default and on hidden data (blog default, seed 7).');
    expect(view.sections.every((s) => s.state === 'passed')).toBe(true);
    // "Runs without an error" is only listed when it fails.
    expect(view.sections.flatMap((s) => s.rows).some((r) => r.check === 'runs')).toBe(false);
    const figures = beforeAfter(result, 2)!;
    expect(figures.after.statements).toBe(1);
    expect(figures.before.statements).toBeGreaterThan(20);
    expect(figures.after.modeledMs).toBeCloseTo(figures.after.sqlMs + 2, 5);
    expect(figures.fewerQueries).toBe(figures.before.statements);
    expect(goalRows(subject, result).every((r) => r.state === 'passed')).toBe(true);
  });

  it('code that raises: the headline names the exception and the other checks are not checked', async () => {
    const result = await check(`const posts = Post.objects.select_related('author', 'category').filter({ publishd: true });\nfor (const p of posts) print(p.title);`);
    const view = checkView(subject, result);
    expect(view.headline).toBe('Your code raised FieldError');
    expect(view.detail).toMatch(/^Cannot resolve keyword 'publishd' into field\. Choices are: .* \(line 1\)$/);
    const rows = view.sections.find((s) => s.id === 'visible')!.rows;
    expect(rows[0]).toMatchObject({ check: 'runs', state: 'failed', label: 'Runs without an error' });
    expect(rows.slice(1).every((r) => r.state === 'failed' && r.reason === 'not checked: the code raised an error')).toBe(true);
    // Figures of a run that stopped half way would compare nothing.
    expect(beforeAfter(result, 1)).toBeNull();
    const goal = goalRows(subject, result);
    expect(goal.find((r) => r.check === 'must_use')!.state).toBe('passed');
    expect(goal.find((r) => r.check === 'max_queries')!.state).toBe('failed');
  });
});

describe('checkView on made-up results', () => {
  const subjectOf = (hidden: string | null): CheckSubject => ({ checks: { max_queries: 2, same_output_as_before: true }, customTitle: null, visibleLabel: 'blog tiny', hiddenLabel: hidden });
  const record = emptyRecord('learner.ts', null);
  const outcome = (check: 'max_queries' | 'same_output_as_before', data: 'visible' | 'hidden', passed: boolean, reason: string) => ({
    check,
    label: check === 'max_queries' ? 'At most 2 queries' : 'Prints the same as the original code',
    passed,
    reason,
    data,
    dataLabel: data === 'visible' ? 'blog tiny' : 'blog tiny, seed 3',
  });

  it('passing the visible data but not the hidden one says so', () => {
    const result: LessonCheckResult = {
      passed: false,
      outcomes: [
        outcome('max_queries', 'visible', true, '2 statements, budget is 2'),
        outcome('same_output_as_before', 'visible', true, 'same 5 lines as before'),
        outcome('max_queries', 'hidden', true, '2 statements, budget is 2'),
        outcome('same_output_as_before', 'hidden', false, "output differs from before at line 3: expected 'bob', got 'alice'"),
      ],
      runs: [
        { data: 'visible', label: 'blog tiny', before: record, learner: record },
        { data: 'hidden', label: 'blog tiny, seed 3', before: record, learner: record },
      ],
      problems: [],
    };
    const view = checkView(subjectOf('blog tiny, seed 3'), result);
    expect(view.headline).toBe('Passes on the lesson’s data, fails on hidden data');
    expect(view.detail).toBe("On blog tiny, seed 3: output differs from before at line 3: expected 'bob', got 'alice'. Does the code depend on the exact rows?");
    expect(view.detailCheck).toBe('same_output_as_before');
    expect(view.sections.map((s) => s.state)).toEqual(['passed', 'failed']);
    expect(view.failed).toBe(1);
    expect(view.total).toBe(2);
  });

  it('a lesson problem is shown as such, with every check not run', () => {
    const result: LessonCheckResult = { passed: false, outcomes: [], runs: [], problems: [{ file: 'lessons/50-demo/data.ts', line: 3, message: 'TypeError: x is undefined' }] };
    const view = checkView(subjectOf(null), result);
    expect(view.headline).toBe('The lesson could not be checked');
    expect(view.detail).toBe('lessons/50-demo/data.ts:3: TypeError: x is undefined');
    expect(view.sections).toHaveLength(1);
    expect(view.sections[0]).toMatchObject({ id: 'visible', state: 'not_run' });
    expect(beforeAfter(result, 1)).toBeNull();
  });

  it('lists what Check will verify before anything ran', () => {
    expect(pendingChecks({ ...subjectOf(null), checks: { max_queries: 1, must_use: ['select_related'], custom: 'check.ts' }, customTitle: 'Every draft is published' })).toEqual([
      { check: 'max_queries', label: 'At most 1 query', state: 'not_run', reason: '' },
      { check: 'must_use', label: 'Uses select_related', state: 'not_run', reason: '' },
      { check: 'custom', label: 'Every draft is published', state: 'not_run', reason: '' },
    ]);
  });
});
