/**
 * The README's pictures of the workspace, taken from a realistic week of 食品经营许可 (the test
 * clock, 2–9 November 2026): the 许可科's 待办 with a 黄牌, a 预警, a case in 补正 and one in
 * 特别程序; their 已办; a replay at its 预警 showing the officers' record; the printed record of a
 * finished case; the public guide. Only with MATTERFLOW_SCREENSHOTS=1 (it writes docs/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CaseDriver } from '../support/case-driver.js';
import { FOOD_LICENCE_APPLICATION } from '../support/applications.js';
import { SUPERVISION } from './replay/replay-support.js';
import { useWorkspace } from './support/browser.js';

const SHOTS = 'docs/screenshots';
const bj = (day: number, time: string) => `2026-11-${String(day).padStart(2, '0')}T${time}:00+08:00`;

/** An application of a named applicant and business. */
const application = (name: string, idNumber: string, business: string, address: string) => ({
  ...FOOD_LICENCE_APPLICATION,
  applicant: { ...FOOD_LICENCE_APPLICATION.applicant, name, idNumber },
  form: {
    ...FOOD_LICENCE_APPLICATION.form,
    applicantName: name,
    idNumber,
    businessName: business,
    businessAddress: address,
  },
});

describe('Workspace: the README’s screenshots (MATTERFLOW_SCREENSHOTS=1)', function () {
  this.timeout(300_000);
  const web = useWorkspace({ supervision: SUPERVISION });
  let driver: CaseDriver;
  const ids: Record<string, string> = {};

  before(async function () {
    if (process.env['MATTERFLOW_SCREENSHOTS'] !== '1') this.skip();
    this.timeout(120_000);
    driver = new CaseDriver(web.server);
    await driver.moveTo(bj(2, '09:30'));
    const late = await driver.acceptedFoodCase(
      application('陈美玲', '330106199203154528', '杭州美玲轻食餐饮有限公司', '杭州市西湖区天目山路 176 号'),
    );
    ids['late'] = late.caseId;
    const done = await driver.acceptedFoodCase(
      application('周建国', '330106197811023315', '杭州建国面馆', '杭州市西湖区文三路 90 号'),
    );
    ids['done'] = done.caseId;
    await driver.moveTo(bj(3, '10:15'));
    await driver.operate('food-zhao', done.caseId, 'task.claim', { taskId: done.review });
    await driver.operate('food-zhao', done.caseId, 'task.complete', {
      taskId: done.review,
      opinion: { decision: '通过', text: '材料齐全，经营场所布局合理，同意' },
      variables: { 需要现场核查: false },
    });
    await driver.moveTo(bj(4, '09:30'));
    const warned = await driver.acceptedFoodCase(
      application('王晓雯', '330106199405203326', '杭州晓雯茶饮有限公司', '杭州市西湖区文二路 88 号'),
    );
    ids['warned'] = warned.caseId;
    const corrected = await driver.acceptedFoodCase(
      application('李卫东', '330106198507114219', '杭州卫东小吃店', '杭州市西湖区古墩路 701 号'),
    );
    await driver.operate('food-zhao', corrected.caseId, 'case.noticeCorrection', {
      taskId: corrected.review,
      defects: ['食品安全管理制度文本：缺少从业人员健康管理制度'],
    });
    const inspected = await driver.acceptedFoodCase(
      application('孙丽华', '330106198807214428', '杭州丽华烘焙坊', '杭州市西湖区学院路 35 号'),
    );
    await driver.operate('food-zhao', inspected.caseId, 'task.claim', { taskId: inspected.review });
    await driver.operate('food-zhao', inspected.caseId, 'specialProcedure.start', {
      taskId: inspected.review,
      kind: '现场勘验',
      reason: '烘焙间与仓储间相邻，需现场核实布局',
    });
    // A case through to 送达 over two days, for the printed record.
    await driver.moveTo(bj(5, '14:00'));
    const finished = await driver.acceptedFoodCase(
      application('赵一鸣', '330106199012125517', '杭州一鸣咖啡馆', '杭州市西湖区北山街 12 号'),
    );
    ids['finished'] = finished.caseId;
    await driver.moveTo(bj(5, '15:20'));
    await driver.operate('food-zhao', finished.caseId, 'task.claim', { taskId: finished.review });
    const reviewed = await driver.operate('food-zhao', finished.caseId, 'task.complete', {
      taskId: finished.review,
      opinion: { decision: '通过', text: '材料齐全，符合法定形式，同意进入决定环节' },
      variables: { 需要现场核查: false },
    });
    await driver.addChief();
    await driver.moveTo(bj(6, '10:05'));
    const concluded = await driver.operate('chief-zhou', finished.caseId, 'case.conclude', {
      kind: '出证',
      licence: { name: '食品经营许可证', number: 'JY13301060000031' },
      taskId: driver.task(reviewed, 'decision'),
    });
    await driver.moveTo(bj(6, '14:30'));
    await driver.operate('window-li', finished.caseId, 'task.complete', {
      taskId: driver.task(concluded, 'deliverLicence'),
    });
    await driver.operate('window-li', finished.caseId, 'case.deliver', { method: '窗口领取' });
    await driver.moveTo(bj(9, '17:45'));
  });

  const shoot = async (page: Page, name: string, settle = 600) => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(settle);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
  };

  it('待办 of the 许可科 and their 已办', async () => {
    const page = await web.loginAs('food-zhao');
    await page.locator(`tr[data-case-id="${ids['late']}"]`).waitFor();
    await shoot(page, 'worklist');
    await page.goto(web.url('/worklist/handled'));
    await page.locator(`tr[data-case-id="${ids['done']}"]`).waitFor();
    await shoot(page, 'handled');
  });

  it('the replay of a case at its 预警, and the printed record of a finished one', async () => {
    const events = await web.server.store.getEvents(ids['late']!);
    const warned = events.findIndex((event) => event.type === 'alert.raised') + 1;
    const page = await web.loginAs('auditor-wu');
    await page.goto(web.url(`/audit/cases/${ids['late']}?seq=${warned}`));
    await page.locator('[data-testid="replay-diagram"][data-ready="true"]').waitFor();
    await shoot(page, 'replay', 900);
    await page.goto(web.url(`/audit/cases/${ids['finished']}?view=print`));
    await page.getByTestId('print-steps').waitFor();
    await shoot(page, 'print');
  });

  it('the public 办事指南 of 食品经营许可', async () => {
    const page = await web.anonymousPage();
    await page.goto(web.url('/guide/330106-SJ-000105013'));
    await page.locator('[data-testid="flow-diagram"][data-rendered="true"]').waitFor();
    await shoot(page, 'guide');
  });
});
