import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { WorkingDayCalendar } from '../../../engine/calendar/index.js';
import {
  correctDay,
  importCalendar,
  listChanges,
  listYears,
  loadCalendar,
  seedFromChineseDays,
} from '../../../engine/calendar-store/index.js';
import { migrateLatest } from '../../../engine/store/migrate.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../../support/test-database.js';
import { at, beijing } from '../calendar/calendar-support.js';

const AT = '2026-11-20T02:00:00.000Z';
const holidayCn2020 = (): Record<string, unknown> =>
  JSON.parse(readFileSync('test/fixtures/calendar/holiday-cn-2020.json', 'utf8')) as Record<string, unknown>;

/** A made-up notice for 2027 in the holiday-cn layout (not the real arrangement). */
const notice2027 = {
  year: 2027,
  papers: ['https://www.gov.cn/example/2027-holidays.htm'],
  days: [
    ...[
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-02-12',
    ].map((date) => ({ name: '春节', date, isOffDay: true })),
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ],
};

describe(`calendar store (${testDialect()})`, () => {
  let db: TestDatabase;
  const knex = () => db.database.knex;

  beforeEach(async () => {
    db = await openTestDatabase();
    await migrateLatest(db.database);
  });

  afterEach(async () => {
    await db.dispose();
  });

  it('should seed every year 2004–2026 from chinese-days, and load a calendar that passes the DOMAIN.md checks', async () => {
    // when
    const seeded = await seedFromChineseDays(knex(), { at: AT });

    // then
    expect(seeded.years).to.have.length(23);
    expect(seeded.inserted).to.be.greaterThan(700);
    const calendar = new WorkingDayCalendar(await loadCalendar(knex()), { onMissingYear: 'error' });
    expect(beijing(calendar.addWorkingDays(at('2026-09-29'), 5))).to.equal('2026-10-12 17:30');
    expect([calendar.isWorkingDay('2026-02-14'), calendar.isWorkingDay('2026-02-28')]).to.deep.equal([true, true]);
    expect([calendar.isWorkingDay('2026-02-20'), calendar.isWorkingDay('2026-02-23')]).to.deep.equal([false, false]);
  });

  it('should seed idempotently: a second run writes nothing', async () => {
    await seedFromChineseDays(knex(), { at: AT });
    const changes = (await listChanges(knex())).length;

    const again = await seedFromChineseDays(knex(), { at: AT });

    expect(again).to.include({ inserted: 0, updated: 0, removed: 0 });
    expect(await listChanges(knex())).to.have.length(changes);
  });

  it('should list the years with whether official data covers them', async () => {
    await seedFromChineseDays(knex(), { at: AT });
    await correctDay(knex(), {
      day: '2027-03-15',
      off: true,
      name: '地方节日',
      actor: '审改办 王',
      reason: '本地假日',
      at: AT,
    });

    const years = await listYears(knex());

    expect(years[0]).to.deep.include({ year: 2004, official: true, provisional: false, sources: ['chinese-days'] });
    expect(years.at(-1)).to.deep.equal({ year: 2027, official: false, provisional: true, days: 1, sources: ['local'] });
  });

  it('should import a holiday-cn year, keeping the notice URL, and replace that year’s seeded days', async () => {
    // given
    await seedFromChineseDays(knex(), { at: AT });

    // when
    const result = await importCalendar(knex(), holidayCn2020(), { actor: '审改办 王', at: AT });

    // then
    expect(result).to.deep.include({ layout: 'holiday-cn', years: [2020] });
    const data = await loadCalendar(knex());
    expect(data.days.get('2020-02-01')).to.deep.equal({
      off: true,
      name: '春节',
      source: 'holiday-cn',
      notice: 'http://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm',
    });
    expect(
      [...data.days.values()].filter((d) => d.source === 'chinese-days').some((d) => d.name === '春节' && d.off),
    ).to.equal(true);
    const rows = (await knex()('calendar_days')
      .whereBetween('day', ['2020-01-01', '2020-12-31'])
      .select('source')) as Array<{ source: string }>;
    expect(new Set(rows.map((r) => r.source))).to.deep.equal(new Set(['holiday-cn']));
  });

  it('should make 2027 official once its notice is imported: due dates no longer provisional', async () => {
    await seedFromChineseDays(knex(), { at: AT });
    const before = new WorkingDayCalendar(await loadCalendar(knex()), { warn: () => undefined });
    expect(before.addLimitDetailed(at('2027-02-01'), { amount: 5, unit: '工作日' })).to.include({ provisional: true });

    await importCalendar(knex(), notice2027, { actor: '审改办 王', at: AT });

    const after = new WorkingDayCalendar(await loadCalendar(knex()), { onMissingYear: 'error' });
    const due = after.addLimitDetailed(at('2027-02-01'), { amount: 5, unit: '工作日' });
    expect(due).to.include({ provisional: false });
    expect(beijing(due.dueAt)).to.equal('2027-02-16 17:30');
  });

  it('should write nothing when the input is bad halfway through', async () => {
    await seedFromChineseDays(knex(), { at: AT });
    const changes = (await listChanges(knex())).length;
    const bad = { ...notice2027, days: [...notice2027.days, { name: '国庆', date: '2027-10-32', isOffDay: true }] };

    let error: unknown;
    await importCalendar(knex(), bad, { actor: '审改办 王', at: AT }).catch((e: unknown) => (error = e));

    expect(error).to.have.property('field', `days[${notice2027.days.length}].date`);
    expect(await listChanges(knex())).to.have.length(changes);
    expect(await knex()('calendar_days').where('day', 'like', '2027-%')).to.deep.equal([]);
  });

  it('should audit a local correction with the day before and after, the actor and the reason', async () => {
    // given
    await seedFromChineseDays(knex(), { at: AT });

    // when: a typhoon closes the centre on a working day
    await correctDay(knex(), {
      day: '2026-09-16',
      off: true,
      name: '台风停工',
      actor: '政务服务管理局 李',
      reason: '台风红色预警',
      at: AT,
    });

    // then
    const [change] = await listChanges(knex(), { day: '2026-09-16' });
    expect(change).to.deep.include({
      day: '2026-09-16',
      before: null,
      after: { off: true, name: '台风停工', source: 'local', notice: null },
      actor: '政务服务管理局 李',
      reason: '台风红色预警',
      at: AT,
    });
    const calendar = new WorkingDayCalendar(await loadCalendar(knex()));
    expect(calendar.isWorkingDay('2026-09-16')).to.equal(false);
  });

  it('should keep a local correction when the official year is imported again', async () => {
    await seedFromChineseDays(knex(), { at: AT });
    await correctDay(knex(), {
      day: '2020-01-02',
      off: true,
      name: '地方调整',
      actor: '李',
      reason: '本地决定',
      at: AT,
    });

    const result = await importCalendar(
      knex(),
      { ...holidayCn2020(), days: [{ name: '元旦', date: '2020-01-02', isOffDay: false }] },
      { actor: '王', at: AT },
    );

    expect(result.keptLocal).to.deep.equal(['2020-01-02']);
    expect((await loadCalendar(knex())).days.get('2020-01-02')).to.include({ source: 'local', off: true });
  });

  it('should audit a correction of an existing day with its previous state, and refuse one without a reason', async () => {
    await seedFromChineseDays(knex(), { at: AT });
    await correctDay(knex(), {
      day: '2026-02-14',
      off: true,
      name: '春节(本地不补班)',
      actor: '李',
      reason: '本地决定',
      at: AT,
    });

    const [change] = await listChanges(knex(), { day: '2026-02-14' }).then((all) => all.slice(-1));
    expect(change?.before).to.deep.equal({ off: false, name: '春节', source: 'chinese-days', notice: null });

    let error: unknown;
    await correctDay(knex(), { day: '2026-02-28', off: true, name: 'x', actor: '李', reason: ' ', at: AT }).catch(
      (e: unknown) => (error = e),
    );
    expect(error).to.have.property('field', 'reason');
    expect(await listChanges(knex(), { day: '2026-02-28' })).to.have.length(1);
  });
});
