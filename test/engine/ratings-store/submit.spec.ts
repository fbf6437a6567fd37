/** rating.submit through the store: 一事一评, 一次一评, labels in the rows, concurrency. */
import { expect } from 'chai';
import { RatingConflictError, RatingRejectedError } from '../../../engine/ratings-store/index.js';
import { openRatings } from '../../../engine/ratings-store/index.js';
import { rating, ratingsFixture, type RatingsFixture } from './fixture.js';

describe('好差评 store: submitting ratings', () => {
  let f: RatingsFixture;
  beforeEach(async () => {
    f = await ratingsFixture();
  });
  afterEach(() => f.close());

  it('一事一评 refuses a second rating of the case', async () => {
    const first = await f.ratings.submit('申请人-张三', rating({ level: '满意' }));
    const error = await f.ratings.submit('申请人-张三', rating({ level: '非常不满意' })).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RatingRejectedError).with.property('code', 'ALREADY_RATED');
    expect((error as Error).message).to.contain(first.ratingId);
    expect(await f.db.database.knex('rating_events').count({ n: '*' }).first()).to.satisfy(
      (row: { n: unknown }) => Number(row.n) === 1,
    );
  });

  it('一次一评 allows one rating per visit of the same case, and refuses a second of a visit', async () => {
    const counter = { channel: '窗口', mode: '一次一评' } as const;
    await f.ratings.submit('申请人-张三', rating({ ...counter, visitId: 'V-0929-017' }));
    f.clock.set('2026-10-09T02:00:00.000Z');
    await f.ratings.submit('申请人-张三', rating({ ...counter, visitId: 'V-1009-003', level: '非常满意' }));
    const error = await f.ratings
      .submit('申请人-张三', rating({ ...counter, visitId: 'V-1009-003' }))
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RatingRejectedError).with.property('code', 'ALREADY_RATED');
    const rows = await f.db.database.knex('ratings').orderBy('rated_at').select('visit_id', 'level');
    expect(rows).to.deep.equal([
      { visit_id: 'V-0929-017', level: '满意' },
      { visit_id: 'V-1009-003', level: '非常满意' },
    ]);
  });

  it('should NOT accept 一次一评 without a visit', async () => {
    const error = await f.ratings
      .submit('申请人-张三', rating({ channel: '窗口', mode: '一次一评' }))
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RatingRejectedError).with.property('code', 'INVALID_ARGUMENT');
  });

  it('should store levels as labels, never as numbers (the raw rows)', async () => {
    const { ratingId } = await f.ratings.submit(
      '申请人-张三',
      rating({ level: '基本满意', dimensions: { 服务态度: '非常满意', 办事效率: '不满意' }, text: '等候时间长' }),
    );
    const row = (await f.db.database.knex('ratings').where({ rating_id: ratingId }).first()) as Record<string, unknown>;
    expect(row['level']).to.equal('基本满意');
    const dimensions: unknown =
      typeof row['dimensions'] === 'string' ? JSON.parse(row['dimensions']) : row['dimensions'];
    expect(dimensions).to.deep.equal({ 服务态度: '非常满意', 办事效率: '不满意' });
    const event = (await f.db.database.knex('rating_events').where({ rating_id: ratingId, seq: 1 }).first()) as Record<
      string,
      unknown
    >;
    const data = (typeof event['data'] === 'string' ? JSON.parse(event['data']) : event['data']) as Record<
      string,
      unknown
    >;
    expect(data['level']).to.equal('基本满意');
    await f.expectConsistent(ratingId);
  });

  it('should give the loser of a concurrent write a CONFLICT and write nothing of it', async () => {
    const { ratingId } = await f.ratings.submit('申请人-张三', rating({ level: '不满意' }));
    // given another writer that has appended seq 3 but not committed yet
    const other = await f.db.openAnother();
    const trx = await other.knex.transaction();
    await trx('rating_events').insert({
      rating_id: ratingId,
      seq: 3,
      type: 'rectification.followedUp',
      v: 1,
      data: JSON.stringify({ method: '电话', summary: 'x', level: null }),
      actor: '科员',
      time: '2026-09-29T03:00:00.000Z',
    });
    // when this service appends seq 3 too, and the other commits meanwhile
    const racing = f.ratings.followUp('科长-赵六', { ratingId, method: '短信', summary: 'y' }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await trx.commit();
    // then
    expect(await racing)
      .to.be.instanceOf(RatingConflictError)
      .with.property('code', 'CONFLICT');
    const events = await f.ratings.events(ratingId);
    expect(events.map((e) => e.actor)).to.deep.equal(['申请人-张三', '申请人-张三', '科员']);
  });

  it('should refuse a rectification period that is not positive', () => {
    expect(() =>
      openRatings(f.db.database.knex, { calendar: f.calendar, clock: f.clock, rectificationDays: 0 }),
    ).to.throw(RangeError);
  });
});
