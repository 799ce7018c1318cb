// Browser-test helpers: serve out/ on a free port, drive Debian's Chromium through
// playwright-core, and record what the page did (console errors, failed requests, every URL).
//
//   const site = useBuiltSite();                  // server and Chromium for the file's tests
//   const page = await site.browser.newPage();
//   await page.goto(site.server.url + '/');
//   expectClean(site.browser.log);                // no errors, nothing fetched from elsewhere
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startStaticServer } from '../../scripts/serve-static.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT_DIR = join(REPO_ROOT, 'out');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'tmp', 'screenshots');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------------------
// (a) static server

export interface TestServer {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:43121 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves out/ (or `dir`) on 127.0.0.1 on a free port. */
export async function startServer(options: { dir?: string } = {}): Promise<TestServer> {
  const server = await startStaticServer({ dir: options.dir ?? OUT_DIR, port: 0, host: '127.0.0.1', quiet: true });
  return { url: server.url, port: server.port, close: () => server.close() };
}

// ---------------------------------------------------------------------------------------
// (b) browser + what happened in it

export interface FailedRequest {
  url: string;
  /** "net::ERR_..." for a request that never completed, "HTTP 404" for an error status */
  reason: string;
}

export interface BrowserLog {
  /** console.error(...) messages and browser-reported errors such as failed resource loads */
  consoleErrors: string[];
  /** uncaught exceptions and unhandled rejections in the page */
  pageErrors: string[];
  /** requests that failed or answered with status >= 400 */
  failedRequests: FailedRequest[];
  /**
   * requests the page itself cancelled (net::ERR_ABORTED): not failures. Next's router does
   * this on purpose, e.g. it aborts its HEAD /sandbox probe once headers arrive when a
   * <Link> comes into view, and a navigation cancels the previous page's pending loads.
   */
  abortedRequests: string[];
  /** every URL requested, in order (pages, scripts, workers, wasm, fetches) */
  requests: string[];
  /** every console message as "type: text", for debugging a failing test */
  console: string[];
  /** forget everything recorded so far (e.g. between two steps of one test) */
  clear(): void;
}

export interface TestBrowser {
  context: BrowserContext;
  log: BrowserLog;
  newPage(): Promise<Page>;
  /** closes Chromium and deletes its user data dir */
  close(): Promise<void>;
}

function createLog(): BrowserLog {
  const log: BrowserLog = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    abortedRequests: [],
    requests: [],
    console: [],
    clear() {
      for (const list of [log.consoleErrors, log.pageErrors, log.failedRequests, log.abortedRequests, log.requests, log.console]) {
        list.length = 0;
      }
    },
  };
  return log;
}

/**
 * Launches /usr/bin/chromium (Debian's) headless with a fresh profile and records console
 * errors, page errors, failed requests and every request URL in `log`.
 */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'orm-lab-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
      serviceWorkers: 'block',
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }

  const log = createLog();
  context.on('console', (msg) => {
    const location = msg.location();
    const where = location.url ? ` (${location.url}:${location.lineNumber})` : '';
    log.console.push(`${msg.type()}: ${msg.text()}${where}`);
    if (msg.type() === 'error') log.consoleErrors.push(`${msg.text()}${where}`);
  });
  context.on('weberror', (webError) => {
    const error = webError.error();
    log.pageErrors.push(error.stack ?? `${error.name}: ${error.message}`);
  });
  context.on('request', (request) => {
    log.requests.push(request.url());
  });
  context.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    if (reason === 'net::ERR_ABORTED') log.abortedRequests.push(request.url());
    else log.failedRequests.push({ url: request.url(), reason });
  });
  context.on('response', (response) => {
    if (response.status() >= 400) {
      log.failedRequests.push({ url: response.url(), reason: `HTTP ${response.status()}` });
    }
  });

  return {
    context,
    log,
    newPage: () => context.newPage(),
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

// ---------------------------------------------------------------------------------------
// (c) assertions

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** URLs that went somewhere other than this machine. data:, blob: and about: URLs count as local. */
export function nonLocalRequests(urls: readonly string[]): string[] {
  return urls.filter((raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return true;
    }
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return false;
    return !LOCAL_HOSTS.has(url.hostname);
  });
}

/** Throws, listing them, if any request left 127.0.0.1/localhost (a CDN, fonts, telemetry...). */
export function assertAllLocal(urls: readonly string[]): void {
  const remote = nonLocalRequests(urls);
  if (remote.length > 0) {
    throw new Error(`${remote.length} request(s) left localhost:\n  ${remote.join('\n  ')}`);
  }
}

/**
 * Throws with everything that went wrong: console errors, page errors, failed requests
 * (not the ones the page aborted itself), non-local requests (aborted or not). Call it at the end of a test (or pass a log you filtered yourself).
 */
export function expectClean(log: BrowserLog): void {
  const problems: string[] = [];
  for (const message of log.consoleErrors) problems.push(`console error: ${message}`);
  for (const error of log.pageErrors) problems.push(`page error: ${error}`);
  for (const failed of log.failedRequests) problems.push(`failed request: ${failed.url} (${failed.reason})`);
  for (const url of nonLocalRequests(log.requests)) problems.push(`non-local request: ${url}`);
  if (problems.length > 0) {
    throw new Error(`the page was not clean:\n  ${problems.join('\n  ')}`);
  }
}

// ---------------------------------------------------------------------------------------
// screenshots

/** Saves a full-page screenshot to tmp/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The built site served and a Chromium launched before the file's tests, both
 * closed after them; read `site.server` and `site.browser` inside the tests.
 */
export function useBuiltSite(options: Parameters<typeof launchBrowser>[0] = {}): { server: TestServer; browser: TestBrowser } {
  const site = {} as { server: TestServer; browser: TestBrowser };
  beforeAll(async () => {
    site.server = await startServer();
    site.browser = await launchBrowser(options);
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
