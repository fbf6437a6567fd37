/**
 * Server configuration from the environment, with defaults. Business days are always counted in
 * Asia/Shanghai, whatever the host's zone; that is not configurable.
 */
import { fileURLToPath } from 'node:url';
import { configFromEnv, type DatabaseConfig } from '../engine/store/index.js';
import { httpConfigFromEnv, type HttpConfig } from './http/http-config.js';
import { idempotencyConfigFromEnv, type IdempotencyConfig } from './http/idempotency-config.js';
import { modelConfigFromEnv, type ModelConfig } from './workers/model-config.js';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  readonly logLevel: string;
  /** The 电子监察 rules file (JSON, engine/supervision/config.ts). */
  readonly supervisionRules: string;
  /** Run the timer poller in this process (several processes may share one PostgreSQL). */
  readonly poller: boolean;
  /** TEST ONLY (MATTERFLOW_TEST_CLOCK=1): the store runs on a settable clock and POST /api/test/clock moves it. */
  readonly testClock: boolean;
  /** Body limits, rate limits and trusted proxies (MATTERFLOW_BODY_*, MATTERFLOW_RATE_LIMIT, MATTERFLOW_LOGIN_RATE_LIMIT, MATTERFLOW_TRUST_PROXY: server/http/http-config.ts). */
  readonly http: HttpConfig;
  /** Idempotency-Key leases (MATTERFLOW_IDEMPOTENCY_LEASE_MS) and the crash tests' pause: server/http/idempotency-config.ts. */
  readonly idempotency: IdempotencyConfig;
  /** The BPMN element limit and the model workers (MATTERFLOW_MODEL_MAX_ELEMENTS, MATTERFLOW_MODEL_WORKERS, MATTERFLOW_MODEL_QUEUE: server/workers/model-config.ts). */
  readonly models: ModelConfig;
}

export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, but is '${env['PORT']}'`);
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    database: configFromEnv(env),
    logLevel: env['LOG_LEVEL'] ?? 'info',
    supervisionRules:
      env['MATTERFLOW_SUPERVISION_RULES'] ??
      fileURLToPath(new URL('../engine/supervision/default-rules.json', import.meta.url)),
    poller: env['MATTERFLOW_POLLER'] !== 'off',
    testClock: env['MATTERFLOW_TEST_CLOCK'] === '1',
    http: httpConfigFromEnv(env),
    idempotency: idempotencyConfigFromEnv(env),
    models: modelConfigFromEnv(env),
  };
}
