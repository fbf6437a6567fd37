/**
 * Webhooks from the outbox over the store (both dialects), with an HTTP client standing in for
 * the receivers: fan-out to the subscriptions taking a kind, signed bodies, order per case,
 * retries with backoff on the store's clock, dead letters sent again.
 */
import { expect } from 'chai';
import type { IntegrationError } from '../../../engine/integration-store/index.js';
import {
  createWebhook,
  listDeliveries,
  resendDelivery,
  updateWebhook,
  WebhookDispatcher,
} from '../../../engine/integration-store/index.js';
import { verifySignature, type WebhookBody } from '../../../engine/integration/index.js';
import type { TestEngine } from '../../support/test-engine.js';
import { engineWith } from './support.js';

interface Received {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly body: WebhookBody;
}

/** A stand-in for the receivers: answers each request with the next status of its URL's script (default 200). */
function receivers(script: Record<string, number[]> = {}) {
  const received: Received[] = [];
  const fetch = (async (url: string | URL, init?: RequestInit) => {
    const text = String(init?.body);
    received.push({
      url: String(url),
      headers: Object.fromEntries(Object.entries(init?.headers ?? {})),
      text,
      body: JSON.parse(text) as WebhookBody,
    });
    const status = script[String(url)]?.shift() ?? 200;
    return new Response(null, { status });
  }) as typeof globalThis.fetch;
  return { received, fetch };
}

