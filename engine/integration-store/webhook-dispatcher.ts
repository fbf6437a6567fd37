/**
 * The webhook dispatcher: each tick fans the outbox out into deliveries, then sends the due ones
 * — each the first undelivered event of its case for its subscription, so a case's events arrive
 * in order — and records the answer. At least once: a delivery is marked delivered only after a
 * 2xx, so a crash between sending and recording sends it again (receivers drop duplicates by the
 * body's `id`). Every body is signed (HMAC-SHA256 of `<timestamp>.<body>` with the subscription's
 * secret); timestamps and retry times are on the store's clock.
 */
import { randomUUID } from 'node:crypto';
import { readJson, type Store } from '../store/index.js';
import {
  DEFAULT_RETRY_POLICY,
  DELIVERY_HEADER,
  KIND_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signBody,
  webhookBody,
  webhookKind,
  ratingOfStream,
  type RecordedEvent,
  type RetryPolicy,
  type WebhookCase,
} from '../integration/index.js';
import {
  claimDeliveries,
  fanOut,
  recordDelivered,
  recordFailed,
  type Delivery,
  type DeliveryStatus,
} from './webhook-deliveries.js';
import { webhookTargets, type WebhookTarget } from './webhook-subscriptions.js';

export interface WebhookDispatcherOptions {
  readonly retry?: RetryPolicy;
  /** How long one request may take (real ms, default 10 s). */
  readonly timeoutMs?: number;
  /** Deliveries claimed at once (default 20), sent concurrently (one per case and subscription). */
  readonly batchSize?: number;
  /** How long a claim lasts if this process dies while sending (real ms, default 60 s). */
  readonly leaseMs?: number;
  /** Batches sent per tick at most (default 10): a tick ends even when more keep coming. */
  readonly batchesPerTick?: number;
  /** The HTTP client (default the global fetch). */
  readonly fetch?: typeof fetch;
}

/** What became of one delivery in a tick. */
export interface SentDelivery {
  readonly deliveryId: string;
  readonly subscriptionId: string;
  readonly caseId: string;
  readonly seq: number;
  readonly outcome: DeliveryStatus;
  readonly status: number | null;
  readonly error?: string;
}

export interface WebhookTick {
  readonly fannedOut: number;
  readonly sent: readonly SentDelivery[];
}

export class WebhookDispatcher {
  readonly #store: Store;
  readonly #options: Required<Omit<WebhookDispatcherOptions, 'fetch'>> & { fetch: typeof fetch };
  readonly #owner = `webhooks:${randomUUID()}`;

