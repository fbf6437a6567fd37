/**
 * Webhook deliveries (`webhook_deliveries`): one event for one subscription.
 * - Fan-out: the outbox rows (written with their events) become one delivery per enabled
 *   subscription that takes their kind and existed at the event's time; the outbox rows go in
 *   the same transaction.
 * - Claim: the due pending deliveries that are first of their stream — nothing earlier of the
 *   same case for the same subscription undelivered (pending, in flight or dead), and no earlier
 *   event of the case still in the outbox — leased to one sender (real time) by one conditional
 *   UPDATE (PostgreSQL: candidates `FOR UPDATE SKIP LOCKED`), so a case's events arrive in order
 *   and processes sharing the database never send one twice at once.
 * - Record: delivered, or failed with the next attempt after the backoff, or dead when the
 *   attempts ran out; an administrator sends a dead letter again (`resend`).
 */
import type { Knex } from 'knex';
import type { Dialect } from '../store/index.js';
import { nextAttemptDelay, type RetryPolicy } from '../integration/index.js';
import { IntegrationError } from './errors.js';
import { enabledKinds } from './webhook-subscriptions.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface Delivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly caseId: string;
  readonly seq: number;
  readonly kind: string;
  readonly eventType: string;
  readonly eventTime: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly createdAt: string;
}

/** Turn up to `limit` outbox rows into deliveries; how many outbox rows were fanned out. */
export async function fanOut(
  knex: Knex,
  dialect: Dialect,
  options: { now: string; ids: () => string; limit?: number },
): Promise<number> {
  // A read first: an idle outbox takes no write lock (SQLite).
  if (!(await knex('outbox').first('outbox_id'))) return 0;
  return knex.transaction(async (trx) => {
    const pick = trx('outbox')
      .orderBy('outbox_id')
      .limit(options.limit ?? 500);
    if (dialect === 'postgres') pick.forUpdate().skipLocked();
    const rows = (await pick) as OutboxRow[];
    if (rows.length === 0) return 0;
    const subscriptions = await enabledKinds(trx);
    const deliveries = rows.flatMap((row) =>
      subscriptions
        .filter((subscription) => subscription.kinds.has(row.kind) && subscription.createdAt <= row.created_at)
        .map((subscription) => ({
          delivery_id: options.ids(),
          subscription_id: subscription.id,
          case_id: row.case_id,
          seq: Number(row.seq),
          kind: row.kind,
          event_type: row.event_type,
          event_time: row.created_at,
          status: 'pending',
          attempts: 0,
          next_attempt_at: options.now,
          created_at: options.now,
        })),
    );
    for (let i = 0; i < deliveries.length; i += 50)
      await trx('webhook_deliveries')
        .insert(deliveries.slice(i, i + 50))
        .onConflict(['subscription_id', 'case_id', 'seq'])
        .ignore();
    await trx('outbox')
      .whereIn(
        'outbox_id',
        rows.map((row) => row.outbox_id),
      )
      .delete();
    return rows.length;
  });
}

export interface ClaimOptions {
  /** Business time now (ISO): deliveries due by then. */
  readonly now: string;
  /** Real time now (ISO): leases ending by then are free. */
  readonly realNow: string;
  readonly owner: string;
  readonly leaseMs: number;
  readonly limit: number;
}

/** Lease the due deliveries that are first of their stream; returns them. */
export async function claimDeliveries(knex: Knex, dialect: Dialect, options: ClaimOptions): Promise<Delivery[]> {
  const free = (q: Knex.QueryBuilder, prefix = '') =>
    q.whereNull(`${prefix}lease_expires_at`).orWhere(`${prefix}lease_expires_at`, '<=', options.realNow);
  const earlierOpen = knex('webhook_deliveries as e')
    .whereRaw('e.subscription_id = d.subscription_id')
    .whereRaw('e.case_id = d.case_id')
    .whereRaw('e.seq < d.seq')
    .whereNot('e.status', 'delivered');
  const earlierUnsorted = knex('outbox as o').whereRaw('o.case_id = d.case_id').whereRaw('o.seq < d.seq');
  // A disabled subscription's deliveries wait until it is enabled again.
  const enabled = knex('webhook_subscriptions as w')
    .whereRaw('w.subscription_id = d.subscription_id')
    .where('w.enabled', 1);
  const candidates = knex('webhook_deliveries as d')
    .select('d.delivery_id')
    .where('d.status', 'pending')
    .andWhere('d.next_attempt_at', '<=', options.now)
    .andWhere((q) => free(q, 'd.'))
    .whereNotExists(earlierOpen)
    .whereNotExists(earlierUnsorted)
    .whereExists(enabled)
    .orderBy([{ column: 'd.next_attempt_at' }, { column: 'd.case_id' }, { column: 'd.seq' }])
    .limit(options.limit);
  // A read first: nothing due takes no write lock (SQLite).
  if (!(await candidates.clone().first())) return [];
  const expires = new Date(Date.parse(options.realNow) + options.leaseMs).toISOString();
  const update = knex('webhook_deliveries');
  if (dialect === 'postgres') update.whereRaw('delivery_id = ANY(ARRAY(?))', [candidates.forUpdate().skipLocked()]);
  else update.whereIn('delivery_id', candidates);
  const rows = (await update
    .where('status', 'pending')
    .andWhere((q) => free(q))
    .update({ lease_owner: options.owner, lease_expires_at: expires }, '*')) as unknown as DeliveryRow[];
  return rows.map(toDelivery);
}

