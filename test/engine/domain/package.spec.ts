/**
 * 一件事: one application, one acceptance, the matters as child cases, one result. Every child is
 * a 办件 of its own (a part: its number, status, clock and decision), and the package's rule says
 * what a refused part means.
 */
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { MatterSnapshot, PackageRule } from '../../../engine/domain/index.js';
import { TestEngine } from '../../support/test-engine.js';
import { APPLICANT, windowTask } from './support.js';

const STARTUP: MatterSnapshot = {
  code: '330100-QYKB-YJS',
  version: 1,
  name: '企业开办一件事',
  caseType: 2,
  promisedLimit: { amount: 1, unit: '工作日' },
  materials: [
    { id: 'form', name: '企业开办一表通申请书', necessity: 'required' },
    { id: 'idCard', name: '法定代表人身份证', necessity: 'required' },
    { id: 'lease', name: '住所使用证明', necessity: 'required' },
  ],
  tolerance: { allowed: false, supplementDeadline: null },
};
const CHILDREN = ['seal', 'invoice', 'socialSecurity', 'housingFund'];

async function startPackage(engine: TestEngine, rule?: PackageRule) {
  await engine.deploy(fileURLToPath(new URL('./business-startup.bpmn', import.meta.url)));
  await engine.store.dispatch('p1', {
    type: 'case.receive',
    actor: '综合窗口-周八',
    data: {
      caseId: 'p1',
      processId: 'businessStartup',
      number: '20261102-0007',
      matter: rule ? { ...STARTUP, package: rule } : STARTUP,
      applicant: APPLICANT,
      channel: '窗口',
      materials: { form: true, idCard: true, lease: true },
      form: { 企业名称: '杭州某某科技有限公司', 注册资本: 100 },
    },
  });
  await engine.store.dispatch('p1', {
    type: 'case.accept',
    actor: '综合窗口-周八',
    data: { taskId: await windowTask(engine, 'p1') },
  });
}

describe('domain: 一件事 (企业开办)', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.create({ start: '2026-11-02T01:30:00.000Z', calendar: true });
    await engine.deploy(fileURLToPath(new URL('./business-startup.bpmn', import.meta.url)));
    await engine.store.dispatch('p1', {
      type: 'case.receive',
      actor: '综合窗口-周八',
      data: {
        caseId: 'p1',
        processId: 'businessStartup',
        matter: STARTUP,
        applicant: APPLICANT,
        channel: '窗口',
        materials: { form: true, idCard: true, lease: true },
        form: { 企业名称: '杭州某某科技有限公司', 注册资本: 100 },
      },
    });
    await engine.store.dispatch('p1', {
      type: 'case.accept',
      actor: '综合窗口-周八',
      data: { taskId: await windowTask(engine, 'p1') },
    });
  });
  afterEach(() => engine.close());

  const children = async () => {
    const family = await engine.family('p1');
    return Promise.all(family.slice(1).map((id) => engine.state(id)));
  };

  it('runs 营业执照 first, then the four matters in parallel as child cases sharing the one form', async () => {
    expect((await children()).map((c) => c.processId)).to.deep.equal(['licence']);
    expect((await children())[0]!.variables[(await children())[0]!.rootInstanceId]).to.deep.include({
      企业名称: '杭州某某科技有限公司',
    });
    await engine.completeTask('p1', 'licenceHandle', { licenceNo: '91330100MA2XXXXX0X' });
    expect((await children()).map((c) => c.processId).sort()).to.deep.equal([
      'housingFund',
      'invoice',
      'licence',
      'seal',
      'socialSecurity',
    ]);
    await engine.expectConsistent('p1');
  });

  it('一件事 completes when all four child matters have completed, with their results collected on the parent', async () => {
    await engine.completeTask('p1', 'licenceHandle', { licenceNo: '91330100MA2XXXXX0X' });
    for (const [index, child] of CHILDREN.entries()) {
      expect(
        (await engine.store.listTasks({ caseId: 'p1' })).map((t) => t.elementId),
        `before ${child}`,
      ).to.deep.equal([]);
      await engine.completeTask('p1', `${child}Handle`, { [`${child}No`]: `NO-${index}` });
    }
    const parent = await engine.state('p1');
    expect((await engine.store.listTasks({ caseId: 'p1' })).map((t) => t.elementId)).to.deep.equal(['issue']);
    expect(parent.variables[parent.rootInstanceId]).to.deep.include({
      licenceNo: '91330100MA2XXXXX0X',
      sealNo: 'NO-0',
      invoiceNo: 'NO-1',
      socialSecurityNo: 'NO-2',
      housingFundNo: 'NO-3',
    });
    expect((await children()).every((c) => c.status === 'completed')).to.equal(true);
    await engine.store.dispatch('p1', {
      type: 'case.conclude',
      actor: '综合窗口-周八',
      data: {
        kind: '出证',
        licence: { name: '营业执照', number: '91330100MA2XXXXX0X' },
        taskId: (await engine.store.listTasks({ caseId: 'p1' }))[0]!.taskId,
      },
    });
    const done = await engine.state('p1');
    expect(done.status).to.equal('completed');
    expect(done.domain?.status).to.equal('已办结');
    await engine.expectConsistent('p1');
  });

  it('the parent does not go on while one of the four is still open', async () => {
    await engine.completeTask('p1', 'licenceHandle');
    for (const child of CHILDREN.slice(0, 3)) await engine.completeTask('p1', `${child}Handle`);
    expect((await engine.store.listTasks({ caseId: 'p1' })).map((t) => t.elementId)).to.deep.equal([]);
    expect((await engine.state('p1')).status).to.equal('active');
  });
});

