/**
 * The sandbox's Python (Django) mode in the built static site: the toggle
 * switches the editor to Python (highlighted, no TypeScript squiggles), the
 * N+1 example runs in Python with the finding and the per-line counts on the
 * Python lines, Python exceptions point at their line, and neither language's
 * code is lost by switching, reloading or sharing.
 *
 * Waits are on explicit states (data-ready, data-editor-state, data-language,
 * data-run-seq), never on fixed sleeps.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectClean, launchBrowser, saveScreenshot, useBuiltSite, type TestBrowser } from './harness';
import { editorText, run, savedItem, setCode, waitForWorkspace } from './workspace';

const site = useBuiltSite({ viewport: { width: 1440, height: 900 } });

const TS_KEY = 'orm-lab:sandbox:code';
const PY_KEY = 'orm-lab:sandbox:code:python';

async function openSandbox(target: TestBrowser = site.browser, url = `${site.server.url}/sandbox`): Promise<Page> {
  const page = await target.newPage();
  await page.goto(url);
  await waitForWorkspace(page, 'sandbox');
  return page;
}

async function chooseLanguage(page: Page, language: 'typescript' | 'python'): Promise<void> {
  await page.click(`[data-testid="language-${language}"]`);
  await page.waitForSelector(`[data-testid="code-editor"][data-language="${language}"]`);
  expect(await page.getAttribute(`[data-testid="language-${language}"]`, 'aria-pressed')).toBe('true');
}

async function queryHints(page: Page): Promise<string[]> {
  return (await page.locator('.orm-query-hint').allTextContents()).map((t) => t.replace(/\u00a0/g, ' ').trim());
}

test('Python mode: the N+1 example runs in Django Python, the finding and the counts are on the Python lines, and the TypeScript code survives', async () => {
  site.browser.log.clear();
  const page = await openSandbox();
  const tsCode = "// my TypeScript, kept while I try Python\nprint(Author.objects.filter({ is_active: true }).count());";
  await setCode(page, tsCode, TS_KEY);

  await chooseLanguage(page, 'python');
  // Nothing was written in Python yet: the N+1 example, in Django's Python.
  await expect.poll(() => editorText(page)).toContain('for post in posts:');
  expect(await editorText(page)).toContain("posts = Post.objects.order_by('-created_at')[:100]");
  // Highlighted by Monaco's Python tokenizer: `for` is a keyword, `post` a name, `# ...` a comment.
  const tokens = await page.$$eval('[data-testid="code-editor"] .view-line span span', (spans) =>
    Object.fromEntries(spans.map((s) => [(s.textContent ?? '').replace(/\u00a0/g, ' ').trim(), s.className])),
  );
  expect(tokens['for']).toMatch(/^mtk\d+$/);
  expect(tokens['post']).toMatch(/^mtk\d+$/);
  expect(tokens['for']).not.toBe(tokens['post']);
  expect(tokens['# N+1: one query for the posts, then one query per']).not.toBe(tokens['post']);
  // No TypeScript diagnostics on Python.
  expect(await page.locator('[data-testid="code-editor"] .squiggly-error').count()).toBe(0);

  await run(page);
  expect(await page.getAttribute('[data-testid="results"]', 'data-run-language')).toBe('python');
  await expect.poll(() => page.textContent('[data-testid="summary-statements"]')).toBe('101');
  const finding = page.locator('[data-testid="finding"][data-kind="n_plus_one"]').first();
  const text = (await finding.textContent()) ?? '';
  expect(text).toContain("select_related('author')");
  expect(text).toContain('Post.author');
  // The lazy loads ran on line 5 (the print in the loop body); the fix goes on line 3 (the query).
  expect(text).toContain('(line 5)');
  expect(text).toContain('to the query on line 3');
  expect(await page.getAttribute('[data-testid="similar-block"]', 'data-count')).toBe('100');
  expect(await page.textContent('[data-testid="similar-block"] [data-testid="statement-line"]')).toBe('L5');
  expect(await page.textContent('[data-testid="statement"] [data-testid="statement-line"] >> nth=0')).toBe('L4');
  await expect.poll(() => queryHints(page)).toEqual(['1 query', '100 queries']);
  expect(await page.locator('[data-testid="output"] li').count()).toBe(100);
  expect(await page.locator('[data-testid="output"] li').first().textContent()).toContain(' — ');
  // The finding's line link jumps the editor to the Python line.
  await finding.locator('button', { hasText: '3' }).first().click();
  await expect.poll(() => page.locator('[data-testid="code-editor"] .current-line').count()).toBeGreaterThan(0);
  await saveScreenshot(page, 'python-n-plus-one');

  // Another example replaces the code: the run's per-line counts belong to the old code and go.
  await page.selectOption('[data-testid="snippet-select"]', 'select-related');
  await expect.poll(() => editorText(page)).toContain("Post.objects.select_related('author')");
  await expect.poll(() => page.locator('.orm-query-hint').count()).toBe(0);
  await run(page);
  await expect.poll(() => page.textContent('[data-testid="summary-statements"]')).toBe('1');
  await expect.poll(() => queryHints(page)).toEqual(['1 query']);
  expect(await page.locator('[data-testid="finding"][data-kind="n_plus_one"]').count()).toBe(0);

  // Switching back: the TypeScript code is there, and Python's is kept.
  await chooseLanguage(page, 'typescript');
  await expect.poll(() => editorText(page)).toContain('// my TypeScript, kept while I try Python');
  expect(await savedItem(page, TS_KEY)).toBe(tsCode);
  expect(await savedItem(page, PY_KEY)).toContain("posts = Post.objects.select_related('author')");
  // The inspector shows the TypeScript side (no run yet), not the Python run.
  expect(await page.locator('[data-testid="query-inspector"]').count()).toBe(0);

  // And after a reload.
  await page.reload();
  await waitForWorkspace(page, 'sandbox');
  expect(await page.getAttribute('[data-testid="language-toggle"]', 'data-language')).toBe('typescript');
  await expect.poll(() => editorText(page)).toContain('// my TypeScript, kept while I try Python');
  await chooseLanguage(page, 'python');
  await expect.poll(() => editorText(page)).toContain("posts = Post.objects.select_related('author')");
  expectClean(site.browser.log);
  await page.close();
});

test("Python errors: a typo'd field is a FieldError on its Python line, a syntax error is marked in the editor", async () => {
  site.browser.log.clear();
  const page = await openSandbox();
  await chooseLanguage(page, 'python');

  await setCode(page, "print('start')\nposts = Post.objects.filter(titel='ORM')\nprint(posts.count())", PY_KEY);
  await run(page);
  await page.waitForSelector('[data-testid="run-error"][data-error-type="FieldError"]');
  const fieldError = (await page.textContent('[data-testid="run-error"]')) ?? '';
  expect(fieldError).toContain("Cannot resolve keyword 'titel' into field. Choices are:");
  expect(fieldError).toContain('line 2');
  await page.waitForSelector('[data-testid="code-editor"] .squiggly-error');
  expect(await page.locator('[data-testid="output"] li').first().textContent()).toBe('start');
  await saveScreenshot(page, 'python-field-error');

  await setCode(page, "print('ok')\nfor post in Post.objects.all()\n    print(post.title)", PY_KEY);
  await run(page);
  await page.waitForSelector('[data-testid="run-error"][data-error-type="SyntaxError"]');
  expect(await page.textContent('[data-testid="run-error"]')).toContain('line 2');
  await page.waitForSelector('[data-testid="code-editor"] .squiggly-error');
  await saveScreenshot(page, 'python-syntax-error');

  // TypeScript pasted into the Python editor: a hint says so.
  await setCode(page, "const posts = Post.objects.all().slice(0, 3);\nfor (const p of posts) print(p.title);", PY_KEY);
  await run(page);
  await page.waitForSelector('[data-testid="run-error"][data-error-type="SyntaxError"]');
  expect(await page.textContent('[data-testid="language-mismatch"]')).toContain('This looks like TypeScript code');
  expectClean(site.browser.log);
  await page.close();
});

test('a share link carries the language: another visitor gets the Python code in Python mode', async () => {
  site.browser.log.clear();
  const page = await openSandbox();
  await chooseLanguage(page, 'python');
  const code = "# shared from the Python mode\nprint(Author.objects.filter(is_active=True).count())";
  await setCode(page, code, PY_KEY);
  await page.click('[data-testid="share-button"]');
  const link = await page.inputValue('[data-testid="share-url"]');
  expect(link).toMatch(/\/sandbox#code=.*&lang=python$/);
  await page.close();

  const other = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  try {
    const shared = await openSandbox(other, link);
    expect(await shared.getAttribute('[data-testid="language-toggle"]', 'data-language')).toBe('python');
    await shared.waitForSelector('[data-testid="code-editor"][data-language="python"]');
    await expect.poll(() => editorText(shared)).toContain('# shared from the Python mode');
    expect(await savedItem(shared, PY_KEY)).toBe(code);
    // The visitor's TypeScript side is untouched (nothing saved there).
    expect(await savedItem(shared, TS_KEY)).toBeNull();
    await run(shared);
    await expect.poll(() => shared.textContent('[data-testid="summary-statements"]')).toBe('1');
    expect(Number(await shared.locator('[data-testid="output"] li').first().textContent())).toBeGreaterThan(0);
    expectClean(other.log);
  } finally {
    await other.close();
  }
  expectClean(site.browser.log);
});
