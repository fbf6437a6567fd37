/**
 * Webhook subscriptions (`webhook_subscriptions`): an administrator's endpoint, the event kinds
 * it takes, its signing secret (shown when made and when rotated; HMAC needs it in clear, so it
 * is stored as it is) and whether it may see personal data in clear. The endpoint must be HTTPS;
 * plain HTTP only to this machine (a receiver beside the server, and tests).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { readJson, writeJson } from '../store/index.js';
import { webhookKind } from '../integration/index.js';
import { IntegrationError } from './errors.js';

export interface WebhookSubscription {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly kinds: readonly string[];
  readonly personalData: boolean;
  readonly enabled: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewWebhook {
  readonly name: string;
  readonly url: string;
  readonly kinds: readonly string[];
  readonly personalData?: boolean;
}

export interface WebhookChange {
  readonly name?: string;
  readonly url?: string;
  readonly kinds?: readonly string[];
  readonly personalData?: boolean;
  readonly enabled?: boolean;
}

export async function createWebhook(
  knex: Knex,
  input: NewWebhook,
  by: { actor: string; at: string },
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  checkUrl(input.url);
  checkKinds(input.kinds);
  const id = randomUUID();
  const secret = newSecret();
  await knex('webhook_subscriptions').insert({
    subscription_id: id,
    name: input.name.trim(),
    url: input.url,
    secret,
    kinds: writeJson([...new Set(input.kinds)]),
    personal_data: input.personalData ? 1 : 0,
    enabled: 1,
    created_by: by.actor,
    created_at: by.at,
    updated_at: by.at,
  });
  return { subscription: (await getWebhook(knex, id))!, secret };
}

export async function listWebhooks(knex: Knex): Promise<WebhookSubscription[]> {
  return ((await knex('webhook_subscriptions').orderBy('created_at').orderBy('name')) as SubscriptionRow[]).map(
    toSubscription,
  );
}

export async function getWebhook(knex: Knex, id: string): Promise<WebhookSubscription | null> {
  const row = (await knex('webhook_subscriptions').where({ subscription_id: id }).first()) as
    SubscriptionRow | undefined;
  return row ? toSubscription(row) : null;
}

/** Change a subscription; throws WEBHOOK_NOT_FOUND. */
export async function updateWebhook(
  knex: Knex,
  id: string,
  change: WebhookChange,
  by: { at: string },
): Promise<WebhookSubscription> {
  if (change.url !== undefined) checkUrl(change.url);
  if (change.kinds !== undefined) checkKinds(change.kinds);
  const set: Record<string, unknown> = { updated_at: by.at };
  if (change.name !== undefined) set['name'] = change.name.trim();
  if (change.url !== undefined) set['url'] = change.url;
  if (change.kinds !== undefined) set['kinds'] = writeJson([...new Set(change.kinds)]);
  if (change.personalData !== undefined) set['personal_data'] = change.personalData ? 1 : 0;
  if (change.enabled !== undefined) set['enabled'] = change.enabled ? 1 : 0;
  const updated = await knex('webhook_subscriptions').where({ subscription_id: id }).update(set);
  if (updated === 0) throw notFound(id);
  return (await getWebhook(knex, id))!;
}

/** A new secret for a subscription (the old one stops verifying at once); throws WEBHOOK_NOT_FOUND. */
export async function rotateWebhookSecret(knex: Knex, id: string, by: { at: string }): Promise<string> {
  const secret = newSecret();
  const updated = await knex('webhook_subscriptions')
    .where({ subscription_id: id })
    .update({ secret, updated_at: by.at });
  if (updated === 0) throw notFound(id);
  return secret;
}

/** Delete a subscription and its deliveries; throws WEBHOOK_NOT_FOUND. */
export async function deleteWebhook(knex: Knex, id: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('webhook_deliveries').where({ subscription_id: id }).delete();
    const deleted = await trx('webhook_subscriptions').where({ subscription_id: id }).delete();
    if (deleted === 0) throw notFound(id);
  });
}

/** The sending side of a subscription (with its secret): for the dispatcher only. */
export interface WebhookTarget {
  readonly id: string;
  readonly url: string;
  readonly secret: string;
  readonly personalData: boolean;
}

export async function webhookTargets(knex: Knex, ids: readonly string[]): Promise<Map<string, WebhookTarget>> {
  const rows = (await knex('webhook_subscriptions').whereIn('subscription_id', [...ids])) as SubscriptionRow[];
  return new Map(
    rows.map((row) => [
      row.subscription_id,
      { id: row.subscription_id, url: row.url, secret: row.secret, personalData: Number(row.personal_data) === 1 },
    ]),
  );
}

/** Enabled subscriptions with the kinds they take (the fan-out). */
export async function enabledKinds(
  knex: Knex,
): Promise<{ id: string; kinds: ReadonlySet<string>; createdAt: string }[]> {
  const rows = (await knex('webhook_subscriptions').where({ enabled: 1 })) as SubscriptionRow[];
  return rows.map((row) => ({
    id: row.subscription_id,
    kinds: new Set(readJson<string[]>(row.kinds)),
    createdAt: row.created_at,
  }));
}

/** https:// anywhere; http:// only to this machine (127.0.0.1, ::1, localhost). */
export function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidUrl(url, '不是有效的网址', 'is not a URL');
  }
  const local = ['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local))
    throw invalidUrl(url, '必须使用 HTTPS（HTTP 仅限本机地址）', 'must be https (http only to this machine)');
  if (parsed.username || parsed.password) throw invalidUrl(url, '不得包含用户名或密码', 'may not carry credentials');
}

function checkKinds(kinds: readonly string[]): void {
  const unknown = kinds.filter((kind) => !webhookKind(kind));
  if (unknown.length > 0)
    throw new IntegrationError(
      'INVALID_KIND',
      `未知的事件类型：${unknown.join('、')}`,
      `Unknown event kinds: ${unknown.join(', ')}`,
      { kinds: unknown },
      '/body/kinds',
    );
}

function invalidUrl(url: string, zh: string, en: string): IntegrationError {
  return new IntegrationError('INVALID_URL', `推送地址${zh}`, `The endpoint ${url} ${en}`, undefined, '/body/url');
}

function notFound(id: string): IntegrationError {
  return new IntegrationError(
    'WEBHOOK_NOT_FOUND',
    '推送订阅不存在',
    `No webhook subscription ${id}`,
    undefined,
    '/params/id',
  );
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

interface SubscriptionRow {
  subscription_id: string;
  name: string;
  url: string;
  secret: string;
  kinds: unknown;
  personal_data: number | string;
  enabled: number | string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.subscription_id,
    name: row.name,
    url: row.url,
    kinds: readJson<string[]>(row.kinds),
    personalData: Number(row.personal_data) === 1,
    enabled: Number(row.enabled) === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