describe('domain: every part of a 一件事 is a 办件 of its own', () => {
  let engine: TestEngine;
  afterEach(() => engine.close());

  const parts = async () => {
    const family = await engine.family('p1');
    return Promise.all(family.slice(1).map((id) => engine.state(id)));
  };
  const partOf = async (processId: string) => {
    const part = (await parts()).find((state) => state.processId === processId);
    if (!part) throw new Error(`no part ${processId}`);
    return part;
  };
  const taskOf = async (caseId: string) => {
    const [task] = await engine.store.listTasks({ caseId });
    if (!task) throw new Error(`no open task in ${caseId}`);
    return task.taskId;
  };
  const refuse = async (processId: string, reason: string) => {
    const part = await partOf(processId);
    await engine.store.dispatch(part.caseId, {
      type: 'case.conclude',
      actor: '公安-钱七',
      data: { kind: '不予许可', reason, taskId: await taskOf(part.caseId) },
    });
  };
  const grantLicence = () => engine.completeTask('p1', 'licenceHandle', { licenceNo: '91330100MA2XXXXX0X' });

  it('a part is received as the package’s, accepted at its one window and numbered from the package', async () => {
    engine = await TestEngine.create({ start: '2026-11-02T01:30:00.000Z', calendar: true });
    await startPackage(engine);
    const licence = await partOf('licence');
    expect(licence.domain?.status).to.equal('已受理');
    expect(licence.domain?.number).to.equal('20261102-0007-01');
    expect(licence.domain?.package).to.deep.equal({
      caseId: 'p1',
      number: '20261102-0007',
      name: '企业开办一件事',
      elementId: 'call_licence',
    });
    expect(licence.domain?.acceptance).to.include({ by: '综合窗口-周八', auto: false });
    expect(licence.domain?.applicant).to.deep.equal(APPLICANT);
    expect((await engine.state('p1')).domain?.status, 'the package is with its departments').to.equal('审查中');
    await grantLicence();
    const numbers = (await parts()).map((part) => part.domain?.number).sort();
    expect(numbers).to.deep.equal([
      '20261102-0007-01',
      '20261102-0007-02',
      '20261102-0007-03',
      '20261102-0007-04',
      '20261102-0007-05',
    ]);
    expect((await engine.state('p1')).domain?.parts?.map((part) => part.name)).to.deep.equal([
      '营业执照',
      '印章刻制',
      '发票申领',
      '社保登记',
      '公积金开户',
    ]);
    expect((await partOf('licence')).domain?.status, 'granted by its step').to.equal('已办结');
    expect((await partOf('licence')).domain?.result?.kind).to.equal('出证');
    await engine.expectConsistent('p1');
  });

  it('a part its department refuses (不予许可) refuses the whole package: the others end 已终止 and are told why', async () => {
    engine = await TestEngine.create({ start: '2026-11-02T01:30:00.000Z', calendar: true });
    await startPackage(engine, { onPartRefused: '整体不予许可', coreParts: [] });
    await grantLicence();
    await refuse('seal', '经营场所与登记住所不一致');
    const pkg = await engine.state('p1');
    expect(pkg.domain?.status).to.equal('已办结');
    expect(pkg.domain?.result).to.include({ kind: '不予许可' });
    expect(pkg.domain?.result?.reason).to.equal('一件事整体不予许可（印章刻制不予许可：经营场所与登记住所不一致）');
    expect(pkg.status).to.equal('cancelled');
    for (const sibling of ['invoice', 'socialSecurity', 'housingFund']) {
      const part = await partOf(sibling);
      expect(part.domain?.status, sibling).to.equal('已终止');
      expect(part.domain?.result?.reason, sibling).to.equal(
        '一件事整体不予许可：印章刻制不予许可：经营场所与登记住所不一致',
      );
      expect(await engine.store.listTasks({ caseId: part.caseId }), sibling).to.deep.equal([]);
    }
    expect((await partOf('seal')).domain?.status).to.equal('已办结');
    expect((await partOf('seal')).domain?.result?.kind).to.equal('不予许可');
    await engine.expectConsistent('p1');
  });

  it('不通过 on a part’s last step is the part’s 不予许可, not a grant', async () => {
    engine = await TestEngine.create({ start: '2026-11-02T01:30:00.000Z', calendar: true });
    await startPackage(engine, { onPartRefused: '部分办结', coreParts: [] });
    await grantLicence();
    const invoice = await partOf('invoice');
    await engine.store.dispatch(invoice.caseId, {
      type: 'task.complete',
      actor: '税务-孙九',
      data: { taskId: await taskOf(invoice.caseId), opinion: { decision: '不通过', text: '纳税人存在欠税' } },
    });
    const decided = await partOf('invoice');
    expect(decided.domain?.status).to.equal('已办结');
    expect(decided.domain?.result).to.include({ kind: '不予许可', reason: '纳税人存在欠税' });
    expect((await engine.state('p1')).domain?.parts?.find((p) => p.caseId === invoice.caseId)?.result).to.include({
      kind: '不予许可',
      reason: '纳税人存在欠税',
    });
  });

  it('部分办结: the other parts go on after a refusal, and the package’s 办结 states the refusal', async () => {
    engine = await TestEngine.create({ start: '2026-11-02T01:30:00.000Z', calendar: true });
    await startPackage(engine, { onPartRefused: '部分办结', coreParts: ['call_licence'] });
    await grantLicence();
    await refuse('housingFund', '单位已有公积金账户');
    expect((await engine.state('p1')).domain?.status).to.equal('审查中');
    for (const sibling of ['seal', 'invoice', 'socialSecurity']) {
      expect((await partOf(sibling)).domain?.status, sibling).to.equal('已受理');
      await engine.completeTask('p1', `${sibling}Handle`);
    }
    const issue = await taskOf('p1');
    await engine.store.dispatch('p1', {
      type: 'case.conclude',
      actor: '综合窗口-周八',
      data: { kind: '出证', licence: { name: '营业执照', number: '91330100MA2XXXXX0X' }, taskId: issue },
    });
    const pkg = await engine.state('p1');
    expect(pkg.domain?.status).to.equal('已办结');
    expect(pkg.domain?.result?.kind).to.equal('出证');
    expect(pkg.domain?.result?.reason).to.equal('部分办结：公积金开户不予许可（单位已有公积金账户）');
    await engine.expectConsistent('p1');
  });

  it('部分办结 with a core part: the core part’s refusal refuses the whole package', async () => {
    engine = await TestEngine.create({ start: '2026-11-02T01:30:00.000Z', calendar: true });
    await startPackage(engine, { onPartRefused: '部分办结', coreParts: ['call_licence'] });
    await refuse('licence', '企业名称与已登记企业重名');
    const pkg = await engine.state('p1');
    expect(pkg.domain?.status).to.equal('已办结');
    expect(pkg.domain?.result?.kind).to.equal('不予许可');
    expect(
      (await parts()).map((part) => part.processId),
      'nothing after the licence starts',
    ).to.deep.equal(['licence']);
  });
});
