/** 收件 → 受理 / 补正 / 不予受理, 一次性告知, and the 5-day answer period. */
import { expect } from 'chai';
import { CommandRejectedError } from '../../../engine/store/index.js';
import type { TestEngine } from '../../support/test-engine.js';
import { domainEngine, receive, windowTask } from './support.js';

describe('domain: 收件 and 受理', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await domainEngine();
  });
  afterEach(() => engine.close());

  const domain = async (caseId: string) => (await engine.state(caseId)).domain!;
  const caseClock = async (caseId: string) =>
    Object.values((await engine.state(caseId)).clocks).find((c) => c.kind === 'case');
  const refused = async (work: Promise<unknown>, code: string): Promise<CommandRejectedError> => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(CommandRejectedError);
    expect((error as CommandRejectedError).code).to.equal(code);
    return error as CommandRejectedError;
  };

  it('收件 records the application as 已收件 and keeps the matter version it was made for', async () => {
    await receive(engine, 'c1');
    const d = await domain('c1');
    expect(d).to.deep.include({ status: '已收件', channel: '窗口', receivedBy: '窗口-李四' });
    expect(d.matter.version).to.equal(1);
    expect(await caseClock('c1')).to.equal(undefined);
    await engine.expectConsistent('c1');
  });

  it('受理 starts the promised 10-working-day limit from 受理, not from 收件, and the accepting officer is 首办负责', async () => {
    await receive(engine, 'c1');
    engine.clock.set('2026-09-30T02:00:00.000Z');
    await engine.store.dispatch('c1', {
      type: 'case.accept',
      actor: '窗口-王五',
      data: { documentNo: '受理〔2026〕001', taskId: await windowTask(engine, 'c1') },
    });
    const d = await domain('c1');
    expect(d).to.deep.include({ status: '已受理', responsibleOfficer: '窗口-王五' });
    // 10 working days from Wed 09-30, not counting that day: 10-08, 10-09, 10-10 (a Saturday worked), 10-12 .. 10-16, 10-19, 10-20 at the close of office.
    expect((await caseClock('c1'))?.dueAt).to.equal('2026-10-20T09:30:00.000Z');
    expect((await engine.store.listTasks({ caseId: 'c1' })).map((t) => t.elementId)).to.deep.equal(['review']);
    await engine.expectConsistent('c1');
  });

  it('受理 with a core material missing is refused, naming it', async () => {
    await receive(engine, 'c1', { licence: true, idCard: false, safetyRules: true, floorPlan: true });
    const error = await refused(
      engine.store.dispatch('c1', { type: 'case.accept', actor: '窗口-王五', data: {} }),
      'MATERIALS_MISSING',
    );
    expect(error.message).to.contain('法定代表人身份证');
    expect((await domain('c1')).status).to.equal('已收件');
  });

  it('a second 补正 notice with a new defect is refused (一次性告知)', async () => {
    await receive(engine, 'c1');
    await engine.store.dispatch('c1', {
      type: 'case.noticeCorrection',
      actor: '窗口-王五',
      data: { defects: ['营业执照复印件不清晰', '平面图未标注面积'] },
    });
    expect((await domain('c1')).status).to.equal('补正中');
    const error = await refused(
      engine.store.dispatch('c1', {
        type: 'case.noticeCorrection',
        actor: '窗口-王五',
        data: { defects: ['营业执照复印件不清晰', '缺少健康证明'] },
      }),
      'ONE_TIME_NOTICE',
    );
    expect(error.message).to.contain('缺少健康证明');
    await engine.store.dispatch('c1', {
      type: 'case.noticeCorrection',
      actor: '窗口-王五',
      data: { defects: ['平面图未标注面积'] },
    });
    expect((await domain('c1')).notices).to.have.length(2);
    await engine.expectConsistent('c1');
  });

  it('补正 completed brings the application back to 已收件, ready for 受理', async () => {
    await receive(engine, 'c1');
    await engine.store.dispatch('c1', {
      type: 'case.noticeCorrection',
      actor: '窗口-王五',
      data: { defects: ['营业执照复印件不清晰'] },
    });
    await engine.store.dispatch('c1', {
      type: 'materials.supply',
      actor: '申请人',
      data: { materials: ['licence'], cures: ['营业执照复印件不清晰'] },
    });
    expect(await domain('c1')).to.deep.include({ status: '已收件', openDefects: [] });
    await engine.store.dispatch('c1', { type: 'case.accept', actor: '窗口-王五', data: {} });
    expect((await domain('c1')).status).to.equal('已受理');
    await engine.expectConsistent('c1');
  });

  it('补正 after 受理 stops the clock, and supplying the materials restarts it with the due date moved on', async () => {
    await receive(engine, 'c1');
    await engine.store.dispatch('c1', { type: 'case.accept', actor: '窗口-王五', data: {} });
    const before = (await caseClock('c1'))!.dueAt;
    engine.clock.set('2026-10-13T03:00:00.000Z'); // Tue 11:00
    await engine.store.dispatch('c1', {
      type: 'case.noticeCorrection',
      actor: '审查-赵六',
      data: { defects: ['场所平面图与实际不符'] },
    });
    expect((await caseClock('c1'))!.running).to.equal(false);
    engine.clock.set('2026-10-16T03:00:00.000Z'); // Fri 11:00: 3 working days later
    await engine.store.dispatch('c1', {
      type: 'materials.supply',
      actor: '申请人',
      data: { materials: ['floorPlan'], cures: ['场所平面图与实际不符'] },
    });
    const clock = (await caseClock('c1'))!;
    expect(clock.running).to.equal(true);
    expect(before).to.equal('2026-10-19T09:30:00.000Z');
    expect(clock.dueAt).to.equal('2026-10-22T09:30:00.000Z');
    expect((await domain('c1')).status).to.equal('已受理');
    await engine.expectConsistent('c1');
  });

  it('an application nobody answers within 5 working days counts as accepted (行政许可法 §32)', async () => {
    await receive(engine, 'c1');
    // Received Tue 09-29: 5 working days later is Mon 10-12 at the close of office, after National Day.
    await engine.advance('P13D');
    expect((await domain('c1')).status).to.equal('已收件');
    await engine.advance('PT8H');
    const d = await domain('c1');
    expect(d.status).to.equal('已受理');
    expect(d.acceptance).to.deep.include({ auto: true, by: 'system' });
    expect(await caseClock('c1')).to.not.equal(undefined);
    await engine.expectConsistent('c1');
  });

  it('不予受理 ends the case with its reason and cancels the flow', async () => {
    await receive(engine, 'c1');
    await engine.store.dispatch('c1', {
      type: 'case.refuse',
      actor: '窗口-王五',
      data: { reason: '不属于本机关职权范围' },
    });
    const state = await engine.state('c1');
    expect(state.domain).to.deep.include({ status: '不予受理' });
    expect(state.domain?.result).to.deep.include({ reason: '不属于本机关职权范围' });
    expect(state.status).to.equal('cancelled');
    await engine.advance('P30D');
    expect((await domain('c1')).status).to.equal('不予受理');
    await engine.expectConsistent('c1');
  });

  it('an illegal transition is refused with both the operation and the status named', async () => {
    await receive(engine, 'c1');
    const error = await refused(
      engine.store.dispatch('c1', { type: 'case.deliver', actor: '窗口-王五', data: { method: '窗口领取' } }),
      'ILLEGAL_TRANSITION',
    );
    expect(error.message).to.contain('送达').and.to.contain('已收件');
  });
});

describe('domain: case lists by 办件 status and matter', () => {
  it('should list cases by their 办件 status and matter code', async () => {
    const engine = await domainEngine();
    try {
      await receive(engine, 'c1');
      await receive(engine, 'c2');
      await engine.store.dispatch('c2', { type: 'case.accept', actor: '窗口-王五', data: {} });
      const accepted = await engine.store.listCases({ domainStatus: '已受理', matterCode: '330100-FOOD-01' });
      expect(accepted.map((c) => [c.caseId, c.domainStatus, c.matterCode])).to.deep.equal([
        ['c2', '已受理', '330100-FOOD-01'],
      ]);
      expect((await engine.store.listCases({ domainStatus: '已收件' })).map((c) => c.caseId)).to.deep.equal(['c1']);
    } finally {
      await engine.close();
    }
  });
});
