/**
 * What the integration services refuse, with a stable code and the HTTP status the server
 * answers with (the routes map them one to one): a task that is gone (404), a lock that is
 * someone else's or expired (409), a message with no receiver (404) or several (409), a scope
 * the worker was not given (403), input a rule refuses (400 / 422).
 */
import { MatterflowError } from '../errors.js';

export type IntegrationErrorCode =
  | 'TASK_NOT_FOUND'
  | 'LOCK_LOST'
  | 'MESSAGE_NOT_CORRELATED'
  | 'MESSAGE_AMBIGUOUS'
  | 'OUT_OF_SCOPE'
  | 'INCIDENT_NOT_FOUND'
  | 'WEBHOOK_NOT_FOUND'
  | 'DELIVERY_NOT_FOUND'
  | 'DELIVERY_NOT_DEAD'
  | 'WORKER_TOKEN_NOT_FOUND'
  | 'WORKER_TOKEN_EXISTS'
  | 'INVALID_URL'
  | 'INVALID_KIND';

const STATUS: { readonly [K in IntegrationErrorCode]: number } = {
  TASK_NOT_FOUND: 404,
  LOCK_LOST: 409,
  MESSAGE_NOT_CORRELATED: 404,
  MESSAGE_AMBIGUOUS: 409,
  OUT_OF_SCOPE: 403,
  INCIDENT_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  DELIVERY_NOT_FOUND: 404,
  DELIVERY_NOT_DEAD: 409,
  WORKER_TOKEN_NOT_FOUND: 404,
  WORKER_TOKEN_EXISTS: 409,
  INVALID_URL: 400,
  INVALID_KIND: 400,
};

export class IntegrationError extends MatterflowError {
  declare readonly code: IntegrationErrorCode;
  /** The HTTP status this refusal is answered with. */
  readonly status: number;

  constructor(
    code: IntegrationErrorCode,
    /** Chinese, for the people who read it in the workspace. */
    readonly zh: string,
    en: string,
    /** What the caller needs to act (the candidates of an ambiguous message, the lock's holder …). */
    readonly details?: unknown,
    /** The offending field, as a JSON pointer into the request. */
    readonly field?: string,
  ) {
    super(code, en);
    this.status = STATUS[code];
  }
}
