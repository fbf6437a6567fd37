/**
 * Time limits and 电子监察 through the store, on the real working-day calendar (seeded from
 * chinese-days into the test database), with a settable clock.
 */
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { importCalendar, recomputeProvisionalDueDates } from '../../../engine/calendar-store/index.js';
import { listAlerts, supervisionStatistics } from '../../../engine/store/index.js';
import { policyFrom } from '../../../engine/supervision/index.js';
import { TestEngine } from '../../support/test-engine.js';

const bpmn = fileURLToPath(new URL('../runtime/clocks.bpmn', import.meta.url));
const supervision = policyFrom({
  defaults: {
    warning: { remaining: { amount: 1, unit: '工作日' } },
    yellowAtDue: true,
    red: { after: { amount: 3, unit: '工作日' } },
  },
});

describe('store: time limits and 电子监察 on the working-day calendar', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    // Tuesday 2026-09-29 10:00 Beijing time, just before National Day.
    engine = await TestEngine.create({ start: '2026-09-29T02:00:00.000Z', calendar: true, supervision });
    await engine.deploy(bpmn);
  });
  afterEach(() => engine.close());

  const clocks = async (caseId: string) => Object.values((await engine.state(caseId)).clocks);
  const caseClock = async (caseId: string) => (await clocks(caseId)).find((c) => c.kind === 'case')!;
  const accept = (caseId: string) =>
    engine.store.dispatch(caseId, {
      type: 'clock.start',
      actor: '窗口-李四',
      data: { officer: '窗口-李四', department: '政务服务中心' },
    });

  it('should give a case accepted before National Day a due date after it (10 working days: 10-19 at close of office)', async () => {
    const caseId = await engine.start('foodLicence');
    await accept(caseId);
    const clock = await caseClock(caseId);
    expect(clock.dueAt).to.equal('2026-10-19T09:30:00.000Z');
    expect(clock.provisional).to.equal(false);
    await engine.expectConsistent(caseId);
  });

  it('should move the due date by 3 working days after a 补正 pause of 3 working days', async () => {
    const caseId = await engine.start('foodLicence');
    await accept(caseId);
    engine.clock.set('2026-10-13T03:00:00.000Z'); // Tue 11:00
    await engine.store.dispatch(caseId, {
      type: 'clock.pause',
      actor: '窗口-李四',
      data: { kind: '补正', reason: '一次性告知：缺身份证复印件' },
    });
    engine.clock.set('2026-10-16T03:00:00.000Z'); // Fri 11:00
    await engine.store.dispatch(caseId, { type: 'clock.resume', actor: '窗口-李四', data: {} });
    expect((await caseClock(caseId)).dueAt).to.equal('2026-10-22T09:30:00.000Z');
    await engine.expectConsistent(caseId);
  });

  it('should raise 预警, 黄牌 and 红牌 of a late step in order, at their instants, and list them for the department', async () => {
    const caseId = await engine.start('foodLicence');
    await engine.advance('P20D');
    const raised = (await engine.events(caseId)).flatMap((e) =>
      e.type === 'alert.raised' ? [[e.data.level, e.time]] : [],
    );
    expect(raised).to.deep.equal([
      ['预警', '2026-10-08T09:30:00.000Z'],
      ['黄牌', '2026-10-09T09:30:00.000Z'],
      ['红牌', '2026-10-13T09:30:00.000Z'],
    ]);
    const open = await listAlerts(engine.store.database.knex, { department: '市场监管局' });
    expect(open.map((a) => a.level).sort()).to.deep.equal(['红牌', '预警', '黄牌'].sort());
    expect(
      open.every((a) => a.caseId === caseId && a.elementId === 'review' && a.matterCode === '330100-FOOD-01'),
    ).to.equal(true);
    expect(await listAlerts(engine.store.database.knex, { department: '人社局' })).to.deep.equal([]);
    await engine.expectConsistent(caseId);
  });

  it('should clear pending signals when the step finishes, and count it on time in the statistics', async () => {
    const caseId = await engine.start('foodLicence');
    engine.clock.set('2026-09-30T03:00:00.000Z');
    await engine.completeTask(caseId, 'review');
    await engine.advance('P30D');
    expect((await engine.events(caseId)).filter((e) => e.type === 'alert.raised')).to.deep.equal([]);
    const stats = await supervisionStatistics(engine.store.database.knex, {
      from: '2026-09-01T00:00:00Z',
      to: '2026-11-01T00:00:00Z',
      groupBy: 'department',
      kind: 'step',
    });
    expect(stats).to.have.length(1);
    expect(stats[0]).to.deep.include({ key: '市场监管局', unit: '工作日', finished: 1, onTime: 1, onTimeRate: 1 });
    expect(stats[0]!.averageUsed).to.be.within(0, 1);
    await engine.expectConsistent(caseId);
  });

  it('should count a late step as not on time, with its open signals cleared', async () => {
    const first = await engine.start('foodLicence');
    const second = await engine.start('foodLicence');
    engine.clock.set('2026-10-08T03:00:00.000Z');
    await engine.completeTask(first, 'review');
    await engine.advance('P10D');
    await engine.completeTask(second, 'review');
    const stats = await supervisionStatistics(engine.store.database.knex, {
      from: '2026-09-01T00:00:00Z',
      to: '2026-11-01T00:00:00Z',
      groupBy: 'matter',
      kind: 'step',
    });
    expect(stats[0]).to.deep.include({ key: '330100-FOOD-01', finished: 2, onTime: 1, onTimeRate: 0.5 });
    expect(stats[0]!.p90Used).to.be.greaterThan(3);
    expect(await listAlerts(engine.store.database.knex, {})).to.deep.equal([]);
    expect((await listAlerts(engine.store.database.knex, { openOnly: false })).length).to.be.greaterThan(0);
  });

  it('should mark a due date in a year without official data provisional, and recompute it when the year is imported', async () => {
    engine.clock.set('2026-12-21T02:00:00.000Z');
    const caseId = await engine.start('foodLicence');
    await accept(caseId);
    const before = await caseClock(caseId);
    expect(before.provisional).to.equal(true);
    // The State Council's notice arrives: 2027-01-04 (Monday) is declared a day off as well.
    await importCalendar(
      engine.store.database.knex,
      {
        year: 2027,
        papers: ['https://www.gov.cn/example-2027-notice'],
        days: [
          { name: '元旦', date: '2027-01-01', isOffDay: true },
          { name: '元旦', date: '2027-01-04', isOffDay: true },
        ],
      },
      { actor: 'admin', layout: 'holiday-cn' },
    );
    await engine.calendar!.reload(engine.store.database.knex);
    const changed = await recomputeProvisionalDueDates(engine.store, {
      actor: 'admin',
      reason: '2027 calendar imported',
    });
    expect(changed).to.deep.equal([caseId]);
    const after = await caseClock(caseId);
    expect(after.provisional).to.equal(false);
    expect(after.dueAt > before.dueAt).to.equal(true);
    const event = (await engine.events(caseId)).find((e) => e.type === 'clock.dueChanged');
    expect(event?.data).to.deep.include({ reason: '2027 calendar imported', dueAt: after.dueAt });
    await engine.expectConsistent(caseId);
  });
});
