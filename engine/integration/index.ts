/**
 * How other systems join a case (pure rules; their tables and I/O are engine/integration-store):
 * - external task workers: the scopes of a worker token (topics, messages, signals), the
 *   variables a worker sees at its task;
 * - message correlation: exactly one receiver, or a refusal that says why;
 * - event webhooks from the transactional outbox: the kinds of events that leave the system
 *   (the outbox projection in engine/store reads `webhookKindOf`), the body delivered, personal
 *   data masked unless granted, the HMAC-SHA256 signature and the retry backoff.
 */
export {
  WEBHOOK_KINDS,
  webhookKind,
  webhookKindOf,
  ratingWebhookKindOf,
  ratingStream,
  ratingOfStream,
  type WebhookKind,
  type WebhookKindDeclaration,
} from './webhook-kinds.js';
export {
  signBody,
  verifySignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  DELIVERY_HEADER,
  KIND_HEADER,
  type SignatureCheck,
} from './signature.js';
export { nextAttemptDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
export { maskPersonalDataForExport, maskText } from './personal-data.js';
export {
  webhookBody,
  type RecordedEvent,
  type WebhookBody,
  type WebhookBodyInput,
  type WebhookCase,
} from './webhook-body.js';
export {
  outsideScope,
  workerActor,
  SCOPE_NAME_PATTERN,
  type WorkerPrincipal,
  type WorkerScope,
} from './worker-scope.js';
export { visibleVariables, pickVariables } from './variables.js';
export { decideCorrelation, type CorrelationDecision, type MessageStart, type WaitingCase } from './correlation.js';
