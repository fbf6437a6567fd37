/** Process definitions: deploy BPMN (validated, findings per element), list versions, fetch XML. */
import type { Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';

export function definitionRoutes(routes: Routes, store: Store): void {
  routes.add<{ xml: string }, Record<string, unknown>, Record<string, string>>({
    method: 'post',
    path: '/api/definitions',
    summary: 'Deploy a BPMN file: changed XML gives version n+1, the same XML is not a new version',
    tags: ['definitions'],
    access: ['admin'],
    idempotent: true,
    body: { type: 'object', required: ['xml'], additionalProperties: false, properties: { xml: { type: 'string', minLength: 1, maxLength: 10_000_000 } } },
    responses: { 201: { description: 'Deployed (or unchanged)' }, 422: { description: 'Validation findings, per element' } },
    handler: async ({ body, principal }) => {
      const result = await store.deploy(body.xml, { actor: principal?.id ?? 'unknown' });
      return { status: 201, body: result };
    },
  });
  routes.add({
    method: 'get',
    path: '/api/definitions',
    summary: 'Every deployed process version',
    tags: ['definitions'],
    access: 'authenticated',
    query: { type: 'object', additionalProperties: false, properties: { processId: { type: 'string', maxLength: 200 } } },
    responses: { 200: { description: 'Versions, newest first per process' } },
    handler: async ({ query }) => ({ body: await store.listDefinitions(typeof query['processId'] === 'string' ? query['processId'] : undefined) }),
  });
  routes.add<unknown, Record<string, unknown>, { processId: string; version: string }>({
    method: 'get',
    path: '/api/definitions/:processId/versions/:version/xml',
    summary: 'The BPMN XML of one version, as deployed',
    tags: ['definitions'],
    access: 'authenticated',
    params: { type: 'object', required: ['processId', 'version'], properties: { processId: { type: 'string', maxLength: 200 }, version: { type: 'integer', minimum: 1 } } },
    responses: { 200: { description: 'The XML' }, 404: { description: 'No such version' } },
    handler: async ({ params }) => {
      const versions = await store.listDefinitions(params.processId);
      const found = versions.find((v) => Number(v.version) === Number(params.version));
      if (!found) throw new ApiError(404, 'DEFINITION_NOT_FOUND', `流程 ${params.processId} 没有版本 ${params.version}`, `Process ${params.processId} has no version ${params.version}`);
      const row = (await store.database.knex('deployments').where({ hash: found.hash }).first()) as { xml: string } | undefined;
      return { body: { processId: params.processId, version: found.version, hash: found.hash, xml: row?.xml ?? '' } };
    },
  });
}
