/**
 * Audit over HTTP, for the replay viewer and the audit search page: the search (matter,
 * department, officer, status, 收件 time range, overrun), the timeline (the state after every
 * event, equal to the store's replay at that seq), the 一件事 family, the export, and an auditor's
 * writes refused.
 */
import { expect } from 'chai';
import request from 'supertest';
import { maskDeep } from '../../../engine/matters/index.js';
import { summarizeState } from '../../../engine/store/index.js';
import { testServer, type TestServer } from '../support.js';
import { BUSINESS_STARTUP_APPLICATION as startup } from '../../support/applications.js';
import { SHIPPED_SUPERVISION as supervision } from '../../support/supervision.js';
import { FOOD_LICENCE_APPLICATION as food } from '../../support/applications.js';

const ID_NUMBER = '330102199001011234';

interface CaseBody {
  caseId: string;
  version: number;
  tasks: Array<{ taskId: string; elementId: string }>;
}
interface Row {
  caseId: string;
  matterCode: string | null;
  matterName: string | null;
  domainStatus: string | null;
  receivedAt: string;
  parentCaseId: string | null;
}

describe('server: audit search, timeline and export', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer({ testClock: true, supervision });
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const get = (user: string, path: string) => request(server.app).get(path).set(as(user));
  const receive = async (application: object = food) =>
    (await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201)).body as CaseBody;
  const operate = async (user: string, caseId: string, operation: string, data: Record<string, unknown>) =>
    (
      await request(server.app)
        .post(`/api/cases/${caseId}/operations`)
        .set(as(user))
        .send({ operation, data })
        .expect(200)
    ).body as CaseBody;
  const taskOf = (body: CaseBody, elementId: string) => body.tasks.find((t) => t.elementId === elementId)!.taskId;
  const search = async (query: string) =>
    ((await get('auditor-wu', `/api/audit/cases${query}`).expect(200)).body as Row[]).map((row) => row.caseId);

  it('should find cases by officer who acted, matter, department, status and 收件 time range', async () => {
    const first = await receive();
    const accepted = await operate('window-li', first.caseId, 'case.accept', {
      taskId: taskOf(first, 'windowAcceptance'),
    });
    await operate('food-zhao', first.caseId, 'task.claim', { taskId: taskOf(accepted, 'review') });
    server.clock.advance('P1D');
    const second = await receive();

    expect(await search('?officer=food-zhao')).to.deep.equal([first.caseId]);
    expect(await search('?officer=window-li')).to.deep.equal([second.caseId, first.caseId]);
    expect(await search('?officer=nobody')).to.deep.equal([]);
    expect(await search('?matterCode=330106-SJ-000105013')).to.deep.equal([second.caseId, first.caseId]);
    expect(await search('?matterCode=330106-YJS-QYKB-001')).to.deep.equal([]);
    expect(await search(`?department=${encodeURIComponent('西湖区市场监督管理局行政许可科')}`)).to.deep.equal([
      first.caseId,
    ]);
    expect(await search(`?department=${encodeURIComponent('西湖区市场监督管理局')}`)).to.deep.equal([]);
    expect(await search(`?status=${encodeURIComponent('审查中')}`)).to.deep.equal([first.caseId]);
    expect(await search(`?status=${encodeURIComponent('已收件')}`)).to.deep.equal([second.caseId]);
    // The first was received 2026-11-02 01:30Z, the second a day later.
    expect(await search('?receivedFrom=2026-11-02T00:00:00Z&receivedTo=2026-11-02T12:00:00Z')).to.deep.equal([
      first.caseId,
    ]);
    expect(await search('?receivedFrom=2026-11-02T12:00:00Z')).to.deep.equal([second.caseId]);
    expect(await search('?receivedTo=2026-11-02T01:30:00Z')).to.deep.equal([]);
    expect(
      await search(`?officer=window-li&status=${encodeURIComponent('审查中')}&receivedFrom=2026-11-01T00:00:00Z`),
    ).to.deep.equal([first.caseId]);
    expect(await search(`?officer=food-zhao&status=${encodeURIComponent('已收件')}`)).to.deep.equal([]);

    const [row] = (await get('supervisor-sun', `/api/audit/cases?officer=food-zhao`).expect(200)).body as Row[];
    expect(row).to.deep.include({
      caseId: first.caseId,
      matterCode: '330106-SJ-000105013',
      domainStatus: '审查中',
      receivedAt: '2026-11-02T01:30:00.000Z',
      parentCaseId: null,
    });
    expect(row?.matterName).to.be.a('string').and.not.equal('');
    expect(JSON.stringify(row)).to.not.contain(ID_NUMBER);
  });

  it('should find overrun cases: a step past its due date (黄牌), not one still in time', async () => {
    const late = await receive();
    await operate('window-li', late.caseId, 'case.accept', { taskId: taskOf(late, 'windowAcceptance') });
    const inTime = await receive();
    expect(await search('?overdue=true')).to.deep.equal([]);
    // 审查 is due 4 working days after 受理 (Friday 17:30): Monday morning it is 黄牌.
    await request(server.app).post('/api/test/clock').set(as('admin')).send({ advance: 'P7D' }).expect(200);
    expect(await search('?overdue=true')).to.deep.equal([late.caseId]);
    // overdue=false: the others.
    expect(await search('?overdue=false')).to.deep.equal([inTime.caseId]);
  });

  it('should count a time limit running past its due time as overdue by the store’s clock, with no signal raised', async () => {
    // Without supervision rules no 黄牌 is ever raised: only the clock can tell the 审查 is past due.
    const plain = await testServer({ testClock: true });
    try {
      const receive = async () =>
        (
          await request(plain.app)
            .post('/api/cases')
            .set({ Authorization: `Bearer ${plain.tokens['window-li']}` })
            .send(food)
            .expect(201)
        ).body as CaseBody;
      const late = await receive();
      await request(plain.app)
        .post(`/api/cases/${late.caseId}/operations`)
        .set({ Authorization: `Bearer ${plain.tokens['window-li']}` })
        .send({ operation: 'case.accept', data: { taskId: taskOf(late, 'windowAcceptance') } })
        .expect(200);
      const ids = async (query: string) =>
        (
          (
            await request(plain.app)
              .get(`/api/audit/cases${query}`)
              .set({ Authorization: `Bearer ${plain.tokens['auditor-wu']}` })
              .expect(200)
          ).body as Row[]
        ).map((row) => row.caseId);
      expect(await ids('?overdue=true')).to.deep.equal([]);
      expect(await ids('?overdue=false')).to.deep.equal([late.caseId]);
      // Saturday 7 November: 审查 (due Friday 17:30) is still running, past due.
      await request(plain.app)
        .post('/api/test/clock')
        .set({ Authorization: `Bearer ${plain.tokens['admin']}` })
        .send({ advance: 'P5D' })
        .expect(200);
      // (PostgreSQL counts as a string, SQLite as a number.)
      expect(
        Number(((await plain.db.database.knex('alerts').count({ n: '*' }).first()) as { n: number | string }).n),
      ).to.equal(0);
      expect(await ids('?overdue=true')).to.deep.equal([late.caseId]);
      expect(await ids('?overdue=false')).to.deep.equal([]);
    } finally {
      await plain.close();
    }
  });

  it('should take 收件 dates as Beijing days (both included) and find cases by one time limit: kind, unit, department, finish dates, on time or late, highest open signal', async () => {
    const a = await receive();
    const aAccepted = await operate('window-li', a.caseId, 'case.accept', { taskId: taskOf(a, 'windowAcceptance') });
    const b = await receive();
    await operate('window-li', b.caseId, 'case.accept', { taskId: taskOf(b, 'windowAcceptance') });
    // Received Monday 2 November 09:30 Beijing: the 2nd is its day, the 1st and 3rd are not.
    expect(await search('?receivedFrom=2026-11-02&receivedTo=2026-11-02')).to.have.members([a.caseId, b.caseId]);
    expect(await search('?receivedTo=2026-11-01')).to.deep.equal([]);
    expect(await search('?receivedFrom=2026-11-03')).to.deep.equal([]);
    const FOOD = encodeURIComponent('西湖区市场监督管理局行政许可科');
    const WINDOW = encodeURIComponent('西湖区政务服务中心综合窗口');
    // a's 审查 done on time on Tuesday 3rd; b's left until 红牌 (Thursday 12th: 3 working days past Friday 6th).
    await request(server.app)
      .post('/api/test/clock')
      .set(as('admin'))
      .send({ set: '2026-11-03T09:30:00.000Z' })
      .expect(200);
    await operate('food-zhao', a.caseId, 'task.complete', {
      taskId: taskOf(aAccepted, 'review'),
      variables: { 需要现场核查: false },
    });
    expect(
      await search(`?limitKind=step&department=${FOOD}&finishedFrom=2026-11-03&finishedTo=2026-11-03&onTime=true`),
    ).to.deep.equal([a.caseId]);
    expect(
      await search(`?limitKind=step&department=${FOOD}&finishedFrom=2026-11-04&finishedTo=2026-11-30`),
    ).to.deep.equal([]);
    expect(await search(`?limitKind=step&department=${FOOD}&onTime=false`)).to.deep.equal([]);
    // Both 受理 steps finished on the 2nd (the window's step limits), none of the 许可科's that day.
    expect(await search(`?department=${WINDOW}&finishedFrom=2026-11-02&finishedTo=2026-11-02`)).to.have.members([
      a.caseId,
      b.caseId,
    ]);
    expect(await search(`?department=${FOOD}&finishedFrom=2026-11-02&finishedTo=2026-11-02`)).to.deep.equal([]);
    expect(await search('?limitKind=case&finishedFrom=2026-11-01')).to.deep.equal([]);
    expect(await search(`?limitUnit=${encodeURIComponent('自然日')}&limitKind=step&department=${FOOD}`)).to.deep.equal(
      [],
    );
    expect(
      await search(`?limitUnit=${encodeURIComponent('工作日')}&limitKind=step&department=${FOOD}`),
    ).to.have.members([a.caseId, b.caseId]);

    await request(server.app)
      .post('/api/test/clock')
      .set(as('admin'))
      .send({ set: '2026-11-10T01:30:00.000Z' })
      .expect(200);
    // Tuesday 10th: b's 审查 is at 黄牌 (预警 still open too): highest open 黄牌.
    expect(await search(`?signal=${encodeURIComponent('黄牌')}&department=${FOOD}`)).to.deep.equal([b.caseId]);
    expect(await search(`?signal=${encodeURIComponent('预警')}&department=${FOOD}`)).to.deep.equal([]);
    await request(server.app)
      .post('/api/test/clock')
      .set(as('admin'))
      .send({ set: '2026-11-12T01:30:00.000Z' })
      .expect(200);
    // Thursday 12th: at 红牌, so no longer in the 黄牌 list (the board counts each limit once, at its highest open level).
    expect(await search(`?signal=${encodeURIComponent('红牌')}&department=${FOOD}`)).to.deep.equal([b.caseId]);
    expect(await search(`?signal=${encodeURIComponent('黄牌')}&department=${FOOD}`)).to.deep.equal([]);
    // a's 决定 (the 局, since the 3rd) is at 红牌 too: the matter's step limits at 红牌 are of both cases.
    expect(
      await search(`?signal=${encodeURIComponent('红牌')}&department=${encodeURIComponent('西湖区市场监督管理局')}`),
    ).to.deep.equal([a.caseId]);
    expect(
      await search(`?signal=${encodeURIComponent('红牌')}&matterCode=330106-SJ-000105013&limitKind=step`),
    ).to.have.members([a.caseId, b.caseId]);
    expect(await search(`?signal=${encodeURIComponent('红牌')}&noMatter=true`)).to.deep.equal([]);
    // The promised limit (no department) of both is not yet due: no 办件 signal.
    expect(await search('?limitKind=case&noDepartment=true&signal=' + encodeURIComponent('黄牌'))).to.deep.equal([]);
  });

  it('should refuse a time range that ends before it starts, a bad status or date, naming the field (400), and non-auditors (403, 401)', async () => {
    const reversed = await get(
      'auditor-wu',
      '/api/audit/cases?receivedFrom=2026-11-03T00:00:00Z&receivedTo=2026-11-02T00:00:00Z',
    ).expect(400);
    expect(reversed.body).to.deep.include({ code: 'INVALID_INPUT', field: '/query/receivedTo' });
    expect(reversed.body.message.zh).to.contain('收件时间');
    const status = await get('auditor-wu', '/api/audit/cases?status=done').expect(400);
    expect(status.body.field).to.equal('/query/status');
    expect((await get('auditor-wu', '/api/audit/cases?receivedFrom=yesterday').expect(400)).body.field).to.equal(
      '/query/receivedFrom',
    );
    expect((await get('auditor-wu', '/api/audit/cases?colour=red').expect(400)).body.code).to.equal('INVALID_INPUT');
    const finished = await get('auditor-wu', '/api/audit/cases?finishedFrom=2026-11-30&finishedTo=2026-11-01').expect(
      400,
    );
    expect(finished.body.field).to.equal('/query/finishedTo');
    expect(finished.body.message.zh).to.contain('不能早于');
    expect((await get('auditor-wu', '/api/audit/cases?finishedFrom=2026-11-31').expect(400)).body.field).to.equal(
      '/query/finishedFrom',
    );
    expect(
      (
        await get(
          'auditor-wu',
          `/api/audit/cases?noDepartment=true&department=${encodeURIComponent('消防救援')}`,
        ).expect(400)
      ).body.field,
    ).to.equal('/query/noDepartment');
    expect(
      (await get('auditor-wu', '/api/audit/cases?noMatter=true&matterCode=330106-SJ-000105013').expect(400)).body.field,
    ).to.equal('/query/noMatter');
    expect((await get('auditor-wu', '/api/audit/cases?signal=green').expect(400)).body.field).to.equal('/query/signal');
    expect((await get('auditor-wu', '/api/audit/cases?onTime=maybe').expect(400)).body.field).to.equal('/query/onTime');
    expect((await get('auditor-wu', '/api/audit/cases?limitKind=task').expect(400)).body.field).to.equal(
      '/query/limitKind',
    );
    expect(
      (await get('auditor-wu', '/api/audit/cases?receivedFrom=2026-11-03&receivedTo=2026-11-02').expect(400)).body
        .field,
    ).to.equal('/query/receivedTo');
    await get('window-li', '/api/audit/cases').expect(403);
    await get('food-zhao', '/api/audit/cases').expect(403);
    await request(server.app).get('/api/audit/cases').expect(401);
  });

  it('should give every event the state after it, equal to the store’s replay at that seq, with what it touched', async () => {
    const received = await receive();
    const accepted = await operate('window-li', received.caseId, 'case.accept', {
      taskId: taskOf(received, 'windowAcceptance'),
    });
    await request(server.app).post('/api/test/clock').set(as('admin')).send({ advance: 'P4D' }).expect(200);
    await operate('food-zhao', received.caseId, 'task.complete', {
      taskId: taskOf(accepted, 'review'),
      variables: { 需要现场核查: false },
    });
    const timeline = (await get('auditor-wu', `/api/audit/cases/${received.caseId}/timeline`).expect(200)).body as {
      case: {
        caseId: string;
        domainStatus: string;
        matter: { code: string; name: string };
        applicant: { idNumber: string };
      };
      definition: { processId: string; version: number; hash: string };
      parent: unknown;
      children: unknown[];
      steps: Array<{
        seq: number;
        type: string;
        actor: string;
        elements: string[];
        flows: string[];
        data: unknown;
        state: Record<string, unknown>;
      }>;
    };
    const events = await server.store.getEvents(received.caseId);
    expect(timeline.steps.map((s) => s.seq)).to.deep.equal(events.map((_, i) => i + 1));
    expect(timeline.steps.map((s) => s.type)).to.deep.equal(events.map((e) => e.type));
    for (const step of timeline.steps) {
      const replayed = await server.store.replay(received.caseId, { upToSeq: step.seq });
      expect(step.state, `state after seq ${step.seq}`).to.deep.equal(
        maskDeep(JSON.parse(JSON.stringify(summarizeState(replayed)))),
      );
    }
    const last = timeline.steps[timeline.steps.length - 1]!.state as {
      active: Record<string, number>;
      completed: Record<string, number>;
      flows: Record<string, number>;
      signals: Array<{ level: string; elementId: string }>;
      tasks: Array<{ elementId: string }>;
    };
    expect(last.active).to.have.property('decision', 1);
    expect(last.completed).to.include({ windowAcceptance: 1, review: 1 });
    expect(Object.keys(last.flows).length).to.be.greaterThan(2);
    expect(last.tasks.map((t) => t.elementId)).to.deep.equal(['decision']);
    // The 预警 of 审查 was open before 审查 finished.
    const warned = timeline.steps.find((s) => s.type === 'alert.raised')!;
    expect((warned.state as typeof last).signals).to.deep.include({
      ...(warned.state as typeof last).signals[0],
      level: '预警',
      elementId: 'review',
    });
    expect(timeline.steps.find((s) => s.type === 'flow.taken')!.flows).to.have.length(1);
    expect(timeline.steps.find((s) => s.type === 'element.completed' && s.elements.includes('review'))).to.not.equal(
      undefined,
    );
    expect(timeline.definition).to.deep.include({ processId: 'food-licence', version: 1 });
    expect(timeline.definition.hash).to.equal((await server.store.getCase(received.caseId))!.definitionHash);
    expect(timeline.case).to.deep.include({ caseId: received.caseId, domainStatus: '审查中' });
    expect(timeline.case.applicant.idNumber).to.equal('330102********1234');
    expect(JSON.stringify(timeline)).to.not.contain(ID_NUMBER);
    expect(timeline.parent).to.equal(null);
    expect(timeline.children).to.deep.equal([]);
    await get('auditor-wu', '/api/audit/cases/BJ-nope/timeline').expect(404);
    await get('food-zhao', `/api/audit/cases/${received.caseId}/timeline`).expect(403);
  });

  it('should link a 一件事 parent to its child cases (with their call activity) and each child back', async () => {
    const received = await receive(startup);
    await operate('window-li', received.caseId, 'case.accept', { taskId: taskOf(received, 'windowAcceptance') });
    const parent = (await get('auditor-wu', `/api/audit/cases/${received.caseId}/timeline`).expect(200)).body as {
      children: Array<{ caseId: string; processId: string; elementId: string }>;
      steps: Array<{ state: { calls: Array<{ elementId: string; childCaseId: string }> } }>;
    };
    expect(parent.children).to.have.length(1);
    expect(parent.children[0]).to.deep.include({ processId: 'business-startup-licence', elementId: 'businessLicence' });
    const childId = parent.children[0]!.caseId;
    expect(parent.steps[parent.steps.length - 1]!.state.calls).to.deep.equal([
      { elementId: 'businessLicence', childCaseId: childId },
    ]);
    const child = (await get('auditor-wu', `/api/audit/cases/${childId}/timeline`).expect(200)).body as {
      parent: unknown;
      definition: { processId: string; version: number };
    };
    expect(child.parent).to.deep.equal({
      caseId: received.caseId,
      processId: 'business-startup',
      elementId: 'businessLicence',
    });
    expect(child.definition).to.deep.include({ processId: 'business-startup-licence', version: 1 });
    const rows = (await get('auditor-wu', '/api/audit/cases?matterCode=330106-YJS-QYKB-001').expect(200)).body as Row[];
    expect(rows.map((r) => r.caseId)).to.deep.equal([received.caseId]);
    const childRow = (
      (await get('auditor-wu', '/api/audit/cases').expect(200)).body as Array<Row & { processName: string }>
    ).find((r) => r.caseId === childId);
    expect(childRow).to.deep.include({
      parentCaseId: received.caseId,
      processName: '企业设立登记（营业执照）',
      // A part of a 一件事 is a 办件 of its own, under its part's name.
      matterName: '营业执照',
    });
  });

  it('should export the whole history: the events as the history API gives them, with their chain links and the verification', async () => {
    const received = await receive();
    await operate('window-li', received.caseId, 'case.accept', { taskId: taskOf(received, 'windowAcceptance') });
    const history = (await get('auditor-wu', `/api/audit/cases/${received.caseId}/events`).expect(200)).body as Array<
      Record<string, unknown>
    >;
    const exported = (await get('auditor-wu', `/api/audit/cases/${received.caseId}/export`).expect(200)).body as {
      format: string;
      exportedBy: string;
      case: { caseId: string };
      verification: unknown;
      events: Array<Record<string, unknown> & { prevHash: string; hash: string }>;
    };
    expect(exported.format).to.equal('matterflow.case-history/1');
    expect(exported.exportedBy).to.equal('auditor-wu');
    expect(exported.case.caseId).to.equal(received.caseId);
    expect(exported.verification).to.deep.equal({ ok: true });
    expect(exported.events.map(({ prevHash: _p, hash: _h, ...event }) => event)).to.deep.equal(history);
    const stored = (await server.store.database
      .knex('case_events')
      .where({ case_id: received.caseId })
      .orderBy('seq')
      .select('hash')) as Array<{ hash: string }>;
    expect(exported.events.map((e) => e.hash)).to.deep.equal(stored.map((r) => r.hash));
    expect(exported.events[1]!.prevHash).to.equal(exported.events[0]!.hash);
    expect(JSON.stringify(exported)).to.not.contain(ID_NUMBER);

    const knex = server.store.database.knex;
    const row = (await knex('case_events').where({ case_id: received.caseId, seq: 4 }).first()) as { data: string };
    await knex('case_events')
      .where({ case_id: received.caseId, seq: 4 })
      .update({ data: JSON.stringify({ ...(JSON.parse(row.data) as object), tampered: true }) });
    const tampered = (await get('auditor-wu', `/api/audit/cases/${received.caseId}/export`).expect(200)).body as {
      verification: { ok: boolean; brokenAtSeq: number };
    };
    expect(tampered.verification).to.deep.include({ ok: false, brokenAtSeq: 4 });
    // The replay viewer still shows the altered history, to be read against the break.
    const timeline = (await get('auditor-wu', `/api/audit/cases/${received.caseId}/timeline`).expect(200)).body as {
      steps: Array<{ data: Record<string, unknown> }>;
    };
    expect(timeline.steps[3]!.data).to.have.property('tampered', true);
    await get('window-li', `/api/audit/cases/${received.caseId}/export`).expect(403);
  });

  it('should refuse every write of an auditor (403) and leave the case as it was', async () => {
    const received = await receive();
    const before = await server.store.getCase(received.caseId);
    const post = (path: string, body: object) => request(server.app).post(path).set(as('auditor-wu')).send(body);
    expect((await post('/api/cases', food).expect(403)).body.code).to.equal('FORBIDDEN');
    for (const [operation, data] of [
      ['case.accept', { taskId: taskOf(received, 'windowAcceptance') }],
      ['task.claim', { taskId: taskOf(received, 'windowAcceptance') }],
      ['task.complete', { taskId: taskOf(received, 'windowAcceptance') }],
      ['case.suspend', { reason: '审计' }],
      ['task.urge', { taskId: taskOf(received, 'windowAcceptance'), message: '请尽快办理' }],
    ] as const) {
      const refused = await post(`/api/cases/${received.caseId}/operations`, { operation, data }).expect(403);
      expect(refused.body.message.zh, operation).to.match(/无权/);
    }
    await post('/api/definitions', { xml: '<bpmn:definitions/>' }).expect(403);
    await post('/api/test/clock', { advance: 'P1D' }).expect(403);
    expect(await server.store.getCase(received.caseId)).to.deep.equal(before);
  });
});