/** A delivery that reached its endpoint (2xx). */
export async function recordDelivered(
  knex: Knex,
  delivery: Delivery,
  owner: string,
  result: { status: number; at: string },
): Promise<void> {
  await knex('webhook_deliveries')
    .where({ delivery_id: delivery.id, lease_owner: owner })
    .update({
      status: 'delivered',
      attempts: delivery.attempts + 1,
      last_status: result.status,
      last_error: null,
      last_attempt_at: result.at,
      delivered_at: result.at,
      lease_owner: null,
      lease_expires_at: null,
    });
}

/** A failed attempt: the next one after the backoff, or dead when the attempts ran out. */
export async function recordFailed(
  knex: Knex,
  delivery: Delivery,
  owner: string,
  result: { status: number | null; error: string; at: string },
  policy: RetryPolicy,
): Promise<DeliveryStatus> {
  const attempts = delivery.attempts + 1;
  const delay = nextAttemptDelay(attempts, policy);
  const status: DeliveryStatus = delay === null ? 'dead' : 'pending';
  await knex('webhook_deliveries')
    .where({ delivery_id: delivery.id, lease_owner: owner })
    .update({
      status,
      attempts,
      last_status: result.status,
      last_error: result.error.slice(0, 2000),
      last_attempt_at: result.at,
      ...(delay === null ? {} : { next_attempt_at: new Date(Date.parse(result.at) + delay).toISOString() }),
      lease_owner: null,
      lease_expires_at: null,
    });
  return status;
}

export interface DeliveryFilter {
  readonly status?: DeliveryStatus;
  readonly subscriptionId?: string;
  readonly caseId?: string;
  readonly kind?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** Deliveries, newest event first, with how many match in all. */
export async function listDeliveries(
  knex: Knex,
  filter: DeliveryFilter = {},
): Promise<{ deliveries: Delivery[]; total: number }> {
  const base = knex('webhook_deliveries');
  if (filter.status !== undefined) base.where('status', filter.status);
  if (filter.subscriptionId !== undefined) base.where('subscription_id', filter.subscriptionId);
  if (filter.caseId !== undefined) base.where('case_id', filter.caseId);
  if (filter.kind !== undefined) base.where('kind', filter.kind);
  const [count] = (await base.clone().count({ n: '*' })) as { n: number | string }[];
  const rows = (await base
    .clone()
    .orderBy([{ column: 'event_time', order: 'desc' }, { column: 'case_id' }, { column: 'seq', order: 'desc' }])
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)) as DeliveryRow[];
  return { deliveries: rows.map(toDelivery), total: Number(count?.n ?? 0) };
}

/** Send a dead letter again: pending from now, its attempts counted afresh. Throws if it is not dead. */
export async function resendDelivery(knex: Knex, id: string, now: string): Promise<Delivery> {
  const updated = await knex('webhook_deliveries')
    .where({ delivery_id: id, status: 'dead' })
    .update({ status: 'pending', attempts: 0, next_attempt_at: now, lease_owner: null, lease_expires_at: null });
  const row = (await knex('webhook_deliveries').where({ delivery_id: id }).first()) as DeliveryRow | undefined;
  if (!row)
    throw new IntegrationError('DELIVERY_NOT_FOUND', '推送记录不存在', `No delivery ${id}`, undefined, '/params/id');
  if (updated === 0)
    throw new IntegrationError(
      'DELIVERY_NOT_DEAD',
      `只能重新推送失败（死信）的记录，该记录状态为 ${row.status}`,
      `Only a dead delivery is sent again; this one is ${row.status}`,
    );
  return toDelivery(row);
}

interface OutboxRow {
  outbox_id: number | string;
  case_id: string;
  seq: number | string;
  kind: string;
  event_type: string;
  created_at: string;
}

interface DeliveryRow {
  delivery_id: string;
  subscription_id: string;
  case_id: string;
  seq: number | string;
  kind: string;
  event_type: string;
  event_time: string;
  status: DeliveryStatus;
  attempts: number | string;
  next_attempt_at: string;
  last_status: number | string | null;
  last_error: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.delivery_id,
    subscriptionId: row.subscription_id,
    caseId: row.case_id,
    seq: Number(row.seq),
    kind: row.kind,
    eventType: row.event_type,
    eventTime: row.event_time,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastStatus: row.last_status === null || row.last_status === undefined ? null : Number(row.last_status),
    lastError: row.last_error ?? null,
    lastAttemptAt: row.last_attempt_at ?? null,
    deliveredAt: row.delivered_at ?? null,
    createdAt: row.created_at,
  };
}
