/**
 * The pure core: commands decide events or typed rejections; replaying the events gives the
 * state the handlers saw. No database, a test calendar (Mon–Fri, whole days).
 */
import { expect } from 'chai';
import {
  applyRatingEvent,
  decideRating,
  isRejection,
  replayRating,
  type RatingCommand,
  type RatingEvent,
  type RatingRejection,
  type RatingState,
} from '../../../engine/ratings/index.js';
import { testCalendar } from '../../support/test-calendar.js';

const submit: RatingCommand = {
  type: 'rating.submit',
  actor: '申请人-张三',
  data: {
    caseId: 'C1',
    matterCode: 'M1',
    department: '人社局',
    officer: '窗口-王五',
    channel: '窗口',
    mode: '一次一评',
    visitId: 'V1',
    level: '不满意',
  },
};

function run(commands: RatingCommand[], now = '2026-03-02T02:00:00.000Z') {
  let state: RatingState | null = null;
  const log: RatingEvent[] = [];
  let n = 0;
  for (const command of commands) {
    const decided = decideRating(
      { state, now, ids: () => `id-${++n}`, calendar: testCalendar(), rectificationDays: 15, alreadyRated: null },
      command,
    );
    if (isRejection(decided)) return { state, log, rejection: decided as RatingRejection };
    for (const event of decided) state = applyRatingEvent(state, event);
    log.push(...decided);
  }
  return { state, log, rejection: null };
}

describe('好差评 handlers (pure)', () => {
  it('should open a rectification with its due date in the event, so that replay reads no calendar', () => {
    const { state, log } = run([submit]);
    expect(log.map((e) => e.type)).to.deep.equal(['rating.submitted', 'rectification.opened']);
    expect(log[1]!.data).to.deep.include({ workingDays: 15, provisional: false });
    expect(replayRating(log)).to.deep.equal(state);
  });

  it('should NOT open a rectification for 基本满意', () => {
    const { log } = run([{ ...submit, data: { ...submit.data, level: '基本满意' } } as RatingCommand]);
    expect(log.map((e) => e.type)).to.deep.equal(['rating.submitted']);
  });

  it('should refuse a bare number as a level', () => {
    const { rejection } = run([{ ...submit, data: { ...submit.data, level: 4 as never } } as RatingCommand]);
    expect(rejection).to.include({ code: 'INVALID_ARGUMENT' });
    expect(rejection!.message).to.match(/^Expected level to be a label .*but got 4$/);
  });

  it('should refuse 一次一评 without a visit, and a dimension that is not a label', () => {
    expect(run([{ ...submit, data: { ...submit.data, visitId: undefined } } as RatingCommand]).rejection).to.include({
      code: 'INVALID_ARGUMENT',
    });
    const dimension = run([
      { ...submit, data: { ...submit.data, dimensions: { 服务态度: '好' as never } } } as RatingCommand,
    ]);
    expect(dimension.rejection!.message).to.match(/dimension 服务态度/);
  });

  it('should NOT complete a rectification before a 回访 is recorded', () => {
    const { rejection } = run([
      submit,
      { type: 'rectification.complete', actor: '科长', data: { ratingId: 'id-1', measures: '培训' } },
    ]);
    expect(rejection).to.include({ code: 'FOLLOW_UP_MISSING' });
  });

  it('should NOT let the appellant decide the appeal', () => {
    const { rejection } = run([
      submit,
      { type: 'appeal.file', actor: '窗口-王五', data: { ratingId: 'id-1', reason: '恶意' } },
      { type: 'appeal.decide', actor: '窗口-王五', data: { ratingId: 'id-1', decision: 'uphold', opinion: '成立' } },
    ]);
    expect(rejection).to.include({ code: 'REVIEWER_IS_APPELLANT' });
  });

  it('should NOT accept an appeal of a rating that is not a 差评', () => {
    const { rejection } = run([
      { ...submit, data: { ...submit.data, level: '满意' } } as RatingCommand,
      { type: 'appeal.file', actor: '窗口-王五', data: { ratingId: 'id-1', reason: '?' } },
    ]);
    expect(rejection).to.include({ code: 'NOT_A_BAD_RATING' });
  });
});
