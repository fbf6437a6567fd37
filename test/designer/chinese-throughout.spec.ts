/**
 * Chinese throughout: every page of the workspace, opened as every role it is offered to (and
 * without logging in for the public ones), shows no Latin-script words but ids, codes and units —
 * in its text, its options, its placeholders, titles and labels. Data shown as data (the replay's
 * raw payload, code blocks) and the bpmn.io watermark are not interface text. The bundles other
 * teams are building now — the modeler, 异常处理, the applicant's 网上申报 / 我的办件, 进度查询 and
 * the printed papers — are left to their own tests of their words.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { PAGES } from '../../designer/pages.js';
import { CaseDriver } from '../support/case-driver.js';
import { useWorkspace } from './support/browser.js';

/**
 * Latin words allowed as they are: the product; file formats and units (JSON, PDF, MB); standards
 * by their own names (BPMN, FEEL, JSON Schema, GB 国家标准); keys of the keyboard (Home, End);
 * single letters (codes: 统一社会信用代码 leaves out I、O、Z、S、V).
 */
const ALLOWED_WORDS = new Set([
  'Matterflow',
  ...['JSON', 'XML', 'SVG', 'PDF', 'JPEG', 'PNG', 'OFD', 'pdf', 'jpeg', 'png', 'ofd', 'KB', 'MB'],
  ...['BPMN', 'FEEL', 'Schema', 'GB', 'API', 'ID'],
  ...['Home', 'End'],
]);
/** Bundles that are not this suite's: their own tests check their words. */
const ELSEWHERE = new Set(['modeler', 'incidents', 'applicant', 'progress', 'papers']);

const USERS = {
  admin: 'admin',
  window: 'window-li',
  department: 'food-zhao',
  auditor: 'auditor-wu',
  supervisor: 'supervisor-sun',
} as const;

/**
 * The Latin words of what a page shows: a run of Latin letters that is not part of an id or a code
 * (a token with a digit, or joined by - _ . @ / :, such as 330106-SJ-000105013, food-licence,
 * BJ-…, JY13301060000001) and not an allowed word or a user id.
 */
function latinWords(text: string, userIds: ReadonlySet<string>): string[] {
  const words: string[] = [];
  for (const token of text.match(/[A-Za-z0-9][A-Za-z0-9._@/:-]*/g) ?? []) {
    const trimmed = token.replace(/[.:/]+$/, '');
    if (!/[A-Za-z]/.test(trimmed)) continue;
    if (/\d/.test(trimmed) || /[-_.@/:]/.test(trimmed)) continue;
    if (trimmed.length === 1 || ALLOWED_WORDS.has(trimmed) || userIds.has(trimmed)) continue;
    words.push(trimmed);
  }
  return words;
}

/** What the page shows people: visible text (data blocks left out) and the words of its controls. */
async function shownText(page: Page): Promise<string> {
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  return page.evaluate<string>(`(() => {
    const skip = 'pre, code, .bjs-powered-by, script, style, noscript';
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip)) continue;
      if (parent.closest('select') && !parent.closest('option')) continue;
      const style = getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      parts.push(node.textContent || '');
    }
    for (const element of document.querySelectorAll('[placeholder], [title], [aria-label], option')) {
      if (element.closest(skip)) continue;
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    parts.push(document.title);
    return parts.join('\\n');
  })()`);
}

describe('Workspace: Chinese throughout, every page in every role (browser)', function () {
  this.timeout(300_000);
  const web = useWorkspace();
  const ids: Record<string, string> = {};
  let userIds: Set<string> = new Set();

  before(async function () {
    this.timeout(60_000);
    const driver = new CaseDriver(web.server);
    const atReview = await driver.foodCaseAtReview();
    await driver.finishFoodCase(atReview.caseId, atReview.reviewTaskId);
    const open = await driver.acceptedFoodCase();
    ids['taskId'] = open.review;
    ids['caseId'] = atReview.caseId;
    ids['code'] = '330106-SJ-000105013';
    // food-zhao reviews the open case: it is in their 已办 too.
    await driver.operate('food-zhao', open.caseId, 'task.claim', { taskId: open.review });
    const rows = (await web.server.db.database.knex('users').select('user_id')) as Array<{ user_id: string }>;
    // Users, and the actor the test server creates them as.
    userIds = new Set([...rows.map((row) => row.user_id), 'test']);
  });

  const addresses = (route: string): string[] => {
    const path = route.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(ids[name] ?? name));
    return route === '/audit/cases/:caseId' ? [path, `${path}?view=print`] : [path];
  };

  /** Open each address and collect the Latin words it shows. */
  const scan = async (page: Page, who: string, routes: readonly string[]): Promise<string[]> => {
    const found: string[] = [];
    for (const route of routes)
      for (const address of addresses(route)) {
        await page.goto(web.url(address));
        await page.waitForLoadState('networkidle');
        await page.locator('#app .mf-main').waitFor();
        await page.waitForTimeout(300);
        const words = latinWords(await shownText(page), userIds);
        if (words.length > 0) found.push(`${who} ${address}: ${[...new Set(words)].join(', ')}`);
      }
    return found;
  };

  for (const [role, user] of Object.entries(USERS))
    it(`shows ${role} (${user}) no English on any page offered to them`, async () => {
      const routes = PAGES.filter(
        (p) =>
          !ELSEWHERE.has(p.entry) &&
          p.route !== '/' &&
          p.route !== '/login' &&
          (p.audience === 'public' ||
            p.audience === 'authenticated' ||
            (p.audience as readonly string[]).includes(role)),
      ).map((p) => p.route);
      const page = await web.loginAs(user);
      expect(await scan(page, user, routes)).to.deep.equal([]);
    });

  it('shows a visitor no English on the public pages and the login page', async () => {
    const routes = PAGES.filter((p) => p.audience === 'public' && p.route !== '/' && !ELSEWHERE.has(p.entry)).map(
      (p) => p.route,
    );
    const page = await web.anonymousPage();
    expect(await scan(page, 'visitor', routes)).to.deep.equal([]);
  });

  it('finds English where there is some (the scan is not blind)', () => {
    expect(
      latinWords('办件 BJ-1a2b 已受理 by window-li, Loading… JSON 330106-SJ-000105013', new Set(['window-li'])),
    ).to.deep.equal(['by', 'Loading']);
  });
});
