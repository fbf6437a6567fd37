import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { useWorkspace } from '../support/browser.js';
import { CaseDriver, SUPERVISION } from '../replay/replay-support.js';

describe('Workspace: audit search and export (browser)', function () {
  this.timeout(180_000);
  const web = useWorkspace({ supervision: SUPERVISION });
  let reviewed = '';
  let later = '';

  before(async function () {
    this.timeout(60_000);
    const driver = new CaseDriver(web.server);
    // Received 2026-11-02 (Beijing), 审查 claimed by food-zhao; the clock then moves 4 days on.
    reviewed = (await driver.foodCaseAtReview()).caseId;
    // Received 2026-11-06 (Beijing), only 收件 by window-li.
    later = (await driver.receive()).caseId;
  });

  /** Wait until the results table has `n` rows (polling the locator: the page's CSP forbids evaluated strings). */
  const rowCount = async (page: Page, n: number) => {
    const rows = page.locator('.mf-audit-results tbody tr');
    for (let tries = 0; (await rows.count()) !== n; tries += 1) {
      if (tries > 100) throw new Error(`Expected ${n} result rows, but there are ${await rows.count()}`);
      await page.waitForTimeout(100);
    }
  };
  const rowIds = async (page: Page) =>
    page
      .locator('.mf-audit-results tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id')));

  it('finds a case by the officer who acted and by the 收件 date range, and opens its replay', async () => {
    const page = await web.loginAs('auditor-wu');
    await page.goto(web.url('/audit'));
    await page.getByTestId('result-count').waitFor();
    expect(await rowIds(page)).to.deep.equal([later, reviewed]);

    await page.getByLabel('经办人（用户名）').fill('food-zhao');
    await page.getByRole('button', { name: '查询' }).click();
    await rowCount(page, 1);
    expect(await rowIds(page)).to.deep.equal([reviewed]);
    expect(new URL(page.url()).searchParams.get('officer')).to.equal('food-zhao');

    await page.getByRole('button', { name: '重置' }).click();
    await rowCount(page, 2);
    await page.getByLabel('收件日期自').fill('2026-11-06');
    await page.getByLabel('收件日期至').fill('2026-11-06');
    await page.getByRole('button', { name: '查询' }).click();
    await rowCount(page, 1);
    expect(await rowIds(page)).to.deep.equal([later]);
    await page.getByLabel('收件日期自').fill('2026-11-01');
    await page.getByLabel('收件日期至').fill('2026-11-02');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator(`.mf-audit-results tbody tr[data-case-id="${reviewed}"]`).waitFor();
    await rowCount(page, 1);
    expect(await rowIds(page)).to.deep.equal([reviewed]);
    // The address is the API's query: a reload (or a link) gives the same list.
    expect(Object.fromEntries(new URL(page.url()).searchParams)).to.deep.equal({
      receivedFrom: '2026-11-01',
      receivedTo: '2026-11-02',
    });
    await page.reload();
    await page.locator(`.mf-audit-results tbody tr[data-case-id="${reviewed}"]`).waitFor();
    await rowCount(page, 1);
    await page.getByLabel('收件日期自').fill('2026-11-03');
    await page.getByLabel('收件日期至').fill('2026-11-02');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('收件日期：结束日期不能早于开始日期').waitFor();

    // Only reading: no buttons but search, reset, export and the shell's.
    const buttons = (await page.getByRole('button').allTextContents()).map((b) => b.trim());
    expect(buttons.filter((b) => !['查询', '重置', '导出 JSON', '退出', '×'].includes(b))).to.deep.equal([]);

    await page.locator(`tr[data-case-id="${reviewed}"]`).getByRole('link', { name: '回放' }).click();
    await page.waitForURL((url) => url.pathname === `/audit/cases/${reviewed}`);
    await page.locator('[data-testid="replay-diagram"][data-ready="true"]').waitFor();
  });

  it('exports a case’s history as a JSON file whose events are the audit API’s, and as a printable page', async () => {
    const page = await web.loginAs('auditor-wu');
    await page.goto(web.url(`/audit?officer=food-zhao`));
    await page.locator(`tr[data-case-id="${reviewed}"]`).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`tr[data-case-id="${reviewed}"]`).getByRole('button', { name: '导出 JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).to.equal(`办件历史-${reviewed}.json`);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      case: { caseId: string };
      verification: unknown;
      events: Array<Record<string, unknown>>;
    };
    const api = await new CaseDriver(web.server).get<Array<Record<string, unknown>>>(
      'auditor-wu',
      `/api/audit/cases/${reviewed}/events`,
    );
    expect(file.case.caseId).to.equal(reviewed);
    expect(file.verification).to.deep.equal({ ok: true });
    expect(file.events.map(({ prevHash: _p, hash: _h, ...event }) => event)).to.deep.equal(api);
    expect(JSON.stringify(file)).to.not.contain('330102199001011234');

    const print = await web.loginAs('supervisor-sun');
    await print.goto(web.url(`/audit/cases/${reviewed}?view=print`));
    await print.getByTestId('print-events').waitFor();
    expect(await print.getByTestId('print-case-id').textContent()).to.equal(reviewed);
    // The paper lists the 办理记录 (the events with words), not the flow's bookkeeping.
    expect(await print.locator('[data-testid="print-events"] tbody tr').count()).to.equal(
      api.filter((event) => event['text'] !== null).length,
    );
    expect(await print.getByTestId('verification').getAttribute('data-ok')).to.equal('true');
    await print.emulateMedia({ media: 'print' });
    expect(await print.locator('.mf-header').isVisible()).to.equal(false);
    expect(await print.getByRole('button', { name: '打印' }).isVisible()).to.equal(false);
    expect(await print.getByTestId('print-events').isVisible()).to.equal(true);
  });
});
