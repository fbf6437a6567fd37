/**
 * The audit search past its first page: 101 cases, 100 shown with 加载更多, then all 101 in the
 * same order (newest 收件 first), none twice; a page position the API did not give is refused.
 */
import { expect } from 'chai';
import request from 'supertest';
import { CaseDriver } from '../../support/case-driver.js';
import { eventually, useWorkspace } from '../support/browser.js';

describe('Workspace: audit search paging (browser)', function () {
  this.timeout(180_000);
  const web = useWorkspace();
  const received: string[] = [];

  before(async function () {
    this.timeout(120_000);
    const driver = new CaseDriver(web.server);
    for (let i = 0; i < 101; i += 1) {
      received.push((await driver.receive()).caseId);
      if (i % 10 === 9) await driver.advance('PT1M');
    }
  });

  it('shows 100 cases, then 加载更多 the rest, newest first and none twice', async () => {
    const page = await web.loginAs('auditor-wu');
    await page.goto(web.url('/audit'));
    const count = page.getByTestId('result-count');
    await count.waitFor();
    expect(await count.textContent()).to.equal('已显示 100 件，还有更多');
    const rows = page.locator('.mf-audit-results tbody tr');
    expect(await rows.count()).to.equal(100);
    await page.getByRole('button', { name: '加载更多' }).click();
    await eventually(() => rows.count(), 101);
    expect(await count.textContent()).to.equal('共 101 件');
    expect(await page.getByRole('button', { name: '加载更多' }).count()).to.equal(0);
    const ids = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-case-id')));
    expect(new Set(ids).size).to.equal(101);
    expect([...ids].sort()).to.deep.equal([...received].sort());
    // Newest 收件 first: the last ten were received a minute after the ones before them.
    expect(ids.slice(0, 1)).to.satisfy((first: string[]) => received.slice(100).includes(first[0]!));
    expect(received.slice(0, 10)).to.include(ids[100]);
  });

  it('refuses a page position it did not give (400, in Chinese)', async () => {
    const response = await request(web.server.app)
      .get('/api/audit/cases')
      .query({ after: 'BJ-no-such-case' })
      .set({ Authorization: `Bearer ${web.server.tokens['auditor-wu']}` })
      .expect(400);
    expect(response.body.message.zh).to.equal('/query/after：翻页位置无效，请从第一页重新查询');
  });
});