  constructor(store: Store, options: WebhookDispatcherOptions = {}) {
    this.#store = store;
    this.#options = {
      retry: options.retry ?? DEFAULT_RETRY_POLICY,
      timeoutMs: options.timeoutMs ?? 10_000,
      batchSize: options.batchSize ?? 20,
      leaseMs: options.leaseMs ?? 60_000,
      batchesPerTick: options.batchesPerTick ?? 10,
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  /** Fan the outbox out, then send what is due, batch by batch. */
  async tick(): Promise<WebhookTick> {
    const { knex, dialect } = this.#store.database;
    const clock = this.#store.jobPort.clock;
    let fannedOut = 0;
    for (let n = await this.#fanOut(); n > 0; n = await this.#fanOut()) fannedOut += n;
    const sent: SentDelivery[] = [];
    for (let batch = 0; batch < this.#options.batchesPerTick; batch += 1) {
      const claimed = await claimDeliveries(knex, dialect, {
        now: clock.now().toISOString(),
        realNow: new Date().toISOString(),
        owner: this.#owner,
        leaseMs: this.#options.leaseMs,
        limit: this.#options.batchSize,
      });
      if (claimed.length === 0) break;
      const targets = await webhookTargets(knex, [...new Set(claimed.map((delivery) => delivery.subscriptionId))]);
      sent.push(
        ...(await Promise.all(claimed.map((delivery) => this.#send(delivery, targets.get(delivery.subscriptionId))))),
      );
    }
    return { fannedOut, sent };
  }

  #fanOut(): Promise<number> {
    const { knex, dialect } = this.#store.database;
    return fanOut(knex, dialect, { now: this.#store.jobPort.clock.now().toISOString(), ids: randomUUID });
  }

  async #send(delivery: Delivery, target: WebhookTarget | undefined): Promise<SentDelivery> {
    const knex = this.#store.database.knex;
    const at = this.#store.jobPort.clock.now();
    const base = {
      deliveryId: delivery.id,
      subscriptionId: delivery.subscriptionId,
      caseId: delivery.caseId,
      seq: delivery.seq,
    };
    let status: number | null = null;
    let error: string;
    try {
      if (!target) throw new Error('the subscription is gone');
      const body = await this.#body(delivery, target);
      const timestamp = Math.floor(at.getTime() / 1000);
      const response = await this.#options.fetch(target.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Matterflow-Webhooks/1',
          [DELIVERY_HEADER]: delivery.id,
          [KIND_HEADER]: delivery.kind,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signBody(target.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status >= 200 && status < 300) {
        await recordDelivered(knex, delivery, this.#owner, { status, at: at.toISOString() });
        return { ...base, outcome: 'delivered', status };
      }
      error = `HTTP ${status}`;
    } catch (thrown) {
      error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    }
    const outcome = await recordFailed(
      knex,
      delivery,
      this.#owner,
      { status, error, at: at.toISOString() },
      this.#options.retry,
    );
    return { ...base, outcome, status, error };
  }

  /** The signed text: the event as recorded, with its case, masked unless granted. */
  async #body(delivery: Delivery, target: WebhookTarget): Promise<string> {
    const kind = webhookKind(delivery.kind);
    const recorded = await this.#event(delivery, target);
    if (!recorded || !kind)
      throw new Error(`event ${delivery.caseId}:${delivery.seq} (${delivery.kind}) is not recorded`);
    const state = await this.#store.getCase(recorded.caseId);
    const matter = state?.domain?.matter;
    const info: WebhookCase = {
      caseId: recorded.caseId,
      number: state?.domain?.number ?? null,
      processId: state?.processId ?? '',
      matter: matter ? { code: matter.code, name: matter.name, version: matter.version } : null,
    };
    return JSON.stringify(
      webhookBody({
        deliveryId: delivery.id,
        kind,
        case: info,
        stream: delivery.caseId,
        seq: delivery.seq,
        event: recorded.event,
        personalData: target.personalData,
      }),
    );
  }

  /** The event a delivery sends, and the case it belongs to: a case's event, or a 好差评's with its rating. */
  async #event(delivery: Delivery, target: WebhookTarget): Promise<{ caseId: string; event: RecordedEvent } | null> {
    const { knex } = this.#store.database;
    const ratingId = ratingOfStream(delivery.caseId);
    const row = (await (
      ratingId === null
        ? knex('case_events').where({ case_id: delivery.caseId, seq: delivery.seq })
        : knex('rating_events').where({ rating_id: ratingId, seq: delivery.seq })
    ).first()) as { type: string; v: number | string; data: unknown; actor: string; time: string } | undefined;
    if (!row) return null;
    const event = {
      type: row.type,
      v: Number(row.v),
      time: row.time,
      actor: row.actor,
      data: readJson<unknown>(row.data),
    };
    if (ratingId === null) return { caseId: delivery.caseId, event };
    const rating = (await knex('ratings').where({ rating_id: ratingId }).first()) as
      Record<string, unknown> | undefined;
    if (!rating) return null;
    // The rating it belongs to; the applicant's own words only to a subscription granted personal data.
    const about = {
      ratingId,
      level: rating['level'],
      department: rating['department'],
      officer: rating['officer'],
      channel: rating['channel'],
      ratedAt: rating['rated_at'],
      ...(target.personalData ? { text: rating['text'] ?? null } : {}),
    };
    return {
      caseId: String(rating['case_id']),
      event: { ...event, data: { ...(event.data as object), rating: about } },
    };
  }
}
