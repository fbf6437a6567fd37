/**
 * Event webhooks (administrators): subscribe an HTTPS endpoint to kinds of case events (受理,
 * 补正告知, 办结, 预警 / 黄牌 / 红牌 …, `GET /api/webhooks/kinds`), with personal data in clear
 * only when granted. Each subscription has a signing secret, answered when it is made and when it
 * is rotated. Deliveries show every attempt's outcome; a dead letter can be sent again.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../engine/clock.js';
import { WEBHOOK_KINDS } from '../../engine/integration/index.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  resendDelivery,
  rotateWebhookSecret,
  updateWebhook,
  type DeliveryStatus,
  type WebhookChange,
} from '../../engine/integration-store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { refusalsAsApiErrors } from './integration-http.js';

const KIND_NAMES = WEBHOOK_KINDS.map((kind) => kind.kind);
const KINDS = {
  type: 'array',
  title: '事件类型',
  minItems: 1,
  uniqueItems: true,
  items: { enum: KIND_NAMES },
} as const;
const URL_FIELD = {
  type: 'string',
  title: '推送地址',
  minLength: 8,
  maxLength: 2000,
  description: 'https:// (http:// only to this machine)',
} as const;
const NAME = { type: 'string', title: '名称', minLength: 1, maxLength: 200, pattern: '\\S' } as const;
const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

const SUBSCRIPTION = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string' },
    kinds: { type: 'array', items: { enum: KIND_NAMES } },
    personalData: { type: 'boolean', description: 'Personal data (证件号码, names, contacts) in clear' },
    enabled: { type: 'boolean' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const DELIVERY = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    subscriptionId: { type: 'string' },
    caseId: { type: 'string', description: 'The case whose event it is, or rating:<ratingId> for a 好差评 event' },
    seq: { type: 'integer', description: 'The event’s position in the case (or the rating)' },
    kind: { type: 'string' },
    eventType: { type: 'string' },
    eventTime: { type: 'string', format: 'date-time' },
    status: { enum: ['pending', 'delivered', 'dead'] },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'string', format: 'date-time' },
    lastStatus: { type: ['integer', 'null'], description: 'The HTTP status of the last attempt' },
    lastError: { type: ['string', 'null'] },
    lastAttemptAt: { type: ['string', 'null'], format: 'date-time' },
    deliveredAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export function webhookRoutes(routes: Routes, knex: Knex, clock: Clock): void {
  const at = () => clock.now().toISOString();

  routes.add({
    method: 'get',
    path: '/api/webhooks/kinds',
    summary: 'The kinds of case events a webhook may take, in Chinese',
    tags: ['webhooks'],
    access: ['admin'],
    responses: { 200: { description: 'The kinds' } },
    handler: async () => ({
      body: WEBHOOK_KINDS.map(({ kind, zh, event }) => ({ kind, zh, event })),
    }),
  });

  routes.add<
    unknown,
    { status?: DeliveryStatus; subscriptionId?: string; caseId?: string; kind?: string; limit: number; offset: number }
  >({
    method: 'get',
    path: '/api/webhooks/deliveries',
    summary: 'Deliveries, newest event first: status, attempts, the last answer or error',
    tags: ['webhooks'],
    access: ['admin'],
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        status: { enum: ['pending', 'delivered', 'dead'] },
        subscriptionId: { type: 'string', minLength: 1, maxLength: 100 },
        caseId: { type: 'string', minLength: 1, maxLength: 100 },
        kind: { enum: KIND_NAMES },
        limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
        offset: { type: 'integer', minimum: 0, default: 0 },
      },
    },
    responses: {
      200: {
        description: 'A page of deliveries and how many match in all',
        schema: {
          type: 'object',
          properties: { deliveries: { type: 'array', items: DELIVERY }, total: { type: 'integer' } },
        },
      },
    },
    handler: async ({ query }) => ({ body: await listDeliveries(knex, query) }),
  });

  routes.add<unknown, Record<string, unknown>, { id: string }>({
    method: 'post',
    path: '/api/webhooks/deliveries/:id/resend',
    summary: 'Send a dead letter again: pending from now, its attempts counted afresh',
    tags: ['webhooks'],
    access: ['admin'],
    idempotent: true,
    params: ID_PARAMS,
    responses: {
      200: { description: 'The delivery, pending again', schema: DELIVERY },
      404: { description: 'No such delivery' },
      409: { description: 'The delivery is not dead (DELIVERY_NOT_DEAD)' },
    },
    handler: async ({ params }) => ({ body: await refusalsAsApiErrors(() => resendDelivery(knex, params.id, at())) }),
  });

  routes.add<{ name: string; url: string; kinds: string[]; personalData?: boolean }>({
    method: 'post',
    path: '/api/webhooks',
    summary: 'Subscribe an endpoint to kinds of case events; the answer holds its signing secret, once',
    tags: ['webhooks'],
    access: ['admin'],
    idempotent: true,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'url', 'kinds'],
      properties: {
        name: NAME,
        url: URL_FIELD,
        kinds: KINDS,
        personalData: { type: 'boolean', title: '个人信息明文', default: false },
      },
    },
    responses: {
      201: { description: 'The subscription, and its secret (shown this once)', schema: SUBSCRIPTION },
      400: { description: 'Not an HTTPS endpoint (INVALID_URL), or an unknown kind' },
    },
    handler: async ({ body, principal }) => {
      const { subscription, secret } = await refusalsAsApiErrors(() =>
        createWebhook(knex, body, { actor: principal!.id, at: at() }),
      );
      return { status: 201, body: subscription, once: { secret } };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/webhooks',
    summary: 'The webhook subscriptions (never their secrets)',
    tags: ['webhooks'],
    access: ['admin'],
    responses: { 200: { description: 'The subscriptions', schema: { type: 'array', items: SUBSCRIPTION } } },
    handler: async () => ({ body: await listWebhooks(knex) }),
  });

  routes.add<unknown, Record<string, unknown>, { id: string }>({
    method: 'get',
    path: '/api/webhooks/:id',
    summary: 'One webhook subscription',
    tags: ['webhooks'],
    access: ['admin'],
    params: ID_PARAMS,
    responses: {
      200: { description: 'The subscription', schema: SUBSCRIPTION },
      404: { description: 'No such subscription' },
    },
    handler: async ({ params }) => {
      const subscription = await getWebhook(knex, params.id);
      if (!subscription)
        throw new ApiError(404, 'WEBHOOK_NOT_FOUND', '推送订阅不存在', `No webhook subscription ${params.id}`);
      return { body: subscription };
    },
  });

  routes.add<WebhookChange, Record<string, unknown>, { id: string }>({
    method: 'patch',
    path: '/api/webhooks/:id',
    summary: 'Change a subscription: name, endpoint, kinds, personal data, enabled',
    tags: ['webhooks'],
    access: ['admin'],
    params: ID_PARAMS,
    body: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        name: NAME,
        url: URL_FIELD,
        kinds: KINDS,
        personalData: { type: 'boolean', title: '个人信息明文' },
        enabled: { type: 'boolean', title: '启用' },
      },
    },
    responses: {
      200: { description: 'The subscription', schema: SUBSCRIPTION },
      404: { description: 'No such subscription' },
    },
    handler: async ({ params, body }) => ({
      body: await refusalsAsApiErrors(() => updateWebhook(knex, params.id, body, { at: at() })),
    }),
  });

  routes.add<unknown, Record<string, unknown>, { id: string }>({
    method: 'post',
    path: '/api/webhooks/:id/secret',
    summary: 'A new signing secret (the old one stops verifying at once); answered this once',
    tags: ['webhooks'],
    access: ['admin'],
    params: ID_PARAMS,
    responses: { 200: { description: 'The new secret' }, 404: { description: 'No such subscription' } },
    handler: async ({ params }) => {
      const secret = await refusalsAsApiErrors(() => rotateWebhookSecret(knex, params.id, { at: at() }));
      return { body: { id: params.id }, once: { secret } };
    },
  });

  routes.add<unknown, Record<string, unknown>, { id: string }>({
    method: 'delete',
    path: '/api/webhooks/:id',
    summary: 'Delete a subscription and its deliveries',
    tags: ['webhooks'],
    access: ['admin'],
    params: ID_PARAMS,
    responses: { 204: { description: 'Deleted' }, 404: { description: 'No such subscription' } },
    handler: async ({ params }) => {
      await refusalsAsApiErrors(() => deleteWebhook(knex, params.id));
      return { status: 204, body: null };
    },
  });
}
