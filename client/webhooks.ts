/**
 * For a webhook receiver: check that a delivery is Matterflow's and recent. The body is signed
 * with HMAC-SHA256 over `<X-Matterflow-Timestamp>.<raw body>` with the subscription's secret and
 * sent as `X-Matterflow-Signature: v1=<hex>`; verify the raw bytes as received, before parsing,
 * then drop a duplicate by the body's `id` (deliveries are at least once).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface WebhookHeaders {
  readonly timestamp: string | null | undefined;
  readonly signature: string | null | undefined;
}

/** Null when authentic and within `toleranceSeconds` (default 300) of `now` (unix seconds), else why not. */
export function verifyWebhook(
  secret: string,
  rawBody: string,
  headers: WebhookHeaders,
  now: number,
  toleranceSeconds = 300,
): 'missing' | 'malformed' | 'mismatch' | 'stale' | null {
  if (!headers.timestamp || !headers.signature) return 'missing';
  if (!/^\d{1,12}$/.test(headers.timestamp)) return 'malformed';
  const expected = Buffer.from(
    `v1=${createHmac('sha256', secret).update(`${headers.timestamp}.${rawBody}`, 'utf8').digest('hex')}`,
  );
  const given = Buffer.from(headers.signature.trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'mismatch';
  if (Math.abs(now - Number(headers.timestamp)) > toleranceSeconds) return 'stale';
  return null;
}

/** The body of a delivery (see the README, "Connecting other systems"). */
export interface WebhookEvent {
  /** `<caseId>:<seq>`: the same for every retry; drop what you have seen. */
  readonly id: string;
  readonly deliveryId: string;
  readonly kind: string;
  readonly kindZh: string;
  readonly type: string;
  readonly v: number;
  readonly time: string;
  readonly actor: string;
  /** A case's events arrive in this order. */
  readonly seq: number;
  readonly case: {
    readonly caseId: string;
    readonly number: string | null;
    readonly processId: string;
    readonly matter: { readonly code: string; readonly name: string; readonly version: number } | null;
  };
  readonly data: unknown;
}
