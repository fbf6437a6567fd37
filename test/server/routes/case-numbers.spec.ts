/**
 * 办件编号 over HTTP: 收件 answers the case with its number; the case list, the worklist and the
 * audit search find a case by its number and by its date, and show the number beside the id.
 */
import { expect } from 'chai';
import request from 'supertest';
import { FOOD_LICENCE_APPLICATION as food } from '../../support/applications.js';
import { testServer, type TestServer } from '../support.js';

interface CaseBody {
  caseId: string;
  number: string | null;
  tasks: Array<{ taskId: string; elementId: string }>;
}

describe('server: 办件编号 (case numbers) in the case API, the worklist and the audit search', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer({ testClock: true });
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const get = (user: string, path: string) => request(server.app).get(path).set(as(user));
  const receive = async () =>
    (await request(server.app).post('/api/cases').set(as('window-li')).send(food).expect(201)).body as CaseBody;

  /** Three cases: two on Monday 2026-11-02 (Beijing), one the next day. */
  const threeCases = async () => {
    const first = await receive();
    server.clock.advance('PT10M');
    const second = await receive();
    server.clock.advance('P1D');
    const third = await receive();
    return [first, second, third] as const;
  };

  it('should answer 收件 and GET /api/cases/{id} with the case’s number, the Beijing date of 收件 and its sequence', async () => {
    const [first, second, third] = await threeCases();
    expect([first.number, second.number, third.number]).to.deep.equal([
      '20261102-0001',
      '20261102-0002',
      '20261103-0001',
    ]);
    const read = (await get('window-li', `/api/cases/${second.caseId}`).expect(200)).body as CaseBody;
    expect(read).to.include({ caseId: second.caseId, number: '20261102-0002' });
  });

  it('should list cases by exact number and by date (either way written), each with its number', async () => {
    const [first, second, third] = await threeCases();
    const list = async (number: string) =>
      ((await get('window-li', `/api/cases?number=${number}`).expect(200)).body as CaseBody[]).map((c) => [
        c.caseId,
        c.number,
      ]);
    expect(await list('20261102-0002')).to.deep.equal([[second.caseId, '20261102-0002']]);
    expect(await list('20261102')).to.deep.equal([
      [first.caseId, '20261102-0001'],
      [second.caseId, '20261102-0002'],
    ]);
    expect(await list('2026-11-03')).to.deep.equal([[third.caseId, '20261103-0001']]);
    expect(await list('20261102-0009')).to.deep.equal([]);
  });

  it('should NOT take a search term that is neither a number nor a date (400 naming the parameter)', async () => {
    const refused = await get('window-li', `/api/cases?number=${encodeURIComponent('张三')}`).expect(400);
    expect(refused.body).to.include({ code: 'INVALID_INPUT', field: '/query/number' });
    const tasks = await get('window-li', '/api/tasks?caseNumber=2026-1102-1').expect(400);
    expect(tasks.body.field).to.equal('/query/caseNumber');
  });

  it('should find a case’s open tasks in the worklist by its number and its date, each row with the number', async () => {
    const [first, second, third] = await threeCases();
    const tasks = async (query: string) =>
      (
        (await get('window-li', `/api/tasks?${query}`).expect(200)).body as {
          tasks: Array<{ caseId: string; caseNumber: string | null; elementId: string }>;
        }
      ).tasks.map((t) => [t.caseId, t.caseNumber, t.elementId]);
    expect(await tasks('caseNumber=20261103-0001')).to.deep.equal([
      [third.caseId, '20261103-0001', 'windowAcceptance'],
    ]);
    expect(await tasks('caseNumber=20261102')).to.deep.equal([
      [first.caseId, '20261102-0001', 'windowAcceptance'],
      [second.caseId, '20261102-0002', 'windowAcceptance'],
    ]);
    // with the officer's own list (首问负责) too
    expect(await tasks('mine=true&caseNumber=20261102-0002')).to.deep.equal([
      [second.caseId, '20261102-0002', 'windowAcceptance'],
    ]);
  });

  it('should find cases in the audit search by number and by date, each row and the replay header with the number', async () => {
    const [first, second, third] = await threeCases();
    const search = async (number: string) =>
      ((await get('auditor-wu', `/api/audit/cases?number=${number}`).expect(200)).body as CaseBody[]).map((c) => [
        c.caseId,
        c.number,
      ]);
    expect(await search('20261102-0001')).to.deep.equal([[first.caseId, '20261102-0001']]);
    // newest 收件 first
    expect(await search('20261102')).to.deep.equal([
      [second.caseId, '20261102-0002'],
      [first.caseId, '20261102-0001'],
    ]);
    expect(await search('20261103')).to.deep.equal([[third.caseId, '20261103-0001']]);
    const timeline = (await get('auditor-wu', `/api/audit/cases/${third.caseId}/timeline`).expect(200)).body as {
      case: { number: string };
    };
    expect(timeline.case.number).to.equal('20261103-0001');
  });
});
