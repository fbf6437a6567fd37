/** Audit over HTTP: history and replayed state with personal data masked, verification, the diagram path, and who may read. */
import { expect } from 'chai';
import request from 'supertest';
import { maskForAudit } from '../../../server/views/personal-data.js';
import { createUser } from '../../../engine/users-store/index.js';
import { testServer, type TestServer } from '../support.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';

const ID_NUMBER = '330102199001011234';

describe('server: audit', () => {
  let server: TestServer;
  let supervisorToken: string;
  beforeEach(async () => {
    server = await testServer();
    supervisorToken = (
      await createUser(
        server.store.database.knex,
        { id: 'supervisor-zhou', name: '周', roles: ['supervisor'] },
        { actor: 'test', at: '2026-11-01T00:00:00.000Z' },
      )
    ).token;
  });
  afterEach(() => server.close());

  const as = (user: string) => ({
    Authorization: `Bearer ${user === 'supervisor-zhou' ? supervisorToken : server.tokens[user]}`,
  });
  const get = (user: string, path: string) => request(server.app).get(path).set(as(user));
  const receive = async () =>
    (await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201)).body as {
      caseId: string;
      version: number;
      tasks: Array<{ taskId: string; elementId: string }>;
    };
  const accept = async (caseId: string, tasks: Array<{ taskId: string; elementId: string }>) => {
    const windowTask = tasks.find((t) => t.elementId === 'windowAcceptance')!;
    return (
      await request(server.app)
        .post(`/api/cases/${caseId}/operations`)
        .set(as('window-li'))
        .send({ operation: 'case.accept', data: { taskId: windowTask.taskId } })
        .expect(200)
    ).body as { version: number };
  };

  it('should give an auditor the full history in seq order with every 证件号码 masked', async () => {
    const { caseId, tasks } = await receive();
    const accepted = await accept(caseId, tasks);
    const history = (await get('auditor-wu', `/api/audit/cases/${caseId}/events`).expect(200)).body as Array<{
      seq: number;
      type: string;
      time: string;
      actor: string;
      data: unknown;
    }>;
    expect(history).to.have.length(accepted.version);
    expect(history.map((e) => e.seq)).to.deep.equal(history.map((_, i) => i + 1));
    expect(history[0]).to.have.keys(['seq', 'type', 'time', 'actor', 'text', 'data']);
    expect(history.some((e) => e.actor === 'window-li')).to.equal(true);
    const text = JSON.stringify(history);
    expect(text).to.contain('330102********1234');
    expect(text).to.not.contain(ID_NUMBER);
    await get('auditor-wu', '/api/audit/cases/BJ-nope/events').expect(404);
  });

  it('should replay the state at a seq equal to the state after that many events, masked, and at an instant', async () => {
    const { caseId, tasks, version } = await receive();
    const afterReceipt = await server.store.getCase(caseId);
    server.clock.advance('PT1H');
    const accepted = await accept(caseId, tasks);
    expect(accepted.version).to.be.greaterThan(version);
    const atSeq = (await get('auditor-wu', `/api/audit/cases/${caseId}/state?seq=${version}`).expect(200))
      .body as Record<string, unknown>;
    expect(atSeq).to.deep.equal(maskForAudit(JSON.parse(JSON.stringify(afterReceipt))));
    expect(atSeq['seq']).to.equal(version);
    expect(JSON.stringify(atSeq)).to.not.contain(ID_NUMBER);
    const atTime = (
      await get('supervisor-zhou', `/api/audit/cases/${caseId}/state?at=2026-11-02T02:00:00Z`).expect(200)
    ).body as Record<string, unknown>;
    expect(atTime).to.deep.equal(atSeq);
    const now = (await get('admin', `/api/audit/cases/${caseId}/state`).expect(200)).body as Record<string, unknown>;
    expect(now['seq']).to.equal(accepted.version);
  });

  it('should refuse both seq and at, or a bad value (400), and an unknown case (404)', async () => {
    const { caseId } = await receive();
    const both = await get('auditor-wu', `/api/audit/cases/${caseId}/state?seq=1&at=2026-11-02T02:00:00Z`).expect(400);
    expect(both.body.code).to.equal('INVALID_INPUT');
    await get('auditor-wu', `/api/audit/cases/${caseId}/state?seq=zero`).expect(400);
    await get('auditor-wu', `/api/audit/cases/${caseId}/state?seq=0`).expect(400);
    await get('auditor-wu', `/api/audit/cases/${caseId}/state?at=yesterday`).expect(400);
    await get('auditor-wu', `/api/audit/cases/${caseId}/state?at=2020-01-01T00:00:00Z`).expect(404);
    const unknown = await get('auditor-wu', '/api/audit/cases/BJ-nope/state?seq=1').expect(404);
    expect(unknown.body.code).to.equal('CASE_NOT_FOUND');
  });

  it('should report verification ok, then the seq of a tampered event', async () => {
    const { caseId, tasks } = await receive();
    await accept(caseId, tasks);
    expect((await get('auditor-wu', `/api/audit/cases/${caseId}/verification`).expect(200)).body).to.deep.equal({
      ok: true,
    });
    const knex = server.store.database.knex;
    const row = (await knex('case_events').where({ case_id: caseId, seq: 3 }).first()) as { data: string };
    await knex('case_events')
      .where({ case_id: caseId, seq: 3 })
      .update({ data: JSON.stringify({ ...(JSON.parse(row.data) as object), tampered: true }) });
    const broken = (await get('auditor-wu', `/api/audit/cases/${caseId}/verification`).expect(200)).body as {
      ok: boolean;
      brokenAtSeq: number;
      reason: string;
    };
    expect(broken.ok).to.equal(false);
    expect(broken.brokenAtSeq).to.equal(3);
    expect(broken.reason).to.be.a('string').and.not.equal('');
    await get('auditor-wu', '/api/audit/cases/BJ-nope/verification').expect(404);
  });

  it('should refuse audit to a window officer and a department officer (403), and to no token (401)', async () => {
    const { caseId } = await receive();
    for (const part of ['events', 'state', 'verification', 'path']) {
      await get('window-li', `/api/audit/cases/${caseId}/${part}`).expect(403);
      await get('food-zhao', `/api/audit/cases/${caseId}/${part}`).expect(403);
      await request(server.app).get(`/api/audit/cases/${caseId}/${part}`).expect(401);
    }
  });

  it('should list the flows taken with counts, the elements entered and completed, the active ones, and what each event touched', async () => {
    const { caseId, tasks } = await receive();
    await accept(caseId, tasks);
    const path = (await get('auditor-wu', `/api/audit/cases/${caseId}/path`).expect(200)).body as {
      processId: string;
      elements: Record<string, { entered: string[]; completed: string[] }>;
      flows: Record<string, { sourceId: string; targetId: string; count: number }>;
      active: string[];
      steps: Array<{ seq: number; type: string; elements: string[]; flows: string[] }>;
    };
    const events = await server.store.getEvents(caseId);
    const taken = events.flatMap((e) => (e.type === 'flow.taken' ? [e.data.flowId] : []));
    expect(taken.length).to.be.greaterThan(0);
    expect(Object.keys(path.flows).sort()).to.deep.equal([...new Set(taken)].sort());
    expect(Object.values(path.flows).reduce((n, f) => n + f.count, 0)).to.equal(taken.length);
    expect(Object.values(path.flows).some((f) => f.targetId === 'windowAcceptance')).to.equal(true);
    expect(path.elements['windowAcceptance']?.entered).to.have.length(1);
    expect(path.elements['windowAcceptance']?.completed).to.have.length(1);
    const open = Object.values((await server.store.getCase(caseId))!.tasks).map((t) => t.elementId);
    expect(path.active).to.include.members(open);
    expect(path.active).to.not.include('windowAcceptance');
    const flowStep = path.steps.find((s) => s.type === 'flow.taken')!;
    expect(events[flowStep.seq - 1]?.type).to.equal('flow.taken');
    expect(path.steps.flatMap((s) => s.flows)).to.deep.equal(taken);
  });
});
