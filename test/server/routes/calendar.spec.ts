/** Calendar administration over HTTP: years, imports that make provisional due dates official, audited corrections, who may write. */
import { expect } from 'chai';
import request from 'supertest';
import { testServer, type TestServer } from '../support.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';

const notice2027 = {
  year: 2027,
  papers: ['https://www.gov.cn/example-2027-notice'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '元旦', date: '2027-01-04', isOffDay: true },
  ],
};

describe('server: calendar administration', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer({ testClock: true });
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });

  it('should import a 2027 notice through the API, list 2027 as official and make a provisional due date official', async () => {
    await request(server.app)
      .post('/api/test/clock')
      .set(as('admin'))
      .send({ set: '2026-12-21T02:00:00.000Z' })
      .expect(200);
    const received = await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201);
    const caseId = received.body.caseId as string;
    const windowTask = (received.body.tasks as Array<{ taskId: string; elementId: string }>).find(
      (t) => t.elementId === 'windowAcceptance',
    )!;
    const accepted = await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('window-li'))
      .send({ operation: 'case.accept', data: { taskId: windowTask.taskId } })
      .expect(200);
    const provisional = (accepted.body.timeLimits as Array<{ provisional: boolean; dueAt: string }>).filter(
      (limit) => limit.provisional,
    );
    expect(provisional.length).to.be.greaterThan(0);
    const years = (await request(server.app).get('/api/calendar/years').set(as('auditor-wu')).expect(200))
      .body as Array<{ year: number; official: boolean }>;
    expect(years.find((y) => y.year === 2027)?.official ?? false).to.equal(false);

    const imported = await request(server.app)
      .post('/api/calendar/imports')
      .set(as('admin'))
      .send({ layout: 'holiday-cn', data: notice2027 })
      .expect(200);
    expect(imported.body).to.deep.include({ layout: 'holiday-cn', years: [2027] });
    expect(imported.body.changedCases).to.deep.equal([caseId]);
    const after = await request(server.app).get(`/api/cases/${caseId}`).set(as('auditor-wu')).expect(200);
    expect((after.body.timeLimits as Array<{ provisional: boolean }>).every((limit) => !limit.provisional)).to.equal(
      true,
    );
    const official = (await request(server.app).get('/api/calendar/years').set(as('window-li')).expect(200))
      .body as Array<{ year: number; official: boolean }>;
    expect(official.find((y) => y.year === 2027)).to.deep.include({ official: true, provisional: false });
  });

  it('should record a local correction in the audit trail, with who and why', async () => {
    const corrected = await request(server.app)
      .put('/api/calendar/days/2026-11-20')
      .set(as('admin'))
      .send({ off: true, name: '台风停工', reason: '区政府停工通知' })
      .expect(200);
    expect(corrected.body).to.deep.include({ day: '2026-11-20', off: true, name: '台风停工', source: 'local' });
    const changes = (
      await request(server.app).get('/api/calendar/changes?day=2026-11-20').set(as('auditor-wu')).expect(200)
    ).body as Array<{ day: string; actor: string; reason: string }>;
    expect(changes).to.have.length(1);
    expect(changes[0]).to.deep.include({ day: '2026-11-20', actor: 'admin', reason: '区政府停工通知' });
  });

  it('should refuse calendar writes to non-admins (403), bad dates (400) and bad data (422 naming the field), and reads without a token (401)', async () => {
    await request(server.app)
      .put('/api/calendar/days/2026-11-20')
      .set(as('window-li'))
      .send({ off: true, name: '停工', reason: 'x' })
      .expect(403);
    await request(server.app)
      .post('/api/calendar/imports')
      .set(as('auditor-wu'))
      .send({ data: notice2027 })
      .expect(403);
    await request(server.app).get('/api/calendar/years').expect(401);
    const badDay = await request(server.app)
      .put('/api/calendar/days/2026-13')
      .set(as('admin'))
      .send({ off: true, name: '停工', reason: 'x' })
      .expect(400);
    expect(badDay.body.field).to.equal('/params/day');
    const badData = await request(server.app)
      .post('/api/calendar/imports')
      .set(as('admin'))
      .send({ layout: 'holiday-cn', data: { year: 2027, days: [{ name: '元旦', date: 'soon', isOffDay: true }] } })
      .expect(422);
    expect(badData.body.code).to.equal('CALENDAR_IMPORT_INVALID');
    expect(badData.body.field).to.be.a('string');
    expect(
      (await request(server.app).get('/api/calendar/changes').set(as('admin')).expect(200)).body.some(
        (c: { reason: string }) => c.reason.includes('2027'),
      ),
    ).to.equal(false);
  });
});
