/**
 * Durable timers and service-task jobs: the minimal runners the store exposes
 * (`fireDueTimers`, `runDueJobs`). A poller ticking them (node-cron) builds on these.
 */
export { BpmnError } from './bpmn-error.js';
export type { JobHost } from './job-host.js';
export { fireDueTimers, type FiredTimer } from './timer-runner.js';
export { runDueJobs, backoffFor, visibleVariables, type JobHandler, type ServiceJob, type RanJob, type JobOutcome } from './service-runner.js';
