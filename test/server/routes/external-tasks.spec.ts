/** External task workers over HTTP (in-process app): tokens, scopes, fetch-and-lock, reports, the lock's 409, OpenAPI. */
import { expect } from 'chai';
import request from 'supertest';
import { fixtureXml } from '../../engine/integration-store/support.js';
import { testServer, type TestServer } from '../support.js';

describe('server: external tasks', () => {
  let server: TestServer;
  let token: string;
  beforeEach(async () => {
    server = await testServer();
    await server.store.deploy(fixtureXml('external-tasks.credit-check'), { actor: 'admin' });
    token = (
      await request(server.app)
        .post('/api/worker-tokens')
        .set(as('admin'))
        .send({ name: '信用平台', topics: ['credit-check'] })
        .expect(201)
    ).body.token as string;
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const worker = () => ({ Authorization: `Bearer ${token}` });
  const FETCH = { workerId: 'w1', maxTasks: 5, topics: [{ topicName: 'credit-check', lockDuration: 60_000 }] };
  const start = async () =>
    (await server.store.startCase({ processId: 'creditCheck', variables: { applicantKey: 'k-1' }, actor: 'test' }))
      .caseId;

  it('should make a worker token once, list it without the token, and stop it when revoked', async () => {
    const listed = (await request(server.app).get('/api/worker-tokens').set(as('admin')).expect(200)).body as Array<
      Record<string, unknown>
    >;
    expect(listed).to.have.length(1);
    expect(listed[0]).to.include({ name: '信用平台' }).and.not.have.property('token');
    expect(token).to.match(/^mfw_/);
    await request(server.app).post('/api/external-tasks/fetch-and-lock').set(worker()).send(FETCH).expect(200);
    await request(server.app).delete(`/api/worker-tokens/${listed[0]!['id']}`).set(as('admin')).expect(200);
    await request(server.app).post('/api/external-tasks/fetch-and-lock').set(worker()).send(FETCH).expect(401);
  });

  it('should NOT let anyone but an administrator make tokens, nor a user’s token fetch tasks', async () => {
    await request(server.app).post('/api/worker-tokens').set(as('window-li')).send({ name: 'x' }).expect(403);
    const refused = await request(server.app).post('/api/external-tasks/fetch-and-lock').set(as('admin')).send(FETCH);
    expect(refused.status).to.equal(401);
    // A stranger learns nothing from the body: 401 before 400.
    await request(server.app).post('/api/external-tasks/fetch-and-lock').send({ nonsense: true }).expect(401);
    const bad = await request(server.app)
      .post('/api/external-tasks/fetch-and-lock')
      .set(worker())
      .send({ ...FETCH, maxTasks: 0 });
    expect(bad.status).to.equal(400);
    expect(bad.body.field).to.equal('/body/maxTasks');
  });

  it('should fetch, lock and complete a task; a second completion is 404', async () => {
    const caseId = await start();
    const [task] = (
      await request(server.app).post('/api/external-tasks/fetch-and-lock').set(worker()).send(FETCH).expect(200)
    ).body as Array<Record<string, unknown>>;
    expect(task).to.deep.include({
      caseId,
      topicName: 'credit-check',
      elementId: 'checkCredit',
      variables: { applicantKey: 'k-1' },
    });
    await request(server.app)
      .post(`/api/external-tasks/${task!['id']}/complete`)
      .set(worker())
      .send({ workerId: 'w1', variables: { blacklisted: false } })
      .expect(204);
    expect((await server.store.listTasks({ caseId })).map((t) => t.elementId)).to.deep.equal(['review']);
    const again = await request(server.app)
      .post(`/api/external-tasks/${task!['id']}/complete`)
      .set(worker())
      .send({ workerId: 'w1' })
      .expect(404);
    expect(again.body.code).to.equal('TASK_NOT_FOUND');
  });

  it('should answer 409 LOCK_LOST to a worker whose lock expired and was taken over', async () => {
    await start();
    const [first] = (await request(server.app).post('/api/external-tasks/fetch-and-lock').set(worker()).send(FETCH))
      .body as Array<{
      id: string;
    }>;
    server.clock.set(new Date(server.clock.now().getTime() + 60_000));
    await request(server.app)
      .post('/api/external-tasks/fetch-and-lock')
      .set(worker())
      .send({ ...FETCH, workerId: 'w2' })
      .expect(200);
    const lost = await request(server.app)
      .post(`/api/external-tasks/${first!.id}/complete`)
      .set(worker())
      .send({ workerId: 'w1' })
      .expect(409);
    expect(lost.body).to.deep.include({ code: 'LOCK_LOST', details: { reason: 'other-owner' } });
    expect(lost.body.message.zh).to.contain('w1');
  });

  it('should report a failure into an incident, a BPMN error to its boundary, and extend a lock', async () => {
    const failing = await start();
    const caught = await start();
    const tasks = (await request(server.app).post('/api/external-tasks/fetch-and-lock').set(worker()).send(FETCH))
      .body as Array<{
      id: string;
      caseId: string;
      lockExpirationTime: string;
    }>;
    const of = (caseId: string) => tasks.find((t) => t.caseId === caseId)!;
    const extended = await request(server.app)
      .post(`/api/external-tasks/${of(failing).id}/extend-lock`)
      .set(worker())
      .send({ workerId: 'w1', newDuration: 300_000 })
      .expect(200);
    expect(Date.parse(extended.body.lockExpirationTime)).to.be.greaterThan(Date.parse(of(failing).lockExpirationTime));
    await request(server.app)
      .post(`/api/external-tasks/${of(failing).id}/failure`)
      .set(worker())
      .send({ workerId: 'w1', errorMessage: '信用平台不可用', retries: 0, retryTimeout: 0 })
      .expect(204);
    await request(server.app)
      .post(`/api/external-tasks/${of(caught).id}/bpmn-error`)
      .set(worker())
      .send({ workerId: 'w1', errorCode: 'BLACKLISTED', variables: { reason: '失信' } })
      .expect(204);
    expect(Object.values((await server.store.getCase(failing))!.incidents)).to.have.length(1);
    expect((await server.store.listTasks({ caseId: caught })).map((t) => t.elementId)).to.deep.equal([
      'refuseTolerance',
    ]);
    const listed = (
      await request(server.app).get('/api/external-tasks?topic=credit-check').set(as('admin')).expect(200)
    ).body as Array<Record<string, unknown>>;
    expect(listed).to.have.length(1);
    expect(listed[0]).to.include({ caseId: failing, lockedBy: null });
    expect(listed[0]!['incidentId']).to.be.a('string');
  });

  it('should refuse a topic outside the token’s scope (403 OUT_OF_SCOPE)', async () => {
    const refused = await request(server.app)
      .post('/api/external-tasks/fetch-and-lock')
      .set(worker())
      .send({ ...FETCH, topics: [{ topicName: 'sms.notify', lockDuration: 60_000 }] })
      .expect(403);
    expect(refused.body).to.deep.include({ code: 'OUT_OF_SCOPE', field: '/body/topics' });
  });

  it('should document the worker routes in the OpenAPI document, with their bearer security', async () => {
    const doc = (await request(server.app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
    };
    for (const path of [
      '/api/external-tasks/fetch-and-lock',
      '/api/external-tasks/{id}/complete',
      '/api/external-tasks/{id}/failure',
      '/api/external-tasks/{id}/bpmn-error',
      '/api/external-tasks/{id}/extend-lock',
    ]) {
      const operation = doc.paths[path]?.['post'];
      expect(operation, path).to.not.equal(undefined);
      expect(operation!.security).to.deep.equal([{ bearer: [] }]);
      expect(operation!.responses).to.have.property('401');
    }
    expect(doc.paths['/api/external-tasks/{id}/complete']!['post']!.responses).to.have.keys([
      '204',
      '400',
      '401',
      '403',
      '404',
      '409',
      '422',
    ]);
    expect(doc.paths).to.include.keys(
      '/api/worker-tokens',
      '/api/messages',
      '/api/signals',
      '/api/incidents',
      '/api/webhooks',
    );
  });
});
