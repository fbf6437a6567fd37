/**
 * 一件事 in the workspace: the department officer's task page of a part says which package it is
 * a part of; the window's 统一出件 page lists the package's parts with their numbers, status and
 * results, a refused one with its reason (部分办结, the shipped rule of 企业开办).
 */
import { expect } from 'chai';
import request from 'supertest';
import { BUSINESS_STARTUP_APPLICATION as startup } from '../../support/applications.js';
import { passwordOf } from '../../server/support.js';
import { useWorkspace } from '../support/browser.js';

interface Task {
  taskId: string;
  elementId: string;
}
interface CaseBody {
  caseId: string;
  number: string;
  tasks: Task[];
  parts: Array<{ caseId: string; name: string }>;
}

const DEPARTMENTS = {
  'registry-he': '西湖区市场监督管理局登记注册科',
  'police-qian': '杭州市公安局西湖区分局治安管理大队',
  'tax-sun': '国家税务总局杭州市西湖区税务局第一税务所',
  'social-zhou': '西湖区社会保险管理服务中心',
  'fund-wu': '杭州住房公积金管理中心西湖分中心',
} as const;
type Officer = keyof typeof DEPARTMENTS | 'window-li';

describe('Workspace: 一件事 parts on the task page (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();
  const tokens = new Map<string, string>();
  const as = (user: Officer) => ({ Authorization: `Bearer ${tokens.get(user) ?? web.server.tokens[user]}` });
  const get = async (user: Officer, caseId: string) =>
    (await request(web.server.app).get(`/api/cases/${caseId}`).set(as(user)).expect(200)).body as CaseBody;
  const operate = (user: Officer, caseId: string, operation: string, data: Record<string, unknown>) =>
    request(web.server.app).post(`/api/cases/${caseId}/operations`).set(as(user)).send({ operation, data }).expect(200);
  const part = async (pkg: string, name: string) => (await get('window-li', pkg)).parts.find((p) => p.name === name)!;
  const taskIn = async (caseId: string) => (await get('window-li', caseId)).tasks[0]!.taskId;

  before(async () => {
    for (const [id, department] of Object.entries(DEPARTMENTS)) {
      const created = await request(web.server.app)
        .post('/api/users')
        .set({ Authorization: `Bearer ${web.server.tokens['admin']}` })
        .send({ id, name: id, roles: ['department'], department, password: passwordOf(id) })
        .expect(201);
      tokens.set(id, (created.body as { token: string }).token);
    }
  });

  it('a part’s page names its package; the package’s 统一出件 lists its parts, a refused one with its reason', async () => {
    const received = (await request(web.server.app).post('/api/cases').set(as('window-li')).send(startup).expect(201))
      .body as CaseBody;
    const acceptance = received.tasks.find((t) => t.elementId === 'windowAcceptance')!.taskId;
    await operate('window-li', received.caseId, 'case.accept', { taskId: acceptance });
    const licence = await part(received.caseId, '营业执照');
    const licenceTask = await taskIn(licence.caseId);

    const registry = await web.loginAs('registry-he');
    await registry.goto(web.url(`/worklist/tasks/${licenceTask}`));
    await registry.getByText(`本件是一件事「企业开办一件事」（${received.number}）的子事项`).waitFor();

    await operate('registry-he', licence.caseId, 'task.complete', {
      taskId: licenceTask,
      opinion: { decision: '通过', text: '准予设立登记' },
      variables: { licenceNo: 'SL-2026-0001', unifiedCreditCode: '91330106MA2TEST01X' },
    });
    const seal = await part(received.caseId, '印章刻制');
    await operate('police-qian', seal.caseId, 'case.conclude', {
      kind: '不予许可',
      reason: '印章样式不符合规定',
      taskId: await taskIn(seal.caseId),
    });
    for (const [officer, name] of [
      ['tax-sun', '发票申领'],
      ['social-zhou', '社保登记'],
      ['fund-wu', '公积金开户'],
    ] as const) {
      const p = await part(received.caseId, name);
      await operate(officer, p.caseId, 'task.complete', {
        taskId: await taskIn(p.caseId),
        opinion: { decision: '通过', text: '已办理' },
      });
    }
    const issue = (await get('window-li', received.caseId)).tasks.find((t) => t.elementId === 'issueResults')!;

    const window = await web.loginAs('window-li');
    await window.goto(web.url(`/worklist/tasks/${issue.taskId}`));
    const parts = window.getByRole('table', { name: '一件事子事项' });
    await parts.waitFor();
    const rows = await parts.locator('tbody tr').allTextContents();
    expect(rows).to.have.length(5);
    expect(rows[0])
      .to.contain(`${received.number}-01`)
      .and.contain('营业执照')
      .and.contain('已办结')
      .and.contain('出证');
    expect(rows[1])
      .to.contain(`${received.number}-02`)
      .and.contain('印章刻制')
      .and.contain('不予许可（印章样式不符合规定）');
  });
});
