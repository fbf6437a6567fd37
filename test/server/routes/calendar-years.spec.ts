/**
 * GET /api/calendar/years: the missing year on the business clock (the test clock, never the
 * wall clock), with the cases whose provisional due dates depend on it, until it is imported.
 */
import { expect } from 'chai';
import request from 'supertest';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';
import { testServer, type TestServer } from '../support.js';

interface Year {
  year: number;
  status: 'official' | 'provisional' | 'missing';
  official: boolean;
  provisional: boolean;
  caseCount?: number;
  cases?: Array<{ caseId: string; number: string | null; dueAt: string }>;
}

const notice2027 = {
  year: 2027,
  papers: ['https://www.gov.cn/example-2027-notice'],
  days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }],
};

describe('server: GET /api/calendar/years lists the missing year', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer({ testClock: true });
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const years = async (user = 'admin') =>
    (await request(server.app).get('/api/calendar/years').set(as(user)).expect(200)).body as Year[];
  const missing = async (user = 'admin') => (await years(user)).filter((y) => y.status === 'missing');
  const acceptedCase = async () => {
    const received = await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201);
    const taskId = (received.body.tasks as Array<{ taskId: string; elementId: string }>).find(
      (t) => t.elementId === 'windowAcceptance',
    )!.taskId;
    await request(server.app)
      .post(`/api/cases/${received.body.caseId as string}/operations`)
      .set(as('window-li'))
      .send({ operation: 'case.accept', data: { taskId } })
      .expect(200);
    return received.body as { caseId: string; number: string };
  };

  it('should list no missing year in November when no due date needs next year, and 2026 as official', async () => {
    // the test server's clock: 2026-11-02
    expect(await missing()).to.deep.equal([]);
    expect((await years()).find((y) => y.year === 2026)).to.deep.include({ status: 'official', official: true });
  });

  it('should list next year as missing from 1 December (Beijing) on the business clock, with no case yet', async () => {
    server.clock.set('2026-11-30T15:59:00.000Z'); // 23:59 on 11-30 in Beijing
    expect(await missing()).to.deep.equal([]);
    server.clock.set('2026-11-30T16:00:00.000Z'); // 00:00 on 12-01
    expect(await missing()).to.deep.equal([
      {
        year: 2027,
        status: 'missing',
        official: false,
        provisional: true,
        days: 0,
        sources: [],
        caseCount: 0,
        cases: [],
      },
    ]);
  });

  it('should list the case whose due date falls in the missing year, with its number; after the import, nothing is missing', async () => {
    server.clock.set('2026-12-21T02:00:00.000Z');
    const { caseId, number } = await acceptedCase();
    const [year2027] = await missing();
    expect(year2027).to.deep.include({ year: 2027, status: 'missing', caseCount: 1 });
    expect(year2027?.cases?.map((c) => [c.caseId, c.number])).to.deep.equal([[caseId, number]]);
    expect(year2027?.cases?.[0]?.dueAt.startsWith('2027-')).to.equal(true);
    // a department officer sees the count, not the cases
    const [seenByDepartment] = await missing('food-zhao');
    expect(seenByDepartment).to.deep.include({ year: 2027, caseCount: 1 });
    expect(seenByDepartment).to.not.have.property('cases');

    await request(server.app)
      .post('/api/calendar/imports')
      .set(as('admin'))
      .send({ layout: 'holiday-cn', data: notice2027 })
      .expect(200);
    expect(await missing()).to.deep.equal([]);
    expect((await years()).find((y) => y.year === 2027)).to.deep.include({ status: 'official', official: true });
  });

  it('should list the current year as missing when the business clock is in a year without a notice', async () => {
    server.clock.set('2027-03-01T02:00:00.000Z');
    expect((await missing()).map((y) => y.year)).to.deep.equal([2027]);
  });
});
