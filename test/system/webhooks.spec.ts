/**
 * Event webhooks from the transactional outbox, through the running server on the test clock
 * (issue 17): a receiver that fails three times, then succeeds, gets each event of the kinds it
 * subscribed to once, in order, signed with its secret, the applicant's personal data masked; a
 * receiver that keeps failing leaves a dead letter, which an administrator sends again.
 */
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { FOOD_LICENCE_APPLICATION } from '../support/applications.js';
import { ServerProcess, type HttpAnswer } from './support/server-process.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

const MONDAY_0930_BEIJING = '2026-03-02T01:30:00.000Z';
const KINDS = ['case.received', 'case.accepted', 'task.created'];

interface Body {
  readonly id: string;
  readonly deliveryId: string;
  readonly kind: string;
  readonly kindZh: string;
  readonly type: string;
  readonly seq: number;
  readonly case: { caseId: string; number: string | null; matter: { code: string } | null };
  readonly data: Record<string, unknown>;
}
interface CaseBody {
  readonly caseId: string;
  readonly tasks: ReadonlyArray<{ taskId: string; elementId: string }>;
}
interface Delivery {
  readonly id: string;
  readonly caseId: string;
  readonly seq: number;
  readonly status: string;
  readonly attempts: number;
  readonly lastStatus: number | null;
}

