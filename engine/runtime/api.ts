/**
 * The runtime's contract: `(definition, state, command, now, ids) -> events + next state`.
 */
import type { CaseEvent } from './events.js';
import type { CaseState } from './state.js';
import type { TimeLimit } from '../model/types.js';

/**
 * Working-time arithmetic the runtime may need for gov time limits (工作日 timers). Pure: the
 * calendar data is loaded by the caller; the runtime only asks questions.
 */
export interface WorkingCalendar {
  /** The instant `limit` after `from` (ISO-8601 instants in and out). */
  addLimit(from: string, limit: TimeLimit): string;
}

export interface RuntimeContext {
  /** The current instant, ISO-8601 UTC, from the injected clock. */
  readonly now: string;
  /** Id generator, injected so that runs are reproducible. */
  readonly ids: () => string;
  readonly calendar?: WorkingCalendar;
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
  'INVALID_ARGUMENT',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  readonly code: RejectionCode;
  /** "Expected to …, but …" */
  readonly message: string;
}

export type ExecuteResult =
  | { readonly ok: true; readonly events: readonly CaseEvent[]; readonly state: CaseState }
  | { readonly ok: false; readonly rejection: Rejection };
