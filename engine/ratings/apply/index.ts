/**
 * Appliers: how each rating event changes a rating's state, one per event type (a missing one
 * fails to compile). They only record. Replay is `replayRating(events)`, the same code that
 * runs while commands execute.
 */
import type { RatingEvent, RatingEventOf, RatingEventType } from '../events.js';
import type { AppealState, RatingState } from '../state.js';
import { rectificationAppliers } from './rectification.js';

type Applier<T extends RatingEventType> = (state: RatingState, event: RatingEventOf<T>) => void;

const appliers: { readonly [T in Exclude<RatingEventType, 'rating.submitted'>]: Applier<T> } = {
  ...rectificationAppliers,
  'appeal.filed': (state, { time, actor, data }) => {
    state.appeal = {
      status: '复核中',
      reason: data.reason,
      filedAt: time,
      filedBy: actor,
      decidedAt: null,
      decidedBy: null,
      opinion: null,
    };
  },
  'appeal.upheld': (state, { time, actor, data }) => {
    Object.assign(appeal(state), { status: '申诉成立', decidedAt: time, decidedBy: actor, opinion: data.opinion });
  },
  'appeal.rejected': (state, { time, actor, data }) => {
    Object.assign(appeal(state), { status: '申诉驳回', decidedAt: time, decidedBy: actor, opinion: data.opinion });
  },
  'rating.voided': (state, { time, data }) => {
    state.status = '已作废';
    state.voidedAt = time;
    state.voidedReason = data.reason;
  },
};

/** A fresh state from the event that starts every rating. */
function submitted({ time, actor, data }: RatingEventOf<'rating.submitted'>): RatingState {
  return {
    ...data,
    dimensions: { ...data.dimensions },
    seq: 1,
    ratedAt: time,
    ratedBy: actor,
    status: '有效',
    voidedAt: null,
    voidedReason: null,
    rectification: null,
    appeal: null,
  };
}

/** Apply one event: `rating.submitted` creates the state, every other event changes it in place. */
export function applyRatingEvent(state: RatingState | null, event: RatingEvent): RatingState {
  if (event.type === 'rating.submitted') {
    if (state) throw new Error(`rating.submitted applied to rating ${state.ratingId}, which already exists`);
    return submitted(event);
  }
  if (!state) throw new Error(`Expected rating.submitted as the first event, but got ${event.type}`);
  const applier = appliers[event.type] as Applier<typeof event.type>;
  applier(state, event as never);
  state.seq += 1;
  return state;
}

/** Rebuild a rating's state from its events, from the first (null for none). */
export function replayRating(events: Iterable<RatingEvent>): RatingState | null {
  let state: RatingState | null = null;
  for (const event of events) state = applyRatingEvent(state, event);
  return state;
}

function appeal(state: RatingState): AppealState {
  if (!state.appeal) throw new Error(`Rating ${state.ratingId} has no appeal to decide`);
  return state.appeal;
}
