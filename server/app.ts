/**
 * The express application: security headers, a body size limit, request logging with request
 * ids (personal data redacted), the declared routes, and one JSON error shape.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { LiveCalendar } from '../engine/calendar-store/index.js';
import { systemClock, type Clock, type SettableClock } from '../engine/clock.js';
import { openRatings, type RatingsService } from '../engine/ratings-store/index.js';
import type { Database, Store } from '../engine/store/index.js';
import { ApiError, errorHandler } from './http/errors.js';
import type { IdempotencyOptions } from './http/idempotency.js';
import { Routes } from './http/route.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { calendarRoutes } from './routes/calendar.js';
import { caseRoutes } from './routes/cases.js';
import { definitionRoutes } from './routes/definitions.js';
import { departmentRoutes } from './routes/departments.js';
import { docsRouter } from './routes/docs.js';
import { draftRoutes } from './routes/drafts.js';
import { matterRoutes } from './routes/matters.js';
import { pagesRouter } from './routes/pages.js';
import { supervisionRoutes } from './routes/supervision.js';
import { ratingRoutes } from './routes/ratings.js';
import { systemRoutes } from './routes/system.js';
import { taskRoutes } from './routes/tasks.js';
import { testClockRoutes } from './routes/test-clock.js';

export interface AppDependencies {
  readonly db: Database;
  readonly store: Store;
  readonly logger: Logger;
  /** Largest accepted request body (default 2 MB: a whole application form). */
  readonly bodyLimit?: string;
  /** Requests per minute and client address on /api (default 1200). */
  readonly rateLimit?: number;
  /** The calendar the store counts with: reloaded after calendar writes, asked by ratings (default: loaded on first use, not reloaded). */
  readonly calendar?: LiveCalendar;
  /** Login attempts per minute, client address and user id (default 10). */
  readonly loginRateLimit?: number;
  /** How long a login session lasts (default 8 hours: a working day). */
  readonly sessionTtlMs?: number;
  /** Where the built workspace is (default designer/dist). */
  readonly workspace?: string;
  /** The store's clock (default the system clock). */
  readonly clock?: Clock;
  /** TEST ONLY (MATTERFLOW_TEST_CLOCK=1): the store's settable clock; when given, POST /api/test/clock exists. */
  readonly testClock?: SettableClock;
  /** Idempotency-Key leases (default: 60 s on the system clock). */
  readonly idempotency?: IdempotencyOptions;
}

export function createApp({ db, store, logger, bodyLimit = '2mb', rateLimit: perMinute = 1200, loginRateLimit = 10, sessionTtlMs = 8 * 3_600_000, workspace, calendar, testClock, clock = testClock ?? systemClock, idempotency }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(pinoHttp({ logger, genReqId: (req, res) => {
    const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.setHeader('X-Request-Id', id);
    return id;
  }, serializers: { req: scrubIdNumbers } }));
  app.use(express.json({ limit: bodyLimit }));
  app.use(
    '/api',
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json(new ApiError(429, 'TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试', 'Too many requests, try again later').body);
      },
    }),
  );

  // Guessing passwords: a few attempts a minute per address and user id.
  app.use(
    '/api/auth/login',
    rateLimit({
      windowMs: 60_000,
      limit: loginRateLimit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${typeof req.body?.user === 'string' ? req.body.user : ''}`,
      handler: (_req, res) => {
        res.status(429).json(new ApiError(429, 'TOO_MANY_REQUESTS', '登录尝试过于频繁，请一分钟后再试', 'Too many login attempts, try again in a minute').body);
      },
    }),
  );

  const routes = new Routes();
  systemRoutes(routes, db);
  authRoutes(routes, db.knex, { sessionTtlMs });
  definitionRoutes(routes, store);
  departmentRoutes(routes, db.knex, store);
  draftRoutes(routes, db.knex, clock);
  matterRoutes(routes, store, db.knex);
  caseRoutes(routes, store, db.knex, clock);
  taskRoutes(routes, store);
  auditRoutes(routes, store, clock);
  supervisionRoutes(routes, db.knex, clock);
  let ratingsService: Promise<RatingsService> | undefined;
  const ratings = () => (ratingsService ??= (async () => openRatings(db.knex, { clock, calendar: calendar ?? (await LiveCalendar.open(db.knex, { seed: false, warn: (warning) => logger.warn({ calendar: warning }, warning.message) })) }))());
  calendarRoutes(routes, store, db.knex, { ...(calendar ? { calendar } : {}), clock });
  ratingRoutes(routes, store, ratings);
  if (testClock) testClockRoutes(routes, store, testClock, ratings);
  routes.mount(app, db.knex, idempotency ? { idempotency } : {});
  app.use(docsRouter());
  app.use(pagesRouter(workspace ? { distDir: workspace } : {}));

  app.use((_req, _res, next) => next(new ApiError(404, 'NOT_FOUND', '接口不存在', 'No such endpoint')));
  app.use(errorHandler(logger));
  return app;
}

/** A searched 证件号码 in a request's URL or query never reaches the logs in clear. */
function scrubIdNumbers(req: { url?: string; query?: Record<string, unknown> }): unknown {
  if (typeof req.url === 'string') req.url = req.url.replace(/(applicantIdNumber=)[^&#]*/gi, '$1***');
  if (req.query && 'applicantIdNumber' in req.query) req.query = { ...req.query, applicantIdNumber: '***' };
  return req;
}
