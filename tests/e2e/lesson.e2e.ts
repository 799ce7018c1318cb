/**
 * A lesson in the built static site, as a learner goes through it: read the
 * N+1 lesson, Run and see the N+1 finding, type the select_related fix into
 * Monaco, Check passes (on the lesson's data and on the hidden data), and the
 * catalog shows the lesson passed after a reload. Check on before.ts fails
 * with readable reasons; Reset has an Undo; code survives a reload; a corrupt
 * stored progress value breaks nothing.
 *
 * Waits are on explicit states (data-ready, data-editor-state, data-run-seq,
 * data-check-seq), never on fixed sleeps.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectClean, launchBrowser, saveScreenshot, useBuiltSite } from './harness';
import { editorText, resultsSeq, run, RUNNER_READY, savedItem, waitForWorkspace } from './workspace';

const site = useBuiltSite({ viewport: { width: 1440, height: 900 } });

const SLUG = 'n-plus-one-select-related';

async function openLesson(target: Page | null = null, slug = SLUG): Promise<Page> {
  const page = target ?? (await site.browser.newPage());
  await page.goto(`${site.server.url}/lessons/${slug}`);
  await waitForWorkspace(page, 'lesson-page');
  return page;
}

/** Clicks Check and waits for its verdict; returns how long the check took in the page (ms). */
async function checkCode(page: Page): Promise<number> {
  const before = await resultsSeq(page, 'data-check-seq');
  await page.click('[data-testid="check-button"]');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="results"]')?.getAttribute('data-check-seq')) > n, before, { timeout: 90_000 });
  await page.waitForSelector('[data-testid="check-result"]');
  return Number(await page.getAttribute('[data-testid="check-probe"]', 'data-check-ms'));
}

async function savedCode(page: Page, slug = SLUG): Promise<string | null> {
  return savedItem(page, `orm-lab:lesson:${slug}:code`);
}

test('the N+1 lesson end to end: read, run, see the N+1 finding, fix it in the editor, Check passes, the catalog shows it passed', async () => {
  site.browser.log.clear();
  const page = await openLesson();

  // Read: the title, what Check verifies, the prose, the Django code, hints one at a time.
  expect(await page.textContent('[data-testid="lesson-title"]')).toContain('N+1 queries and select_related');
  expect(await page.textContent('[data-testid="lesson-goal"]')).toContain('At most 1 query');
  expect(await page.textContent('[data-testid="lesson-prose"] .lesson-prose')).toContain('select_related');
  expect(await page.locator('[data-testid="lesson-prose"] pre.code-block[data-lang="sql"]').count()).toBeGreaterThan(0);
  await page.click('[data-testid="code-tab-python"]');
  expect(await page.textContent('[data-testid="django-code"]')).toContain('Post.objects.filter(published=True)');
  await page.click('[data-testid="code-tab-typescript"]');
  expect(await page.locator('[data-testid="hint"]').count()).toBe(0);
  await page.click('[data-testid="hint-button"]');
  expect(await page.locator('[data-testid="hint"]').count()).toBe(1);
  await page.click('[data-testid="hint-button"]');
  expect(await page.locator('[data-testid="hint"]').count()).toBe(2);
  expect(await page.textContent('[data-testid="hint"] >> nth=1')).toContain('select_related()');

  // Run before.ts: 1 + 20 authors + the categories, named as N+1 with the fix.
  await run(page);
  const statements = Number(await page.textContent('[data-testid="summary-statements"]'));
  expect(statements).toBeGreaterThan(20);
  const finding = page.locator('[data-testid="finding"][data-kind="n_plus_one"]').first();
  expect(await finding.textContent()).toContain('Post.author');
  expect(await finding.textContent()).toContain("select_related('author')");
  await saveScreenshot(page, 'lesson-n-plus-one-run');

  // Fix it as a learner would: type select_related into the query on line 2, before .order_by.
  await page.locator('[data-testid="code-editor"] .view-line span', { hasText: /^order_by$/ }).first().click({ position: { x: 1, y: 8 } });
  await page.keyboard.type("select_related('author', 'category')", { delay: 15 });
  await page.keyboard.press('Escape');
  await page.keyboard.type('.', { delay: 15 });
  await page.keyboard.press('Escape');
  await expect.poll(() => savedCode(page)).toContain(".select_related('author', 'category').order_by('-published_date')");

  // Run again: one query, no N+1 finding.
  await run(page);
  expect(Number(await page.textContent('[data-testid="summary-statements"]'))).toBe(1);
  expect(await page.locator('[data-testid="finding"][data-kind="n_plus_one"]').count()).toBe(0);

  // Check: every check passes, on the lesson's data and on the hidden data.
  const ms = await checkCode(page);
  console.log(`lesson 02: Check (before.ts + your code on blog default, then on hidden data seed 7) took ${ms} ms`);
  expect(await page.getAttribute('[data-testid="check-result"]', 'data-passed')).toBe('true');
  expect(await page.textContent('[data-testid="check-headline"]')).toMatch(/All \d+ checks pass/);
  expect(await page.getAttribute('[data-testid="check-section"][data-section="visible"]', 'data-state')).toBe('passed');
  expect(await page.getAttribute('[data-testid="check-section"][data-section="hidden"]', 'data-state')).toBe('passed');
  expect(await page.locator('[data-testid="check-row"][data-state="failed"]').count()).toBe(0);
  expect(await page.textContent('[data-testid="check-figures"]')).toContain('Queries');
  expect(await page.getAttribute(`[data-testid="lesson-status"][data-slug="${SLUG}"]`, 'data-status')).toBe('passed');
  await saveScreenshot(page, 'lesson-n-plus-one-passed');

  // The code survives a reload.
  await openLesson(page);
  await expect.poll(() => editorText(page)).toContain("select_related('author', 'category')");

  // The catalog, reloaded, shows the lesson passed.
  await page.goto(`${site.server.url}/`);
  await page.reload();
  await page.waitForSelector('[data-testid="catalog"]');
  await expect.poll(() => page.getAttribute(`[data-testid="catalog-lesson"][data-slug="${SLUG}"] [data-testid="lesson-status"]`, 'data-status')).toBe('passed');
  expect(await page.getAttribute('[data-testid="catalog-lesson"][data-slug="lazy-evaluation"] [data-testid="lesson-status"]', 'data-status')).toBe('not_started');
  expect(await page.getAttribute('[data-testid="overall-progress"]', 'data-passed')).toBe('1');
  await saveScreenshot(page, 'catalog-after-lesson');
  expectClean(site.browser.log);
  await page.close();
});

