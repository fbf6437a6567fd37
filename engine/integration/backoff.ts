/**
 * When a failed webhook delivery is tried again: exponential backoff from a base delay, doubled
 * after each failure up to a cap, until the attempts run out and the delivery is a dead letter.
 */

export interface RetryPolicy {
  /** Delay after the first failure (ms). */
  readonly baseMs: number;
  /** Longest delay (ms). */
  readonly capMs: number;
  /** Attempts in all; after the last failure the delivery is dead. */
  readonly maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 10_000, capMs: 3_600_000, maxAttempts: 10 };

/** After `attempts` failed attempts (1 = the first failed): the delay before the next, or null when dead. */
export function nextAttemptDelay(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number | null {
  if (attempts >= policy.maxAttempts) return null;
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}
