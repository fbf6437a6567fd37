import { expect } from 'chai';
import request from 'supertest';
import { useWorkspace } from '../support/browser.js';

const FOOD = '330106-SJ-000105013';

describe('Workspace: 事项管理 (browser, administrators)', function () {
  this.timeout(120_000);
  const web = useWorkspace();

  it('an administrator edits the 食品经营许可 promised limit: ajv’s Chinese message at the field, the server’s refusal at the field, then version 2', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/matters'));
    const row = page.locator('tr', { hasText: FOOD });
    expect(await row.textContent())
      .to.contain('第 1 版')
      .and.contain('food-licence')
      .and.contain('admin');
    await row.getByRole('link', { name: '食品经营许可（新办）' }).click();
    await page.waitForURL((url) => url.pathname === `/matters/${FOOD}`);
    expect(await page.getByRole('link', { name: /在流程设计器中打开流程/ }).getAttribute('href')).to.equal(
      '/designer?process=food-licence',
    );

    const amountField = page.locator('[data-schemapath="root.promisedLimit.amount"]');
    const amount = amountField.locator('input');
    await amount.fill('-5');
    await amount.press('Tab');
    await amountField.getByText('应当为 > 0').waitFor();
    await page.getByRole('button', { name: '保存（部署新版本）' }).click();
    await page.getByText('事项填写有误，请按提示修改后再保存').waitFor();
    expect(await page.locator('.mf-matter-summary').textContent())
      .to.contain('时限数值')
      .and.contain('应当为 > 0');

    // valid for the schema, refused by the catalogue (longer than the legal limit): shown at the same field
    await amount.fill('30');
    await amount.press('Tab');
    await amountField.getByText('应当为 > 0').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '保存（部署新版本）' }).click();
    await amountField.getByText('承诺办结时限不得长于法定办结时限').waitFor();

    await amount.fill('15');
    await amount.press('Tab');
    await amountField.getByText('承诺办结时限不得长于法定办结时限').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '保存（部署新版本）' }).click();
    await page.getByText('已保存为第 2 版').waitFor();
    await page.getByTestId('matter-meta').getByText('当前第 2 版').waitFor();
    await page.getByRole('table', { name: '版本列表' }).getByText('第 2 版').waitFor();

    const token = web.server.tokens['admin']!;
    const versions = (
      await request(web.server.app)
        .get(`/api/matters/${FOOD}/versions`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body as Array<{ version: number }>;
    expect(versions.map((v) => v.version)).to.deep.equal([1, 2]);
    const latest = (
      await request(web.server.app).get(`/api/matters/${FOOD}`).set('Authorization', `Bearer ${token}`).expect(200)
    ).body as { matter: { promisedLimit: { amount: number } } };
    expect(latest.matter.promisedLimit.amount).to.equal(15);

    // saving again without a change is not a new version
    await page.getByRole('button', { name: '保存（部署新版本）' }).click();
    await page.getByText('内容未改变，未创建新版本（仍为第 2 版）').waitFor();
    expect(
      (
        (
          await request(web.server.app)
            .get(`/api/matters/${FOOD}/versions`)
            .set('Authorization', `Bearer ${token}`)
            .expect(200)
        ).body as unknown[]
      ).length,
    ).to.equal(2);
  });

  it('the form round-trips a matter file unchanged: an untouched 最低生活保障 saved is not a new version', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/matters/330106-MZ-000128001'));
    await page.locator('[data-schemapath="root.name"] input').waitFor();
    await page.getByRole('button', { name: '保存（部署新版本）' }).click();
    await page.getByText('内容未改变，未创建新版本（仍为第 1 版）').waitFor();
  });

  it('a non-administrator gets no editor, and the API refuses their save (403)', async () => {
    const page = await web.loginAs('window-li');
    await page.goto(web.url(`/matters/${FOOD}`));
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    expect(await page.locator('[data-schemapath]').count()).to.equal(0);
    expect(await page.getByRole('button', { name: '保存（部署新版本）' }).count()).to.equal(0);
    const status = await page.evaluate(async () => {
      const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage;
      const session = JSON.parse(storage.getItem('matterflow.session') ?? 'null') as { token: string } | null;
      const response = await fetch('/api/matters', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session?.token ?? ''}` },
        body: JSON.stringify({ name: 'x' }),
      });
      return response.status;
    });
    expect(status).to.equal(403);
  });
});
