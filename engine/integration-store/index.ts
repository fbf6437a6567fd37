/**
 * Connecting other systems, over the store (the rules are engine/integration):
 * - worker tokens scoped to topics, messages and signals (`worker_tokens`);
 * - external tasks: fetch-and-lock with long polling, complete, failure (retries, retry
 *   timeout; none left is an incident), BPMN error, extend-lock, each report checked against the
 *   worker's lock in the command's transaction (`ExternalTasks`, `wakeOnJobs`);
 * - message correlation to exactly one receiver, and signal broadcast (`correlateMessage`,
 *   `broadcastSignal`), as commands with the caller as actor;
 * - incidents: list, detail with variables, retry with changed variables and retries;
 * - webhooks: subscriptions, the deliveries fanned out from the outbox the commands write, and
 *   the `WebhookDispatcher` that sends them signed, in order per case, at least once.
 */
export { IntegrationError, type IntegrationErrorCode } from './errors.js';
export {
  createWorkerToken,
  listWorkerTokens,
  getWorkerToken,
  revokeWorkerToken,
  workerForToken,
  WORKER_TOKEN_PREFIX,
  type NewWorkerToken,
  type WorkerTokenRecord,
} from './worker-tokens.js';
export {
  ExternalTasks,
  type ExternalTaskOptions,
  type FetchRequest,
  type LockedTask,
  type TopicRequest,
  type WaitingWorker,
} from './external-tasks.js';
export { JobWakeups, wakeOnJobs } from './job-wakeups.js';
export { listExternalTasks, type ExternalTaskRow, type ExternalTaskFilter } from './external-task-list.js';
export {
  correlateMessage,
  broadcastSignal,
  type Correlated,
  type MessageInput,
  type SignalReached,
} from './messages.js';
export {
  listIncidents,
  countIncidents,
  incidentDetail,
  retryIncident,
  type IncidentDetail,
  type IncidentFilter,
  type IncidentRow,
} from './incidents.js';
export {
  createWebhook,
  listWebhooks,
  getWebhook,
  updateWebhook,
  rotateWebhookSecret,
  deleteWebhook,
  type NewWebhook,
  type WebhookChange,
  type WebhookSubscription,
} from './webhook-subscriptions.js';
export {
  listDeliveries,
  resendDelivery,
  type Delivery,
  type DeliveryFilter,
  type DeliveryStatus,
} from './webhook-deliveries.js';
export {
  WebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookTick,
  type SentDelivery,
} from './webhook-dispatcher.js';
