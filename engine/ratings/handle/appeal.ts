/**
 * appeal.file and appeal.decide: 申诉复核. The officer or department appeals a 差评; a
 * reviewer (not the appellant) upholds it, voiding the rating as malicious and closing its
 * rectification as void, or rejects it, and the rating stands.
 */
import { event, existing, reject, requireText, type RatingHandler } from '../decide.js';
import type { RatingEvent } from '../events.js';
import { isBadLevel } from '../levels.js';

export const fileAppeal: RatingHandler<'appeal.file'> = (context, { actor, data }) => {
  const state = existing(context, data.ratingId);
  if ('code' in state) return state;
  const invalid = requireText('reason', data.reason);
  if (invalid) return invalid;
  if (!isBadLevel(state.level))
    return reject('NOT_A_BAD_RATING', `Expected a 差评 to appeal, but rating '${state.ratingId}' is ${state.level}`);
  if (state.status === '已作废')
    return reject('RATING_VOIDED', `Expected rating '${state.ratingId}' to be 有效, but it is 已作废`);
  if (state.appeal)
    return reject(
      'APPEAL_EXISTS',
      `Expected no earlier appeal of rating '${state.ratingId}', but one was filed at ${state.appeal.filedAt} (${state.appeal.status})`,
    );
  return [event(context, actor, 'appeal.filed', { reason: data.reason })];
};

export const decideAppeal: RatingHandler<'appeal.decide'> = (context, { actor, data }) => {
  const state = existing(context, data.ratingId);
  if ('code' in state) return state;
  const { appeal } = state;
  if (!appeal || appeal.status !== '复核中') {
    return reject(
      'APPEAL_NOT_PENDING',
      `Expected an appeal of rating '${state.ratingId}' under review, but ${appeal ? `it is ${appeal.status}` : 'none was filed'}`,
    );
  }
  if (appeal.filedBy === actor)
    return reject(
      'REVIEWER_IS_APPELLANT',
      `Expected a reviewer other than the appellant '${actor}', but the appellant decides`,
    );
  const invalid = requireText('opinion', data.opinion);
  if (invalid) return invalid;
  if (data.decision === 'reject') return [event(context, actor, 'appeal.rejected', { opinion: data.opinion })];
  if (data.decision !== 'uphold')
    return reject('INVALID_ARGUMENT', `Expected decision uphold or reject, but got ${JSON.stringify(data.decision)}`);
  const events: RatingEvent[] = [
    event(context, actor, 'appeal.upheld', { opinion: data.opinion }),
    event(context, actor, 'rating.voided', { reason: `申诉成立（恶意评价）：${data.opinion}` }),
  ];
  if (state.rectification?.status === '整改中')
    events.push(event(context, actor, 'rectification.voided', { reason: '评价已作废' }));
  return events;
};
