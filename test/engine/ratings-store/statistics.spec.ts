/** Statistics per department, matter and officer over a period, and what the public sees. */
import { expect } from 'chai';
import { rating, ratingsFixture, type RatingsFixture } from './fixture.js';

const OCTOBER = { from: '2026-10-01T00:00:00+08:00', to: '2026-11-01T00:00:00+08:00' } as const;

describe('好差评 store: statistics', () => {
  let f: RatingsFixture;
  beforeEach(async () => {
    f = await ratingsFixture('2026-10-09T02:00:00.000Z');
    const food = { matterCode: 'FOOD', department: '市场监管局' } as const;
    const social = { matterCode: 'SOCIAL', department: '人社局', officer: '窗口-王五' } as const;
    await f.ratings.submit('a', rating({ ...food, caseId: 'F1', officer: '窗口-李四', level: '非常满意' }));
    await f.ratings.submit('b', rating({ ...food, caseId: 'F2', officer: '窗口-李四', level: '不满意' }));
    await f.ratings.submit('c', rating({ ...food, caseId: 'F3', officer: '窗口-陈八', level: '基本满意' }));
    await f.ratings.submit('d', rating({ ...food, caseId: 'F4', officer: '窗口-陈八', level: '非常不满意' }));
    await f.ratings.submit('e', rating({ ...social, caseId: 'S1', level: '满意' }));
    const fixed = await f.ratings.submit('f', rating({ ...social, caseId: 'S2', level: '不满意' }));
    await f.ratings.followUp('科长', { ratingId: fixed.ratingId, method: '电话', summary: '已沟通' });
    await f.ratings.completeRectification('科长', { ratingId: fixed.ratingId, measures: '整改' });
    f.clock.set('2026-09-20T02:00:00.000Z'); // outside the period
    await f.ratings.submit('g', rating({ ...social, caseId: 'S0', level: '非常不满意' }));
    f.clock.set('2026-11-20T02:00:00.000Z'); // past both food rectifications' deadlines
  });
  afterEach(() => f.close());

  it('should count by level, satisfaction rate, 差评 and rectifications per department', async () => {
    const stats = await f.ratings.statistics({ groupBy: 'department', ...OCTOBER }, '2026-10-12T00:00:00Z');
    expect(stats.map((s) => s.key)).to.deep.equal(['人社局', '市场监管局']);
    expect(stats[1]).to.deep.equal({
      key: '市场监管局',
      total: 4,
      levels: { 非常满意: 1, 满意: 0, 基本满意: 1, 不满意: 1, 非常不满意: 1 },
      satisfactionRate: 0.5,
      bad: 2,
      rectifications: { open: 2, overdue: 0, completed: 0 },
    });
    expect(stats[0]).to.deep.include({
      total: 2,
      bad: 1,
      satisfactionRate: 0.5,
      rectifications: { open: 0, overdue: 0, completed: 1 },
    });
  });

  it('should count open rectifications past their deadline as overdue', async () => {
    const [food] = await f.ratings.statistics({ groupBy: 'department', ...OCTOBER, department: '市场监管局' });
    expect(food!.rectifications).to.deep.equal({ open: 2, overdue: 2, completed: 0 });
  });

  it('should group per matter and per officer', async () => {
    const matters = await f.ratings.statistics({ groupBy: 'matter', ...OCTOBER });
    expect(matters.map((s) => [s.key, s.total, s.bad])).to.deep.equal([
      ['FOOD', 4, 2],
      ['SOCIAL', 2, 1],
    ]);
    const officers = await f.ratings.statistics({ groupBy: 'officer', ...OCTOBER, matterCode: 'FOOD' });
    expect(officers.map((s) => [s.key, s.total, s.satisfactionRate])).to.deep.equal([
      ['窗口-李四', 2, 0.5],
      ['窗口-陈八', 2, 0.5],
    ]);
  });

  it('should publish per department or matter, never per officer, and show a rating without officer, case or text', async () => {
    expect(await f.ratings.publicStatistics({ groupBy: 'matter', ...OCTOBER })).to.have.length(2);
    const refused = await f.ratings
      .publicStatistics({ groupBy: 'officer' as never, ...OCTOBER })
      .catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(RangeError);
    const [row] = (await f.db.database.knex('ratings').where({ case_id: 'F2' }).select('rating_id')) as {
      rating_id: string;
    }[];
    const shown = await f.ratings.getPublic(row!.rating_id);
    expect(shown).to.not.have.any.keys('officer', 'caseId', 'visitId', 'text', 'ratedBy');
    expect(shown).to.deep.include({ department: '市场监管局', level: '不满意' });
  });
});
