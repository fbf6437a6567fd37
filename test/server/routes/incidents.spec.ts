/** Incidents over HTTP (in-process app): list and filter, detail with masked variables, retry, the count, who may. */
import { expect } from 'chai';
import request from 'supertest';
import { fixtureXml } from '../../engine/integration-store/support.js';
import { testServer, type TestServer } from '../support.js';

describe('server: incidents', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer();
    await server.store.deploy(fixtureXml('external-tasks.credit-check'), { actor: 'admin' });
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  /** A case whose credit check failed for good. */
  const failed = async (message: string) => {
    const caseId = (
      await server.store.startCase({
        processId: 'creditCheck',
        variables: { applicant: { idNumber: '330102199001011234' }, endpoint: 'v1' },
        actor: 'test',
      })
    ).caseId;
    const jobId = Object.keys((await server.store.getCase(caseId))!.jobs)[0]!;
    await server.store.dispatch(caseId, {
      type: 'job.fail',
      actor: 'worker:信用平台',
      data: { jobId, message, retries: 0 },
    });
    return caseId;
  };

  it('should list the open incidents with filters, and count them for the board', async () => {
    const timeout = await failed('信用平台超时');
    await failed('证书过期');
    const all = (await request(server.app).get('/api/incidents').set(as('supervisor-sun')).expect(200)).body;
    expect(all.total).to.equal(2);
    const filtered = (
      await request(server.app)
        .get('/api/incidents')
        .query({
          processId: 'creditCheck',
          elementId: 'checkCredit',
          kind: 'job-failed',
          error: '超时',
          since: '2026-11-01T00:00:00Z',
        })
        .set(as('admin'))
        .expect(200)
    ).body;
    expect(filtered.incidents.map((i: { caseId: string }) => i.caseId)).to.deep.equal([timeout]);
    expect(
      (await request(server.app).get('/api/incidents').query({ since: '2026-12-01T00:00:00Z' }).set(as('admin'))).body
        .total,
    ).to.equal(0);
    expect(
      (await request(server.app).get('/api/incidents/count').set(as('auditor-wu')).expect(200)).body,
    ).to.deep.equal({ open: 2 });
    await request(server.app).get('/api/incidents').set(as('window-li')).expect(403);
  });

  it('should show one incident with its job and the variables its element saw, 证件号码 masked', async () => {
    const caseId = await failed('信用平台超时');
    const [incident] = (await request(server.app).get('/api/incidents').set(as('admin'))).body.incidents;
    const detail = (await request(server.app).get(`/api/incidents/${incident.incidentId}`).set(as('admin')).expect(200))
      .body;
    expect(detail).to.deep.include({ caseId, elementId: 'checkCredit', elementName: '信用核查', kind: 'job-failed' });
    expect(detail.job).to.deep.include({ topic: 'credit-check', retries: 0 });
    expect(detail.variables).to.deep.equal({ applicant: { idNumber: '330102********1234' }, endpoint: 'v1' });
    await request(server.app).get('/api/incidents/nope').set(as('admin')).expect(404);
  });

  it('should retry an incident with changed variables and retries (administrators only), and the case runs on', async () => {
    const caseId = await failed('信用平台超时');
    const [incident] = (await request(server.app).get('/api/incidents').set(as('admin'))).body.incidents;
    await request(server.app)
      .post(`/api/incidents/${incident.incidentId}/retry`)
      .set(as('supervisor-sun'))
      .send({})
      .expect(403);
    await request(server.app)
      .post(`/api/incidents/${incident.incidentId}/retry`)
      .set(as('admin'))
      .send({ variables: { endpoint: 'v2' }, retries: 3 })
      .expect(200);
    const state = (await server.store.getCase(caseId))!;
    expect(state.incidents).to.deep.equal({});
    expect(Object.values(state.jobs)[0]).to.include({ retries: 3 });
    expect(state.variables[state.rootInstanceId]).to.deep.include({ endpoint: 'v2' });
    const events = await server.store.getEvents(caseId);
    expect(events.filter((e) => e.type === 'incident.resolved').map((e) => e.actor)).to.deep.equal(['admin']);
    expect((await request(server.app).get('/api/incidents/count').set(as('admin'))).body.open).to.equal(0);
    await request(server.app).post(`/api/incidents/${incident.incidentId}/retry`).set(as('admin')).send({}).expect(404);
  });
});
