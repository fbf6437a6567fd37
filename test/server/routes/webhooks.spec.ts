/** Webhook subscriptions over HTTP (in-process app): kinds, the secret once, HTTPS only, deliveries and dead letters, who may. */
import { expect } from 'chai';
import request from 'supertest';
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
});
