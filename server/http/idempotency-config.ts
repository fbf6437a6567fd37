/**
 * Idempotency-Key settings from the environment.
 *
 * | variable                           | default | what                                                    |
 * |------------------------------------|---------|---------------------------------------------------------|
 * | MATTERFLOW_IDEMPOTENCY_LEASE_MS    | 60000   | how long a keyed request's reservation outlives its process (renewed every third of it while it runs) before a retry takes the key over |
 * | MATTERFLOW_TEST_IDEMPOTENCY_PAUSE  | (none)  | TEST ONLY, honoured only with MATTERFLOW_TEST_CLOCK=1: `before-commit` or `before-store` makes every keyed request stop there for 60 s, logged, so a crash test can kill the process at that point |
 */
import type { Logger } from 'pino';
import { DEFAULT_IDEMPOTENCY_LEASE_MS, type IdempotencyOptions } from './idempotency.js';

const TEST_PAUSES = ['before-commit', 'before-store'] as const;
type TestPause = (typeof TEST_PAUSES)[number];

export interface IdempotencyConfig {
  readonly leaseMs: number;
  /** TEST ONLY: where keyed requests stop (null: nowhere). */
  readonly testPause: TestPause | null;
}

/** How long a test pause lasts: far longer than a crash test needs to kill the process. */
const TEST_PAUSE_MS = 60_000;

export function idempotencyConfigFromEnv(env: NodeJS.ProcessEnv): IdempotencyConfig {
  const text = env['MATTERFLOW_IDEMPOTENCY_LEASE_MS']?.trim();
  const leaseMs = text ? Number(text) : DEFAULT_IDEMPOTENCY_LEASE_MS;
  if (!Number.isSafeInteger(leaseMs) || leaseMs < 100)
    throw new Error(
      `MATTERFLOW_IDEMPOTENCY_LEASE_MS must be a whole number of milliseconds, at least 100, but is '${text}'`,
    );
  const pause = env['MATTERFLOW_TEST_IDEMPOTENCY_PAUSE']?.trim() || null;
  if (pause !== null && !TEST_PAUSES.includes(pause as TestPause))
    throw new Error(`MATTERFLOW_TEST_IDEMPOTENCY_PAUSE must be one of ${TEST_PAUSES.join(', ')}, but is '${pause}'`);
  if (pause !== null && env['MATTERFLOW_TEST_CLOCK'] !== '1')
    throw new Error('MATTERFLOW_TEST_IDEMPOTENCY_PAUSE is for tests only: it needs MATTERFLOW_TEST_CLOCK=1');
  return { leaseMs, testPause: pause as TestPause | null };
}

/** The options the routes run keyed requests with (the test pause logs where it stopped). */
export function idempotencyOptions(config: IdempotencyConfig, logger: Logger): IdempotencyOptions {
  const pause = (where: TestPause) => async () => {
    logger.warn({ pause: where }, `TEST: keyed request paused ${where} (MATTERFLOW_TEST_IDEMPOTENCY_PAUSE)`);
    await new Promise((resolve) => setTimeout(resolve, TEST_PAUSE_MS));
  };
  return {
    leaseMs: config.leaseMs,
    ...(config.testPause === 'before-commit' ? { beforeCommit: pause('before-commit') } : {}),
    ...(config.testPause === 'before-store' ? { beforeStore: pause('before-store') } : {}),
  };
}
