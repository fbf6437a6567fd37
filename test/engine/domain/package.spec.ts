/** 一件事: one application, one acceptance, the matters as child cases, one result. */
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { MatterSnapshot } from '../../../engine/domain/index.js';
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
