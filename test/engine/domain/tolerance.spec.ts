/** 容缺受理, 办结, 送达, 撤回 and 撤销. */
import { expect } from 'chai';
import { CommandRejectedError } from '../../../engine/store/index.js';
import type { TestEngine } from '../../support/test-engine.js';
import { APPLICANT, domainEngine, receive, windowTask } from './support.js';

const WITHOUT_PLAN = { licence: true, idCard: true, safetyRules: true, floorPlan: false };

describe('domain: 容缺受理 and the end of a case', () => {
  let engine: TestEngine;
  afterEach(() => engine.close());

  const domain = async (caseId: string) => (await engine.state(caseId)).domain!;
  const refused = async (work: Promise<unknown>, code: string): Promise<CommandRejectedError> => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, `expected ${code}`).to.be.instanceOf(CommandRejectedError);
    expect((error as CommandRejectedError).code).to.equal(code);
    return error as CommandRejectedError;
  };
  const tolerate = (caseId: string) =>
    engine.store.dispatch(caseId, {
      type: 'case.acceptWithTolerance',
      actor: '窗口-王五',
      data: { commitment: '本人承诺5个工作日内补交经营场所平面图' },
    });

  describe('容缺受理', () => {
    beforeEach(async () => {
      engine = await domainEngine();
    });

    it('accepts with a 容缺-eligible material missing, recording the commitment and a deadline within the promised limit', async () => {
      await receive(engine, 'c1', WITHOUT_PLAN);
      await engine.store.dispatch('c1', {
        type: 'case.acceptWithTolerance',
        actor: '窗口-王五',
        data: { commitment: '本人承诺补交', taskId: await windowTask(engine, 'c1') },
      });
      const d = await domain('c1');
      expect(d.status).to.equal('已受理');
      // 5 working days from Tue 09-29 (not counting it): 09-30, 10-08, 10-09, 10-10, 10-12.
      expect(d.tolerance).to.deep.equal({
        missing: ['floorPlan'],
        deadline: '2026-10-12T09:30:00.000Z',
        commitment: '本人承诺补交',
      });
      await engine.expectConsistent('c1');
    });

    it('refuses 容缺 when a core material is missing, naming it', async () => {
      await receive(engine, 'c1', { licence: false, idCard: true, safetyRules: true, floorPlan: false });
      const error = await refused(tolerate('c1'), 'TOLERANCE_REFUSED');
      expect(error.message).to.contain('营业执照');
    });

    it('a 容缺 case whose materials never come ends 已终止', async () => {
      await receive(engine, 'c1', WITHOUT_PLAN);
      await tolerate('c1');
      await engine.advance('P30D');
      const state = await engine.state('c1');
      expect(state.domain?.status).to.equal('已终止');
      expect(state.domain?.result).to.deep.include({ kind: '终止', reason: '补交不来办结：容缺材料逾期未补交' });
      expect(state.status).to.equal('cancelled');
      await engine.expectConsistent('c1');
    });

    it('refuses to issue the licence while materials are owed; once supplied, 出证 goes through and the deadline never fires', async () => {
      await receive(engine, 'c1', WITHOUT_PLAN);
      await tolerate('c1');
      const licence = { name: '食品经营许可证', number: 'JY13301060001234' };
      const error = await refused(
        engine.store.dispatch('c1', { type: 'case.conclude', actor: '科长', data: { kind: '出证', licence } }),
        'MATERIALS_OWED',
      );
      expect(error.message).to.contain('经营场所平面图');
      await engine.store.dispatch('c1', {
        type: 'materials.supply',
        actor: '申请人',
        data: { materials: ['floorPlan'] },
      });
      expect((await domain('c1')).tolerance).to.equal(null);
      await engine.store.dispatch('c1', { type: 'case.conclude', actor: '科长', data: { kind: '出证', licence } });
      await engine.advance('P30D');
      expect(await domain('c1')).to.deep.include({ status: '已办结' });
      expect((await domain('c1')).result).to.deep.include({ kind: '出证', licence });
      await engine.expectConsistent('c1');
    });
  });

  it('the credit check excludes a blacklisted applicant from 容缺', async () => {
    engine = await domainEngine({ creditCheck: (applicant) => applicant.idNumber !== APPLICANT.idNumber });
    await receive(engine, 'c1', WITHOUT_PLAN);
    const error = await refused(tolerate('c1'), 'TOLERANCE_REFUSED');
    expect(error.message).to.contain('credit');
  });

  describe('办结, 送达, 撤回, 撤销', () => {
    beforeEach(async () => {
      engine = await domainEngine();
      await receive(engine, 'c1');
      await engine.store.dispatch('c1', { type: 'case.accept', actor: '窗口-王五', data: {} });
    });

    it('办结 with 出证, then 送达 once; a second 送达 is refused', async () => {
      await engine.store.dispatch('c1', {
        type: 'case.conclude',
        actor: '科长',
        data: { kind: '出证', licence: { name: '食品经营许可证', number: 'JY1' } },
      });
      await engine.store.dispatch('c1', { type: 'case.deliver', actor: '窗口-王五', data: { method: '邮寄' } });
      expect((await domain('c1')).delivery).to.deep.include({ method: '邮寄', by: '窗口-王五' });
      await refused(
        engine.store.dispatch('c1', { type: 'case.deliver', actor: '窗口-王五', data: { method: '邮寄' } }),
        'ALREADY_DELIVERED',
      );
      await engine.expectConsistent('c1');
    });

    it('退件 ends 已退件 with its reason; 不予许可 needs one', async () => {
      await refused(
        engine.store.dispatch('c1', { type: 'case.conclude', actor: '科长', data: { kind: '不予许可' } }),
        'INVALID_ARGUMENT',
      );
      await engine.store.dispatch('c1', {
        type: 'case.conclude',
        actor: '科长',
        data: { kind: '退件', reason: '申请人要求' },
      });
      expect((await domain('c1')).status).to.equal('已退件');
    });

    it('撤回 by the applicant before a decision ends 已撤回 and stops the flow and its clock', async () => {
      await engine.store.dispatch('c1', { type: 'case.withdraw', actor: '申请人', data: { reason: '不再经营' } });
      const state = await engine.state('c1');
      expect(state.domain?.status).to.equal('已撤回');
      expect(state.status).to.equal('cancelled');
      expect(state.clocks).to.deep.equal({});
      await engine.expectConsistent('c1');
    });

    it('撤回 after the decision is refused; 撤销 revokes the decision with its reason', async () => {
      await engine.store.dispatch('c1', {
        type: 'case.conclude',
        actor: '科长',
        data: { kind: '出证', licence: { name: '食品经营许可证', number: 'JY1' } },
      });
      await refused(
        engine.store.dispatch('c1', { type: 'case.withdraw', actor: '申请人', data: { reason: 'x' } }),
        'ILLEGAL_TRANSITION',
      );
      await engine.store.dispatch('c1', { type: 'case.revoke', actor: '局长', data: { reason: '以欺骗手段取得许可' } });
      expect(await domain('c1')).to.deep.include({ status: '已撤销' });
      expect((await domain('c1')).result).to.deep.include({ kind: '撤销', reason: '以欺骗手段取得许可' });
      await engine.expectConsistent('c1');
    });
  });
});
