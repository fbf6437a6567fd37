/**
 * Durable timers and service-task jobs: the `TimerPoller` (node-cron heartbeat: claims due jobs
 * with a lease and fires them), the runners the store exposes (`fireDueTimers`, `runDueJobs`),
 * and the planning of process timer start events.
 */
export { BpmnError } from './bpmn-error.js';
export type { JobHost } from './job-host.js';
export type { JobKind, JobRow } from './job-rows.js';
export { TimerPoller, type TimerPollerOptions } from './poller.js';
export { PeriodicSweep, type PeriodicSweepOptions } from './sweep.js';
export type { PollerHost, PolledTimer, TickResult } from './poller-tick.js';
export { claimBatch, claimStatement, dueCandidates, type BatchClaimOptions } from './claim-batch.js';
export { planStartTimer, nextStartTimer, type StartTimerPlan } from './start-timer-plan.js';
export { fireDueTimers, type FiredTimer } from './timer-runner.js';
export { runDueJobs, backoffFor, visibleVariables, type JobHandler, type ServiceJob, type RanJob, type JobOutcome } from './service-runner.js';
