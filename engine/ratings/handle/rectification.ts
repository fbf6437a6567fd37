/**
 * rectification.followUp, rectification.complete, rectification.markOverdue: the 整改 a 差评
 * opened, its 回访 (follow-up contact), its result, and the overdue sweep.
 */
import {
  event,
  existing,
  reject,
  requireText,
  type RatingContext,
  type RatingHandler,
  type RatingRejection,
} from '../decide.js';
import { isLevel, LEVELS } from '../levels.js';
import type { RatingState, RectificationState } from '../state.js';

export const followUpRectification: RatingHandler<'rectification.followUp'> = (context, { actor, data }) => {
  const open = openRectification(context, data.ratingId);
  if ('code' in open) return open;
  const invalid = requireText('method', data.method) ?? requireText('summary', data.summary);
  if (invalid) return invalid;
  if (data.level !== undefined && !isLevel(data.level)) {
    return reject(
      'INVALID_ARGUMENT',
      `Expected level to be a label (${LEVELS.join(', ')}), but got ${JSON.stringify(data.level)}`,
    );
  }
  return [
    event(context, actor, 'rectification.followedUp', {
      method: data.method,
      summary: data.summary,
      level: data.level ?? null,
    }),
  ];
};

export const completeRectification: RatingHandler<'rectification.complete'> = (context, { actor, data }) => {
  const open = openRectification(context, data.ratingId);
  if ('code' in open) return open;
  const invalid = requireText('measures (what was done)', data.measures);
  if (invalid) return invalid;
  if (open.followUps.length === 0) {
    return reject(
      'FOLLOW_UP_MISSING',
      `Expected a 回访 of the applicant before rectification '${open.rectificationId}' is completed, but none is recorded`,
    );
  }
  const onTime = Date.parse(context.now) <= Date.parse(open.dueAt);
  return [event(context, actor, 'rectification.completed', { measures: data.measures, onTime })];
};

export const markRectificationOverdue: RatingHandler<'rectification.markOverdue'> = (context, { actor, data }) => {
  const open = openRectification(context, data.ratingId);
  if ('code' in open) return open;
  if (open.overdueAt !== null)
    return reject(
      'NOT_OVERDUE',
      `Expected rectification '${open.rectificationId}' not yet marked overdue, but it was at ${open.overdueAt}`,
    );
  if (Date.parse(context.now) <= Date.parse(open.dueAt)) {
    return reject(
      'NOT_OVERDUE',
      `Expected rectification '${open.rectificationId}' past its deadline ${open.dueAt}, but it is ${context.now}`,
    );
  }
  return [event(context, actor, 'rectification.overdue', { dueAt: open.dueAt })];
};

/** The rating's open (整改中) rectification, or a rejection saying why there is none. */
function openRectification(context: RatingContext, ratingId: string): Readonly<RectificationState> | RatingRejection {
  const state = existing(context, ratingId);
  if ('code' in state) return state;
  const rectification = (state as RatingState).rectification;
  if (!rectification)
    return reject(
      'RECTIFICATION_NOT_OPEN',
      `Expected rating '${ratingId}' to have a rectification, but it is not a 差评 (${state.level})`,
    );
  if (rectification.status !== '整改中') {
    return reject(
      'RECTIFICATION_NOT_OPEN',
      `Expected rectification '${rectification.rectificationId}' to be 整改中, but it is ${rectification.status}`,
    );
  }
  return rectification;
}
