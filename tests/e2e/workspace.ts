/**
 * Page actions shared by the sandbox and lesson browser tests: both pages are
 * an editor, a Run button and a results pane that count their runs. Waits are
 * on explicit states (data-restored, data-ready, data-editor-state,
 * data-run-seq), never on fixed sleeps.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const RUNNER_READY = '[data-testid="runner-status"][data-ready="true"]';
export const EDITOR_READY = '[data-testid="code-editor"][data-editor-state="ready"]';

/** Waits until the page (`sandbox` or `lesson-page`) restored its saved code, its data is ready and Monaco is up. */
export async function waitForWorkspace(page: Page, root: 'sandbox' | 'lesson-page'): Promise<void> {
  await page.waitForSelector(`[data-testid="${root}"][data-restored="true"]`);
  await page.waitForSelector(RUNNER_READY, { timeout: 90_000 });
  await page.waitForSelector(EDITOR_READY, { timeout: 60_000 });
}

/** How many runs (or checks) the results pane has shown. */
export async function resultsSeq(page: Page, attr: 'data-run-seq' | 'data-check-seq' = 'data-run-seq'): Promise<number> {
  return Number(await page.getAttribute('[data-testid="results"]', attr));
}

/** Clicks Run and waits for the next result to be rendered. */
export async function run(page: Page): Promise<void> {
  const before = await resultsSeq(page);
  await page.click('[data-testid="run-button"]');
  await page.waitForSelector(`[data-testid="results"][data-run-seq="${before + 1}"]`, { timeout: 30_000 });
}

export async function savedItem(page: Page, key: string): Promise<string | null> {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** Replaces the editor's code (as if typed in one go) and waits until autosave holds exactly it under `key`. */
export async function setCode(page: Page, code: string, key: string): Promise<void> {
  await page.click('[data-testid="code-editor"] .view-lines');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  await expect.poll(() => savedItem(page, key)).toBe(code);
}

/** The editor's visible text, with Monaco's non-breaking spaces made plain. */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator('[data-testid="code-editor"] .view-lines').innerText()).replace(/\u00a0/g, ' ');
}
