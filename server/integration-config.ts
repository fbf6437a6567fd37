/**
 * Configuration of how other systems connect (README "Connecting other systems"): how often a
 * waiting long poll looks for tasks made by other processes, and the webhook dispatcher — whether
 * this process runs one, its retries and its request timeout. A malformed value stops the server
 * at start, naming the variable.
 */
import type { RetryPolicy } from '../engine/integration/index.js';

export interface IntegrationConfig {
  /** MATTERFLOW_LONG_POLL_INTERVAL_MS (default 500): a long poll's look at the database, besides being woken by this process. */
  readonly longPollIntervalMs: number;
  /** MATTERFLOW_WEBHOOKS=off: this process sends no webhooks (another one does). */
  readonly webhooks: boolean;
  /** MATTERFLOW_WEBHOOK_RETRY_BASE_MS (10 s), _RETRY_CAP_MS (1 h), _MAX_ATTEMPTS (10). */
  readonly webhookRetry: RetryPolicy;
  /** MATTERFLOW_WEBHOOK_TIMEOUT_MS (default 10 s): how long one delivery may take. */
  readonly webhookTimeoutMs: number;
}

export function integrationConfigFromEnv(env: NodeJS.ProcessEnv = process.env): IntegrationConfig {
  return {
    longPollIntervalMs: positive(env, 'MATTERFLOW_LONG_POLL_INTERVAL_MS', 500),
    webhooks: env['MATTERFLOW_WEBHOOKS'] !== 'off',
    webhookRetry: {
      baseMs: positive(env, 'MATTERFLOW_WEBHOOK_RETRY_BASE_MS', 10_000),
      capMs: positive(env, 'MATTERFLOW_WEBHOOK_RETRY_CAP_MS', 3_600_000),
      maxAttempts: positive(env, 'MATTERFLOW_WEBHOOK_MAX_ATTEMPTS', 10),
    },
    webhookTimeoutMs: positive(env, 'MATTERFLOW_WEBHOOK_TIMEOUT_MS', 10_000),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number, but is '${text}'`);
  return value;
}