describe('system: event webhooks from the outbox through the running server', function () {
  this.timeout(180_000);
  let server: ServerProcess | undefined;
  let receiver: WebhookReceiver | undefined;
  let window = '';
  let secret = '';

  before(async () => {
    // Five attempts: three failures and the success fit; a receiver failing five times leaves a dead letter.
    server = await ServerProcess.start({ testClock: true, env: { MATTERFLOW_WEBHOOK_MAX_ATTEMPTS: '5' } });
    receiver = await WebhookReceiver.start();
    ok(await s().request('/api/test/clock', { body: { set: MONDAY_0930_BEIJING } }));
    window = ok(
      await s().request<{ token: string }>('/api/users', {
        body: { id: 'window-li', name: '李窗口', roles: ['window'] },
      }),
    ).token;
    const subscribed = ok(
      await s().request<{ secret: string }>('/api/webhooks', {
        body: { name: '省一体化平台', url: receiver.url, kinds: KINDS },
      }),
    );
    secret = subscribed.secret;
  });
  after(async () => {
    await receiver?.close();
    await server?.dispose();
  });

  const s = () => server!;
  function ok<T>(answer: HttpAnswer<T>): T {
    expect(answer.status, answer.text).to.be.within(200, 299);
    return answer.body;
  }
  /** The case's events of the subscribed kinds, as the history records them (seq order). */
  const expected = async (caseId: string) =>
    ok(await s().request<Array<{ seq: number; type: string }>>(`/api/audit/cases/${caseId}/events`)).filter((e) =>
      KINDS.includes(e.type),
    );
  /** Move business time a minute at a time (retries are due on it) until `done`. */
  const until = (done: () => boolean, what: string) =>
    s().eventually(
      async () => {
        if (done()) return true;
        ok(await s().request('/api/test/clock', { body: { advance: 'PT1M' } }));
        return undefined;
      },
      { timeoutMs: 90_000, intervalMs: 1500, what },
    );

  it('should deliver each event once, in order, signed and masked, to a receiver that failed three times first', async () => {
    // given a receiver that fails three times
    receiver!.failures.push(500, 500, 503);

    // when a 食品经营许可 is received and accepted at the window
    const received = ok(await s().request<CaseBody>('/api/cases', { token: window, body: FOOD_LICENCE_APPLICATION }));
    const acceptance = received.tasks.find((t) => t.elementId === 'windowAcceptance')!;
    ok(
      await s().request(`/api/cases/${received.caseId}/operations`, {
        token: window,
        body: { operation: 'case.accept', data: { taskId: acceptance.taskId } },
      }),
    );
    const events = await expected(received.caseId);
    expect(events.map((e) => e.type)).to.include.members(['case.received', 'case.accepted', 'task.created']);
    await until(() => receiver!.delivered().length >= events.length, 'every event delivered');

    // then three failed attempts, then each event exactly once, in the case's order
    expect(receiver!.requests.slice(0, 3).map((r) => r.status)).to.deep.equal([500, 500, 503]);
    const delivered = receiver!.delivered<Body>();
    expect(delivered.map((b) => [b.seq, b.type])).to.deep.equal(events.map((e) => [e.seq, e.type]));
    expect(new Set(delivered.map((b) => b.id)).size).to.equal(delivered.length);
    expect(receiver!.requests.slice(0, 4).every((r) => JSON.parse(r.raw).seq === events[0]!.seq)).to.equal(true);

    // … each signed with the subscription's secret over `<timestamp>.<body>`
    for (const request of receiver!.requests) {
      const timestamp = String(request.headers['x-matterflow-timestamp']);
      const signature = createHmac('sha256', secret).update(`${timestamp}.${request.raw}`).digest('hex');
      expect(request.headers['x-matterflow-signature']).to.equal(`v1=${signature}`);
      expect(request.headers['x-matterflow-delivery']).to.equal(JSON.parse(request.raw).deliveryId);
    }

    // … the case named, personal data masked
    const receipt = delivered.find((b) => b.kind === 'case.received')!;
    expect(receipt).to.deep.include({ kindZh: '收件', id: `${received.caseId}:${receipt.seq}` });
    expect(receipt.case.matter?.code).to.equal(FOOD_LICENCE_APPLICATION.matterCode);
    expect(receipt.case.number).to.be.a('string');
    expect(receipt.data['applicant']).to.deep.equal({
      name: '张*',
      idType: '居民身份证',
      idNumber: '330102********1234',
    });
    expect(JSON.stringify(receiver!.requests.map((r) => r.raw))).to.not.contain('330102199001011234');

    // … and the deliveries show the first one's four attempts
    const deliveries = ok(
      await s().request<{ deliveries: Delivery[] }>(`/api/webhooks/deliveries?caseId=${received.caseId}`),
    ).deliveries;
    const first = deliveries.find((d) => d.seq === events[0]!.seq)!;
    expect(first).to.include({ status: 'delivered', attempts: 4, lastStatus: 200 });
  });

  it('should leave a dead letter when the receiver keeps failing, and deliver it when an administrator sends it again', async () => {
    // given a receiver that fails every attempt
    receiver!.failures.push(410, 410, 410, 410, 410);
    const before = receiver!.requests.length;
    const received = ok(await s().request<CaseBody>('/api/cases', { token: window, body: FOOD_LICENCE_APPLICATION }));
    await until(() => receiver!.requests.length - before >= 5, 'five failed attempts');

    // then the first event is dead, and the case's later ones wait behind it
    const dead = ok(await s().request<{ deliveries: Delivery[] }>('/api/webhooks/deliveries?status=dead')).deliveries;
    expect(dead.map((d) => [d.caseId, d.attempts, d.lastStatus])).to.deep.equal([[received.caseId, 5, 410]]);
    expect(receiver!.requests.slice(before).every((r) => r.status === 410)).to.equal(true);

    // when an administrator sends it again (the receiver is back)
    ok(await s().request(`/api/webhooks/deliveries/${dead[0]!.id}/resend`, { method: 'POST' }));
    const events = await expected(received.caseId);
    await s().eventually(
      async () =>
        receiver!.delivered<Body>().filter((b) => b.case.caseId === received.caseId).length >= events.length
          ? true
          : undefined,
      { timeoutMs: 30_000, what: 'the dead letter and the events behind it delivered' },
    );

    // then it and the events behind it arrive once, in order
    const delivered = receiver!.delivered<Body>().filter((b) => b.case.caseId === received.caseId);
    expect(delivered.map((b) => b.seq)).to.deep.equal(events.map((e) => e.seq));
    expect(ok(await s().request<{ total: number }>('/api/webhooks/deliveries?status=dead')).total).to.equal(0);
  });
});
