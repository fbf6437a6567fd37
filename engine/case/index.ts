/**
 * A case (办件): the BPMN runtime and the 办件 domain over one event stream.
 *
 * Public API:
 * - `executeCase` runs one command (a runtime `Command` or a `DomainCommand`) on a case and
 *   returns its events and next state; `CaseContext` is what the caller injects (clock, ids,
 *   calendar, 电子监察 policy, credit check).
 * - `CaseEvent` (= RuntimeEvent | DomainEvent) and `CaseState` (the runtime's state with the
 *   domain state in its `domain` slot) are what the store keeps; `CASE_EVENT_VERSIONS` names the
 *   version of each event written today.
 * - `applyEvent` / `replay` rebuild a case from its recorded events, upcasting old versions.
 */
export {
  executeCase,
  type CaseCommand,
  type CaseContext,
  type CaseRejection,
  type CaseRejectionCode,
  type CaseResult,
} from './execute.js';
export { applyEvent, replay } from './apply.js';
export { CASE_EVENT_VERSIONS, type CaseEvent, type CaseEventType, type EventOf, type RecordedEvent } from './events.js';
export type { CaseState } from './state.js';
