/**
 * The HTTP side of the clients: JSON requests with a bearer token against a Matterflow server,
 * and its refusals as `MatterflowApiError` (the API's `{ code, message: { zh, en }, field? }`).
 */

export interface ClientOptions {
  /** The server, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  /** A worker token (`mfw_…`, made by an administrator: POST /api/worker-tokens) or a user's bearer token. */
  readonly token: string;
  /** Another HTTP client (default the global fetch). */
  readonly fetch?: typeof fetch;
}

/** A refusal of the server, with its stable code. */
export class MatterflowApiError extends Error {
  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** The stable code: LOCK_LOST, TASK_NOT_FOUND, MESSAGE_AMBIGUOUS, … */
    readonly code: string,
    /** The message in Chinese. */
    readonly zh: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'MatterflowApiError';
  }
}

/** POST (or GET) JSON; the parsed answer, undefined for 204; throws MatterflowApiError on a refusal. */
export async function requestJson<T>(
  options: ClientOptions,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const response = await (options.fetch ?? fetch)(new URL(path, options.baseUrl), {
    method,
    headers: {
      Authorization: `Bearer ${options.token}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (response.ok) return parsed as T;
  const error = (parsed ?? {}) as {
    code?: string;
    message?: { zh?: string; en?: string };
    field?: string;
    details?: unknown;
  };
  throw new MatterflowApiError(
    response.status,
    error.code ?? `HTTP_${response.status}`,
    error.message?.zh ?? '',
    error.message?.en ?? `HTTP ${response.status}`,
    error.field,
    error.details,
  );
}
