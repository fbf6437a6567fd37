/**
 * The applicants' browser tests run against the real server process (server/main.ts spawned as
 * `npm start` runs it, on the test clock, its material files in a fresh folder) and Debian's
 * Chromium: what an applicant does in the browser goes through exactly what is deployed.
 *
 *   const web = useApplicantWorkspace();
 *   const page = await web.loginAs('zhang-san');
 *
 * A failing test leaves screenshots in test-results/e2e/; a page that throws fails its test.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_DIST } from '../../../server/routes/pages.js';
import { ServerProcess } from '../../system/support/server-process.js';
import { testMaterialStorage, type TestMaterialStorage } from '../../system/support/material-storage.js';

const CHROMIUM = process.env.MATTERFLOW_CHROMIUM ?? '/usr/bin/chromium';
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

export const PERMITS = '西湖区市场监督管理局行政许可科';
export const BUREAU = '西湖区市场监督管理局';
export const ID_NUMBER = '330102199001011234';
export const passwordOf = (user: string) => `${user}-密码-2026`;

/** The users every applicant test has: an applicant bound to ID_NUMBER, another applicant, the officers. */
const USERS = [
  { id: 'zhang-san', name: '张三', roles: ['applicant'], idNumber: ID_NUMBER },
  { id: 'li-si', name: '李四', roles: ['applicant'], idNumber: '330102199202021236' },
  { id: 'window-li', name: '李窗口', roles: ['window'] },
  { id: 'permits-zhao', name: '赵审查', roles: ['department'], department: PERMITS },
  { id: 'bureau-qian', name: '钱局长', roles: ['department'], department: BUREAU },
  { id: 'auditor-wu', name: '吴审计', roles: ['auditor'] },
];

export interface ApplicantWorkspace {
  readonly server: ServerProcess;
  readonly storage: TestMaterialStorage;
  /** API tokens by user id. */
  token(user: string): string;
  url(path: string): string;
  /** Log in through the login page (of `base`: the server, or a proxy in front of it). */
  loginAs(user: string, base?: string): Promise<Page>;
  anonymousPage(): Promise<Page>;
}

export function useApplicantWorkspace(env: Readonly<Record<string, string>> = {}): ApplicantWorkspace {
  let server: ServerProcess | undefined;
  let storage: TestMaterialStorage | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  const tokens = new Map<string, string>();
  const pageErrors: string[] = [];

  const newPage = async (): Promise<Page> => {
    const context = await browser!.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.setDefaultTimeout(15_000);
    return page;
  };

  const web: ApplicantWorkspace = {
    get server() {
      return server!;
    },
    get storage() {
      return storage!;
    },
    token: (user) => tokens.get(user)!,
    url: (p) => `${server!.url}${p}`,
    anonymousPage: newPage,
    loginAs: async (user, base = server!.url) => {
      const page = await newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel('用户名').fill(user);
      await page.getByLabel('密码').fill(passwordOf(user));
      await Promise.all([
        page.waitForURL((url) => url.pathname !== '/login'),
        page.getByRole('button', { name: '登录' }).click(),
      ]);
      return page;
    },
  };

  before(async function () {
    this.timeout(120_000);
    for (const entry of ['login', 'applicant', 'progress', 'papers'])
      if (!existsSync(path.join(DEFAULT_DIST, `${entry}.js`)))
        throw new Error('The workspace is not built: run `npm run build` (npm test does it first)');
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}`);
    storage = await testMaterialStorage('file');
    server = await ServerProcess.start({
      testClock: true,
      env: { ...storage.env, MATTERFLOW_RATE_LIMIT: '100000', MATTERFLOW_LOGIN_RATE_LIMIT: '10000', ...env },
    });
    for (const user of USERS) {
      const created = await server.request<{ token: string }>('/api/users', {
        token: server.admin!.token,
        body: { ...user, password: passwordOf(user.id) },
      });
      if (created.status !== 201) throw new Error(`Creating ${user.id}: ${created.text}`);
      tokens.set(user.id, created.body.token);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  });

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

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await server?.dispose();
    await storage?.close();
  });

  return web;
}

/** Wait (up to 30 s) until the page shows the image `alt` decoded: an <img> whose picture arrived. */
export async function imageShown(page: Page, alt: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  // A string, not a function: tsx's helpers do not exist in the page.
  const probe = `[...document.querySelectorAll('img')].some((img) => img.alt === ${JSON.stringify(alt)} && img.complete && img.naturalWidth > 0)`;
  while (Date.now() < deadline) {
    if (await page.evaluate<boolean>(probe)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Expected the page to show the image “${alt}”, but it did not within 30 s`);
}
