/**
 * Webhook signatures: HMAC-SHA256 over `<timestamp>.<body>` with the subscription's secret,
 * sent as `X-Matterflow-Signature: v1=<hex>` beside `X-Matterflow-Timestamp: <unix seconds>`.
 * Signing the timestamp with the body lets a receiver refuse a replayed request: it checks the
 * signature, then that the timestamp is recent (`verifySignature`, the receiver's side, here
 * so that the example receiver and the tests use the rule the server signs with).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a delivery. */
export const SIGNATURE_HEADER = 'X-Matterflow-Signature';
export const TIMESTAMP_HEADER = 'X-Matterflow-Timestamp';
export const DELIVERY_HEADER = 'X-Matterflow-Delivery';
export const KIND_HEADER = 'X-Matterflow-Event';

/** The signature header's value for `body` sent at `timestamp` (unix seconds). */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export interface SignatureCheck {
  readonly secret: string;
  readonly body: string;
  /** The X-Matterflow-Timestamp header as received. */
  readonly timestamp: string | null | undefined;
  /** The X-Matterflow-Signature header as received. */
  readonly signature: string | null | undefined;
  /** The receiver's time now (unix seconds). */
  readonly now: number;
  /** How far from `now` the timestamp may be (default 300 s). */
  readonly toleranceSeconds?: number;
}

/** Why a delivery is refused, or null when it is authentic and recent. */
export function verifySignature(check: SignatureCheck): 'missing' | 'malformed' | 'mismatch' | 'stale' | null {
  if (!check.timestamp || !check.signature) return 'missing';
  if (!/^\d{1,12}$/.test(check.timestamp)) return 'malformed';
  const timestamp = Number(check.timestamp);
  const expected = Buffer.from(signBody(check.secret, timestamp, check.body));
  const given = Buffer.from(check.signature.trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'mismatch';
  if (Math.abs(check.now - timestamp) > (check.toleranceSeconds ?? 300)) return 'stale';
  return null;
}
