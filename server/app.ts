/**
 * The express application: security headers, a body size limit, request logging with request
 * ids (personal data redacted), the declared routes, and one JSON error shape.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Database, Store } from '../engine/store/index.js';
import { ApiError, errorHandler } from './http/errors.js';
import { Routes } from './http/route.js';
import { auditRoutes } from './routes/audit.js';
import { caseRoutes } from './routes/cases.js';
import { definitionRoutes } from './routes/definitions.js';
import { matterRoutes } from './routes/matters.js';
import { supervisionRoutes } from './routes/supervision.js';
import { systemRoutes } from './routes/system.js';
import { taskRoutes } from './routes/tasks.js';

export interface AppDependencies {
  readonly db: Database;
  readonly store: Store;
  readonly logger: Logger;
  /** Largest accepted request body (default 2 MB: a whole application form). */
  readonly bodyLimit?: string;
  /** Requests per minute and client address on /api (default 1200). */
  readonly rateLimit?: number;
}

export function createApp({ db, store, logger, bodyLimit = '2mb', rateLimit: perMinute = 1200 }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(pinoHttp({ logger, genReqId: (req, res) => {
    const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.setHeader('X-Request-Id', id);
    return id;
  } }));
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

  const routes = new Routes();
  systemRoutes(routes, db);
  definitionRoutes(routes, store);
  matterRoutes(routes, store, db.knex);
  caseRoutes(routes, store, db.knex);
  taskRoutes(routes, store);
  auditRoutes(routes, store);
  supervisionRoutes(routes, db.knex);
  routes.mount(app, db.knex);

  app.use((_req, _res, next) => next(new ApiError(404, 'NOT_FOUND', '接口不存在', 'No such endpoint')));
  app.use(errorHandler(logger));
  return app;
}
