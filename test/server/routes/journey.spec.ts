/**
 * A 食品经营许可 from 收件 to 送达 through HTTP only, driven by the test clock: 受理 at the window,
 * 审查 by the 行政许可科 (left lying until a step signal fires), 决定 (出证) by the 市场监督管理局,
 * 送达 at the window; then the audit trail verifies and the case reads 已办结 with its delivery.
 */
import { expect } from 'chai';
import request from 'supertest';
import { addChief, testServer, type TestServer } from '../support.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';
import { SHIPPED_SUPERVISION as supervision } from '../../support/supervision.js';

/** The 决定 task's department (gov:department of `decision` in processes/food-licence.bpmn): none of the shipped test users. */
/** The centre's shipped 电子监察 rules (预警 at 1 working day left, 黄牌 at the due time, 红牌 3 working days after). */
const DECISION_DEPARTMENT = '西湖区市场监督管理局';

interface CaseBody {
  caseId: string;
  status: string;
  tasks: Array<{ taskId: string; elementId: string; department: string | null }>;
}
interface Signal {
  caseId: string;
  level: string;
  kind: string;
  elementId: string;
  department: string | null;
}

describe('server: journey from 收件 to 送达 (HTTP only, test clock)', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  beforeEach(async () => {
    server = await testServer({ testClock: true, supervision });
    Object.assign(tokens, server.tokens);
    // A user row, not a store call: the officer who signs the 决定 for the 市场监督管理局.
    tokens['chief-zhou'] = await addChief(server);
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const operate = async (user: string, caseId: string, operation: string, data: Record<string, unknown>) =>
    (
      await request(server.app)
        .post(`/api/cases/${caseId}/operations`)
        .set(as(user))
        .send({ operation, data })
        .expect(200)
    ).body as CaseBody;
  const task = (body: CaseBody, elementId: string) => {
    const found = body.tasks.find((t) => t.elementId === elementId);
    expect(found, `open task ${elementId}`).to.not.equal(undefined);
    return found!;
  };

  it('should take a case through 受理, 审查 (with a step signal), 决定 and 送达, and verify its audit trail', async () => {
    const received = (await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201))
      .body as CaseBody;
    expect(received.status).to.equal('已收件');
    const caseId = received.caseId;

    const accepted = await operate('window-li', caseId, 'case.accept', {
      taskId: task(received, 'windowAcceptance').taskId,
    });
    expect(accepted.status).to.equal('已受理');
    const review = task(accepted, 'review');
    const reviewLimit = (
      accepted as unknown as { timeLimits: Array<{ kind: string; elementId: string; dueAt: string }> }
    ).timeLimits.find((l) => l.kind === 'step' && l.elementId === 'review');
    expect(reviewLimit?.dueAt).to.equal('2026-11-06T09:30:00.000Z');
    expect(review.department).to.equal('西湖区市场监督管理局行政许可科');

    // 审查 is due Friday 17:30 (4 working days) and the rules warn 1 working day before: Friday morning it is 预警, not yet 黄牌.
    const moved = (
      await request(server.app).post('/api/test/clock').set(as('admin')).send({ advance: 'P4D' }).expect(200)
    ).body as { now: string; timers: Array<{ caseId: string; outcome: string }> };
    expect(moved.now).to.equal('2026-11-06T01:30:00.000Z');
    expect(moved.timers.filter((t) => t.caseId === caseId).map((t) => t.outcome)).to.include('fired');
    const signals = (await request(server.app).get('/api/supervision/signals').set(as('supervisor-sun')).expect(200))
      .body as Signal[];
    const reviewSignals = signals.filter((s) => s.caseId === caseId && s.elementId === 'review');
    expect(reviewSignals.map((s) => s.level)).to.deep.equal(['预警']);
    expect(reviewSignals[0]).to.deep.include({ kind: 'step', department: '西湖区市场监督管理局行政许可科' });

    const reviewed = await operate('food-zhao', caseId, 'task.complete', {
      taskId: review.taskId,
      variables: { 需要现场核查: false },
    });
    expect(reviewed.status).to.equal('审查中');
    const decision = task(reviewed, 'decision');
    expect(decision.department).to.equal(DECISION_DEPARTMENT);
    // The 许可科 may not sign the 决定 of the 局.
    await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('food-zhao'))
      .send({
        operation: 'case.conclude',
        data: {
          kind: '出证',
          licence: { name: '食品经营许可证', number: 'JY13301060000001' },
          taskId: decision.taskId,
        },
      })
      .expect(403);
    const concluded = await operate('chief-zhou', caseId, 'case.conclude', {
      kind: '出证',
      licence: { name: '食品经营许可证', number: 'JY13301060000001' },
      taskId: decision.taskId,
    });
    expect(concluded.status).to.equal('已办结');

    const delivering = await operate('window-li', caseId, 'task.complete', {
      taskId: task(concluded, 'deliverLicence').taskId,
    });
    const delivered = await operate('window-li', caseId, 'case.deliver', { method: '窗口领取' });
    expect(delivering.tasks.filter((t) => t.elementId === 'deliverLicence')).to.deep.equal([]);
    expect(delivered.tasks).to.deep.equal([]);

    const verification = (
      await request(server.app).get(`/api/audit/cases/${caseId}/verification`).set(as('auditor-wu')).expect(200)
    ).body as { ok: boolean };
    expect(verification.ok, JSON.stringify(verification)).to.equal(true);
    const final = (await request(server.app).get(`/api/cases/${caseId}`).set(as('auditor-wu')).expect(200))
      .body as CaseBody & Record<string, unknown>;
    expect(final.status).to.equal('已办结');
    expect(final['flowStatus']).to.equal('completed');
    expect(final['result']).to.deep.include({
      kind: '出证',
      by: 'chief-zhou',
      licence: { name: '食品经营许可证', number: 'JY13301060000001' },
    });
    expect(final['delivery']).to.deep.equal({ at: '2026-11-06T01:30:00.000Z', by: 'window-li', method: '窗口领取' });
    // Done in time: the 审查 预警 is cleared.
    const open = (await request(server.app).get('/api/supervision/signals').set(as('supervisor-sun')).expect(200))
      .body as Signal[];
    expect(open.filter((s) => s.caseId === caseId)).to.deep.equal([]);
  });
});
