/** The test clock: absent without MATTERFLOW_TEST_CLOCK, and with it, advancing fires due timers (the 5-day 受理期限). */
import { expect } from 'chai';
import request from 'supertest';
import { serverConfigFromEnv } from '../../../server/config.js';
import { testServer, type TestServer } from '../support.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';

describe('server: test clock', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.close());
  const as = (user: string) => ({ Authorization: `Bearer ${server!.tokens[user]}` });

  it('should read the flag only from MATTERFLOW_TEST_CLOCK=1', () => {
    expect(serverConfigFromEnv({}).testClock).to.equal(false);
    expect(serverConfigFromEnv({ MATTERFLOW_TEST_CLOCK: '0' }).testClock).to.equal(false);
    expect(serverConfigFromEnv({ MATTERFLOW_TEST_CLOCK: '1' }).testClock).to.equal(true);
  });

  it('should be absent (404 in the usual error shape) without the flag', async () => {
    server = await testServer();
    const absent = await request(server.app)
      .post('/api/test/clock')
      .set(as('admin'))
      .send({ advance: 'P1D' })
      .expect(404);
    expect(absent.body.code).to.equal('NOT_FOUND');
    expect(absent.body.message).to.have.keys(['zh', 'en']);
    const doc = (await request(server.app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, unknown>;
    };
    expect(doc.paths).to.not.have.property('/api/test/clock');
  });

  it('should, with the flag, advance the clock and fire the 受理期限 timer: a received case nobody answered for 5 working days counts as accepted', async () => {
    server = await testServer({ testClock: true });
    const caseId = (await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201))
      .body.caseId as string;
    const early = await request(server.app)
      .post('/api/test/clock')
      .set(as('admin'))
      .send({ advance: 'P1D' })
      .expect(200);
    expect(early.body).to.deep.include({
      from: '2026-11-02T01:30:00.000Z',
      now: '2026-11-03T01:30:00.000Z',
      timers: [],
    });
    expect(
      (await request(server.app).get(`/api/cases/${caseId}`).set(as('auditor-wu')).expect(200)).body.status,
    ).to.equal('已收件');

    const moved = await request(server.app)
      .post('/api/test/clock')
      .set(as('admin'))
      .send({ advance: 'P10D' })
      .expect(200);
    expect(moved.body.now).to.equal('2026-11-13T01:30:00.000Z');
    const fired = (moved.body.timers as Array<{ caseId: string; outcome: string; dueAt: string }>).filter(
      (t) => t.caseId === caseId,
    );
    expect(fired.length).to.be.greaterThan(0);
    expect(fired.every((t) => t.outcome === 'fired')).to.equal(true);
    expect(
      (await request(server.app).get(`/api/cases/${caseId}`).set(as('auditor-wu')).expect(200)).body.status,
    ).to.equal('已受理');
    expect(server.clock.now().toISOString()).to.equal('2026-11-13T01:30:00.000Z');
  });

  it('should refuse a non-admin (403) and an empty or malformed request (400)', async () => {
    server = await testServer({ testClock: true });
    await request(server.app).post('/api/test/clock').set(as('window-li')).send({ advance: 'P1D' }).expect(403);
    await request(server.app).post('/api/test/clock').set(as('admin')).send({}).expect(400);
    const bad = await request(server.app)
      .post('/api/test/clock')
      .set(as('admin'))
      .send({ advance: 'tomorrow' })
      .expect(400);
    expect(bad.body.field).to.equal('/body/advance');
  });
});
