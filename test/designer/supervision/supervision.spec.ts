/**
 * The 电子监察 board in the browser: a 食品经营许可 case left lying in 审查 past its 4-working-day
 * limit shows as a 黄牌 of the 许可科, in the table and as a bar of the chart, and both lead to the
 * audit search filtered to that department and level, listing as many cases as the figure; the
 * period picker and the handling figures, whose 超时 figure opens the list of its one case.
 */
import { expect } from 'chai';
import request from 'supertest';
import { useWorkspace } from '../support/browser.js';
import { SHIPPED_SUPERVISION as supervision } from '../../support/supervision.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';

const FOOD = '西湖区市场监督管理局行政许可科';
const MATTER = '330106-SJ-000105013';
const MATTER_NAME = '食品经营许可（新办）';

interface CaseBody {
  caseId: string;
  tasks: Array<{ taskId: string; elementId: string }>;
}

describe('Workspace: the supervision board (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace({ supervision });
  const as = (user: string) => ({ Authorization: `Bearer ${web.server.tokens[user]}` });
  let caseId = '';
  let reviewTaskId = '';

  it('shows a step left past its limit as a 黄牌 of its department, in the table and the chart, each leading to the filtered case list', async () => {
    // 收件 and 受理 at the window on Monday 2 November 09:30; 审查 (许可科, 4 working days) is due Friday 17:30.
    const received = (
      await request(web.server.app).post('/api/cases').set(as('window-li')).send(application).expect(201)
    ).body as CaseBody;
    caseId = received.caseId;
    const accepted = (
      await request(web.server.app)
        .post(`/api/cases/${caseId}/operations`)
        .set(as('window-li'))
        .send({
          operation: 'case.accept',
          data: { taskId: received.tasks.find((t) => t.elementId === 'windowAcceptance')!.taskId },
        })
        .expect(200)
    ).body as CaseBody;
    reviewTaskId = accepted.tasks.find((t) => t.elementId === 'review')!.taskId;
    // Saturday 7 November 09:30: past the limit, not yet 3 working days over (红牌).
    const moved = (
      await request(web.server.app).post('/api/test/clock').set(as('admin')).send({ advance: 'P5D' }).expect(200)
    ).body as { now: string };
    expect(moved.now).to.equal('2026-11-07T01:30:00.000Z');

    const page = await web.loginAs('supervisor-sun');
    await page.goto(web.url('/supervision'));
    await page.getByRole('heading', { name: /未解除的监察信号/ }).waitFor();

    // The table: the 许可科's 食品经营许可 row counts one 黄牌 (its 预警 is superseded), none at 预警 or 红牌.
    const table = page.getByRole('table', { name: '未解除的监察信号（按部门、事项、级别）' });
    const yellow = table.getByRole('link', { name: `${FOOD} ${MATTER_NAME} 黄牌 1 个时限` });
    await yellow.waitFor();
    const row = table.getByRole('row').filter({ hasText: MATTER_NAME });
    expect((await row.locator('td').allTextContents()).map((t) => t.trim())).to.deep.equal([
      MATTER_NAME,
      '0',
      '1',
      '0',
    ]);
    // The contract: the audit page's address is the audit search API's query (designer/audit/contract.ts).
    const expected = { department: FOOD, matterCode: MATTER, signal: '黄牌' };
    const href = new URL((await yellow.getAttribute('href'))!, web.url('/'));
    expect(href.pathname).to.equal('/audit');
    expect(Object.fromEntries(href.searchParams)).to.deep.equal(expected);

    // The chart: its figure reads the 黄牌 series with the 许可科 at 1 (ECharts' aria description, in Chinese).
    const chart = page.getByTestId('chart-signals');
    const description = (await chart.getAttribute('aria-label')) ?? '';
    expect(description).to.contain('表示黄牌的柱状图');
    expect(description).to.match(new RegExp(`表示黄牌的柱状图，其数据是——${FOOD}的数据是1`));
    expect(description).to.match(new RegExp(`表示红牌的柱状图，其数据是——${FOOD}的数据是0`));

    // A click on the 黄牌 bar opens the audit search for the 许可科's 黄牌.
    const point = await chart.evaluate((element, department) => {
      const instance = (
        element as unknown as { mfChart: { convertToPixel(finder: unknown, value: unknown): number[] } }
      ).mfChart;
      return instance.convertToPixel({ gridIndex: 0 }, [0.5, department]);
    }, FOOD);
    const box = (await chart.boundingBox())!;
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/audit'),
      page.mouse.click(box.x + point[0]!, box.y + point[1]!),
    ]);
    const opened = new URL(page.url());
    expect(Object.fromEntries(opened.searchParams)).to.deep.equal({ department: FOOD, signal: '黄牌' });
    // The list holds the case of that 黄牌 (the figure: one limit of one case), and the form shows the filters the link set.
    await page.getByTestId('result-count').filter({ hasText: '共 1 件' }).waitFor();
    expect(
      await page.locator('tr[data-case-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id'))),
    ).to.deep.equal([caseId]);
    expect(await page.getByRole('combobox', { name: /^部门/ }).inputValue()).to.equal(FOOD);
    expect(await page.getByLabel('未解除的最高信号').inputValue()).to.equal('黄牌');

    // And the table's figure leads to the same list, narrowed to the matter.
    await page.goBack();
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/audit'),
      table.getByRole('link', { name: `${FOOD} ${MATTER_NAME} 黄牌 1 个时限` }).click(),
    ]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).to.deep.equal(expected);
    await page.getByTestId('result-count').filter({ hasText: '共 1 件' }).waitFor();
    expect(await page.locator('tr[data-case-id]').count()).to.equal(1);
    // The user changes a filter the link set: 红牌 instead of 黄牌 — none (this 审查 is at 黄牌).
    await page.getByLabel('未解除的最高信号').selectOption('红牌');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('no-results').waitFor();
    expect(new URL(page.url()).searchParams.get('signal')).to.equal('红牌');
  });

  it('counts the late 审查 in the department’s handling figures over the chosen period, and refuses a backwards custom period in Chinese', async () => {
    // The 许可科 finishes the review on Monday 9 November 17:30: 5 working days for a 4-day limit, late.
    await request(web.server.app)
      .post('/api/test/clock')
      .set(as('admin'))
      .send({ set: '2026-11-09T09:30:00.000Z' })
      .expect(200);
    await request(web.server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('food-zhao'))
      .send({ operation: 'task.complete', data: { taskId: reviewTaskId, variables: { 需要现场核查: false } } })
      .expect(200);

    const page = await web.loginAs('supervisor-sun');
    await page.goto(web.url('/supervision?from=2026-11-01&to=2026-11-30'));
    const handling = page.getByRole('table', { name: '办理用时（按部门）' });
    const row = handling.getByRole('row').filter({ has: page.getByRole('rowheader', { name: FOOD, exact: true }) });
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).map((t) => t.trim())).to.deep.equal([
      '1',
      '1',
      '0.0%',
      '5.0 工作日',
      '5.0 工作日',
      '5.0 工作日',
    ]);
    const lateLink = row.getByRole('link', { name: `${FOOD} 超时 1 个` });
    const late = new URL((await lateLink.getAttribute('href'))!, web.url('/'));
    expect(Object.fromEntries(late.searchParams)).to.deep.equal({
      department: FOOD,
      limitKind: 'step',
      limitUnit: '工作日',
      finishedFrom: '2026-11-01',
      finishedTo: '2026-11-30',
      onTime: 'false',
    });
    expect(await lateLink.getAttribute('title')).to.contain('环节所属的办件');
    // Click the figure: the list has the case of that late step, one row.
    await Promise.all([page.waitForURL((url) => url.pathname === '/audit'), lateLink.click()]);
    await page.getByTestId('result-count').filter({ hasText: '共 1 件' }).waitFor();
    expect(
      await page.locator('tr[data-case-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id'))),
    ).to.deep.equal([caseId]);
    expect(await page.getByLabel('按时情况').inputValue()).to.equal('false');
    expect(await page.getByLabel('时限办结日期自').inputValue()).to.equal('2026-11-01');
    expect(await page.getByLabel('时限类型').inputValue()).to.equal('step');
    await page.goBack();
    await row.waitFor();
    expect(await page.getByTestId('chart-handling').getAttribute('aria-label')).to.contain(`${FOOD}的数据是5`);
    // The 许可科's 黄牌 was cleared when the review was done.
    await page.getByText('当前没有未解除的预警、黄牌或红牌。').waitFor();

    // 本季度 is a preset; the address keeps the choice.
    await page.getByRole('button', { name: '本季度' }).click();
    await page.waitForURL((url) => url.searchParams.get('period') === 'quarter');
    expect(await page.getByRole('button', { name: '本季度' }).getAttribute('aria-pressed')).to.equal('true');

    await page.getByRole('button', { name: '自定义' }).click();
    await page.getByLabel('开始日期').fill('2026-11-30');
    await page.getByLabel('结束日期').fill('2026-11-01');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('alert').filter({ hasText: '结束日期不能早于开始日期' }).waitFor();
  });
});
