/** 电子监察 over HTTP: signals of an overdue step and statistics, for supervisors and (own department only) department officers. */
import { expect } from 'chai';
import request from 'supertest';
import { policyFrom } from '../../../engine/supervision/index.js';
import { jobsOf } from '../../../engine/jobs/index.js';
import { createUser } from '../../../engine/users-store/index.js';
import { testServer, type TestServer } from '../support.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';

const FOOD = '西湖区市场监督管理局行政许可科';
const supervision = policyFrom({
  defaults: {
    warning: { remaining: { amount: 1, unit: '工作日' } },
    yellowAtDue: true,
    red: { after: { amount: 3, unit: '工作日' } },
  },
});

interface Signal {
  caseId: string;
  number: string | null;
  level: string;
  kind: string;
  elementId: string;
  department: string | null;
  matterCode: string | null;
  clearedAt: string | null;
}

describe('server: supervision', () => {
  let server: TestServer;
  let supervisorToken: string;
  let caseId: string;
  let caseNumber: string;
  let reviewTaskId: string;
  beforeEach(async () => {
    server = await testServer({ supervision });
    supervisorToken = (
      await createUser(
        server.store.database.knex,
        { id: 'supervisor-zhou', name: '周', roles: ['supervisor'] },
        { actor: 'test', at: '2026-11-01T00:00:00.000Z' },
      )
    ).token;
    // A case accepted at once whose 审查 step (4 working days, 许可科) is left lying for a month.
    const accepted = await receiveAndAccept();
    caseId = accepted.caseId;
    caseNumber = accepted.number;
    reviewTaskId = accepted.reviewTaskId;
    await jobsOf(server.store).fireDueTimers(new Date('2026-12-02T01:30:00.000Z'));
    server.clock.set('2026-12-02T01:30:00.000Z');
  });
  afterEach(() => server.close());

  const as = (user: string) => ({
    Authorization: `Bearer ${user === 'supervisor-zhou' ? supervisorToken : server.tokens[user]}`,
  });
  const get = (user: string, path: string) => request(server.app).get(path).set(as(user));
  /** 收件 and 受理 of a 食品经营许可 at the window: the case, its 办件编号 and its 审查 step. */
  const receiveAndAccept = async () => {
    const received = (await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201))
      .body as { caseId: string; number: string; tasks: Array<{ taskId: string; elementId: string }> };
    const windowTask = received.tasks.find((t) => t.elementId === 'windowAcceptance')!;
    const accepted = await request(server.app)
      .post(`/api/cases/${received.caseId}/operations`)
      .set(as('window-li'))
      .send({ operation: 'case.accept', data: { taskId: windowTask.taskId } })
      .expect(200);
    const review = (accepted.body.tasks as Array<{ taskId: string; elementId: string }>).find(
      (t) => t.elementId === 'review',
    )!;
    return { caseId: received.caseId, number: received.number, reviewTaskId: review.taskId };
  };
  const signals = async (user: string, query = '') =>
    (await get(user, `/api/supervision/signals${query}`).expect(200)).body as Signal[];

  it('should list the open signals of the overdue step by level, department and matter for a supervisor', async () => {
    const all = await signals('supervisor-zhou');
    const review = all.filter((s) => s.caseId === caseId && s.elementId === 'review');
    expect(review.map((s) => s.level).sort()).to.deep.equal(['红牌', '预警', '黄牌'].sort());
    expect(
      review.every(
        (s) =>
          s.kind === 'step' && s.department === FOOD && s.matterCode === '330106-SJ-000105013' && s.clearedAt === null,
      ),
    ).to.equal(true);
    expect((await signals('supervisor-zhou', '?level=红牌')).every((s) => s.level === '红牌')).to.equal(true);
    expect(
      (await signals('auditor-wu', `?level=红牌&department=${encodeURIComponent(FOOD)}`)).filter(
        (s) => s.elementId === 'review',
      ),
    ).to.have.length(1);
    expect(await signals('admin', '?matterCode=nope')).to.deep.equal([]);
    expect(await signals('admin', '?from=2027-01-01T00:00:00Z')).to.deep.equal([]);
    expect((await signals('admin', '?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z')).length).to.equal(all.length);
    await get('admin', '/api/supervision/signals?level=橙牌').expect(400);
  });

  it('should give each signal its case’s 办件编号, and find a case’s signals by its number or its date as the case list does', async () => {
    // given a second case, received and accepted a month after the first, also left lying
    const second = await receiveAndAccept();
    await jobsOf(server.store).fireDueTimers(new Date('2027-01-04T01:30:00.000Z'));
    server.clock.set('2027-01-04T01:30:00.000Z');
    expect([caseNumber, second.number]).to.deep.equal(['20261102-0001', '20261202-0001']);

    // when / then: every signal names its case's number
    const all = await signals('supervisor-zhou');
    expect(new Set(all.map((s) => s.caseId))).to.deep.equal(new Set([caseId, second.caseId]));
    for (const signal of all) expect(signal.number).to.equal(signal.caseId === caseId ? caseNumber : second.number);

    // and a number, or a date either way written, finds that case's signals only
    const ofCase = (id: string) => all.filter((s) => s.caseId === id);
    expect(ofCase(caseId)).to.not.deep.equal([]);
    expect(ofCase(second.caseId)).to.not.deep.equal([]);
    expect(await signals('supervisor-zhou', `?number=${caseNumber}`)).to.deep.equal(ofCase(caseId));
    expect(await signals('auditor-wu', `?number=${second.number}`)).to.deep.equal(ofCase(second.caseId));
    expect(await signals('supervisor-zhou', '?number=20261102')).to.deep.equal(ofCase(caseId));
    expect(await signals('supervisor-zhou', '?number=2026-12-02')).to.deep.equal(ofCase(second.caseId));
    expect(await signals('supervisor-zhou', '?number=20261102-0002')).to.deep.equal([]);
    expect(await signals('food-zhao', `?number=${caseNumber}&level=红牌`)).to.deep.equal(
      ofCase(caseId).filter((s) => s.level === '红牌' && s.department === FOOD),
    );
    const refused = await get('supervisor-zhou', '/api/supervision/signals?number=食品-0001').expect(400);
    expect(refused.body.field).to.equal('/query/number');
  });

  it('should confine a department officer to their own department (another is 403) and refuse a window officer', async () => {
    const own = await signals('food-zhao');
    expect(own.length).to.be.greaterThan(0);
    expect(own.every((s) => s.department === FOOD)).to.equal(true);
    expect(await signals('food-zhao', `?department=${encodeURIComponent(FOOD)}`)).to.deep.equal(own);
    await get('food-zhao', `/api/supervision/signals?department=${encodeURIComponent('消防救援')}`).expect(403);
    expect(await signals('fire-qian')).to.deep.equal([]);
    await get('window-li', '/api/supervision/signals').expect(403);
    await get(
      'food-zhao',
      '/api/supervision/statistics?from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z&groupBy=matter',
    ).expect(403);
  });

  it('should count the late step as not on time in the statistics, and clear its signals once done', async () => {
    await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('food-zhao'))
      .send({ operation: 'task.complete', data: { taskId: reviewTaskId, variables: { 需要现场核查: false } } })
      .expect(200);
    const range = 'from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z';
    const byDepartment = (
      await get('supervisor-zhou', `/api/supervision/statistics?${range}&groupBy=department&kind=step`).expect(200)
    ).body as Array<{ key: string; finished: number; onTime: number; onTimeRate: number }>;
    const food = byDepartment.find((row) => row.key === FOOD);
    expect(food).to.deep.include({ finished: 1, onTime: 0, onTimeRate: 0 });
    const mine = (
      await get('food-zhao', `/api/supervision/statistics?${range}&groupBy=department&kind=step`).expect(200)
    ).body as Array<{ key: string }>;
    expect(mine.map((row) => row.key)).to.deep.equal([FOOD]);
    const byMatter = (
      await get('auditor-wu', `/api/supervision/statistics?${range}&groupBy=matter&kind=step`).expect(200)
    ).body as Array<{ key: string; finished: number }>;
    expect(byMatter.find((row) => row.key === '330106-SJ-000105013')?.finished).to.be.greaterThan(0);
    expect((await signals('supervisor-zhou')).filter((s) => s.elementId === 'review')).to.deep.equal([]);
    expect(
      (await signals('supervisor-zhou', '?open=false')).filter((s) => s.elementId === 'review' && s.clearedAt !== null)
        .length,
    ).to.be.greaterThan(0);
    await get(
      'supervisor-zhou',
      '/api/supervision/statistics?from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z&groupBy=officer',
    ).expect(400);
    await get('supervisor-zhou', '/api/supervision/statistics?groupBy=matter').expect(400);
  });
});
