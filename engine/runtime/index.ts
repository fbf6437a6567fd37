/**
 * The pure BPMN runtime: `(definition, state, command, now, ids) -> events + next state`, and
 * replay. No I/O, no clock reads, no randomness: everything varying is injected. It knows no
 * government rule; engine/case composes it with the 办件 domain.
 *
 * Public API:
 * - `execute` runs one command; `Command` (commands.ts) lists them, `RuntimeContext` what is injected.
 * - `RuntimeEvent` (events.ts) and `RuntimeState<X>` (state.ts) are what it records and builds;
 *   `X` types the `domain` slot the case layer fills, which the runtime only carries.
 * - Extension points for the case layer: `composeAppliers` (its events' appliers, current
 *   versions and upcasters beside the runtime's), `EventShape` / `EventVersions` for its events,
 *   and `LimitPlanner` (limits.ts) for the 电子监察 signals of clocks.
 * - Upcasting is internal: appliers see the current version only (`StoredEvent` is any version).
 * - `planCycle` / `nextCycle`: a timeCycle's first and next firings (process start timers use them too).
 * - `applyEvent` / `replay` of runtime events alone (a bare process run), `cloneState`,
 *   `waitingElements`, the time-limit arithmetic (`limitDue`, `LimitCalendar`) and `AlertLevel`.
 */
export { execute } from './execute.js';
export { applyEvent, replay, composeAppliers } from './apply/index.js';
export type { AppliersOf, ApplierExtension, EventApplier } from './apply/index.js';
export type { StoredEvent, Upcasters } from './upcast.js';
export { cloneState } from './clone.js';
export { nextCycle, planCycle } from './timers.js';
export { waitingElements } from './observe.js';
export type { ExecuteResult, Rejection, RejectionCode, RuntimeContext, WorkingCalendar } from './api.js';
export type { Command, CommandType, CommandOf } from './commands.js';
export { RUNTIME_EVENT_VERSIONS } from './events.js';
export type { RuntimeEvent, RuntimeEventType, EventOf, EventData, EventShape, EventVersions } from './events.js';
export { ALERT_LEVELS, limitDue } from './limits.js';
export type { AlertLevel, ClockTarget, LimitCalendar, LimitClock, LimitPlan, LimitPlanner } from './limits.js';
export type * from './state.js';
