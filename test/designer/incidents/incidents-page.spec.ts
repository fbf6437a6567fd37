/**
 * 异常处理 in the browser: an administrator finds a case's incident by its error, reads its
 * failing task and variables (证件号码 masked), and retries it with a changed variable and more
 * retries; a supervisor reads it and is offered no retry; the board counts the open incidents.
 */
import { expect } from 'chai';
import { fixtureXml } from '../../engine/integration-store/support.js';
import { countIncidents } from '../../../engine/integration-store/index.js';
import { eventually, useWorkspace } from '../support/browser.js';

describe('Workspace: 异常处理 (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();

  /** A credit check whose worker reported a failure with no retries left. */
  const failedCase = async (message: string) => {
    const store = web.server.store;
    await store.deploy(fixtureXml('external-tasks.credit-check'), { actor: 'admin' });
    const caseId = (
      await store.startCase({
        processId: 'creditCheck',
        variables: { idNumber: '330102199001011234', 信用平台地址: 'https://credit.example/v1' },
        actor: 'test',
      })
    ).caseId;
    const jobId = Object.keys((await store.getCase(caseId))!.jobs)[0]!;
    await store.dispatch(caseId, { type: 'job.fail', actor: 'worker:信用平台', data: { jobId, message, retries: 0 } });
    return caseId;
  };

  it('an administrator retries an incident with a changed variable: the case runs on', async () => {
    // given
    const caseId = await failedCase('信用平台超时：connect ETIMEDOUT');
    const page = await web.loginAs('admin');
    await page.goto(web.url('/incidents'));
    await page.getByRole('link', { name: '异常' }).waitFor();

    // when the administrator looks for it by its error and opens it
    await page.getByLabel('错误信息').fill('超时');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('共 1 件异常').waitFor();
    await page.getByRole('button', { name: '查看' }).click();
    const detail = page.getByRole('region', { name: '异常详情' });
    await detail.getByText('外部任务主题').waitFor();

    // then it shows the task, the error and the variables, 证件号码 masked
    expect(await detail.textContent())
      .to.contain('信用核查')
      .and.contain('credit-check')
      .and.contain('剩余重试 0 次')
      .and.contain('信用平台超时')
      .and.contain('330102********1234')
      .and.not.contain('330102199001011234');

    // when it is retried with a changed variable and three retries
    await detail.getByLabel('修改变量').fill('{"信用平台地址": "https://credit.example/v2"}');
    await detail.getByLabel('重试次数').fill('3');
    await detail.getByRole('button', { name: '重试' }).click();

    // then the case resumes: no incident, the variable changed, the task has its retries back
    await page.getByText('没有符合条件的异常').waitFor();
    const state = (await web.server.store.getCase(caseId))!;
    expect(state.incidents).to.deep.equal({});
    expect(state.variables[state.rootInstanceId]).to.deep.include({ 信用平台地址: 'https://credit.example/v2' });
    expect(Object.values(state.jobs)[0]).to.include({ retries: 3 });
  });

  it('should refuse a variables text that is not a JSON object, in the form', async () => {
    const caseId = await failedCase('证书过期');
    const page = await web.loginAs('admin');
    await page.goto(web.url('/incidents'));
    await page.getByRole('button', { name: '查看' }).first().click();
    const detail = page.getByRole('region', { name: '异常详情' });
    await detail.getByLabel('修改变量').fill('[1, 2]');
    await detail.getByRole('button', { name: '重试' }).click();
    await detail.getByRole('alert').waitFor();
    expect(await detail.getByRole('alert').textContent()).to.contain('JSON 对象');
    expect((await web.server.store.getCase(caseId))!.incidents).to.not.deep.equal({});
  });

  it('a supervisor reads the incidents without a retry, and the board counts them', async () => {
    await failedCase('信用平台不可用');
    const page = await web.loginAs('supervisor-sun');
    await page.goto(web.url('/supervision'));
    const count = page.getByRole('link', { name: /^异常 \d+ 件$/ });
    await count.waitFor();
    const open = await countIncidents(web.server.db.database.knex);
    expect(open).to.be.greaterThan(0);
    await eventually(async () => (await count.textContent())?.trim(), `异常 ${open} 件`);
    await count.click();
    await page.waitForURL(/\/incidents/);
    await page.getByRole('button', { name: '查看' }).first().click();
    await page.getByText('重试仅限系统管理员。').waitFor();
    expect(await page.getByRole('button', { name: '重试' }).count()).to.equal(0);
  });
});
