/**
 * External task workers (Camunda 7's external task API, in our words): a worker token fetches
 * and locks the due tasks of its topics (long polling up to `asyncResponseTimeout`), then reports
 * each one — complete, failure, BPMN error — or extends its lock. A report after the lock was lost
 * is 409 LOCK_LOST; a task that is gone is 404. Administrators list the open tasks and who holds them.
 */
import type { Knex } from 'knex';
import { SCOPE_NAME_PATTERN } from '../../engine/integration/index.js';
import { listExternalTasks, type FetchRequest } from '../../engine/integration-store/index.js';
import type { Routes } from '../http/route.js';
import {
  checkBody,
  refusalsAsApiErrors,
  UNAUTHENTICATED_RESPONSE,
  WORKER_SECURITY,
  workerOf,
  type IntegrationServices,
} from './integration-http.js';

/** The longest a long poll may wait (ms): below Node's request timeout and common proxies'. */
export const MAX_LONG_POLL_MS = 120_000;

const WORKER_ID = {
  type: 'string',
  title: '工作者标识',
  minLength: 1,
  maxLength: 50,
  pattern: '^[A-Za-z0-9._:@-]+$',
  description: 'The worker’s own id (one token may serve several worker processes)',
} as const;
const NAME = { type: 'string', pattern: SCOPE_NAME_PATTERN } as const;
const VARIABLES = {
  type: 'object',
  title: '变量',
  description: 'Variables to set on the case (JSON values by name)',
  maxProperties: 200,
} as const;
const DURATION_MS = { type: 'integer', minimum: 1000, maximum: 7 * 86_400_000 } as const;

const TASK_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

const LOCKED_TASK = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    topicName: { type: 'string' },
    workerId: { type: 'string' },
    lockExpirationTime: { type: 'string', format: 'date-time' },
    retries: { type: 'integer' },
    caseId: { type: 'string' },
    caseNumber: { type: ['string', 'null'], description: '办件编号' },
    processId: { type: 'string' },
    elementId: { type: 'string' },
    variables: { type: 'object' },
  },
} as const;

const FETCH_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['workerId', 'maxTasks', 'topics'],
  properties: {
    workerId: WORKER_ID,
    maxTasks: { type: 'integer', minimum: 1, maximum: 100 },
    asyncResponseTimeout: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_LONG_POLL_MS,
      default: 0,
      description: 'Long polling: wait up to this many ms for a task when none is available',
    },
    topics: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['topicName', 'lockDuration'],
        properties: {
          topicName: NAME,
          lockDuration: { ...DURATION_MS, description: 'How long the lock lasts (ms)' },
          variables: { type: 'array', maxItems: 200, items: { type: 'string', minLength: 1, maxLength: 200 } },
        },
      },
    },
  },
} as const;

const COMPLETE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['workerId'],
  properties: { workerId: WORKER_ID, variables: VARIABLES },
} as const;

const FAILURE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['workerId', 'errorMessage', 'retries', 'retryTimeout'],
  properties: {
    workerId: WORKER_ID,
    errorMessage: { type: 'string', title: '错误信息', minLength: 1, maxLength: 2000, pattern: '\\S' },
    errorDetails: { type: 'string', maxLength: 20_000 },
    retries: { type: 'integer', minimum: 0, maximum: 100, description: 'Retries left; 0 raises an incident' },
    retryTimeout: {
      type: 'integer',
      minimum: 0,
      maximum: 7 * 86_400_000,
      description: 'ms until the task is available again',
    },
  },
} as const;

const BPMN_ERROR_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['workerId', 'errorCode'],
  properties: {
    workerId: WORKER_ID,
    errorCode: { type: 'string', title: '错误代码', minLength: 1, maxLength: 200, pattern: '\\S' },
    errorMessage: { type: 'string', maxLength: 2000 },
    variables: VARIABLES,
  },
} as const;

const EXTEND_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['workerId', 'newDuration'],
  properties: {
    workerId: WORKER_ID,
    newDuration: { ...DURATION_MS, description: 'The lock lasts this long from now (ms)' },
  },
} as const;

const REPORT_RESPONSES = {
  204: { description: 'Reported: the case moved on' },
  401: UNAUTHENTICATED_RESPONSE,
  403: { description: 'The task’s topic is outside the worker token’s scope (OUT_OF_SCOPE)' },
  404: { description: 'The task is gone: completed, cancelled, or its case ended (TASK_NOT_FOUND)' },
  409: { description: 'The worker does not hold the task’s lock: expired or taken over (LOCK_LOST)' },
  422: { description: 'The case refused the report (e.g. it is suspended)' },
} as const;

