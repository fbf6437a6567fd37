/**
 * Worker tokens (administrators): the bearer tokens of external task workers and other systems,
 * each scoped to the topics it may fetch, the messages it may correlate and the signals it may
 * broadcast. A token is answered once, when it is made; revoking one stops it at once.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../engine/clock.js';
import { SCOPE_NAME_PATTERN } from '../../engine/integration/index.js';
import {
  createWorkerToken,
  listWorkerTokens,
  revokeWorkerToken,
  type NewWorkerToken,
} from '../../engine/integration-store/index.js';
import type { Routes } from '../http/route.js';
import { refusalsAsApiErrors } from './integration-http.js';

const NAMES = {
  type: 'array',
  maxItems: 200,
  uniqueItems: true,
  items: { type: 'string', pattern: SCOPE_NAME_PATTERN },
} as const;

const TOKEN = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    topics: { type: 'array', items: { type: 'string' } },
    messages: { type: 'array', items: { type: 'string' } },
    signals: { type: 'array', items: { type: 'string' } },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    revokedBy: { type: ['string', 'null'] },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

export function workerTokenRoutes(routes: Routes, knex: Knex, clock: Clock): void {
  routes.add<{ name: string; topics?: string[]; messages?: string[]; signals?: string[] }>({
    method: 'post',
    path: '/api/worker-tokens',
    summary: 'Make a worker token scoped to topics, messages and signals (administrators); the token is answered once',
    tags: ['external tasks'],
    access: ['admin'],
    idempotent: true,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', title: '名称', minLength: 1, maxLength: 200, pattern: '\\S' },
        topics: { ...NAMES, title: '可领取的任务主题' },
        messages: { ...NAMES, title: '可发送的消息' },
        signals: { ...NAMES, title: '可广播的信号' },
      },
    },
    responses: {
      201: { description: 'The token’s record, and the token itself (shown this once)', schema: TOKEN },
      409: { description: 'A token of this name exists (WORKER_TOKEN_EXISTS)' },
    },
    handler: async ({ body, principal }) => {
      const input: NewWorkerToken = {
        name: body.name,
        topics: body.topics ?? [],
        messages: body.messages ?? [],
        signals: body.signals ?? [],
      };
      const { token, record } = await refusalsAsApiErrors(() =>
        createWorkerToken(knex, input, { actor: principal!.id, at: clock.now().toISOString() }),
      );
      return { status: 201, body: record, once: { token } };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/worker-tokens',
    summary: 'The worker tokens and their scopes (never the tokens themselves)',
    tags: ['external tasks'],
    access: ['admin'],
    responses: { 200: { description: 'The tokens', schema: { type: 'array', items: TOKEN } } },
    handler: async () => ({ body: await listWorkerTokens(knex) }),
  });

  routes.add<unknown, Record<string, unknown>, { id: string }>({
    method: 'delete',
    path: '/api/worker-tokens/:id',
    summary: 'Revoke a worker token: it stops working at once',
    tags: ['external tasks'],
    access: ['admin'],
    params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } },
    responses: {
      200: { description: 'The revoked token’s record', schema: TOKEN },
      404: { description: 'No such token' },
    },
    handler: async ({ params, principal }) => ({
      body: await refusalsAsApiErrors(() =>
        revokeWorkerToken(knex, params.id, { actor: principal!.id, at: clock.now().toISOString() }),
      ),
    }),
  });
}
