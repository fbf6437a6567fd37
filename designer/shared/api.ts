/**
 * The one way pages talk to the server: JSON over fetch with the session's bearer token. A
 * refusal becomes an `ApiFailure` carrying the server's Chinese message (every API error has
 * `{ code, message: { zh, en }, field? }`), so pages show exactly what the server said. A 401
 * ends the session and goes to the login page.
 */
import { ApiFailure } from './api-failure.js';
import { clearSession, currentSession, redirectToLogin } from './session.js';

export { ApiFailure };

export interface ApiOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined | null | readonly string[]>>;
  /** Makes a POST safe to retry (the server applies it once). */
  readonly idempotencyKey?: string;
  /** Send no token even when signed in (public pages). */
  readonly anonymous?: boolean;
  /** Answer as text instead of JSON (BPMN XML). */
  readonly text?: boolean;
  readonly signal?: AbortSignal;
}

function apiUrl(path: string, query?: ApiOptions['query']): string {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.set(key, String(value));
  }
  return url.pathname + url.search;
}

export async function api<T = unknown>(path: string, options: ApiOptions = {}): Promise<T> {
  const session = options.anonymous ? null : currentSession();
  const headers: Record<string, string> = {
    Accept: options.text ? 'text/plain, application/xml, */*' : 'application/json',
  };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiFailure(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (response.status === 401 && session) {
    clearSession();
    redirectToLogin();
    throw new ApiFailure(401, 'UNAUTHENTICATED', '登录已过期，请重新登录');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      code?: string;
      message?: { zh?: string };
      field?: string;
      details?: unknown;
    } | null;
    throw new ApiFailure(
      response.status,
      body?.code ?? `HTTP_${response.status}`,
      body?.message?.zh ?? `请求失败（HTTP ${response.status}）`,
      body?.field,
      body?.details,
    );
  }
  if (options.text) return (await response.text()) as T;
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A fresh idempotency key for one user action (reuse it when retrying that same action). */
export const newIdempotencyKey = (): string => crypto.randomUUID();