test('Check on before.ts fails with readable reasons; Reset puts before.ts back and Undo brings the code back', async () => {
  site.browser.log.clear();
  const page = await openLesson();
  // (The previous test left the fixed code saved.) Reset → before.ts, with an Undo.
  await page.click('[data-testid="reset-button"]');
  await page.waitForSelector('[data-testid="undo-toast"]');
  await expect.poll(() => savedCode(page)).not.toContain('select_related');

  const ms = await checkCode(page);
  console.log(`lesson 02: Check of before.ts took ${ms} ms`);
  expect(await page.getAttribute('[data-testid="check-result"]', 'data-passed')).toBe('false');
  expect(await page.textContent('[data-testid="check-headline"]')).toMatch(/\d of 4 checks fail/);
  const budget = page.locator('[data-testid="check-section"][data-section="visible"] [data-testid="check-row"][data-check="max_queries"]');
  expect(await budget.getAttribute('data-state')).toBe('failed');
  expect(await budget.textContent()).toMatch(/\d+ statements, budget is 1 \(20 similar queries on blog_author from line 5: lazy FK load Post\.author\)/);
  const n1 = page.locator('[data-testid="check-row"][data-check="no_n_plus_one"]').first();
  expect(await n1.textContent()).toContain('N+1: Post.author loaded 20 times (line 5)');
  expect(await page.textContent('[data-testid="check-row"][data-check="must_use"]')).toContain('does not call select_related');
  // Same output as before passes; the hidden data is not run until the visible data passes.
  expect(await page.getAttribute('[data-testid="check-row"][data-check="same_output_as_before"]', 'data-state')).toBe('passed');
  expect(await page.getAttribute('[data-testid="check-section"][data-section="hidden"]', 'data-state')).toBe('not_run');
  await saveScreenshot(page, 'lesson-check-before-fails');

  // Undo the reset: the fixed code is back (and saved).
  await page.click('[data-testid="undo-button"]');
  await expect.poll(() => savedCode(page)).toContain("select_related('author', 'category')");

  // Show solution: a diff against the learner's code.
  await page.click('[data-testid="solution-button"]');
  await page.waitForSelector('[data-testid="solution-dialog"]');
  expect(await page.locator('[data-testid="solution-diff"] [data-kind="added"]').count()).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  expect(await page.locator('[data-testid="solution-dialog"]').count()).toBe(0);

  // Next lesson, by curriculum order.
  await page.click('[data-testid="next-lesson"]');
  await page.waitForURL(`${site.server.url}/lessons/prefetch-related`);
  await expect.poll(() => page.textContent('[data-testid="lesson-title"]')).toContain('prefetch_related');
  expectClean(site.browser.log);
  await page.close();
});

