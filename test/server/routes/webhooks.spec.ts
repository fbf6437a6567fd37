/** Webhook subscriptions over HTTP (in-process app): kinds, the secret once, HTTPS only, deliveries and dead letters, who may. */
import { expect } from 'chai';
import request from 'supertest';
import { WebhookDispatcher } from '../../../engine/integration-store/index.js';
import type { WebhookBody } from '../../../engine/integration/index.js';
import { FOOD_LICENCE_APPLICATION } from '../../support/applications.js';
import { testServer, type TestServer } from '../support.js';

describe('server: webhooks', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer();
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const subscribe = (body: Record<string, unknown>) =>
    request(server.app).post('/api/webhooks').set(as('admin')).send(body);

  it('should list the kinds in Chinese', async () => {
    const kinds = (await request(server.app).get('/api/webhooks/kinds').set(as('admin')).expect(200)).body as Array<{
      kind: string;
      zh: string;
    }>;
    expect(kinds.map((k) => `${k.kind} ${k.zh}`)).to.include.members([
      'case.accepted 受理',
      'case.correctionNoticed 补正告知',
      'case.concluded 办结',
      'alert.warning 预警',
      'alert.yellow 黄牌',
      'alert.red 红牌',
    ]);
  });

  it('should subscribe an endpoint, answer its secret once, change it, rotate the secret and delete it', async () => {
    const made = await subscribe({
      name: '省一体化平台',
      url: 'https://province.example/hook',
      kinds: ['case.accepted', 'case.concluded'],
    }).expect(201);
    expect(made.body.secret).to.match(/^whsec_/);
    expect(made.body).to.include({ personalData: false, enabled: true });
    const id = made.body.id as string;
    const listed = (await request(server.app).get('/api/webhooks').set(as('admin')).expect(200)).body;
    expect(listed).to.have.length(1);
    expect(listed[0]).to.not.have.property('secret');
    const changed = await request(server.app)
      .patch(`/api/webhooks/${id}`)
      .set(as('admin'))
      .send({ enabled: false, kinds: ['alert.red'] })
      .expect(200);
    expect(changed.body).to.include({ enabled: false });
    expect(changed.body.kinds).to.deep.equal(['alert.red']);
    const rotated = await request(server.app).post(`/api/webhooks/${id}/secret`).set(as('admin')).expect(200);
    expect(rotated.body.secret)
      .to.match(/^whsec_/)
      .and.not.equal(made.body.secret);
    await request(server.app).delete(`/api/webhooks/${id}`).set(as('admin')).expect(204);
    await request(server.app).get(`/api/webhooks/${id}`).set(as('admin')).expect(404);
  });

  it('should refuse an endpoint that is not HTTPS and an unknown kind (400), and anyone but an administrator (403)', async () => {
    const plain = await subscribe({ name: 'x', url: 'http://province.example/hook', kinds: ['case.accepted'] }).expect(
      400,
    );
    expect(plain.body).to.include({ code: 'INVALID_URL', field: '/body/url' });
    const unknown = await subscribe({
      name: 'x',
      url: 'https://province.example/hook',
      kinds: ['case.everything'],
    }).expect(400);
    expect(unknown.body.field).to.match(/^\/body\/kinds/);
    await request(server.app)
      .post('/api/webhooks')
      .set(as('supervisor-sun'))
      .send({ name: 'x', url: 'https://a.example', kinds: ['case.accepted'] })
      .expect(403);
  });

  it('should list deliveries and refuse to send again one that is not dead', async () => {
    expect(
      (await request(server.app).get('/api/webhooks/deliveries?status=dead').set(as('admin')).expect(200)).body,
    ).to.deep.equal({
      deliveries: [],
      total: 0,
    });
    await request(server.app).post('/api/webhooks/deliveries/nope/resend').set(as('admin')).expect(404);
  });

  it('should send a 差评 of a case — the rating it belongs to, its words only when granted personal data — beside the case’s own events', async () => {
    // given two subscriptions to 差评, one granted personal data
    const plain = await subscribe({
      name: '督查室',
      url: 'https://inspect.example/hook',
      kinds: ['rating.negative'],
    }).expect(201);
    await subscribe({
      name: '好差评平台',
      url: 'https://rating.example/hook',
      kinds: ['rating.negative', 'case.received'],
      personalData: true,
    }).expect(201);
    const caseId = (
      await request(server.app).post('/api/cases').set(as('window-li')).send(FOOD_LICENCE_APPLICATION).expect(201)
    ).body.caseId as string;

    // when the applicant's 不满意 opens a rectification
    const rating = (
      await request(server.app)
        .post('/api/ratings')
        .set(as('window-li'))
        .send({
          caseId,
          department: '西湖区市场监督管理局行政许可科',
          officer: 'food-zhao',
          mode: '一事一评',
          level: '不满意',
          text: '等了很久',
        })
        .expect(201)
    ).body as { ratingId: string };
    const sent: Array<{ url: string; body: WebhookBody }> = [];
    const fetch = (async (url: string | URL, init?: RequestInit) => {
      sent.push({ url: String(url), body: JSON.parse(String(init?.body)) as WebhookBody });
      return new Response(null, { status: 204 });
    }) as typeof globalThis.fetch;
    await new WebhookDispatcher(server.store, { fetch }).tick();

    // then each subscription gets the 差评, with its case and rating
    const negative = sent.filter((s) => s.body.kind === 'rating.negative');
    expect(negative.map((s) => s.url)).to.have.members(['https://inspect.example/hook', 'https://rating.example/hook']);
    for (const { url, body } of negative) {
      expect(body).to.deep.include({ kindZh: '差评', type: 'rectification.opened' });
      expect(body.id).to.match(new RegExp(`^rating:${rating.ratingId}:\\d+$`));
      expect(body.case.caseId).to.equal(caseId);
      const about = (body.data as { rating: Record<string, unknown> }).rating;
      expect(about).to.deep.include({ ratingId: rating.ratingId, level: '不满意', officer: 'food-zhao' });
      if (url.startsWith('https://inspect')) expect(about).to.not.have.property('text');
      else expect(about['text']).to.equal('等了很久');
    }
    expect(sent.filter((s) => s.body.kind === 'case.received').map((s) => s.url)).to.deep.equal([
      'https://rating.example/hook',
    ]);
    const deliveries = (
      await request(server.app).get(`/api/webhooks/deliveries?subscriptionId=${plain.body.id}`).set(as('admin'))
    ).body;
    expect(deliveries.deliveries.map((d: { caseId: string; status: string }) => [d.caseId, d.status])).to.deep.equal([
      [`rating:${rating.ratingId}`, 'delivered'],
    ]);
  });
});
