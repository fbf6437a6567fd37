/**
 * Clients for the systems that join Matterflow's cases over HTTP — a department's 业务系统, the
 * credit platform, the 电子证照 library, SMS: the external task worker (`ExternalTaskClient`, and
 * `TaskWorker`, a loop that long-polls topics and runs handlers), messages and signals
 * (`MessageClient`), and webhook signature checks for receivers (`verifyWebhook`). Talks to the
 * server over HTTP only and imports nothing of the engine or the server, so it can be copied into
 * another code base as it is. `examples/credit-check-worker.ts` is a worker to start from.
 */
export { MatterflowApiError, type ClientOptions } from './http.js';
export {
  ExternalTaskClient,
  type ExternalTask,
  type FetchOptions,
  type Failure,
  type TopicRequest,
} from './external-task-client.js';
export {
  TaskWorker,
  BpmnError,
  TaskFailure,
  type Subscription,
  type TaskContext,
  type TaskHandler,
  type TaskWorkerOptions,
  type WorkerLogEvent,
} from './task-worker.js';
export { MessageClient, type Correlated, type MessageRequest } from './messages.js';
export { verifyWebhook, type WebhookEvent, type WebhookHeaders } from './webhooks.js';
