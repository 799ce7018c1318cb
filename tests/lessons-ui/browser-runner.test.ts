/**
 * The page's LessonRunner over the runner client: results pass through; a run
 * stopped at the time limit becomes a TimeoutError the checks report; the
 * lesson's own broken data is a located lesson problem; a stopped check and a
 * runner failure are errors.
 */
import { describe, expect, it } from 'vitest';
import { checkLesson } from '../../lib/lessons/evaluate';
import { parseLesson } from '../../lib/lessons/parse';
import type { LessonRunRequest } from '../../lib/lessons/runner';
import { browserLessonRunner, CheckCancelled, type LessonRunClient } from '../../lib/lessons-ui/browser-runner';
import { emptyRecord } from '../../lib/runner/record';
import { checkView } from '../../lib/lessons-ui/check-view';
import type { LessonRunOutcome } from '../../lib/runner/worker-client';
import { BEFORE, demoFiles } from '../lessons/helpers';

const lesson = parseLesson('50-demo', demoFiles()).value!;

function client(answer: (run: LessonRunRequest) => LessonRunOutcome): LessonRunClient & { runs: LessonRunRequest[] } {
  const runs: LessonRunRequest[] = [];
  return {
    runs,
    runLesson: async (run) => {
      runs.push(run);
      return answer(run);
    },
  };
}

const ok = (output: string[], statements = 1): LessonRunOutcome => {
  const record = emptyRecord('x', null);
  record.output = output;
  record.totals.statements = statements;
  return { result: { record }, worker_ms: 1, round_trip_ms: 2 };
};

describe('browserLessonRunner', () => {
  it('runs before.ts and the learner code through the client; the checks read their records', async () => {
    const c = client((run) => (run.file === 'before.ts' ? ok(['a', 'b'], 6) : ok(['a', 'b'], 1)));
    const seen: string[] = [];
    const runner = browserLessonRunner(c, { onRun: (r) => seen.push(r.file) });
    const result = await checkLesson(lesson, 'print("a"); print("b")', runner);
    expect(seen).toEqual(['before.ts', 'learner.ts']);
    expect(runner.runs).toBe(2);
    expect(c.runs[0].data).toBe(lesson.data.visible);
    expect(result.passed).toBe(true);
  });

  it('a run stopped at the time limit fails "Runs without an error" with a TimeoutError', async () => {
    const c = client((run) => (run.file === 'before.ts' ? ok(['a']) : { timeout: true, limit_ms: 5000 }));
    const result = await checkLesson(lesson, 'while (true) {}', browserLessonRunner(c));
    expect(result.passed).toBe(false);
    expect(result.problems).toEqual([]);
    const runs = result.outcomes.find((o) => o.check === 'runs')!;
    expect(runs.passed).toBe(false);
    expect(runs.reason).toMatch(/^TimeoutError: stopped after 5 s \(the time limit\)/);
    expect(result.outcomes.filter((o) => o.check !== 'runs').every((o) => o.reason === 'not checked: the code raised an error')).toBe(true);
    const view = checkView({ checks: lesson.meta.checks, customTitle: null, visibleLabel: 'blog tiny', hiddenLabel: null }, result);
    expect(view.headline).toBe('Your code was stopped at the time limit');
    expect(view.detail).toBe('Does a loop never end, or run far more queries than it needs?');
  });

  it('a timed-out run with a custom check says check.ts did not run, under its title', async () => {
    const c = client(() => ({ timeout: true, limit_ms: 5000 }));
    const runner = browserLessonRunner(c, { customTitle: 'Every draft is published' });
    const out = await runner.run({ data: lesson.data.visible, code: 'x', file: 'learner.ts', custom: { source: '', file: 'check.ts', before: emptyRecord('before.ts', null), data: 'visible' } });
    expect(out.custom).toEqual({ passed: false, message: 'check.ts did not run: the code was stopped at the time limit', title: 'Every draft is published' });
  });

  it("the lesson's broken data becomes a located lesson problem", async () => {
    const c = client(() => ({ dataError: { file: 'data.ts', message: 'TypeError: boom', line: 3 } }));
    const result = await checkLesson(lesson, BEFORE, browserLessonRunner(c));
    expect(result.problems).toEqual([{ file: 'lessons/50-demo/data.ts', line: 3, message: 'TypeError: boom' }]);
  });

  it('a stopped check and a runner failure are thrown', async () => {
    const request = { data: lesson.data.visible, code: 'x', file: 'learner.ts' };
    await expect(browserLessonRunner(client(() => ({ cancelled: true }))).run(request)).rejects.toBeInstanceOf(CheckCancelled);
    await expect(browserLessonRunner(client(() => ({ failed: 'The runner crashed: out of memory' }))).run(request)).rejects.toThrow('The runner crashed: out of memory');
  });
});
