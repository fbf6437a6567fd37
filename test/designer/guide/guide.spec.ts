import { expect } from 'chai';
import { useWorkspace } from '../support/browser.js';

describe('Workspace: 办事指南 (browser, public)', function () {
  this.timeout(120_000);
  const web = useWorkspace();

  it('a citizen without logging in opens /guide, picks 食品经营许可 and sees materials with the 容缺 mark, the limits and the flow diagram', async () => {
    const page = await web.anonymousPage();
    await page.goto(web.url('/guide'));
    await page.getByRole('heading', { name: '办事指南', level: 1 }).waitFor();
    await page.getByRole('link', { name: '食品经营许可（新办）' }).click();
    await page.waitForURL((url) => url.pathname === '/guide/330106-SJ-000105013');
    await page.getByRole('heading', { name: '食品经营许可（新办）', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).to.not.equal('/login');

    for (const heading of ['一次性告知', '受理条件', '申请材料', '办理时限', '收费', '办理地点和方式', '办理流程']) {
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
    }
    const layout = page.locator('tr[data-material="premises-layout"]');
    expect(await layout.getByText('可容缺', { exact: true }).count()).to.equal(1);
    expect(await page.locator('tr[data-material="application"]').textContent()).to.contain('不可容缺');
    expect(await page.locator('tr[data-material="business-licence"]').textContent()).to.contain('电子证照共享');

    const limits = await page
      .locator('section', { has: page.getByRole('heading', { name: '办理时限' }) })
      .textContent();
    expect(limits)
      .to.contain('法定办结时限')
      .and.contain('20个工作日')
      .and.contain('承诺办结时限')
      .and.contain('10个工作日');
    expect(
      await page.locator('section', { has: page.getByRole('heading', { name: '收费' }) }).textContent(),
    ).to.contain('不收费');

    await page.locator('[data-testid="flow-diagram"][data-rendered="true"]').waitFor();
    const labels = await page
      .locator('[data-testid="flow-diagram"] svg .djs-label, [data-testid="flow-diagram"] svg text')
      .allTextContents();
    const text = labels.join(' ');
    for (const task of ['受理', '审查', '现场核查', '决定', '送达许可证']) expect(text, task).to.contain(task);
    // read-only: no palette, no context pad
    expect(await page.locator('.djs-palette').count()).to.equal(0);
  });

  it('the guide of an unknown matter says so in Chinese', async () => {
    const page = await web.anonymousPage();
    await page.goto(web.url('/guide/NO-SUCH-MATTER'));
    await page.getByText('事项 NO-SUCH-MATTER 不存在').waitFor();
  });

  it('prints without the navigation and the print button', async () => {
    const page = await web.anonymousPage();
    await page.goto(web.url('/guide/330106-SJ-000105013'));
    await page.locator('[data-testid="flow-diagram"][data-rendered="true"]').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.mf-header').isVisible()).to.equal(false);
    expect(await page.getByRole('button', { name: '打印办事指南' }).isVisible()).to.equal(false);
    expect(await page.getByRole('heading', { name: '申请材料' }).isVisible()).to.equal(true);
  });
});
