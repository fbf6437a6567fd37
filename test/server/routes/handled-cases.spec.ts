/**
 * GET /api/handled-cases (已办): the cases the caller received or acted on, whoever holds them now,
 * newest action first, a page at a time, searchable; and GET /api/cases/{id}/history for the case
 * page, readable by who may read the case.
 */
import { expect } from 'chai';
import request from 'supertest';
import { CaseDriver } from '../../support/case-driver.js';
import { testServer, type TestServer } from '../support.js';

interface HandledBody {
  cases: Array<{
    caseId: string;
    number: string | null;
    status: string | null;
    lastAction: { type: string; time: string; text: string };
    openSteps: Array<{ name: string | null; department: string | null }>;
  }>;
  next: string | null;
}

describe('server: 已办 (GET /api/handled-cases)', () => {
  let server: TestServer;
  let driver: CaseDriver;
  let first: { caseId: string; review: string };
  let second: { caseId: string; review: string };
  before(async () => {
    server = await testServer({ testClock: true });
    driver = new CaseDriver(server);
    first = await driver.acceptedFoodCase();
    await driver.advance('PT1H');
    second = await driver.acceptedFoodCase();
    await driver.advance('PT1H');
    await driver.operate('food-zhao', first.caseId, 'task.complete', {
      taskId: first.review,
      opinion: { decision: '通过', text: '材料齐全，同意' },
      variables: { 需要现场核查: false },
    });
  });
  after(() => server.close());

  const handled = async (user: string, query: Record<string, string | number> = {}) =>
    (await request(server.app).get('/api/handled-cases').query(query).set(driver.authorization(user)).expect(200))
      .body as HandledBody;

  it('gives a department officer the case they decided, after it left their department, with their action in Chinese', async () => {
    const body = await handled('food-zhao');
    expect(body.cases.map((c) => c.caseId)).to.deep.equal([first.caseId]);
    const [row] = body.cases;
    expect(row!.lastAction.text).to.equal('办理「审查」：通过，意见：材料齐全，同意');
    expect(row!.status).to.equal('审查中');
    expect(row!.openSteps.map((s) => s.name)).to.deep.equal(['决定']);
    expect(body.next).to.equal(null);
  });

  it('gives a window officer every case they received, newest action first, a page at a time', async () => {
    const page1 = await handled('window-li', { limit: 1 });
    expect(page1.cases.map((c) => c.caseId)).to.deep.equal([second.caseId]);
    expect(page1.cases[0]!.lastAction.text).to.equal('受理');
    expect(page1.next).to.be.a('string');
    const page2 = await handled('window-li', { limit: 1, cursor: page1.next! });
    expect(page2.cases.map((c) => c.caseId)).to.deep.equal([first.caseId]);
    expect(page2.next).to.equal(null);
  });

  it('searches by 办件编号, by text and by 办件状态', async () => {
    const { number } = (await handled('window-li')).cases.find((c) => c.caseId === first.caseId)!;
    expect((await handled('window-li', { caseNumber: number! })).cases.map((c) => c.caseId)).to.deep.equal([
      first.caseId,
    ]);
    expect((await handled('window-li', { q: number!.slice(-4) })).cases.map((c) => c.caseId)).to.include(first.caseId);
    expect((await handled('window-li', { q: '食品经营' })).cases).to.have.length(2);
    expect((await handled('window-li', { q: '没有这个' })).cases).to.have.length(0);
    expect((await handled('window-li', { status: '审查中' })).cases.map((c) => c.caseId)).to.deep.equal([first.caseId]);
  });

  it('lists nothing for an officer who handled nothing, and refuses a cursor it did not give', async () => {
    expect((await handled('fire-qian')).cases).to.deep.equal([]);
    await request(server.app)
      .get('/api/handled-cases')
      .query({ cursor: 'bm90LWEtY3Vyc29y' })
      .set(driver.authorization('window-li'))
      .expect(400);
    await request(server.app).get('/api/handled-cases').set(driver.authorization('auditor-wu')).expect(403);
  });

  it('GET /api/cases/{id}/history: the 办理记录 and materials for who may read the case, not another department', async () => {
    const body = (
      await request(server.app)
        .get(`/api/cases/${first.caseId}/history`)
        .set(driver.authorization('food-zhao'))
        .expect(200)
    ).body as { history: Array<{ text: string }>; materials: Array<{ id: string; necessity: string; state: string }> };
    expect(body.history.map((h) => h.text)).to.include('办理「审查」：通过，意见：材料齐全，同意');
    expect(body.materials.filter((m) => m.necessity !== 'optional').every((m) => m.state === 'received')).to.equal(
      true,
    );
    await request(server.app)
      .get(`/api/cases/${first.caseId}/history`)
      .set(driver.authorization('fire-qian'))
      .expect(403);
  });
});
