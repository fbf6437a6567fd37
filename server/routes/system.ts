/** Liveness, readiness and the API's own description. */
import type { Database } from '../../engine/store/index.js';
import { migrationSource } from '../../migrations/index.js';
import { ApiError } from '../http/errors.js';
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
    summary: 'Readiness: the database answers and every migration is applied',
    tags: ['system'],
    access: 'public',
    responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready' } },
    handler: async () => {
      try {
        await db.knex.raw('select 1');
      } catch {
        throw new ApiError(503, 'DATABASE_UNREACHABLE', '数据库不可达', 'The database is unreachable');
      }
      const [, pending] = (await db.knex.migrate.list({ migrationSource, ...(db.schema ? { schemaName: db.schema } : {}) })) as [unknown[], unknown[]];
      if (pending.length > 0) throw new ApiError(503, 'MIGRATIONS_PENDING', `有 ${pending.length} 个数据库迁移未执行`, `${pending.length} migration(s) pending`);
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
