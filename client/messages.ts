/** Messages and signals to cases, as another system sends them (a worker token given those names, or an administrator). */
import { requestJson, type ClientOptions } from './http.js';

export interface MessageRequest {
  readonly messageName: string;
  /** The 办件编号 (or id) of the case the message is for. */
  readonly correlationKey?: string;
  readonly elementId?: string;
  readonly variables?: Record<string, unknown>;
}

export interface Correlated {
  readonly caseId: string;
  /** True when the message started a new case. */
  readonly started: boolean;
  readonly elementId: string;
  readonly processId: string;
}

export class MessageClient {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  /** Deliver to the one receiver; MESSAGE_NOT_CORRELATED (404) or MESSAGE_AMBIGUOUS (409) otherwise. */
  correlate(message: MessageRequest): Promise<Correlated> {
    return requestJson(this.#options, 'POST', '/api/messages', message);
  }

  /** Broadcast a signal; the cases it reached. */
  async signal(
    signalName: string,
    variables?: Record<string, unknown>,
  ): Promise<{ caseId: string; started: boolean }[]> {
    const answer = await requestJson<{ cases: { caseId: string; started: boolean }[] }>(
      this.#options,
      'POST',
      '/api/signals',
      { signalName, ...(variables === undefined ? {} : { variables }) },
    );
    return answer.cases;
  }
}