test('a Check of an endless loop is stopped at the time limit, reported as a failed check, and the runner recovers', async () => {
  site.browser.log.clear();
  const page = await openLesson(null, 'prefetch-related');
  await page.click('[data-testid="code-editor"] .view-lines');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('while (true) {}');
  await expect.poll(() => savedCode(page, 'prefetch-related')).toBe('while (true) {}');
  const started = Date.now();
  const ms = await checkCode(page);
  expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
  expect(ms).toBeLessThan(15_000);
  expect(await page.getAttribute('[data-testid="check-result"]', 'data-passed')).toBe('false');
  expect(await page.textContent('[data-testid="check-headline"]')).toBe('Your code was stopped at the time limit');
  expect(await page.textContent('[data-testid="check-row"][data-check="runs"]')).toContain('stopped after 5 s (the time limit)');
  await saveScreenshot(page, 'lesson-check-timeout');

  // A fresh worker answers the next run, with the dataset restored.
  await page.waitForSelector(RUNNER_READY, { timeout: 60_000 });
  await page.click('[data-testid="code-editor"] .view-lines');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('print(Post.objects.count())');
  await run(page);
  expect(await page.locator('[data-testid="output"] li').first().textContent()).toBe('2000');
  expectClean(site.browser.log);
  await page.close();
});

test('every lesson, in curriculum order: solution.ts passes Check and before.ts fails it, in the browser', { timeout: 600_000 }, async () => {
  const other = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await other.newPage();
    await page.goto(`${site.server.url}/`);
    const slugs = await page.$$eval('[data-testid="catalog-lesson"]', (els) => els.map((e) => e.getAttribute('data-slug')!));
    expect(slugs.length).toBeGreaterThanOrEqual(22);
    // Client-side navigation from lesson to lesson, as a learner clicks "Next": one runner worker for the whole walk.
    await page.click(`[data-testid="catalog-lesson"][data-slug="${slugs[0]}"]`);
    const report: string[] = [];
    for (const [i, slug] of slugs.entries()) {
      await page.waitForSelector(`[data-testid="lesson-page"][data-slug="${slug}"][data-restored="true"]`);
      await page.waitForSelector(RUNNER_READY, { timeout: 120_000 });
      await page.click('[data-testid="solution-button"]');
      await page.click('[data-testid="solution-load"]');
      await expect.poll(() => savedCode(page, slug)).not.toBeNull();
      const solutionMs = await checkCode(page);
      const solution = await page.getAttribute('[data-testid="check-result"]', 'data-passed');
      const solutionSays = `${await page.textContent('[data-testid="check-headline"]')}: ${await page.textContent('[data-testid="check-detail"]')}`;
      await page.click('[data-testid="reset-button"]');
      const before = await checkCode(page).then(() => page.getAttribute('[data-testid="check-result"]', 'data-passed'));
      const beforeSays = `${await page.textContent('[data-testid="check-headline"]')}: ${await page.textContent('[data-testid="check-detail"]')}`;
      report.push(`${slug}: solution ${solution === 'true' ? 'passes' : `FAILS (${solutionSays})`} in ${solutionMs} ms; before.ts ${before === 'false' ? `fails (${beforeSays.slice(0, 100)})` : 'PASSES'}`);
      expect.soft(solution, `${slug}: solution.ts should pass: ${solutionSays}`).toBe('true');
      expect.soft(before, `${slug}: before.ts should fail`).toBe('false');
      if (i < slugs.length - 1) await page.click('[data-testid="next-lesson"]');
    }
    console.log(report.join('\n'));
    expectClean(other.log);
  } finally {
    await other.close();
  }
});

test('a corrupt stored progress value breaks neither the catalog nor the lesson page', async () => {
  const other = await launchBrowser({ viewport: { width: 390, height: 844 } });
  try {
    const page = await other.newPage();
    await page.goto(`${site.server.url}/`);
    await page.evaluate(() => {
      localStorage.setItem('orm-lab:lessons:progress', '{"n-plus-one-select-related": {"status": "passed", "hints": "many"}, "lazy-evaluation": 7, oops');
    });
    await page.reload();
    await page.waitForSelector('[data-testid="catalog"]');
    expect(await page.getAttribute(`[data-testid="catalog-lesson"][data-slug="${SLUG}"] [data-testid="lesson-status"]`, 'data-status')).toBe('not_started');
    await page.goto(`${site.server.url}/lessons/${SLUG}`);
    await page.waitForSelector('[data-testid="lesson-page"][data-restored="true"]');
    await page.click('[data-testid="hint-button"]');
    expect(await page.locator('[data-testid="hint"]').count()).toBe(1);
    // The page replaced the unreadable value with a readable one.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('orm-lab:lessons:progress') ?? 'null'));
    expect(stored[SLUG]).toMatchObject({ status: 'in_progress', hints: 1 });
    await saveScreenshot(page, 'lesson-mobile');
    expectClean(other.log);
  } finally {
    await other.close();
  }
});
