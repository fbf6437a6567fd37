/**
 * Durable timers and service-task jobs, above engine/store (which keeps the `jobs` rows and plans
 * process timer start events at deployment): `jobsOf(store)` gives the runners (`fireDueTimers`,
 * `runDueJobs`, handlers) and the `TimerPoller` (node-cron heartbeat: claims due jobs with a lease
 * and fires them).
 */
export { Jobs, jobsOf } from './jobs.js';
export { BpmnError } from './bpmn-error.js';
export type { JobHost } from './job-host.js';
export { TimerPoller, type TimerPollerOptions } from './poller.js';
export { PeriodicSweep, type PeriodicSweepOptions } from './sweep.js';
export type { PollerHost, PolledTimer, TickResult } from './poller-tick.js';
export { claimBatch, claimStatement, dueCandidates, type BatchClaimOptions } from './claim-batch.js';
export { fireDueTimers, type FiredTimer } from './timer-runner.js';
export { runDueJobs, backoffFor, visibleVariables, type JobHandler, type ServiceJob, type RanJob, type JobOutcome } from './service-runner.js';
