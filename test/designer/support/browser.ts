/**
 * End-to-end tests: the real server (the app of test/server/support.ts, listening on 127.0.0.1,
 * test clock on, every user with a password) and Debian's Chromium driven by playwright-core.
 *
 *   const web = useWorkspace();          // in a describe(): one server and one browser for it
 *   it('…', async () => {
 *     const page = await web.loginAs('window-li');   // a fresh browser context, logged in
 *     await page.goto(web.url('/reception'));
 *   });
 *
 * A failing test leaves a screenshot of every page it opened in test-results/e2e/, and a page
 * that throws (an uncaught error or unhandled rejection in the browser) fails its test.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { DEFAULT_DIST } from '../../../server/routes/pages.js';
import { passwordOf, testServer, type TestServer } from '../../server/support.js';

const CHROMIUM = process.env.MATTERFLOW_CHROMIUM ?? '/usr/bin/chromium';
/** The flags this machine needs (no sandbox as root, no calls home that the closed network refuses). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--lang=zh-CN',
];
const RESULTS = path.resolve('test-results/e2e');

export interface Workspace {
  /** The server under test (store, clock, tokens for API calls, the database). */
  readonly server: TestServer;
  readonly browser: Browser;
  /** http://127.0.0.1:PORT + path */
  url(path: string): string;
  /** A new browser context and page, logged in as `userId` through the login page. */
  loginAs(userId: string): Promise<Page>;
  /** A new browser context and page, not logged in. */
  anonymousPage(): Promise<Page>;
  /** Errors the pages of the current test threw (they fail the test in afterEach). */
  readonly pageErrors: string[];
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set MATTERFLOW_CHROMIUM)`,
    );
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export function useWorkspace(
  options: {
    supervision?: Parameters<typeof testServer>[0] extends infer O
      ? O extends { supervision?: infer S }
        ? S
        : never
      : never;
  } = {},
): Workspace {
  let server: TestServer | undefined;
  let http: Server | undefined;
  let browser: Browser | undefined;
  let base = '';
  const { newPage, pageErrors } = usePages(() => {
    if (!browser) throw new Error('useWorkspace: the browser is not running (is this inside a test?)');
    return browser;
  });

  const workspace: Workspace = {
    get server() {
      if (!server) throw new Error('useWorkspace: the server is not running (is this inside a test?)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('useWorkspace: the browser is not running (is this inside a test?)');
      return browser;
    },
    url: (p) => `${base}${p}`,
    anonymousPage: newPage,
    loginAs: async (userId) => logIn(await newPage(), base, userId),
    pageErrors,
  };

  before(async function () {
    this.timeout(120_000);
    if (!existsSync(path.join(DEFAULT_DIST, 'login.js')))
      throw new Error('The workspace is not built: run `npm run build` (npm test does it first)');
    server = await testServer({
      passwords: true,
      testClock: true,
      loginRateLimit: 10_000,
      rateLimit: 100_000,
      ...(options.supervision ? { supervision: options.supervision } : {}),
    });
    http = server.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => http!.once('listening', resolve).once('error', reject));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    await server?.close();
  });

  return workspace;
}

/**
 * The pages a describe()'s tests open, each in a fresh browser context (zh-CN, Beijing time, a
 * 1440×900 window, `contextOptions` besides). After each test the contexts close; a failed test
 * first leaves a screenshot of each of its pages in test-results/e2e/, and a passing test whose
 * pages threw fails. Call inside a describe().
 */
export function usePages(
  browser: () => Browser,
  contextOptions: BrowserContextOptions = {},
): { newPage(): Promise<Page>; readonly pageErrors: string[] } {
  let contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const newPage = async (): Promise<Page> => {
    const context = await browser().newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 900 },
      ...contextOptions,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.setDefaultTimeout(15_000);
    return page;
  };

  afterEach(async function () {
    const failed = this.currentTest?.state === 'failed';
    if (failed) {
      mkdirSync(RESULTS, { recursive: true });
      const name = (this.currentTest?.fullTitle() ?? 'test').replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 120);
      let index = 0;
      for (const context of contexts)
        for (const page of context.pages())
          await page
            .screenshot({ path: path.join(RESULTS, `${name}-${index++}.png`), fullPage: true })
            .catch(() => undefined);
    }
    for (const context of contexts) await context.close().catch(() => undefined);
    contexts = [];
    const errors = pageErrors.splice(0);
    if (!failed && errors.length > 0) throw new Error(`The page threw:\n${errors.join('\n')}`);
  });

  return { newPage, pageErrors };
}

/** Log `userId` in on `page` through the login page of `base` (their password is passwordOf's); the page once it has left /login. */
export async function logIn(page: Page, base: string, userId: string): Promise<Page> {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(userId);
  await page.getByLabel('密码').fill(passwordOf(userId));
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  return page;
}

/**
 * What `read` returns once it settles on `expected` (deep equality), retried every 100 ms up to
 * `timeoutMs`: for a page that re-renders after the action a test took (a panel after undo, a
 * list after a save). Fails with the last value read.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  expected: T,
  options: { timeoutMs?: number; message?: string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let last = await read();
  while (!isDeepStrictEqual(last, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  if (!isDeepStrictEqual(last, expected))
    throw new Error(
      `${options.message ?? 'Expected the page to settle'}: expected ${JSON.stringify(expected)}, but it shows ${JSON.stringify(last)}`,
    );
}
