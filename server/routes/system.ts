/** Liveness, readiness and the API's own description. */
import { checkWritable, type Database } from '../../engine/store/index.js';
import { migrationSource } from '../../migrations/index.js';
import { ApiError, databaseUnavailable } from '../http/errors.js';
import { openApiDocument } from '../http/openapi.js';
import type { Routes } from '../http/route.js';

export function systemRoutes(routes: Routes, db: Database): void {
  routes.add({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tags: ['system'],
    access: 'public',
    responses: { 200: { description: 'Alive' } },
    handler: async () => ({ body: { status: 'ok' } }),
  });
  routes.add({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: the database answers, every migration is applied, and it accepts a write',
    tags: ['system'],
    access: 'public',
    responses: {
      200: { description: 'Ready' },
      503: { description: 'Not ready: DATABASE_UNAVAILABLE (with Retry-After) or MIGRATIONS_PENDING' },
    },
    handler: async ({ req }) => {
      const unavailable = (error: unknown, what: string) => (
        req.log.warn({ err: error }, `readiness: ${what}`),
        databaseUnavailable()
      );
      let pending: unknown[];
      try {
        await db.knex.raw('select 1');
        [, pending] = (await db.knex.migrate.list({
          migrationSource,
          ...(db.schema ? { schemaName: db.schema } : {}),
        })) as [unknown[], unknown[]];
      } catch (error) {
        throw unavailable(error, 'the database does not answer');
      }
      if (pending.length > 0)
        throw new ApiError(
          503,
          'MIGRATIONS_PENDING',
          `有 ${pending.length} 个数据库迁移未执行`,
          `${pending.length} migration(s) pending`,
        );
      // Reads are not enough: a read-only file, a full disk or a standby answer them and refuse every write.
      try {
        await checkWritable(db.knex, new Date().toISOString());
      } catch (error) {
        throw unavailable(error, 'the database refuses a write');
      }
      return { body: { status: 'ready', database: db.dialect } };
    },
  });
  routes.add({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI document',
    tags: ['system'],
    access: 'public',
    responses: { 200: { description: 'OpenAPI 3 document' } },
    handler: async () => ({ body: openApiDocument(routes, { version: '0.1.0' }) }),
  });
}
