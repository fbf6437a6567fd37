/**
 * Rows of rating_events, ratings and rectifications, and the mapping between rows and state.
 * The projections hold the whole state, so that `get` (rows) and `replay` (events) can be
 * compared; levels are written as their labels.
 */
import { readJson, writeJson } from '../store/index.js';
import type {
  AppealState,
  FollowUp,
  Level,
  RatingEvent,
  RatingState,
  RectificationState,
  StoredRatingEvent,
} from '../ratings/index.js';

export interface RatingEventRow {
  rating_id: string;
  seq: number;
  type: string;
  v: number;
  data: unknown;
  actor: string;
  time: string;
}

/** The ratings projection row (the once-key makes 一事一评 / 一次一评 unique). */
export type RatingRow = ReturnType<typeof ratingRow>;
export type RectificationRow = ReturnType<typeof rectificationRow>;

/** The row of an event appended at `seq`. */
export function eventRow(ratingId: string, seq: number, event: RatingEvent): RatingEventRow {
  return {
    rating_id: ratingId,
    seq,
    type: event.type,
    v: event.v,
    data: writeJson(event.data),
    actor: event.actor,
    time: event.time,
  };
}

/** An event read back. */
export function eventFromRow(row: RatingEventRow): StoredRatingEvent {
  return {
    type: row.type,
    v: 1,
    time: row.time,
    actor: row.actor,
    data: readJson(row.data),
    ratingId: row.rating_id,
    seq: Number(row.seq),
  } as StoredRatingEvent;
}

/** The ratings row of a state. */
export function ratingRow(state: RatingState, onceKey: string) {
  return {
    rating_id: state.ratingId,
    seq: state.seq,
    once_key: onceKey,
    case_id: state.caseId,
    matter_code: state.matterCode,
    department: state.department,
    officer: state.officer,
    channel: state.channel,
    mode: state.mode,
    visit_id: state.visitId,
    level: state.level as string,
    dimensions: writeJson(state.dimensions) as unknown,
    text: state.text,
    rated_at: state.ratedAt,
    rated_by: state.ratedBy,
    status: state.status as string,
    voided_at: state.voidedAt,
    voided_reason: state.voidedReason,
    appeal: (state.appeal ? writeJson(state.appeal) : null) as unknown,
  };
}

/** The rectifications row of a state's rectification. */
export function rectificationRow(ratingId: string, r: RectificationState) {
  return {
    rectification_id: r.rectificationId,
    rating_id: ratingId,
    opened_at: r.openedAt,
    working_days: r.workingDays,
    due_at: r.dueAt,
    provisional: r.provisional ? 1 : 0,
    status: r.status as string,
    overdue_at: r.overdueAt,
    follow_ups: writeJson(r.followUps) as unknown,
    completed_at: r.completedAt,
    completed_by: r.completedBy,
    measures: r.measures,
    on_time: r.onTime === null ? null : r.onTime ? 1 : 0,
  };
}

/** The state the projection rows hold. */
export function stateFromRows(row: RatingRow, rect: RectificationRow | undefined): RatingState {
  return {
    ratingId: row.rating_id,
    seq: Number(row.seq),
    caseId: row.case_id,
    matterCode: row.matter_code,
    department: row.department,
    officer: row.officer,
    channel: row.channel,
    mode: row.mode,
    visitId: row.visit_id,
    level: row.level as Level,
    dimensions: readJson<Record<string, Level>>(row.dimensions),
    text: row.text,
    ratedAt: row.rated_at,
    ratedBy: row.rated_by,
    status: row.status as RatingState['status'],
    voidedAt: row.voided_at,
    voidedReason: row.voided_reason,
    appeal: row.appeal === null ? null : readJson<AppealState>(row.appeal),
    rectification: rect ? rectificationFromRow(rect) : null,
  };
}

function rectificationFromRow(row: RectificationRow): RectificationState {
  return {
    rectificationId: row.rectification_id,
    openedAt: row.opened_at,
    workingDays: Number(row.working_days),
    dueAt: row.due_at,
    provisional: Number(row.provisional) === 1,
    status: row.status as RectificationState['status'],
    overdueAt: row.overdue_at,
    followUps: readJson<FollowUp[]>(row.follow_ups),
    completedAt: row.completed_at,
    completedBy: row.completed_by,
    measures: row.measures,
    onTime: row.on_time === null ? null : Number(row.on_time) === 1,
  };
}
