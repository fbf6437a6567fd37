/** 申诉复核: an upheld appeal voids a malicious 差评 and its rectification; a rejected one stands. */
import { expect } from 'chai';
import { RatingRejectedError } from '../../../engine/ratings-store/index.js';
import { rating, ratingsFixture, type RatingsFixture } from './fixture.js';

const OCTOBER = { from: '2026-09-01T00:00:00Z', to: '2026-11-01T00:00:00Z' } as const;

describe('好差评 store: appeal (申诉复核)', () => {
  let f: RatingsFixture;
  beforeEach(async () => {
    f = await ratingsFixture();
  });
  afterEach(() => f.close());

  it('appeal upheld voids the rating and it leaves the statistics', async () => {
    await f.ratings.submit('申请人-李雷', rating({ caseId: 'C-good', level: '满意' }));
    const { ratingId } = await f.ratings.submit(
      '申请人-张三',
      rating({ caseId: 'C-bad', level: '非常不满意', text: '骂人' }),
    );
    const before = await f.ratings.statistics({ groupBy: 'department', ...OCTOBER });
    expect(before[0]).to.deep.include({ key: '市场监管局', total: 2, bad: 1, satisfactionRate: 0.5 });

    await f.ratings.fileAppeal('窗口-李四', { ratingId, reason: '评价内容与办事无关，系恶意差评' });
    const voided = await f.ratings.decideAppeal('督查科-周七', {
      ratingId,
      decision: 'uphold',
      opinion: '经核查录音，属恶意评价',
    });

    expect(voided).to.deep.include({ status: '已作废', voidedAt: '2026-09-29T02:00:00.000Z' });
    expect(voided.appeal).to.deep.include({ status: '申诉成立', filedBy: '窗口-李四', decidedBy: '督查科-周七' });
    expect(voided.rectification!.status).to.equal('已作废');
    expect((await f.ratings.events(ratingId)).map((e) => e.type)).to.deep.equal([
      'rating.submitted',
      'rectification.opened',
      'appeal.filed',
      'appeal.upheld',
      'rating.voided',
      'rectification.voided',
    ]);
    const after = await f.ratings.statistics({ groupBy: 'department', ...OCTOBER });
    expect(after[0]).to.deep.include({ key: '市场监管局', total: 1, bad: 0, satisfactionRate: 1 });
    expect(after[0]!.rectifications).to.deep.equal({ open: 0, overdue: 0, completed: 0 });
    await f.expectConsistent(ratingId);
  });

  it('appeal rejected: the 差评 and its rectification stand', async () => {
    const { ratingId } = await f.ratings.submit('申请人-张三', rating({ level: '不满意' }));
    await f.ratings.fileAppeal('窗口-李四', { ratingId, reason: '已按规定告知' });
    const stands = await f.ratings.decideAppeal('督查科-周七', {
      ratingId,
      decision: 'reject',
      opinion: '告知不完整，评价属实',
    });
    expect(stands).to.deep.include({ status: '有效' });
    expect(stands.appeal).to.deep.include({ status: '申诉驳回', opinion: '告知不完整，评价属实' });
    expect(stands.rectification!.status).to.equal('整改中');
    const again = await f.ratings.fileAppeal('窗口-李四', { ratingId, reason: '再诉' }).catch((e: unknown) => e);
    expect(again).to.be.instanceOf(RatingRejectedError).with.property('code', 'APPEAL_EXISTS');
    await f.expectConsistent(ratingId);
  });

  it('should NOT decide an appeal that was never filed', async () => {
    const { ratingId } = await f.ratings.submit('申请人-张三', rating({ level: '不满意' }));
    const error = await f.ratings
      .decideAppeal('督查科-周七', { ratingId, decision: 'uphold', opinion: '?' })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RatingRejectedError).with.property('code', 'APPEAL_NOT_PENDING');
  });

  it('should NOT accept a command for an unknown rating', async () => {
    const error = await f.ratings.fileAppeal('窗口-李四', { ratingId: 'nope', reason: 'x' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RatingRejectedError).with.property('code', 'RATING_NOT_FOUND');
  });
});
