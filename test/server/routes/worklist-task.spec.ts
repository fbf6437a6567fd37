/**
 * The task page's API: GET /api/tasks/{taskId} with the operations the caller may do now
 * (from the domain's permission and state rules), `mine` in the worklist, and every refusal of
 * POST /api/cases/{caseId}/operations in Chinese with the field named.
 */
import { expect } from 'chai';
import request from 'supertest';
import { addChief, testServer, type TestServer } from '../support.js';

const FOOD = '330106-SJ-000105013';
const form = {
  applicantName: '王小明',
  idType: '居民身份证',
  idNumber: '330106198805052345',
  businessName: '杭州西溪小馆餐饮有限公司',
  businessAddress: '杭州市西湖区文三路 90 号',
  businessItems: ['热食类食品制售'],
  办理方式: '一般程序',
};
const application = (materials: Record<string, boolean>) => ({
  matterCode: FOOD,
  applicant: { name: '王小明', idType: '居民身份证', idNumber: '330106198805052345' },
  channel: '窗口',
  materials,
  form,
});
const ALL = {
  application: true,
  'business-licence': true,
  'id-card': true,
  'premises-layout': true,
  'safety-rules': true,
};
const ONE_TOLERATED_MISSING = { ...ALL, 'premises-layout': false };

interface Offered {
  operation: string;
  label: string;
  options?: Record<string, unknown>;
}
interface Detail {
  task: { taskId: string; elementId: string; applicant: { name: string }; step: { dueAt: string } | null };
  case: { caseId: string; status: string; applicant: { idNumber: string } };
  materials: Array<{ id: string; state: string; deadline?: string }>;
  form: Record<string, unknown>;
  formSchema: { properties: Record<string, unknown> };
  history: Array<{ text: string; actor: string }>;
  operations: Offered[];
  officers: Array<{ id: string }>;
}
interface CaseBody {
  caseId: string;
  status: string;
  tasks: Array<{ taskId: string; elementId: string }>;
}

