/**
 * Durable timers and service-task jobs, above engine/store (which keeps the `jobs` rows and plans
 * process timer start events at deployment): `jobsOf(store)` gives the runners (`fireDueTimers`,
 * `runDueJobs`, handlers) and the `TimerPoller` (node-cron heartbeat: claims due jobs with a lease
 * and fires them). Public API: `jobsOf` and its `Jobs` (fireDueTimers, runDueJobs, registerHandler),
 * `BpmnError` (what a handler throws), `TimerPoller`, `PeriodicSweep`, and the types of handlers,
 * hosts and results below. The claiming, backoff and the runner functions behind `Jobs` are internal.
 */
export { type Jobs, jobsOf } from './jobs.js';
export { BpmnError } from './bpmn-error.js';
export type { JobHost } from './job-host.js';
export { TimerPoller, type TimerPollerOptions } from './poller.js';
export { PeriodicSweep, type PeriodicSweepOptions } from './sweep.js';
export type { PollerHost, PolledTimer, TickResult } from './poller-tick.js';
export type { FiredTimer } from './timer-runner.js';
export type { JobHandler, ServiceJob, RanJob, JobOutcome } from './service-runner.js';
