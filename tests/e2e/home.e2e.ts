import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  assertAllLocal,
  expectClean,
  launchBrowser,
  saveScreenshot,
  startServer,
  type TestBrowser,
  type TestServer,
} from './harness';

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('home page renders offline, without errors', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);

  await expect.poll(() => page.locator('h1').textContent()).toBe('ORM Lab');
  expect(await page.title()).toBe('ORM Lab');
  expect(await page.locator('a[href="/sandbox"]').count()).toBeGreaterThan(0);

  await saveScreenshot(page, 'home');

  expect(browser.log.requests.length).toBeGreaterThan(0);
  assertAllLocal(browser.log.requests);
  expect(browser.log.consoleErrors).toEqual([]);
  expectClean(browser.log);
  await page.close();
});

test('the sandbox link leads to the sandbox page', async () => {
  browser.log.clear();
  const page = await browser.newPage();
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  await page.locator('a[href="/sandbox"]').first().click();
  await page.waitForURL(`${server.url}/sandbox`);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Sandbox');
  expectClean(browser.log);
  await page.close();
});
