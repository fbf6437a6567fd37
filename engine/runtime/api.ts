/**
 * The runtime's contract: `(definition, state, command, now, ids) -> events + next state`.
 */
import type { RuntimeEvent } from './events.js';
import type { RuntimeState } from './state.js';
import type { TimeLimit } from '../model/types.js';
import type { LimitCalendar, LimitPlanner } from './limits.js';

/**
 * Working-time arithmetic for gov time limits (工作日 timers, case and step clocks). Pure: the
 * calendar data is loaded by the caller; the runtime only asks questions.
 *
 * - `addLimit(from, limit)`: the instant `limit` after `from`.
 * - `due(from, amount, unit)`: the same, with whether a year without official holiday data was
 *   used (the due date is then provisional); `amount` may be fractional and 0.
 * - `elapsed(from, to, unit)`: how much of `unit` was used since a start, counting working time
 *   only for working units, so that `elapsed(from, due(from, n, unit).dueAt, unit) === n`.
 * - `between(from, to, unit)`: the working time between two instants counted from `from`
 *   itself (how long a clock stood still).
 */
export interface WorkingCalendar extends LimitCalendar {
  addLimit(from: string, limit: TimeLimit): string;
}

export interface RuntimeContext {
  /** The current instant, ISO-8601 UTC, from the injected clock. */
  readonly now: string;
  /** Id generator, injected so that runs are reproducible. */
  readonly ids: () => string;
  /** Needed for limits in working days or hours; natural-day limits work without it. */
  readonly calendar?: WorkingCalendar;
  /** Plans the signals of clocks (engine/case fills it with 电子监察's rules); without it, clocks still run but raise no signals. */
  readonly limits?: LimitPlanner;
}

/** Stable codes of expected refusals (HTTP maps them to 404/409/422). */
export const REJECTION_CODES = [
  'CASE_NOT_FOUND',
  'CASE_EXISTS',
  'CASE_NOT_ACTIVE',
  'PROCESS_NOT_FOUND',
  'START_EVENT_NOT_FOUND',
  'TASK_NOT_FOUND',
  'TIMER_NOT_FOUND',
  'JOB_NOT_FOUND',
  'INCIDENT_NOT_FOUND',
  'NO_SUBSCRIPTION',
  'CALL_NOT_FOUND',
  'CLOCK_NOT_FOUND',
  'CLOCK_EXISTS',
  'CALENDAR_MISSING',
  'INVALID_ARGUMENT',
  /** 签收 of a task someone else holds. */
  'TASK_ASSIGNED',
  /** The actor is not the one the task is with. */
  'NOT_ASSIGNEE',
  /** 委派 pending, or resolve without one. */
  'TASK_DELEGATED',
  'NOT_DELEGATED',
  'CASE_SUSPENDED',
  'CASE_NOT_SUSPENDED',
  'INSTANCE_NOT_FOUND',
  'ELEMENT_NOT_FOUND',
  'ELEMENT_NOT_ACTIVATABLE',
  'SCOPE_NOT_ACTIVE',
  'NOT_MULTI_INSTANCE',
  /** 撤回 refused: not the last handler, or the next step has started. */
  'NOT_WITHDRAWABLE',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  readonly code: RejectionCode;
  /** "Expected to …, but …" */
  readonly message: string;
}

export type ExecuteResult<X = unknown> =
  | { readonly ok: true; readonly events: readonly RuntimeEvent[]; readonly state: RuntimeState<X> }
  | { readonly ok: false; readonly rejection: Rejection };