export function externalTaskRoutes(routes: Routes, knex: Knex, services: IntegrationServices): void {
  const tasks = services.externalTasks;

  routes.add<FetchRequest & { asyncResponseTimeout: number }>({
    method: 'post',
    path: '/api/external-tasks/fetch-and-lock',
    summary: 'Fetch and lock the due tasks of the worker’s topics, long polling up to asyncResponseTimeout',
    tags: ['external tasks'],
    access: 'public',
    openApi: WORKER_SECURITY,
    body: FETCH_BODY,
    bodyCheckedByHandler: true,
    responses: {
      200: {
        description: 'The tasks locked (empty when none appeared in time)',
        schema: { type: 'array', items: LOCKED_TASK },
      },
      401: UNAUTHENTICATED_RESPONSE,
      403: { description: 'A topic outside the worker token’s scope (OUT_OF_SCOPE)' },
    },
    handler: async ({ req, body }) => {
      const worker = await workerOf(req, knex);
      checkBody(FETCH_BODY, body);
      // The client went away, or the server stops: the wait ends (nothing more is locked).
      const gone = new AbortController();
      req.res?.once('close', () => gone.abort());
      const locked = await refusalsAsApiErrors(() => tasks.fetchAndLock(worker, body, gone.signal));
      return { body: locked };
    },
  });

  const report = <B extends { workerId: string }>(
    path: string,
    summary: string,
    schema: Readonly<Record<string, unknown>>,
    run: (worker: Awaited<ReturnType<typeof workerOf>>, id: string, body: B) => Promise<unknown>,
    responses: Readonly<
      Record<number, { description: string; schema?: Readonly<Record<string, unknown>> }>
    > = REPORT_RESPONSES,
  ) =>
    routes.add<B, Record<string, unknown>, { id: string }>({
      method: 'post',
      path: `/api/external-tasks/:id/${path}`,
      summary,
      tags: ['external tasks'],
      access: 'public',
      openApi: WORKER_SECURITY,
      params: TASK_PARAMS,
      body: schema,
      bodyCheckedByHandler: true,
      responses,
      handler: async ({ req, params, body }) => {
        const worker = await workerOf(req, knex);
        checkBody(schema, body);
        const result = await refusalsAsApiErrors(() => run(worker, params.id, body));
        return result === undefined ? { status: 204, body: null } : { body: result };
      },
    });

  report<{ workerId: string; variables?: Record<string, unknown> }>(
    'complete',
    'Complete a locked task, with variables for the case',
    COMPLETE_BODY,
    (worker, id, body) => tasks.complete(worker, id, body),
  );
  report<{ workerId: string; errorMessage: string; errorDetails?: string; retries: number; retryTimeout: number }>(
    'failure',
    'Report a failure: the retries left (0 raises an incident) and when to try again',
    FAILURE_BODY,
    (worker, id, body) => tasks.failure(worker, id, body),
  );
  report<{ workerId: string; errorCode: string; errorMessage?: string; variables?: Record<string, unknown> }>(
    'bpmn-error',
    'Throw a BPMN error from the task: a boundary event catches it by code, else an incident',
    BPMN_ERROR_BODY,
    (worker, id, body) => tasks.bpmnError(worker, id, body),
  );
  report<{ workerId: string; newDuration: number }>(
    'extend-lock',
    'Make the worker’s live lock last newDuration ms from now',
    EXTEND_BODY,
    (worker, id, body) => tasks.extendLock(worker, id, body),
    {
      ...REPORT_RESPONSES,
      200: {
        description: 'The new lock expiry',
        schema: { type: 'object', properties: { lockExpirationTime: { type: 'string', format: 'date-time' } } },
      },
    },
  );

  routes.add({
    method: 'get',
    path: '/api/external-tasks/workers',
    summary: 'The workers long polling this server process now: token, worker id, topics, since when (administrators)',
    tags: ['external tasks'],
    access: ['admin'],
    responses: {
      200: {
        description: 'The waiting long polls of this process (each server process answers for its own)',
        schema: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              worker: { type: 'string', description: 'The worker token’s name' },
              workerId: { type: 'string' },
              topics: { type: 'array', items: { type: 'string' } },
              since: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
    handler: async () => ({ body: tasks.waitingWorkers() }),
  });

  routes.add<unknown, { topic?: string; caseId?: string; limit: number }>({
    method: 'get',
    path: '/api/external-tasks',
    summary:
      'The open external tasks: topic, retries, due time, the worker holding each and until when (administrators)',
    tags: ['external tasks'],
    access: ['admin'],
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        topic: NAME,
        caseId: { type: 'string', minLength: 1, maxLength: 100 },
        limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
      },
    },
    responses: { 200: { description: 'The tasks, in the order they fall due' } },
    handler: async ({ query }) => ({
      body: await listExternalTasks(knex, {
        limit: query.limit,
        ...(query.topic === undefined ? {} : { topic: query.topic }),
        ...(query.caseId === undefined ? {} : { caseId: query.caseId }),
      }),
    }),
  });
}