describe('integration-store: webhooks from the outbox', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await engineWith('external-tasks.credit-check');
  });
  afterEach(() => engine.close());

  const by = { actor: 'admin', at: '2025-01-06T00:00:00.000Z' };
  const knex = () => engine.store.database.knex;
  const policy = { baseMs: 10_000, capMs: 60_000, maxAttempts: 3 };

  it('should deliver each event of a subscribed kind once, signed, in order per case, and nothing of other kinds', async () => {
    // given
    const { secret } = await createWebhook(
      knex(),
      { name: '省平台', url: 'https://province.example/hook', kinds: ['task.created', 'incident.raised'] },
      by,
    );
    const other = await createWebhook(
      knex(),
      { name: '短信', url: 'https://sms.example/hook', kinds: ['case.concluded'] },
      by,
    );
    const caseA = await engine.start('creditCheck');
    const caseB = await engine.start('creditCheck');
    for (const caseId of [caseA, caseB]) {
      const jobId = Object.keys((await engine.state(caseId)).jobs)[0]!;
      await engine.store.dispatch(caseId, {
        type: 'job.fail',
        actor: 'w',
        data: { jobId, message: 'down', retries: 0 },
      });
    }
    await engine.completeTask(caseA, 'review').catch(() => undefined);
    const { received, fetch } = receivers();

    // when
    const tick = await new WebhookDispatcher(engine.store, { fetch, retry: policy }).tick();

    // then
    expect(tick.sent.every((s) => s.outcome === 'delivered')).to.equal(true);
    expect(received.every((r) => r.url === 'https://province.example/hook')).to.equal(true);
    const ofCase = (caseId: string) => received.filter((r) => r.body.case.caseId === caseId).map((r) => r.body.kind);
    expect(ofCase(caseA)).to.deep.equal(['incident.raised']);
    expect(ofCase(caseB)).to.deep.equal(['incident.raised']);
    for (const request of received) {
      expect(
        verifySignature({
          secret,
          body: request.text,
          timestamp: request.headers['X-Matterflow-Timestamp'],
          signature: request.headers['X-Matterflow-Signature'],
          now: Date.parse('2025-01-06T01:00:00.000Z') / 1000,
        }),
      ).to.equal(null);
      expect(request.headers['X-Matterflow-Delivery']).to.equal(request.body.deliveryId);
      expect(request.body.id).to.equal(`${request.body.case.caseId}:${request.body.seq}`);
    }
    expect((await listDeliveries(knex(), { subscriptionId: other.subscription.id })).total).to.equal(0);
    expect((await new WebhookDispatcher(engine.store, { fetch }).tick()).sent).to.deep.equal([]);
    expect(await knex()('outbox')).to.deep.equal([]);
  });

  it('should retry a failing receiver after the backoff on the store’s clock, holding back the case’s later events, then deliver them in order', async () => {
    // given a receiver that fails three times, then succeeds
    const url = 'https://province.example/hook';
    await createWebhook(
      knex(),
      { name: '省平台', url, kinds: ['task.created', 'incident.raised', 'incident.resolved'] },
      by,
    );
    const caseId = await engine.start('creditCheck');
    const jobId = Object.keys((await engine.state(caseId)).jobs)[0]!;
    await engine.store.dispatch(caseId, { type: 'job.fail', actor: 'w', data: { jobId, message: 'down', retries: 0 } });
    const incidentId = Object.keys((await engine.state(caseId)).incidents)[0]!;
    await engine.store.dispatch(caseId, { type: 'incident.resolve', actor: 'admin', data: { incidentId } });
    // 500, 503, then the connection fails (the third attempt), then 200.
    const { received, fetch } = receivers({ [url]: [500, 503, 200] });
    const failing = (async (input: string | URL, init?: RequestInit) => {
      if (received.length === 2) {
        received.push({
          url: String(input),
          headers: {},
          text: '',
          body: JSON.parse(String(init?.body)) as WebhookBody,
        });
        throw new TypeError('fetch failed');
      }
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    const dispatcher = new WebhookDispatcher(engine.store, { fetch: failing, retry: { ...policy, maxAttempts: 5 } });

    // when: attempt 1 fails now, 2 after 10 s, 3 after 20 s more, 4 after 40 s more
    await dispatcher.tick();
    await dispatcher.tick();
    expect(received).to.have.length(1);
    for (const at of ['2025-01-06T01:00:10.000Z', '2025-01-06T01:00:30.000Z', '2025-01-06T01:01:10.000Z']) {
      engine.clock.set(at);
      await dispatcher.tick();
    }

    // then the first event arrived on its 4th attempt, and the later one only after it
    const kinds = received.map((r) => `${r.body.kind}`);
    expect(kinds).to.deep.equal([
      'incident.raised',
      'incident.raised',
      'incident.raised',
      'incident.raised',
      'incident.resolved',
    ]);
    const { deliveries } = await listDeliveries(knex());
    expect(deliveries.map((d) => [d.kind, d.status, d.attempts])).to.deep.equal([
      ['incident.resolved', 'delivered', 1],
      ['incident.raised', 'delivered', 4],
    ]);
  });

  it('should make a delivery dead when its attempts run out, hold the case’s later events behind it, and send it again on request', async () => {
    // given
    const url = 'https://province.example/hook';
    await createWebhook(knex(), { name: '省平台', url, kinds: ['incident.raised', 'incident.resolved'] }, by);
    const caseId = await engine.start('creditCheck');
    const jobId = Object.keys((await engine.state(caseId)).jobs)[0]!;
    await engine.store.dispatch(caseId, { type: 'job.fail', actor: 'w', data: { jobId, message: 'down', retries: 0 } });
    const incidentId = Object.keys((await engine.state(caseId)).incidents)[0]!;
    await engine.store.dispatch(caseId, { type: 'incident.resolve', actor: 'admin', data: { incidentId } });
    const { received, fetch } = receivers({ [url]: [410, 410, 410] });
    const dispatcher = new WebhookDispatcher(engine.store, { fetch, retry: policy });

    // when every attempt fails
    for (const at of [
      '2025-01-06T01:00:00.000Z',
      '2025-01-06T01:00:10.000Z',
      '2025-01-06T01:00:30.000Z',
      '2025-01-06T02:00:00.000Z',
    ]) {
      engine.clock.set(at);
      await dispatcher.tick();
    }

    // then it is dead, the later event waits, and the failure is shown
    const dead = (await listDeliveries(knex(), { status: 'dead' })).deliveries;
    expect(dead.map((d) => [d.kind, d.attempts, d.lastStatus, d.lastError])).to.deep.equal([
      ['incident.raised', 3, 410, 'HTTP 410'],
    ]);
    expect(received.map((r) => r.body.kind)).to.deep.equal(['incident.raised', 'incident.raised', 'incident.raised']);

    // when an administrator sends it again
    const again = await resendDelivery(knex(), dead[0]!.id, engine.clock.now().toISOString());
    expect(again).to.include({ status: 'pending', attempts: 0 });
    await dispatcher.tick();

    // then it and the event behind it arrive, in order
    expect(received.map((r) => r.body.kind).slice(3)).to.deep.equal(['incident.raised', 'incident.resolved']);
    expect((await listDeliveries(knex(), { status: 'delivered' })).total).to.equal(2);
    try {
      await resendDelivery(knex(), dead[0]!.id, engine.clock.now().toISOString());
      expect.fail('a delivered one is not sent again');
    } catch (error) {
      expect((error as IntegrationError).code).to.equal('DELIVERY_NOT_DEAD');
    }
  });

  it('should NOT send events from before a subscription existed, nor to a disabled one', async () => {
    await engine.start('creditCheck');
    const hook = await createWebhook(
      knex(),
      { name: '省平台', url: 'https://province.example/hook', kinds: ['task.created'] },
      { actor: 'admin', at: '2025-01-06T01:00:00.001Z' },
    );
    const { received, fetch } = receivers();
    await new WebhookDispatcher(engine.store, { fetch }).tick();
    expect(received).to.deep.equal([]);
    await updateWebhook(knex(), hook.subscription.id, { enabled: false }, { at: '2025-01-06T01:00:01.000Z' });
    engine.clock.set('2025-01-06T01:00:02.000Z');
    const caseId = await engine.start('creditCheck');
    await engine.store.dispatch(caseId, {
      type: 'job.complete',
      actor: 'w',
      data: { jobId: Object.keys((await engine.state(caseId)).jobs)[0]! },
    });
    await new WebhookDispatcher(engine.store, { fetch }).tick();
    expect(received).to.deep.equal([]);
  });

  it('should hold the deliveries of a disabled subscription until it is enabled again, and give it no events meanwhile', async () => {
    // given a delivery waiting for its retry
    const url = 'https://province.example/hook';
    const hook = await createWebhook(knex(), { name: '省平台', url, kinds: ['task.created'] }, by);
    const caseId = await engine.start('creditCheck');
    const complete = async (id: string) =>
      engine.store.dispatch(id, {
        type: 'job.complete',
        actor: 'w',
        data: { jobId: Object.keys((await engine.state(id)).jobs)[0]! },
      });
    await complete(caseId);
    const { received, fetch } = receivers({ [url]: [503] });
    const dispatcher = new WebhookDispatcher(engine.store, { fetch, retry: policy });
    await dispatcher.tick();
    expect(received.map((r) => r.body.case.caseId)).to.deep.equal([caseId]);

    // when the subscription is disabled, the retry is due, and another case makes a task
    await updateWebhook(knex(), hook.subscription.id, { enabled: false }, by);
    engine.clock.set('2025-01-06T01:05:00.000Z');
    await complete(await engine.start('creditCheck'));
    await dispatcher.tick();

    // then nothing is sent
    expect(received).to.have.length(1);

    // when it is enabled again, the held delivery goes; the event of its disabled time never does
    await updateWebhook(knex(), hook.subscription.id, { enabled: true }, by);
    await dispatcher.tick();
    expect(received.map((r) => r.body.case.caseId)).to.deep.equal([caseId, caseId]);
    expect(received[1]!.body.id).to.equal(received[0]!.body.id);
  });

  it('should refuse an endpoint that is not HTTPS (HTTP only to this machine) and an unknown kind', async () => {
    const refused = async (url: string, kinds: string[]) => {
      try {
        await createWebhook(knex(), { name: 'x', url, kinds }, by);
      } catch (error) {
        return (error as IntegrationError).code;
      }
      return 'created';
    };
    expect(await refused('http://province.example/hook', ['case.accepted'])).to.equal('INVALID_URL');
    expect(await refused('https://user:pw@province.example/hook', ['case.accepted'])).to.equal('INVALID_URL');
    expect(await refused('not a url', ['case.accepted'])).to.equal('INVALID_URL');
    expect(await refused('https://province.example/hook', ['case.everything'])).to.equal('INVALID_KIND');
    expect(await refused('http://127.0.0.1:8080/hook', ['case.accepted'])).to.equal('created');
  });
});
