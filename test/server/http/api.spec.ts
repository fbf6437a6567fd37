/** The REST API over HTTP: authentication, validation, errors, idempotency, conflicts, and a case through its operations. */
import { expect } from 'chai';
import request from 'supertest';
import { CASE_OPERATION_TYPES } from '../../../engine/operations/index.js';
import { testServer, type TestServer } from '../support.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';

describe('server: rate limiting', () => {
  it('should answer 429 in the error shape past the limit', async () => {
    const server = await testServer({ rateLimit: 3 });
    try {
      for (let i = 0; i < 3; i++) await request(server.app).get('/api/openapi.json').expect(200);
      const limited = await request(server.app).get('/api/openapi.json').expect(429);
      expect(limited.body.code).to.equal('TOO_MANY_REQUESTS');
    } finally {
      await server.close();
    }
  });
});

describe('server: REST API', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer();
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const receive = async () =>
    (await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201)).body as {
      caseId: string;
      tasks: Array<{ taskId: string; elementId: string }>;
    };

  it('should answer health and readiness without a token, and describe itself in OpenAPI', async () => {
    await request(server.app).get('/healthz').expect(200, { status: 'ok' });
    await request(server.app).get('/readyz').expect(200);
    const doc = (await request(server.app).get('/api/openapi.json').expect(200)).body as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    expect(doc.openapi).to.equal('3.0.3');
    // every declared operation's body, keyed by `operation`
    const body = doc.paths['/api/cases/{caseId}/operations']?.['post']?.requestBody as {
      content: {
        'application/json': { schema: { oneOf: Array<{ properties: Record<string, Record<string, unknown>> }> } };
      };
    };
    const branches = body.content['application/json'].schema.oneOf;
    expect(branches.map((branch) => (branch.properties['operation']!['enum'] as string[])[0])).to.deep.equal(
      CASE_OPERATION_TYPES,
    );
    const tolerance = branches.find(
      (branch) => branch.properties['operation']!['enum']!.toString() === 'case.acceptWithTolerance',
    )!;
    expect(tolerance.properties['data']).to.deep.include({ additionalProperties: false, required: ['commitment'] });
    expect(tolerance.properties['data']!['properties']).to.have.keys(['commitment', 'documentNo', 'taskId']);
  });

  it('should refuse a request without a valid token (401) and a role that may not (403), in Chinese and English', async () => {
    const anonymous = await request(server.app).get('/api/cases').expect(401);
    expect(anonymous.body).to.deep.include({ code: 'UNAUTHENTICATED' });
    expect(anonymous.body.message).to.have.keys(['zh', 'en']);
    await request(server.app).get('/api/cases').set({ Authorization: 'Bearer nope' }).expect(401);
    await request(server.app).post('/api/definitions').set(as('window-li')).send({ xml: '<x/>' }).expect(403);
  });

  it('should name the offending field of bad input (400), and refuse malformed and oversized bodies', async () => {
    const missing = await request(server.app)
      .post('/api/cases')
      .set(as('window-li'))
      .send({ ...application, applicant: { name: '张三' } })
      .expect(400);
    expect(missing.body.field).to.equal('/body/applicant/idType');
    await request(server.app)
      .post('/api/cases')
      .set(as('window-li'))
      .set('Content-Type', 'application/json')
      .send('{"matterCode":')
      .expect(400);
    const huge = await request(server.app)
      .post('/api/cases')
      .set(as('window-li'))
      .send({ ...application, form: { big: 'x'.repeat(3_000_000) } })
      .expect(413);
    expect(huge.body.code).to.equal('PAYLOAD_TOO_LARGE');
    const badForm = await request(server.app)
      .post('/api/cases')
      .set(as('window-li'))
      .send({ ...application, form: { ...application.form, businessAddress: undefined } })
      .expect(400);
    expect(badForm.body.code).to.equal('APPLICATION_INVALID');
    expect(badForm.body.field).to.contain('businessAddress');
  });

  it('should list a deploy’s findings per element (422) and deploy valid BPMN for an admin', async () => {
    const refused = await request(server.app)
      .post('/api/definitions')
      .set(as('admin'))
      .send({
        xml: '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" isExecutable="true"><bpmn:exclusiveGateway id="g"/></bpmn:process></bpmn:definitions>',
      })
      .expect(422);
    expect(refused.body.code).to.equal('DEFINITION_INVALID');
    expect((refused.body.details.findings as Array<{ elementId: string }>).some((f) => f.elementId === 'g')).to.equal(
      true,
    );
    const versions = (
      await request(server.app).get('/api/definitions?processId=food-licence').set(as('auditor-wu')).expect(200)
    ).body as unknown[];
    expect(versions).to.have.length(1);
  });

  it('should receive a case with the 证件号码 masked, and never show it in clear', async () => {
    const created = await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201);
    expect(created.body.status).to.equal('已收件');
    expect(created.body.applicant.idNumber).to.equal('330102********1234');
    const read = await request(server.app).get(`/api/cases/${created.body.caseId}`).set(as('auditor-wu')).expect(200);
    expect(JSON.stringify(read.body)).to.not.contain('330102199001011234');
  });

  it('should accept, refuse another department’s officer (403), refuse an auditor’s write, and let the right department work the task', async () => {
    const { caseId, tasks } = await receive();
    const windowTask = tasks.find((t) => t.elementId === 'windowAcceptance')!;
    const accepted = await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('window-li'))
      .send({ operation: 'case.accept', data: { taskId: windowTask.taskId } })
      .expect(200);
    expect(accepted.body.status).to.equal('已受理');
    const review = (accepted.body.tasks as Array<{ taskId: string; elementId: string }>).find(
      (t) => t.elementId === 'review',
    )!;
    await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('fire-qian'))
      .send({ operation: 'task.complete', data: { taskId: review.taskId } })
      .expect(403);
    await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('auditor-wu'))
      .send({ operation: 'task.complete', data: { taskId: review.taskId } })
      .expect(403);
    const worked = await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('food-zhao'))
      .send({ operation: 'task.complete', data: { taskId: review.taskId, variables: { 需要现场核查: false } } })
      .expect(200);
    expect(worked.body.status).to.equal('审查中');
    const domainRule = await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('window-li'))
      .send({ operation: 'case.deliver', data: { method: '邮寄' } })
      .expect(422);
    expect(domainRule.body.code).to.equal('ILLEGAL_TRANSITION');
  });

  it('should apply an idempotent retry once and return the first result', async () => {
    const first = await request(server.app)
      .post('/api/cases')
      .set(as('window-li'))
      .set('Idempotency-Key', 'receipt-0001')
      .send(application)
      .expect(201);
    const retry = await request(server.app)
      .post('/api/cases')
      .set(as('window-li'))
      .set('Idempotency-Key', 'receipt-0001')
      .send(application)
      .expect(201);
    expect(retry.body.caseId).to.equal(first.body.caseId);
    expect(await server.store.listCases({})).to.have.length(1);
    await request(server.app)
      .post('/api/cases')
      .set(as('window-li'))
      .set('Idempotency-Key', 'receipt-0001')
      .send({ ...application, channel: '网上' })
      .expect(422);
  });

  it('should let exactly one of two concurrent completions of a task win: one 200, one 409', async () => {
    const { caseId, tasks } = await receive();
    const windowTask = tasks.find((t) => t.elementId === 'windowAcceptance')!;
    const send = () =>
      request(server.app)
        .post(`/api/cases/${caseId}/operations`)
        .set(as('window-li'))
        .send({ operation: 'task.complete', data: { taskId: windowTask.taskId } });
    const statuses = (await Promise.all([send(), send()])).map((r) => r.status).sort();
    expect(statuses).to.deep.equal([200, 409]);
  });
});
