import { expect, test } from 'vitest';
import { assertAllLocal, expectClean, saveScreenshot, useBuiltSite } from './harness';

const site = useBuiltSite();

test('home page renders offline, without errors', async () => {
  const page = await site.browser.newPage();
  const response = await page.goto(`${site.server.url}/`, { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);

  await expect.poll(() => page.locator('h1').textContent()).toBe('ORM Lab');
  expect(await page.title()).toBe('ORM Lab');
  expect(await page.locator('a[href="/sandbox"]').count()).toBeGreaterThan(0);

  await saveScreenshot(page, 'home');

  expect(site.browser.log.requests.length).toBeGreaterThan(0);
  assertAllLocal(site.browser.log.requests);
  expect(site.browser.log.consoleErrors).toEqual([]);
  expectClean(site.browser.log);
  await page.close();
});

test('the sandbox link leads to the sandbox page', async () => {
  site.browser.log.clear();
  const page = await site.browser.newPage();
  await page.goto(`${site.server.url}/`, { waitUntil: 'networkidle' });
  await page.locator('a[href="/sandbox"]').first().click();
  await page.waitForURL(`${site.server.url}/sandbox`);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Sandbox');
  expectClean(site.browser.log);
  await page.close();
});
