/** 特别程序, 审查中, and 告知承诺制 with its 核查. */
import { expect } from 'chai';
import { CommandRejectedError } from '../../../engine/store/index.js';
import { applicantKey } from '../../../engine/store/projections-domain.js';
import type { TestEngine } from '../../support/test-engine.js';
import { APPLICANT, FOOD_LICENCE, domainEngine, windowTask } from './support.js';

const COMMITTED = {
  ...FOOD_LICENCE,
  informedCommitment: { allowed: true, verificationPeriod: { amount: 10, unit: '工作日' as const } },
  specialProcedures: ['现场核查', '检验'],
};

describe('domain: 审查中, 特别程序 and 告知承诺', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await domainEngine();
    await engine.store.dispatch('c1', {
      type: 'case.receive',
      actor: '窗口-李四',
      data: {
        caseId: 'c1',
        processId: 'foodLicence',
        matter: COMMITTED,
        applicant: APPLICANT,
        channel: '网上',
        materials: { licence: true, idCard: true, safetyRules: true, floorPlan: true },
      },
    });
    await engine.store.dispatch('c1', {
      type: 'case.accept',
      actor: '窗口-王五',
      data: { taskId: await windowTask(engine, 'c1') },
    });
  });
  afterEach(() => engine.close());

  const domain = async () => (await engine.state('c1')).domain!;
  const caseClock = async () => Object.values((await engine.state('c1')).clocks).find((c) => c.kind === 'case')!;

  it('the first department step worked after 受理 puts the case 审查中', async () => {
    expect((await domain()).status).to.equal('已受理');
    await engine.completeTask('c1', 'review');
    expect((await domain()).status).to.equal('审查中');
    await engine.expectConsistent('c1');
  });

  it('a 特别程序 stops the clock while it runs and the case is 特别程序中', async () => {
    await engine.completeTask('c1', 'review');
    await engine.store.dispatch('c1', {
      type: 'specialProcedure.start',
      actor: '审查-赵六',
      data: { kind: '现场核查', reason: '核实经营场所', approver: '科长' },
    });
    expect((await domain()).status).to.equal('特别程序中');
    expect((await caseClock()).running).to.equal(false);
    expect((await caseClock()).stops[0]).to.deep.include({ kind: '特别程序', approver: '科长' });
    engine.clock.advance('P2D');
    await engine.store.dispatch('c1', {
      type: 'specialProcedure.end',
      actor: '审查-赵六',
      data: { result: '场所与申请一致' },
    });
    expect((await domain()).status).to.equal('审查中');
    expect((await caseClock()).running).to.equal(true);
    await engine.expectConsistent('c1');
  });

  it('refuses a 特别程序 the matter does not allow', async () => {
    const error = await engine.store
      .dispatch('c1', { type: 'specialProcedure.start', actor: '审查-赵六', data: { kind: '拍卖', reason: 'x' } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(CommandRejectedError);
    expect((error as Error).message).to.contain('拍卖');
  });

  it('告知承诺: decided on commitment, a passed 核查 keeps the licence', async () => {
    await engine.store.dispatch('c1', {
      type: 'case.decideOnCommitment',
      actor: '科长',
      data: { commitment: '本人承诺符合条件', licence: { name: '食品经营许可证', number: 'JY2' } },
    });
    expect(await domain()).to.deep.include({ status: '已办结' });
    await engine.store.dispatch('c1', {
      type: 'commitment.verify',
      actor: '核查-孙七',
      data: { passed: true, findings: '与承诺一致' },
    });
    expect((await domain()).commitment?.verified).to.deep.include({ passed: true });
    expect((await engine.state('c1')).timers).to.deep.equal({});
    await engine.expectConsistent('c1');
  });

  it('告知承诺: a 核查 not done within the matter’s period is marked overdue, the decision standing', async () => {
    await engine.store.dispatch('c1', {
      type: 'case.decideOnCommitment',
      actor: '科长',
      data: { commitment: '本人承诺符合条件', licence: { name: '食品经营许可证', number: 'JY2' } },
    });
    await engine.advance('P30D');
    expect((await domain()).commitment).to.deep.include({ overdue: true, verified: null });
    expect((await domain()).status).to.equal('已办结');
    await engine.expectConsistent('c1');
  });

  it('告知承诺: a failed 核查 revokes the decision (已撤销) and records it against the applicant', async () => {
    await engine.store.dispatch('c1', {
      type: 'case.decideOnCommitment',
      actor: '科长',
      data: { commitment: '本人承诺符合条件', licence: { name: '食品经营许可证', number: 'JY2' } },
    });
    await engine.store.dispatch('c1', {
      type: 'commitment.verify',
      actor: '核查-孙七',
      data: { passed: false, findings: '经营场所与承诺不符' },
    });
    expect(await domain()).to.deep.include({ status: '已撤销' });
    const records = await engine.store.database
      .knex('applicant_records')
      .where({ applicant_key: applicantKey(APPLICANT.idNumber) });
    expect(records.map((r: { kind: string; findings: string }) => [r.kind, r.findings])).to.deep.equal([
      ['告知承诺不实', '经营场所与承诺不符'],
    ]);
    expect(JSON.stringify(records)).to.not.contain(APPLICANT.idNumber);
    await engine.expectConsistent('c1');
  });
});
