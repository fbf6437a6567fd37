/** 用户管理 in the browser: an administrator creates a user through the page (the token shown once, working), and deactivates one. */
import { expect } from 'chai';
import request from 'supertest';
import { applicantKey } from '../../../engine/store/index.js';
import { principalForToken } from '../../../engine/users-store/index.js';
import { eventually, useWorkspace } from '../support/browser.js';

const ID_NUMBER = '330102199001011234';

describe('Workspace: 用户管理 (browser, administrators)', function () {
  this.timeout(120_000);
  const web = useWorkspace();

  it('an administrator creates an applicant bound to a 证件号码: the token is shown once and works', async () => {
    // given
    const page = await web.loginAs('admin');
    await page.goto(web.url('/users'));
    await page.getByRole('link', { name: '用户' }).waitFor();
    await page.locator('tr[data-user="window-li"]').waitFor();

    // when
    await page.getByRole('button', { name: '新建用户' }).click();
    const form = page.getByRole('form', { name: '新建用户' });
    await form.getByLabel('用户名').fill('zhang-san');
    await form.getByLabel('姓名').fill('张三');
    await expect(await form.getByLabel('证件号码').count()).to.equal(0);
    await form.getByRole('checkbox', { name: '申请人' }).check();
    await form.getByLabel('证件号码').fill(ID_NUMBER);
    await form.getByRole('button', { name: '创建用户' }).click();

    // then
    const token = (await page.getByLabel('接口令牌', { exact: true }).textContent())!.trim();
    expect(await principalForToken(web.server.db.database.knex, token)).to.deep.equal({
      id: 'zhang-san',
      roles: ['applicant'],
      applicantKey: applicantKey(ID_NUMBER),
    });
    const row = page.locator('tr[data-user="zhang-san"]');
    expect(await row.textContent())
      .to.contain('张三')
      .and.contain('申请人')
      .and.contain('已绑定')
      .and.not.contain(ID_NUMBER);
    await page.getByRole('button', { name: '我已保存' }).click();
    expect(await page.getByLabel('接口令牌', { exact: true }).count()).to.equal(0);
  });

  it('an administrator deactivates a window officer: their token is refused at once, and the page offers 启用', async () => {
    // given
    const app = web.server.app;
    const token = { Authorization: `Bearer ${web.server.tokens['window-li']}` };
    await request(app).get('/api/tasks').set(token).expect(200);
    const page = await web.loginAs('admin');
    await page.goto(web.url('/users'));
    await page.locator('tr[data-user="admin"]').waitFor();
    expect(await page.locator('tr[data-user="admin"]').getByRole('button', { name: '停用' }).count()).to.equal(0);
    await page.getByRole('searchbox', { name: '搜索' }).fill('window');
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.locator('tr[data-user="window-li"]');
    await eventually(
      () => page.locator('tbody tr[data-user]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-user'))),
      ['window-li'],
    );

    // when
    await row.getByRole('button', { name: '停用' }).click();
    await row.getByRole('button', { name: '确认停用' }).click();

    // then
    await row.getByRole('button', { name: '启用' }).waitFor();
    expect(await row.textContent()).to.contain('已停用');
    await request(app).get('/api/tasks').set(token).expect(401);
    await row.getByRole('button', { name: '启用' }).click();
    await row.getByRole('button', { name: '停用' }).waitFor();
    await request(app).get('/api/tasks').set(token).expect(200);
  });

  it('an administrator gives a department officer a second role; dropping the applicant role of a bound applicant is refused in the form', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/users'));
    const row = page.locator('tr[data-user="fire-qian"]');
    await row.getByRole('button', { name: '编辑' }).click();
    const form = page.getByRole('form', { name: '编辑用户 fire-qian' });
    expect(await form.getByLabel('所属部门').inputValue()).to.equal('消防救援');
    await form.getByRole('checkbox', { name: '审计人员' }).check();
    await form.getByRole('button', { name: '保存修改' }).click();
    await eventually(async () => (await row.locator('td').nth(2).textContent())?.trim(), '部门审批人员、审计人员');

    await page.locator('tr[data-user="zhang-san"]').getByRole('button', { name: '编辑' }).click();
    const applicant = page.getByRole('form', { name: '编辑用户 zhang-san' });
    await applicant.getByRole('checkbox', { name: '申请人' }).uncheck();
    await applicant.getByRole('checkbox', { name: '窗口人员' }).check();
    await applicant.getByRole('button', { name: '保存修改' }).click();
    await applicant.getByRole('alert').getByText('须保留申请人角色').waitFor();
  });

  it('should NOT be offered to a window officer', async () => {
    const page = await web.loginAs('window-li');
    await page.goto(web.url('/users'));
    await page.getByText('用户管理仅限系统管理员。').waitFor();
    expect(await page.getByRole('link', { name: '用户' }).count()).to.equal(0);
  });
});
