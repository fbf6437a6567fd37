/**
 * 差评 → 整改: the deadline on the real working-day calendar, 回访 and result, and overdue.
 */
import { expect } from 'chai';
import { RatingRejectedError } from '../../../engine/ratings-store/index.js';
import { rating, ratingsFixture, type RatingsFixture } from './fixture.js';

describe('好差评 store: rectification (整改) of a 差评', () => {
  let f: RatingsFixture;
  beforeEach(async () => {
    f = await ratingsFixture();
  });
  afterEach(() => f.close());

  it('a 差评 opens a rectification due in 15 working days (rated 2026-09-29, due after National Day: 10-26 at close of office)', async () => {
    // given Tuesday 2026-09-29 10:00 Beijing; when
    const state = await f.ratings.submit('申请人-张三', rating({ level: '不满意' }));
    // then 9-30, 10-8, 10-9, 10-10 (make-up Saturday), 10-12 … 10-26 is the 15th working day, 17:30 Beijing
    expect(state.rectification).to.deep.include({
      status: '整改中',
      workingDays: 15,
      dueAt: '2026-10-26T09:30:00.000Z',
      provisional: false,
      openedAt: '2026-09-29T02:00:00.000Z',
    });
    await f.expectConsistent(state.ratingId);
  });

  it('should take the number of working days from the service option', async () => {
    const state = await f.open({ rectificationDays: 5 }).submit('申请人-张三', rating({ level: '非常不满意' }));
    expect(state.rectification!.dueAt).to.equal('2026-10-12T09:30:00.000Z');
  });

  it('should NOT open a rectification for 基本满意', async () => {
    const state = await f.ratings.submit('申请人-张三', rating({ level: '基本满意' }));
    expect(state.rectification).to.equal(null);
    expect(await f.db.database.knex('rectifications').count({ n: '*' })).to.deep.equal([
      { n: f.db.database.dialect === 'postgres' ? '0' : 0 },
    ]);
  });

  it('should record a 回访 and then the completion with what was done, on time', async () => {
    const { ratingId } = await f.ratings.submit('申请人-张三', rating({ level: '不满意' }));
    f.clock.set('2026-10-09T03:00:00.000Z');
    await f.ratings.followUp('科长-赵六', { ratingId, method: '电话', summary: '已致歉，说明补正要求', level: '满意' });
    const done = await f.ratings.completeRectification('科长-赵六', { ratingId, measures: '窗口人员一次性告知培训' });
    expect(done.rectification).to.deep.include({
      status: '已整改',
      completedBy: '科长-赵六',
      measures: '窗口人员一次性告知培训',
      onTime: true,
    });
    expect(done.rectification!.followUps).to.deep.equal([
      {
        at: '2026-10-09T03:00:00.000Z',
        by: '科长-赵六',
        method: '电话',
        summary: '已致歉，说明补正要求',
        level: '满意',
      },
    ]);
    expect((await f.ratings.events(ratingId)).map((e) => e.type)).to.deep.equal([
      'rating.submitted',
      'rectification.opened',
      'rectification.followedUp',
      'rectification.completed',
    ]);
    await f.expectConsistent(ratingId);
  });

  it('should NOT complete a rectification twice', async () => {
    const { ratingId } = await f.ratings.submit('申请人-张三', rating({ level: '不满意' }));
    await f.ratings.followUp('科长-赵六', { ratingId, method: '电话', summary: '已沟通' });
    await f.ratings.completeRectification('科长-赵六', { ratingId, measures: '整改' });
    const error = await f.ratings
      .completeRectification('科长-赵六', { ratingId, measures: 'again' })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RatingRejectedError).with.property('code', 'RECTIFICATION_NOT_OPEN');
  });

  it('should mark only rectifications past their deadline overdue, once, and list them', async () => {
    const late = await f.ratings.submit('申请人-张三', rating({ caseId: 'C-late', level: '不满意' }));
    f.clock.set('2026-10-20T02:00:00.000Z');
    const later = await f.ratings.submit('申请人-李雷', rating({ caseId: 'C-later', level: '非常不满意' }));
    // 10-26 17:30 is the first deadline: not yet overdue at 17:30 exactly
    expect(await f.ratings.markOverdue('2026-10-26T09:30:00.000Z')).to.deep.equal([]);
    expect(await f.ratings.markOverdue('2026-10-26T09:30:00.001Z')).to.deep.equal([late.ratingId]);
    expect(await f.ratings.markOverdue('2026-10-27T00:00:00.000Z')).to.deep.equal([]);
    const events = await f.ratings.events(late.ratingId);
    expect(events.at(-1)).to.deep.include({
      type: 'rectification.overdue',
      time: '2026-10-26T09:30:00.001Z',
      actor: 'system',
      data: { dueAt: '2026-10-26T09:30:00.000Z' },
    });
    expect((await f.ratings.overdue('2026-10-27T00:00:00.000Z')).map((s) => s.ratingId)).to.deep.equal([late.ratingId]);
    expect((await f.ratings.get(later.ratingId))!.rectification!.overdueAt).to.equal(null);
    await f.expectConsistent(late.ratingId);
  });

  it('should record a late completion as not on time', async () => {
    const { ratingId } = await f.ratings.submit('申请人-张三', rating({ level: '不满意' }));
    f.clock.set('2026-11-02T02:00:00.000Z');
    await f.ratings.markOverdue();
    await f.ratings.followUp('科长-赵六', { ratingId, method: '上门', summary: '已沟通' });
    const done = await f.ratings.completeRectification('科长-赵六', { ratingId, measures: '整改' });
    expect(done.rectification).to.deep.include({
      status: '已整改',
      onTime: false,
      overdueAt: '2026-11-02T02:00:00.000Z',
    });
    expect(await f.ratings.overdue()).to.deep.equal([]);
    await f.expectConsistent(ratingId);
  });
});
