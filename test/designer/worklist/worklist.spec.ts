/**
 * The worklist and the task page in the browser: food-zhao sees a 容缺-accepted 食品经营许可 with
 * its due dates and approves it (通过 with an opinion); a refusal of the server shows in Chinese;
 * an auditor sees no action and the API refuses their write (403); past 500 tasks 加载更多 loads
 * the next page.
 */
import { expect } from 'chai';
import request from 'supertest';
import { CASE_OPERATIONS } from '../../../engine/operations/index.js';
import { foodLicenceApplication } from '../../support/applications.js';
import { useWorkspace } from '../support/browser.js';

/** A 食品经营许可 whose 经营场所平面图 is owed (容缺). */
const application = (name: string, idNumber: string, business: string) =>
  foodLicenceApplication({
    name,
    idNumber,
    businessName: business,
    businessAddress: '杭州市西湖区古墩路 701 号',
    materials: { 'premises-layout': false },
  });

interface CaseBody {
  caseId: string;
  status: string;
  tasks: Array<{ taskId: string; elementId: string; assignee: string | null }>;
}

describe('Workspace: 待办 and 办理 (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();
  const as = (user: string) => ({ Authorization: `Bearer ${web.server.tokens[user]}` });
  /** 收件 and 容缺受理 at the window, over the API (the 收件 page has its own test). */
  const acceptedCase = async (name: string, idNumber: string, business: string): Promise<CaseBody> => {
    const received = (
      await request(web.server.app)
        .post('/api/cases')
        .set(as('window-li'))
        .send(application(name, idNumber, business))
        .expect(201)
    ).body as CaseBody;
    return (
      await request(web.server.app)
        .post(`/api/cases/${received.caseId}/operations`)
        .set(as('window-li'))
        .send({
          operation: 'case.acceptWithTolerance',
          data: { taskId: received.tasks[0]!.taskId, commitment: '承诺 10 个工作日内补交平面布局图' },
        })
        .expect(200)
    ).body as CaseBody;
  };

  it('food-zhao sees the case in the worklist with its due dates and approves it (通过 with an opinion) on the task page', async () => {
    const accepted = await acceptedCase('陈美玲', '330106199203154528', '杭州美玲轻食餐饮有限公司');
    const page = await web.loginAs('food-zhao');
    expect(new URL(page.url()).pathname).to.equal('/worklist');
    const row = page.locator(`tr[data-case-id="${accepted.caseId}"]`);
    await row.waitFor();
    const text = (await row.textContent())!;
    expect(text)
      .to.contain('食品经营许可（新办）')
      .and.contain('陈*玲')
      .and.contain('审查')
      .and.contain('计时中')
      .and.contain('已受理');
    // 审查: 4 working days from Monday 2026-11-02 09:30 → Friday 17:30; the case: 10 working days.
    expect(text).to.contain('2026-11-06 17:30').and.contain('（4 工作日）').and.contain('（10 工作日）');

    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/worklist/tasks/')),
      row.getByRole('link').click(),
    ]);
    await page.getByRole('heading', { name: /审查/ }).waitFor();
    expect(await page.locator('tr', { hasText: '经营场所平面布局图及设备布局图' }).textContent()).to.contain(
      '容缺待补',
    );
    expect(await page.locator('[aria-label="申请表"] [id="root[businessName]"]').inputValue()).to.equal(
      '杭州美玲轻食餐饮有限公司',
    );
    await page.getByRole('button', { name: '签收', exact: true }).click();
    await page.getByText('签收人 food-zhao').waitFor();
    await page.getByRole('button', { name: '通过 / 不通过' }).click();
    await page.getByLabel('通过', { exact: true }).check();
    await page.getByLabel('办理意见').fill('经书面审查，申请材料符合要求，同意进入决定环节。平面布局图待容缺补交。');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/worklist'),
      page.getByRole('button', { name: '确认提交' }).click(),
    ]);
    await page.getByText(`办件 ${accepted.caseId}「审查」已办理`).waitFor();
    expect(await page.locator(`tr[data-case-id="${accepted.caseId}"]`).count()).to.equal(0);

    const after = (await request(web.server.app).get(`/api/cases/${accepted.caseId}`).set(as('auditor-wu')).expect(200))
      .body as CaseBody;
    expect(after.status).to.equal('审查中');
    expect(after.tasks.map((t) => t.elementId)).to.deep.equal(['decision']);
    const events = await web.server.store.getEvents(accepted.caseId);
    const completed = events.find((e) => e.type === 'task.completed' && e.actor === 'food-zhao');
    expect(completed?.data).to.deep.include({
      opinion: { decision: '通过', text: '经书面审查，申请材料符合要求，同意进入决定环节。平面布局图待容缺补交。' },
      variables: { 需要现场核查: false },
    });
  });

  it('退回 from 审查 to 受理: the form names its fields by the declaration and posts exactly {taskId, activate, reason}', async () => {
    const accepted = await acceptedCase('孙丽华', '330106198807214428', '杭州丽华面馆');
    const review = accepted.tasks.find((t) => t.elementId === 'review')!;
    const page = await web.loginAs('food-zhao');
    const posted: unknown[] = [];
    page.on('request', (sent) => {
      if (sent.method() === 'POST' && new URL(sent.url()).pathname.endsWith('/operations'))
        posted.push(sent.postDataJSON());
    });
    await page.goto(web.url(`/worklist/tasks/${review.taskId}`));
    await page.getByRole('button', { name: '退回', exact: true }).click();
    // Nothing chosen: the form says what is missing, in the declaration's words, and sends nothing.
    await page.getByRole('button', { name: '确认退回' }).click();
    await page.locator('.wl-op-form .wl-refusal', { hasText: '请选择退回到的环节' }).waitFor();
    expect(posted).to.deep.equal([]);
    await page.getByLabel('退回到的环节').selectOption('windowAcceptance');
    await page.getByLabel('退回理由').fill('申请表经营项目填写有误，请窗口核实后重新受理。');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/worklist'),
      page.getByRole('button', { name: '确认退回' }).click(),
    ]);
    await page.getByText(`办件 ${accepted.caseId}「审查」已退回`).waitFor();

    expect(posted).to.deep.equal([
      {
        operation: 'case.modify',
        data: {
          taskId: review.taskId,
          activate: 'windowAcceptance',
          reason: '申请表经营项目填写有误，请窗口核实后重新受理。',
        },
      },
    ]);
    const after = (await request(web.server.app).get(`/api/cases/${accepted.caseId}`).set(as('auditor-wu')).expect(200))
      .body as CaseBody;
    expect(after.tasks.map((t) => t.elementId)).to.deep.equal(['windowAcceptance']);
    const events = await web.server.store.getEvents(accepted.caseId);
    expect(events.find((e) => e.type === 'instance.modified' && e.actor === 'food-zhao')?.data).to.deep.include({
      reason: '申请表经营项目填写有误，请窗口核实后重新受理。',
    });
  });

  it('shows the server’s refusal in Chinese: 签收 of a task someone else took meanwhile', async () => {
    const accepted = await acceptedCase('刘建国', '330106197507126613', '杭州建国小吃店');
    const review = accepted.tasks.find((t) => t.elementId === 'review')!;
    const page = await web.loginAs('food-zhao');
    await page.goto(web.url(`/worklist/tasks/${review.taskId}`));
    await page.getByRole('button', { name: '签收', exact: true }).waitFor();
    // Meanwhile the 局 transfers the task to another officer.
    await request(web.server.app)
      .post(`/api/cases/${accepted.caseId}/operations`)
      .set(as('admin'))
      .send({ operation: 'task.transfer', data: { taskId: review.taskId, to: 'fire-qian' } })
      .expect(200);
    await page.getByRole('button', { name: '签收', exact: true }).click();
    await page.locator('.wl-refusal', { hasText: '该任务已由 fire-qian 签收' }).waitFor();
    expect(await page.locator('.mf-notice-error').textContent()).to.contain('该任务已由 fire-qian 签收');
  });

  it('an auditor opening a task page sees no action buttons, and the API refuses their write (403)', async () => {
    const accepted = await acceptedCase('周晓燕', '330106199911302226', '杭州晓燕烘焙坊');
    const review = accepted.tasks.find((t) => t.elementId === 'review')!;
    const page = await web.loginAs('auditor-wu');
    await page.goto(web.url(`/worklist/tasks/${review.taskId}`));
    await page.getByText('您对该任务没有可执行的操作（仅可查看）。').waitFor();
    expect(await page.locator('[aria-label="办理操作"] button').count()).to.equal(0);
    expect(await page.locator('.wl-case-header').textContent()).to.contain('已受理');
    const refused = await page.evaluate(
      async ({ caseId, taskId }) => {
        const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } })
          .localStorage;
        const session = JSON.parse(storage.getItem('matterflow.session') ?? '{}') as { token: string };
        const response = await fetch(`/api/cases/${caseId}/operations`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}` },
          body: JSON.stringify({
            operation: 'task.complete',
            data: { taskId, opinion: { decision: '通过', text: '同意' } },
          }),
        });
        return { status: response.status, body: (await response.json()) as { message: { zh: string } } };
      },
      { caseId: accepted.caseId, taskId: review.taskId },
    );
    expect(refused.status).to.equal(403);
    expect(refused.body.message.zh).to.equal(
      `无权执行此操作：审计人员不能「${CASE_OPERATIONS['task.complete'].label}」`,
    );
  });

  it('loads 500 tasks at a time: 加载更多 appends the next page until the last', async () => {
    // given more than a page of open tasks for the 许可科 (a one-step process, 501 cases)
    await web.server.store.deploy(ONE_STEP_BPMN, { actor: 'admin' });
    for (let n = 0; n < 501; n++) await web.server.store.startCase({ processId: 'oneStep', actor: 'admin' });
    let total = 0;
    for (let cursor: string | null | undefined; cursor !== null;) {
      const page = (
        await request(web.server.app)
          .get('/api/tasks')
          .query({ limit: 500, ...(cursor ? { cursor } : {}) })
          .set(as('food-zhao'))
          .expect(200)
      ).body as { tasks: unknown[]; next: string | null };
      total += page.tasks.length;
      cursor = page.next;
    }
    expect(total).to.be.within(501, 1000);

    // when
    const page = await web.loginAs('food-zhao');
    const more = page.getByRole('button', { name: '加载更多' });
    await more.waitFor();
    expect(await page.locator('.wl-table tbody tr').count()).to.equal(500);
    await more.click();

    // then
    await page.getByText(`共 ${total} 件`).waitFor();
    expect(await page.locator('.wl-table tbody tr').count()).to.equal(total);
    expect(await page.getByRole('button', { name: /加载/ }).count()).to.equal(0);
  });
});

/** One step for the 许可科: enough open tasks for a second page. */
const ONE_STEP_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="defs-one-step" targetNamespace="urn:matterflow:test">
  <bpmn:process id="oneStep" name="一步" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:userTask id="check" name="核对" gov:department="西湖区市场监督管理局行政许可科"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
