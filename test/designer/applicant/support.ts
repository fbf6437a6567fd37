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
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { passwordOf } from '../../server/support.js';
import { launchChromium, logIn, usePages } from '../support/browser.js';
import { DEFAULT_DIST } from '../../../server/routes/pages.js';
import { ServerProcess } from '../../system/support/server-process.js';
import { testMaterialStorage, type TestMaterialStorage } from '../../system/support/material-storage.js';

export const PERMITS = '西湖区市场监督管理局行政许可科';
export const BUREAU = '西湖区市场监督管理局';
export const ID_NUMBER = '330102199001011234';
export { passwordOf };

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
  const tokens = new Map<string, string>();
  const { newPage } = usePages(() => browser!, { acceptDownloads: true });

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
    loginAs: async (user, base = server!.url) => logIn(await newPage(), base, user),
  };

  before(async function () {
    this.timeout(120_000);
    for (const entry of ['login', 'applicant', 'progress', 'papers'])
      if (!existsSync(path.join(DEFAULT_DIST, `${entry}.js`)))
        throw new Error('The workspace is not built: run `npm run build` (npm test does it first)');
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
    browser = await launchChromium();
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
