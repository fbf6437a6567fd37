/**
 * The express application: security headers, request logging with request ids (credentials and
 * personal data redacted), rate limits, JSON body limits per route, the declared routes, and one
 * JSON error shape.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { LiveCalendar } from '../engine/calendar-store/index.js';
import { systemClock, type Clock, type SettableClock } from '../engine/clock.js';
import { openRatings, type RatingsService } from '../engine/ratings-store/index.js';
import type { Database, Store } from '../engine/store/index.js';
import { DEFAULT_BODY_LIMITS, jsonBodies, type BodyLimits } from './http/body-limits.js';
import { ApiError, errorHandler } from './http/errors.js';
import type { IdempotencyOptions } from './http/idempotency.js';
import { DEFAULT_LOGIN_RATE_LIMIT, DEFAULT_RATE_LIMIT } from './http/http-config.js';
import { LOG_SERIALIZERS } from './http/log-redaction.js';
import { malformedUrlErrors, refuseMalformedUrls } from './http/malformed-url.js';
import { apiRateLimits, loginRateLimit as loginLimiter, type TrustProxy } from './http/rate-limits.js';
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
import { userRoutes } from './routes/users.js';
import { externalTaskRoutes } from './routes/external-tasks.js';
import { incidentRoutes } from './routes/incidents.js';
import { integrationServices, type IntegrationServices } from './routes/integration-http.js';
import { messageRoutes } from './routes/messages.js';
import { webhookRoutes } from './routes/webhooks.js';
import { workerTokenRoutes } from './routes/worker-tokens.js';
import { materialRoutes, type MaterialServices } from './routes/materials.js';
import { applicantRoutes } from './routes/applicant.js';
import { receiptRoutes } from './routes/receipts.js';
import { progressRoutes } from './routes/progress.js';
import { inProcessModels, type ModelService } from './workers/index.js';

export interface AppDependencies {
  readonly db: Database;
  readonly store: Store;
  readonly logger: Logger;
  /** JSON body size, depth and key limits per route tier (default DEFAULT_BODY_LIMITS). */
  readonly bodyLimits?: BodyLimits;
  /** Requests per minute on /api, per bearer token or, without one, per client address (default 1200). */
  readonly rateLimit?: number;
  /** express's `trust proxy`: set it behind a load balancer so client addresses come from X-Forwarded-For (default false). */
  readonly trustProxy?: TrustProxy;
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
  /** Where BPMN sent by clients is parsed, compiled and linted: `ModelWorkers` in the running server (default: in this thread). */
  readonly models?: ModelService;
  /** External tasks, messages, incidents, webhooks (default: over `store`, long polls woken only in their own process). */
  readonly integration?: IntegrationServices;
  /** Where material files are kept and the centre's limits (default none: uploads and files answer 503). */
  readonly materials?: MaterialServices;
}

export function createApp({
  db,
  store,
  logger,
  bodyLimits = DEFAULT_BODY_LIMITS,
  rateLimit = DEFAULT_RATE_LIMIT,
  loginRateLimit = DEFAULT_LOGIN_RATE_LIMIT,
  trustProxy = false,
  sessionTtlMs = 8 * 3_600_000,
  workspace,
  calendar,
  testClock,
  clock = testClock ?? systemClock,
  idempotency,
  models = inProcessModels,
  integration = integrationServices(store),
  materials,
}: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(helmet());
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: LOG_SERIALIZERS,
    }),
  );
  app.use(refuseMalformedUrls);
  app.use('/api', ...apiRateLimits(rateLimit));
  app.use(jsonBodies(bodyLimits));
  // Guessing passwords: a few attempts a minute per address and user id.
  app.use('/api/auth/login', loginLimiter(loginRateLimit));

  const routes = new Routes();
  systemRoutes(routes, db);
  authRoutes(routes, db.knex, { sessionTtlMs });
  definitionRoutes(routes, store, models);
  departmentRoutes(routes, db.knex, store);
  userRoutes(routes, db.knex);
  draftRoutes(routes, db.knex, clock, models);
  matterRoutes(routes, store, db.knex, models);
  caseRoutes(routes, store, db.knex, clock);
  taskRoutes(routes, store);
  auditRoutes(routes, store, clock);
  supervisionRoutes(routes, db.knex, clock);
  let ratingsService: Promise<RatingsService> | undefined;
  const ratings = () =>
    (ratingsService ??= (async () =>
      openRatings(db.knex, {
        clock,
        calendar:
          calendar ??
          (await LiveCalendar.open(db.knex, {
            seed: false,
            warn: (warning) => logger.warn({ calendar: warning }, warning.message),
          })),
      }))());
  calendarRoutes(routes, store, db.knex, { ...(calendar ? { calendar } : {}), clock });
  ratingRoutes(routes, store, ratings);
  workerTokenRoutes(routes, db.knex, clock);
  externalTaskRoutes(routes, db.knex, integration);
  messageRoutes(routes, db.knex, store);
  incidentRoutes(routes, db.knex, store);
  webhookRoutes(routes, db.knex, clock);
  materialRoutes(routes, store, db.knex, clock, materials);
  applicantRoutes(routes, store, db.knex, clock, materials);
  receiptRoutes(routes, store, db.knex, clock);
  progressRoutes(routes, store, db.knex, clock, { perMinute: materials?.progressRateLimit ?? 10 });
  if (testClock) testClockRoutes(routes, store, testClock, ratings);
  routes.mount(app, db.knex, idempotency ? { idempotency } : {});
  app.use(docsRouter());
  app.use(pagesRouter(workspace ? { distDir: workspace } : {}));

  app.use((_req, _res, next) => next(new ApiError(404, 'NOT_FOUND', '接口不存在', 'No such endpoint')));
  app.use(malformedUrlErrors);
  app.use(errorHandler(logger));
  return app;
}