describe('server: the task page (allowed operations) and Chinese refusals', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  beforeEach(async () => {
    server = await testServer({ testClock: true });
    Object.assign(tokens, server.tokens);
    tokens['chief-zhou'] = await addChief(server);
  });
  afterEach(() => server.close());
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const receive = async (user: string, materials: Record<string, boolean>) =>
    (await request(server.app).post('/api/cases').set(as(user)).send(application(materials)).expect(201))
      .body as CaseBody;
  const taskOf = (body: CaseBody, elementId: string) => body.tasks.find((t) => t.elementId === elementId)!.taskId;
  const detail = async (user: string, taskId: string) =>
    (await request(server.app).get(`/api/tasks/${taskId}`).set(as(user)).expect(200)).body as Detail;
  const keys = (d: Detail) => d.operations.map((o) => o.operation);
  const operate = (user: string, caseId: string, operation: string, data: Record<string, unknown>) =>
    request(server.app).post(`/api/cases/${caseId}/operations`).set(as(user)).send({ operation, data });
  const accepted = async () => {
    const received = await receive('window-li', ALL);
    const body = (
      await operate('window-li', received.caseId, 'case.accept', {
        taskId: taskOf(received, 'windowAcceptance'),
      }).expect(200)
    ).body as CaseBody;
    return body;
  };

  it('offers the window officer 受理, 容缺受理, 不予受理 and 补正告知 on a case missing one 容缺 material, not 通过', async () => {
    const received = await receive('window-li', ONE_TOLERATED_MISSING);
    const d = await detail('window-li', taskOf(received, 'windowAcceptance'));
    expect(keys(d)).to.include.members([
      'case.accept',
      'case.acceptWithTolerance',
      'case.refuse',
      'case.noticeCorrection',
      'task.claim',
    ]);
    expect(
      keys(d).filter((k) => (['task.complete', 'case.conclude', 'clock.extend'] as string[]).includes(k)),
    ).to.deep.equal([]);
    const tolerance = d.operations.find((o) => o.operation === 'case.acceptWithTolerance')!;
    expect((tolerance.options!['missing'] as Array<{ id: string }>).map((m) => m.id)).to.deep.equal([
      'premises-layout',
    ]);
    expect(d.materials.find((m) => m.id === 'premises-layout')!.state).to.equal('missing');
    expect(d.materials.find((m) => m.id === 'application')!.state).to.equal('received');
    expect(d.form['businessName']).to.equal('杭州西溪小馆餐饮有限公司');
    expect(d.form['idNumber']).to.equal('330106********2345');
    expect(d.case.applicant.idNumber).to.equal('330106********2345');
    expect(d.formSchema.properties).to.have.property('businessItems');
    expect(d.history.map((h) => h.text)).to.include('收件（窗口）');
  });

  it('after 容缺受理 the owed material shows with its deadline, and the department officer is offered 签收, 通过 (with the flow’s decision variable), 退回 to 受理, 转办, 特别程序 and 补正告知 — not 受理, 办结 or 延长', async () => {
    const received = await receive('window-li', ONE_TOLERATED_MISSING);
    const body = (
      await operate('window-li', received.caseId, 'case.acceptWithTolerance', {
        taskId: taskOf(received, 'windowAcceptance'),
        commitment: '本人承诺 10 个工作日内补交经营场所平面布局图',
      }).expect(200)
    ).body as CaseBody;
    expect(body.status).to.equal('已受理');
    const d = await detail('food-zhao', taskOf(body, 'review'));
    expect(d.materials.find((m) => m.id === 'premises-layout')).to.deep.include({ state: 'tolerated' });
    expect(d.materials.find((m) => m.id === 'premises-layout')!.deadline).to.be.a('string');
    expect(keys(d)).to.include.members([
      'task.claim',
      'task.complete',
      'case.modify',
      'task.transfer',
      'specialProcedure.start',
      'case.noticeCorrection',
    ]);
    expect(
      keys(d).filter((k) =>
        (
          [
            'case.accept',
            'case.acceptWithTolerance',
            'case.conclude',
            'clock.extend',
            'task.unclaim',
            'task.resolve',
            'multiInstance.addInstance',
            'specialProcedure.end',
          ] as string[]
        ).includes(k),
      ),
    ).to.deep.equal([]);
    const approve = d.operations.find((o) => o.operation === 'task.complete')!;
    expect(approve.options!['variables']).to.deep.equal([{ name: '需要现场核查', type: 'boolean' }]);
    expect(d.operations.find((o) => o.operation === 'case.modify')!.options!['targets']).to.deep.equal([
      { elementId: 'windowAcceptance', name: '受理' },
    ]);
    expect(d.operations.find((o) => o.operation === 'specialProcedure.start')!.options!['kinds']).to.deep.equal([
      '现场勘验',
    ]);
    expect(d.officers.map((o) => o.id))
      .to.include('fire-qian')
      .and.not.include('food-zhao');
    // The history speaks Beijing time: accepted Monday 2026-11-02 09:30, 10 working days to supplement.
    expect(d.history.map((h) => h.text)).to.include('容缺受理，补交期限 2026-11-16 17:30');
  });

  it('after 签收 offers 取消签收 and 委派, and the step that decides the result offers 办结 instead of 通过', async () => {
    const body = await accepted();
    const review = taskOf(body, 'review');
    await operate('food-zhao', body.caseId, 'task.claim', { taskId: review }).expect(200);
    const claimed = await detail('food-zhao', review);
    expect(keys(claimed)).to.include.members(['task.unclaim', 'task.delegate', 'task.complete']);
    expect(keys(claimed)).to.not.include('task.claim');
    const reviewed = (
      await operate('food-zhao', body.caseId, 'task.complete', {
        taskId: review,
        opinion: { decision: '通过', text: '材料齐全，符合条件' },
        variables: { 需要现场核查: false },
      }).expect(200)
    ).body as CaseBody;
    const decision = await detail('chief-zhou', taskOf(reviewed, 'decision'));
    expect(keys(decision)).to.include('case.conclude').and.not.include('task.complete');
    expect(decision.operations.find((o) => o.operation === 'case.modify')!.options!['targets']).to.deep.include({
      elementId: 'review',
      name: '审查',
    });
    expect(decision.history.map((h) => h.text)).to.include('办理「审查」：通过，意见：材料齐全，符合条件');
  });

  it('offers an auditor nothing, and refuses their write with 403 in Chinese', async () => {
    const body = await accepted();
    const d = await detail('auditor-wu', taskOf(body, 'review'));
    expect(d.operations).to.deep.equal([]);
    const refused = await operate('auditor-wu', body.caseId, 'task.complete', {
      taskId: taskOf(body, 'review'),
      opinion: { decision: '通过', text: '同意' },
    }).expect(403);
    expect(refused.body.message.zh).to.equal('无权执行此操作：审计人员不能「办理」');
  });

  it('keeps another department out of a task (read 403) and names the department when refusing its operation', async () => {
    const body = await accepted();
    const review = taskOf(body, 'review');
    const read = await request(server.app).get(`/api/tasks/${review}`).set(as('fire-qian')).expect(403);
    expect(read.body.message.zh).to.contain('只能查看本部门（消防救援）的任务');
    const refused = await operate('fire-qian', body.caseId, 'task.claim', { taskId: review }).expect(403);
    expect(refused.body.message.zh).to.equal(
      '无权签收：「审查」属于西湖区市场监督管理局行政许可科，只能办理本部门（消防救援）的环节',
    );
  });

  it('says in Chinese why the domain refuses: 受理 with a material missing, 签收 of a task another officer holds, a second notice with a new defect', async () => {
    const received = await receive('window-li', ONE_TOLERATED_MISSING);
    const windowTask = taskOf(received, 'windowAcceptance');
    const missing = await operate('window-li', received.caseId, 'case.accept', { taskId: windowTask }).expect(422);
    expect(missing.body).to.deep.include({ code: 'MATERIALS_MISSING' });
    expect(missing.body.message.zh).to.equal(
      '材料不齐，不能受理：缺少经营场所平面布局图及设备布局图。请一次性告知补正，或在允许时容缺受理',
    );

    await operate('window-li', received.caseId, 'case.noticeCorrection', {
      defects: ['经营场所平面布局图及设备布局图：未提交'],
    }).expect(200);
    const second = await operate('window-li', received.caseId, 'case.noticeCorrection', {
      defects: ['营业执照：已过有效期'],
    }).expect(422);
    expect(second.body.message.zh).to.equal(
      '补正须一次性告知：首次告知未列出的问题不能再次告知（营业执照：已过有效期）',
    );

    const body = await accepted();
    const review = taskOf(body, 'review');
    await operate('food-zhao', body.caseId, 'task.claim', { taskId: review }).expect(200);
    await operate('admin', body.caseId, 'task.transfer', { taskId: review, to: 'chief-zhou' }).expect(200);
    const held = await operate('food-zhao', body.caseId, 'task.claim', { taskId: review }).expect(422);
    expect(held.body.message.zh).to.equal('该任务已由 chief-zhou 签收');
  });

  it('names the missing field in Chinese (400) before the domain sees the operation', async () => {
    const body = await accepted();
    const review = taskOf(body, 'review');
    const noOpinion = await operate('food-zhao', body.caseId, 'task.complete', {
      taskId: review,
      opinion: { decision: '不通过', text: ' ' },
    }).expect(400);
    expect(noOpinion.body).to.deep.include({ code: 'INVALID_INPUT', field: '/body/data/opinion/text' });
    expect(noOpinion.body.message.zh).to.equal('请填写办理意见');
    const nobody = await operate('food-zhao', body.caseId, 'task.transfer', {
      taskId: review,
      to: 'nobody-here',
    }).expect(400);
    expect(nobody.body.message.zh).to.equal('用户 nobody-here 不存在');
    const noReason = await operate('food-zhao', body.caseId, 'case.modify', {
      taskId: review,
      activate: 'windowAcceptance',
    }).expect(400);
    expect(noReason.body.message.zh).to.equal('请填写退回理由');
    const received = await receive('window-li', ONE_TOLERATED_MISSING);
    const undeclared = await operate('window-li', received.caseId, 'case.acceptWithTolerance', {
      taskId: taskOf(received, 'windowAcceptance'),
      commitment: '本人承诺补交',
      deadline: '2026-12-31',
    }).expect(400);
    expect(undeclared.body).to.deep.include({ code: 'INVALID_INPUT', field: '/body/data/deadline' });
  });

  it('gives a window officer their own tasks with `mine` (the cases they received), with the matter and the applicant masked', async () => {
    const theirs = await receive('window-li', ALL);
    const others = await receive('admin', ALL);
    const list = (await request(server.app).get('/api/tasks').query({ mine: true }).set(as('window-li')).expect(200))
      .body.tasks as Array<{ caseId: string; matter: { name: string }; applicant: { name: string; idNumber: string } }>;
    expect(list.map((t) => t.caseId))
      .to.include(theirs.caseId)
      .and.not.include(others.caseId);
    const row = list.find((t) => t.caseId === theirs.caseId)!;
    expect(row.matter.name).to.equal('食品经营许可（新办）');
    expect(row.applicant).to.deep.equal({ name: '王*明', idNumber: '330106********2345' });
    const all = (await request(server.app).get('/api/tasks').set(as('window-li')).expect(200)).body.tasks as Array<{
      caseId: string;
    }>;
    expect(all.map((t) => t.caseId)).to.include.members([theirs.caseId, others.caseId]);
  });

  it('answers 404 in Chinese for a task that is not open', async () => {
    const missing = await request(server.app).get('/api/tasks/no-such-task').set(as('food-zhao')).expect(404);
    expect(missing.body.message.zh).to.equal('该任务不存在或已办理完毕');
  });
});
