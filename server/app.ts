/**
 * The express application. Until the Server issue lands it serves health and readiness only.
 */
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { migrationSource } from '../migrations/index.js';
import type { Database } from '../engine/store/index.js';

export interface AppDependencies {
  readonly db: Database;
  readonly logger: Logger;
}

export function createApp({ db, logger }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');

  /** Liveness: the process answers. */
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  /** Readiness: the database answers and every migration is applied. */
  app.get('/readyz', async (_req, res) => {
    try {
      await db.knex.raw('select 1');
      const [, pending] = (await db.knex.migrate.list({ migrationSource, ...(db.schema ? { schemaName: db.schema } : {}) })) as [unknown[], unknown[]];
      if (pending.length > 0) {
        res.status(503).json({ status: 'migrations pending', pending: pending.length });
        return;
      }
      res.json({ status: 'ready', database: db.dialect });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  return app;
}
