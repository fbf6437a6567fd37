/**
 * Rate limits on /api. Calls that carry a bearer token count per token (a user's API token or
 * login session), so the windows of one service centre behind one address, or every client
 * behind a load balancer, do not share one allowance; calls without a token count per client
 * address. Inventing tokens buys no fresh allowance: refusals for a bad token (401) also count
 * per address. Logins have their own, much smaller limit per address and user id.
 *
 * The key is a hash of the token, not the user it belongs to: resolving the user would cost a
 * database lookup on every request, before the route's own one.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { ApiError } from './errors.js';

const WINDOW_MS = 60_000;

/** The /api limiters: per token (else address), and bad-token refusals per address. */
export function apiRateLimits(perMinute: number): RequestHandler[] {
  const tooMany = new ApiError(
    429,
    'TOO_MANY_REQUESTS',
    '请求过于频繁，请稍后再试',
    'Too many requests, try again later',
  ).body;
  const common: Partial<Options> = {
    windowMs: WINDOW_MS,
    limit: perMinute,
    legacyHeaders: false,
    handler: (_req, res) => void res.status(429).json(tooMany),
  };
  return [
    rateLimit({ ...common, standardHeaders: 'draft-8', keyGenerator: callerKey }),
    rateLimit({
      ...common,
      standardHeaders: false,
      keyGenerator: addressKey,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    }),
  ];
}

/** Login attempts per minute, client address and user id. */
export function loginRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${addressKey(req)}|${typeof req.body?.user === 'string' ? req.body.user : ''}`,
    handler: (_req, res) => {
      res
        .status(429)
        .json(
          new ApiError(
            429,
            'TOO_MANY_REQUESTS',
            '登录尝试过于频繁，请一分钟后再试',
            'Too many login attempts, try again in a minute',
          ).body,
        );
    },
  });
}

/** Whom a request is counted against: its bearer token's hash, or its address when it has none. */
function callerKey(req: Request): string {
  const token = /^Bearer\s+(\S+)$/i.exec(req.get('Authorization') ?? '')?.[1];
  return token ? `token:${createHash('sha256').update(token).digest('base64url')}` : addressKey(req);
}

/** The client address (as `trust proxy` resolves it), IPv6 by its /56 subnet. */
function addressKey(req: Request): string {
  return `address:${ipKeyGenerator(req.ip ?? '')}`;
}

/**
 * express's `trust proxy` from a setting's text: unset or `false` trusts no proxy (the default:
 * X-Forwarded-For is ignored), `true` trusts every hop, a number trusts that many hops, anything
 * else is a comma-separated list of addresses, subnets or the names `loopback`, `linklocal`,
 * `uniquelocal` (express checks them when the app is built).
 */
export type TrustProxy = boolean | number | string;

export function parseTrustProxy(text: string | undefined): TrustProxy {
  const value = text?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
