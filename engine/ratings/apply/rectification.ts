/** Appliers of the rectification events: they only record what the handler decided. */
import type { RatingEventOf, RatingEventType } from '../events.js';
import type { RatingState, RectificationState } from '../state.js';

type Applier<T extends RatingEventType> = (state: RatingState, event: RatingEventOf<T>) => void;

export const rectificationAppliers: {
  readonly [T in Extract<RatingEventType, `rectification.${string}`>]: Applier<T>;
} = {
  'rectification.opened': (state, { time, data }) => {
    state.rectification = {
      rectificationId: data.rectificationId,
      openedAt: time,
      workingDays: data.workingDays,
      dueAt: data.dueAt,
      provisional: data.provisional,
      status: '整改中',
      overdueAt: null,
      followUps: [],
      completedAt: null,
      completedBy: null,
      measures: null,
      onTime: null,
    };
  },
  'rectification.followedUp': (state, { time, actor, data }) => {
    rectification(state).followUps.push({
      at: time,
      by: actor,
      method: data.method,
      summary: data.summary,
      level: data.level,
    });
  },
  'rectification.completed': (state, { time, actor, data }) => {
    Object.assign(rectification(state), {
      status: '已整改',
      completedAt: time,
      completedBy: actor,
      measures: data.measures,
      onTime: data.onTime,
    });
  },
  'rectification.overdue': (state, { time }) => {
    rectification(state).overdueAt = time;
  },
  'rectification.voided': (state) => {
    rectification(state).status = '已作废';
  },
};

function rectification(state: RatingState): RectificationState {
  if (!state.rectification) throw new Error(`Rating ${state.ratingId} has no rectification to apply an event to`);
  return state.rectification;
}
