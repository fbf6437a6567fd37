/**
 * The pure runtime: `(definition, state, command, now, ids) -> events + next state`, and replay.
 * No I/O, no clock reads, no randomness: everything varying is injected.
 */
export { execute } from './execute.js';
export { applyEvent, replay } from './apply/index.js';
export { cloneState } from './clone.js';
export { waitingElements } from './observe.js';
export type { ExecuteResult, Rejection, RejectionCode, RuntimeContext, WorkingCalendar } from './api.js';
export { REJECTION_CODES } from './api.js';
export type { Command, CommandType, CommandOf } from './commands.js';
export type { CaseEvent, CaseEventType, EventOf, EventData } from './events.js';
export type * from './state.js';
