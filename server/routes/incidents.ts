/**
 * Incidents (异常处理): the open incidents of every case, filtered by process, element, kind,
 * error text and time; one with its error, its failing job and the variables its element saw
 * (证件号码 masked); a retry with changed variables and retries that resumes the case (each a
 * command with the administrator as actor); and the count the supervision board shows.
 */
import type { Knex } from 'knex';
import { maskDeep } from '../../engine/matters/index.js';
import { countIncidents, incidentDetail, listIncidents, retryIncident } from '../../engine/integration-store/index.js';
import type { Store } from '../../engine/store/index.js';
import type { Routes } from '../http/route.js';
import { refusalsAsApiErrors } from './integration-http.js';

const KINDS = ['job-failed', 'expression-failed', 'unhandled-error', 'call-failed'] as const;

const INCIDENT = {
  type: 'object',
  properties: {
    incidentId: { type: 'string' },
    caseId: { type: 'string' },
    caseNumber: { type: ['string', 'null'], description: '办件编号' },
    processId: { type: 'string' },
    elementId: { type: 'string' },
    instanceId: { type: 'string' },
    jobId: { type: ['string', 'null'] },
    kind: { enum: [...KINDS] },
    message: { type: 'string' },
    raisedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const PARAMS = {
  type: 'object',
  required: ['incidentId'],
  properties: { incidentId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

interface ListQuery {
  processId?: string;
  elementId?: string;
  kind?: string;
  error?: string;
  since?: string;
  caseId?: string;
  limit: number;
  offset: number;
}

export function incidentRoutes(routes: Routes, knex: Knex, store: Store): void {
  routes.add<unknown, ListQuery>({
    method: 'get',
    path: '/api/incidents',
    summary: 'Open incidents, newest first, by process, element, kind, error text and time',
    tags: ['incidents'],
    access: ['admin', 'supervisor'],
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        processId: { type: 'string', minLength: 1, maxLength: 200 },
        elementId: { type: 'string', minLength: 1, maxLength: 200 },
        kind: { enum: [...KINDS] },
        error: { type: 'string', minLength: 1, maxLength: 200, description: 'Part of the error message' },
        since: { type: 'string', format: 'date-time', description: 'Raised at or after' },
        caseId: { type: 'string', minLength: 1, maxLength: 100 },
        limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
        offset: { type: 'integer', minimum: 0, default: 0 },
      },
    },
    responses: {
      200: {
        description: 'A page of incidents and how many match in all',
        schema: {
          type: 'object',
          properties: { incidents: { type: 'array', items: INCIDENT }, total: { type: 'integer' } },
        },
      },
    },
    handler: async ({ query }) => ({ body: await listIncidents(knex, query) }),
  });

  routes.add({
    method: 'get',
    path: '/api/incidents/count',
    summary: 'How many incidents are open (the supervision board)',
    tags: ['incidents'],
    access: ['admin', 'supervisor', 'auditor'],
    responses: {
      200: { description: 'The count', schema: { type: 'object', properties: { open: { type: 'integer' } } } },
    },
    handler: async () => ({ body: { open: await countIncidents(knex) } }),
  });

  routes.add<unknown, Record<string, unknown>, { incidentId: string }>({
    method: 'get',
    path: '/api/incidents/:incidentId',
    summary: 'One incident: its error, the failing job (topic, retries, last error) and the variables its element saw',
    tags: ['incidents'],
    access: ['admin', 'supervisor'],
    params: PARAMS,
    responses: { 200: { description: 'The incident' }, 404: { description: 'No open incident of this id' } },
    handler: async ({ params }) => {
      const detail = await refusalsAsApiErrors(() => incidentDetail(store, params.incidentId));
      return { body: { ...detail, variables: maskDeep(detail.variables) } };
    },
  });

  routes.add<
    { variables?: Record<string, unknown>; retries?: number },
    Record<string, unknown>,
    { incidentId: string }
  >({
    method: 'post',
    path: '/api/incidents/:incidentId/retry',
    summary: 'Retry an incident: set the variables on the case, give its job retries, resume the case',
    tags: ['incidents'],
    access: ['admin'],
    idempotent: true,
    params: PARAMS,
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        variables: {
          type: 'object',
          title: '变量',
          maxProperties: 200,
          description: 'Set on the case before the retry',
        },
        retries: {
          type: 'integer',
          title: '重试次数',
          minimum: 1,
          maximum: 100,
          description: 'Retries its job gets (default 1)',
        },
      },
    },
    responses: {
      200: { description: 'The incident retried (the case resumed)', schema: INCIDENT },
      404: { description: 'No open incident of this id' },
    },
    handler: async ({ params, body, principal }) => {
      const retried = await refusalsAsApiErrors(() =>
        retryIncident(store, params.incidentId, {
          actor: principal!.id,
          ...(body.variables === undefined ? {} : { variables: body.variables }),
          ...(body.retries === undefined ? {} : { retries: body.retries }),
        }),
      );
      return { body: retried };
    },
  });
}
