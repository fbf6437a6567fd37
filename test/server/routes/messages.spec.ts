/** Messages and signals over HTTP (in-process app): who may send them, none / one / two receivers, the actor in the history. */
import { expect } from 'chai';
import request from 'supertest';
import { fixtureXml } from '../../engine/integration-store/support.js';
import { testServer, type TestServer } from '../support.js';

describe('server: messages and signals', () => {
  let server: TestServer;
  let token: string;
  beforeEach(async () => {
    server = await testServer();
    await server.store.deploy(fixtureXml('messages.department-systems'), { actor: 'admin' });
    token = (
      await request(server.app)
        .post('/api/worker-tokens')
        .set(as('admin'))
        .send({ name: '消防业务系统', messages: ['消防审查结果'], signals: ['系统维护'] })
        .expect(201)
    ).body.token as string;
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const fire = () => ({ Authorization: `Bearer ${token}` });
  const start = async () => (await server.store.startCase({ processId: 'fireReview', actor: 'test' })).caseId;
  const send = (body: Record<string, unknown>, headers = fire()) =>
    request(server.app).post('/api/messages').set(headers).send(body);

  it('should answer 404 MESSAGE_NOT_CORRELATED when no case waits, 200 when one does, 409 MESSAGE_AMBIGUOUS naming two', async () => {
    expect((await send({ messageName: '消防审查结果' }).expect(404)).body.code).to.equal('MESSAGE_NOT_CORRELATED');

    const one = await start();
    const delivered = await send({ messageName: '消防审查结果', variables: { 结论: '合格' } }).expect(200);
    expect(delivered.body).to.deep.equal({
      caseId: one,
      started: false,
      elementId: 'waitResult',
      processId: 'fireReview',
    });
    const triggered = (await server.store.getEvents(one)).find((e) => e.type === 'event.triggered');
    expect(triggered?.actor).to.equal('worker:消防业务系统');

    const a = await start();
    const b = await start();
    const ambiguous = await send({ messageName: '消防审查结果' }).expect(409);
    expect(ambiguous.body.code).to.equal('MESSAGE_AMBIGUOUS');
    expect(ambiguous.body.details.cases.map((c: { caseId: string }) => c.caseId)).to.have.members([a, b]);
    expect((await send({ messageName: '消防审查结果', correlationKey: b }).expect(200)).body.caseId).to.equal(b);
  });

  it('should let an administrator send any message, and NOT a worker one outside its scope nor another role', async () => {
    expect((await send({ messageName: '投诉举报' }, as('admin')).expect(200)).body).to.include({ started: true });
    const outside = await send({ messageName: '投诉举报' }).expect(403);
    expect(outside.body).to.include({ code: 'OUT_OF_SCOPE', field: '/body/messageName' });
    await send({ messageName: '投诉举报' }, as('window-li')).expect(403);
    await request(server.app).post('/api/messages').send({ messageName: '投诉举报' }).expect(401);
  });

  it('should broadcast a signal to the waiting cases, with the worker as actor', async () => {
    const a = await start();
    const b = await start();
    const reached = await request(server.app)
      .post('/api/signals')
      .set(fire())
      .send({ signalName: '系统维护' })
      .expect(200);
    expect(reached.body.cases).to.have.deep.members([
      { caseId: a, started: false },
      { caseId: b, started: false },
    ]);
    await request(server.app).post('/api/signals').set(fire()).send({ signalName: '其他' }).expect(403);
  });
});
