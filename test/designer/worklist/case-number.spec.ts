/**
 * 办件编号 in the workspace: a window officer finds a case by the number the applicant reads out
 * (worklist search, Enter asks the server), sees it beside the internal id on the task page; an
 * auditor finds it in the audit search; the supervision board's 查找 opens the audit search on it.
 */
import { expect } from 'chai';
import request from 'supertest';
import { FOOD_LICENCE_APPLICATION as food } from '../../support/applications.js';
import { eventually, useWorkspace } from '../support/browser.js';

interface CaseBody {
  caseId: string;
  number: string;
}

describe('Workspace: 办件编号 (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();
  const as = (user: string) => ({ Authorization: `Bearer ${web.server.tokens[user]}` });
  const receive = async () =>
    (await request(web.server.app).post('/api/cases').set(as('window-li')).send(food).expect(201)).body as CaseBody;
  let cases: CaseBody[] = [];
  before(async () => {
    cases = [];
    for (let i = 0; i < 3; i += 1) {
      cases.push(await receive());
      web.server.clock.advance('PT5M');
    }
  });

  it('a window officer finds a case by its 办件编号 in the worklist and sees the number on the task page', async () => {
    const wanted = cases[1]!;
    expect(wanted.number).to.match(/^20261102-\d{4}$/);
    const page = await web.loginAs('window-li');
    await page.goto(web.url('/worklist'));
    for (const c of cases) await page.locator(`tr[data-case-id="${c.caseId}"]`).waitFor();
    // the number is shown beside the internal id
    const row = page.locator(`tr[data-case-id="${wanted.caseId}"]`);
    expect(await row.locator('.wl-case-number').textContent()).to.equal(wanted.number);
    expect(await row.locator('.wl-case-id').textContent()).to.equal(wanted.caseId);

    const search = page.getByRole('searchbox', { name: '搜索' });
    await search.fill(wanted.number);
    await search.press('Enter');
    await page.getByText(`按办件编号查询：${wanted.number}`).waitFor();
    await eventually(() => page.locator('.wl-table tbody tr').count(), 1);
    expect(await page.locator('.wl-table tbody tr').getAttribute('data-case-id')).to.equal(wanted.caseId);

    // 显示全部待办 brings the whole list back
    await page.getByRole('button', { name: '显示全部待办' }).click();
    await eventually(() => page.locator('.wl-table tbody tr').count(), 3);

    await row.locator('.wl-case-number').click();
    await page.waitForURL((url) => url.pathname.startsWith('/worklist/tasks/'));
    const header = page.locator('.wl-case-header');
    expect(await header.locator('.wl-case-number').textContent()).to.contain(wanted.number);
    expect(await header.locator('.wl-case-id').textContent()).to.equal(wanted.caseId);
  });

  it('an auditor finds the case by number and by date in the audit search, each row with its number', async () => {
    const wanted = cases[2]!;
    const page = await web.loginAs('auditor-wu');
    await page.goto(web.url(`/audit?number=${wanted.number}`));
    const row = page.locator(`.mf-audit-results tbody tr[data-case-id="${wanted.caseId}"]`);
    await row.waitFor();
    expect(await page.locator('.mf-audit-results tbody tr').count()).to.equal(1);
    expect(await row.locator('.mf-case-number').textContent()).to.equal(wanted.number);
    await page.goto(web.url('/audit?number=20261102'));
    await page.locator(`.mf-audit-results tbody tr[data-case-id="${cases[0]!.caseId}"]`).waitFor();
    expect(await page.locator('.mf-audit-results tbody tr').count()).to.equal(3);
  });

  it('a supervisor’s 查找 on the board opens the audit search on the number', async () => {
    const wanted = cases[0]!;
    const page = await web.loginAs('supervisor-sun');
    await page.goto(web.url('/supervision'));
    await page.getByRole('searchbox', { name: '办件编号' }).fill(wanted.number);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/audit'),
      page.getByRole('button', { name: '查找' }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('number')).to.equal(wanted.number);
    await page.locator(`.mf-audit-results tbody tr[data-case-id="${wanted.caseId}"]`).waitFor();
  });
});
