/**
 * The Idempotency-Key of one submit of a form. Sending the same body again after the server did
 * not answer (no connection, a server error, the first try still running) is a retry: it keeps
 * its key, so the server applies it once. Any answer — done or refused — ends the attempt: the
 * next submit is a new one with a new key, whether the officer changed the form or not (a refusal
 * is not replayed to them after they fixed its cause elsewhere). A changed body is always new.
 */
import { ApiFailure } from './api-failure.js';

export class Attempt {
  #body: string | null = null;
  #key = '';

  /** The key to send `body` with: the pending attempt's when the body is the same, else a new one. */
  keyFor(body: unknown): string {
    const text = JSON.stringify(body ?? null);
    if (text !== this.#body) {
      this.#body = text;
      this.#key = crypto.randomUUID();
    }
    return this.#key;
  }

  /** The server answered (done or refused): the next submit is a new attempt. */
  answered(): void {
    this.#body = null;
  }

  /** After a failed submit: a refusal frees the key; a failure without an answer keeps it for the retry. */
  failed(error: unknown): void {
    if (isAnswer(error)) this.answered();
  }
}

/** Whether the server decided the request (a 4xx of its own), rather than not answering it. */
export function isAnswer(error: unknown): boolean {
  if (!(error instanceof ApiFailure)) return false;
  if (error.status === 0 || error.status >= 500) return false;
  return error.code !== 'IDEMPOTENCY_IN_PROGRESS';
}
