/**
 * The HTTP edge's settings from the environment: body limits per tier, rate limits, and which
 * proxies to trust. Every variable is optional; a malformed value stops the start with its name.
 *
 * | variable                            | default | what                                           |
 * |-------------------------------------|---------|------------------------------------------------|
 * | MATTERFLOW_BODY_LIMIT_LOGIN         | 8kb     | largest JSON body on /api/auth                 |
 * | MATTERFLOW_BODY_LIMIT_STANDARD      | 256kb   | … on other routes (cases, operations, ratings) |
 * | MATTERFLOW_BODY_LIMIT_LARGE         | 4mb     | … on matters, drafts, definitions, calendar imports |
 * | MATTERFLOW_BODY_DEPTH_{LOGIN,STANDARD,LARGE} | 4, 32, 64 | deepest nesting of objects/arrays |
 * | MATTERFLOW_BODY_KEYS_{LOGIN,STANDARD,LARGE}  | 32, 5000, 20000 | most object keys in one body |
 * | MATTERFLOW_RATE_LIMIT               | 1200    | /api requests a minute per bearer token (else per address) |
 * | MATTERFLOW_LOGIN_RATE_LIMIT         | 10      | login attempts a minute per address and user id |
 * | MATTERFLOW_TRUST_PROXY              | false   | express `trust proxy`: true, a hop count, or addresses/subnets |
 */
import { BODY_TIERS, DEFAULT_BODY_LIMITS, type BodyLimit, type BodyLimits, type BodyTier } from './body-limits.js';
import { parseTrustProxy, type TrustProxy } from './rate-limits.js';

export interface HttpConfig {
  readonly bodyLimits: BodyLimits;
  /** /api requests a minute per bearer token, or per client address without one. */
  readonly rateLimit: number;
  /** Login attempts a minute per client address and user id. */
  readonly loginRateLimit: number;
  /** express's `trust proxy` (false: X-Forwarded-For is ignored). */
  readonly trustProxy: TrustProxy;
}

export const DEFAULT_RATE_LIMIT = 1200;
export const DEFAULT_LOGIN_RATE_LIMIT = 10;

export function httpConfigFromEnv(env: NodeJS.ProcessEnv): HttpConfig {
  const bodyLimits = Object.fromEntries(BODY_TIERS.map((tier) => [tier, bodyLimitFromEnv(env, tier)])) as Record<
    BodyTier,
    BodyLimit
  >;
  return {
    bodyLimits,
    rateLimit: positiveInteger(env, 'MATTERFLOW_RATE_LIMIT', DEFAULT_RATE_LIMIT),
    loginRateLimit: positiveInteger(env, 'MATTERFLOW_LOGIN_RATE_LIMIT', DEFAULT_LOGIN_RATE_LIMIT),
    trustProxy: parseTrustProxy(env['MATTERFLOW_TRUST_PROXY']),
  };
}

function bodyLimitFromEnv(env: NodeJS.ProcessEnv, tier: BodyTier): BodyLimit {
  const suffix = tier.toUpperCase();
  const defaults = DEFAULT_BODY_LIMITS[tier];
  const sizeName = `MATTERFLOW_BODY_LIMIT_${suffix}`;
  const size = env[sizeName]?.trim() || defaults.size;
  if (!/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i.test(size))
    throw new Error(`${sizeName} must be a size such as 256kb or 4mb, but is '${size}'`);
  return {
    size,
    depth: positiveInteger(env, `MATTERFLOW_BODY_DEPTH_${suffix}`, defaults.depth),
    keys: positiveInteger(env, `MATTERFLOW_BODY_KEYS_${suffix}`, defaults.keys),
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1, but is '${text}'`);
  return value;
}
