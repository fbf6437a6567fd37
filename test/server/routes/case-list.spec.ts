/** GET /api/cases filters (status, matter, department, overdue, applicant 证件号码) and who sees which cases. */
import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../../engine/users-store/index.js';
import { foodLicenceApplication } from '../../support/applications.js';
import { testServer, type TestServer } from '../support.js';

const ZHANG = '330102199001011234';
const LI = '11010119850101789X';
const FOOD = '西湖区市场监督管理局行政许可科';

const application = (idNumber: string) => foodLicenceApplication({ idNumber });

describe('server: case list and search', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer({ testClock: true });
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const token = (t: string) => ({ Authorization: `Bearer ${t}` });
  const receive = async (idNumber = ZHANG) =>
    (await request(server.app).post('/api/cases').set(as('window-li')).send(application(idNumber)).expect(201))
      .body as { caseId: string; tasks: Array<{ taskId: string; elementId: string }> };
  const accept = async (c: { caseId: string; tasks: Array<{ taskId: string; elementId: string }> }) => {
    const windowTask = c.tasks.find((t) => t.elementId === 'windowAcceptance')!;
    await request(server.app)
      .post(`/api/cases/${c.caseId}/operations`)
      .set(as('window-li'))
      .send({ operation: 'case.accept', data: { taskId: windowTask.taskId } })
      .expect(200);
  };
  const ids = (body: unknown) => (body as Array<{ caseId: string }>).map((c) => c.caseId).sort();
  const list = async (user: Record<string, string>, query: string, status = 200) =>
    (await request(server.app).get(`/api/cases${query}`).set(user).expect(status)).body as unknown;
  const applicant = async (id: string, idNumber: string) =>
    (
      await createUser(
        server.db.database.knex,
        { id, name: id, roles: ['applicant'], idNumber },
        { actor: 'test', at: '2026-11-01T00:00:00.000Z' },
      )
    ).token;

  it('should filter by 办件 status and by matter', async () => {
    const first = await receive();
    const second = await receive(LI);
    await accept(second);
    expect(ids(await list(as('admin'), `?status=${encodeURIComponent('已收件')}`))).to.deep.equal([first.caseId]);
    expect(ids(await list(as('admin'), `?status=${encodeURIComponent('已受理')}`))).to.deep.equal([second.caseId]);
    expect(ids(await list(as('admin'), '?matterCode=330106-SJ-000105013'))).to.deep.equal(
      [first.caseId, second.caseId].sort(),
    );
    expect(ids(await list(as('admin'), '?matterCode=nope'))).to.deep.equal([]);
    await list(as('admin'), '?status=nonsense', 400);
  });

  it('should filter by department: cases with an open task of that department', async () => {
    const waiting = await receive();
    const accepted = await receive(LI);
    await accept(accepted);
    expect(ids(await list(as('admin'), `?department=${encodeURIComponent(FOOD)}`))).to.deep.equal([accepted.caseId]);
    expect(ids(await list(as('admin'), `?department=${encodeURIComponent('消防救援')}`))).to.deep.equal([]);
    expect(ids(await list(as('admin'), ''))).to.include(waiting.caseId);
  });

  it('should confine a department officer’s list to their own department', async () => {
    await receive();
    const accepted = await receive(LI);
    await accept(accepted);
    expect(ids(await list(as('food-zhao'), ''))).to.deep.equal([accepted.caseId]);
    expect(ids(await list(as('fire-qian'), ''))).to.deep.equal([]);
    const other = (await list(as('fire-qian'), `?department=${encodeURIComponent(FOOD)}`, 403)) as { code: string };
    expect(other.code).to.equal('FORBIDDEN');
  });

  it('should filter overdue cases: a running clock due before now', async () => {
    const accepted = await receive();
    await accept(accepted);
    const fresh = await receive(LI);
    expect(ids(await list(as('supervisor-sun'), '?overdue=true'))).to.deep.equal([]);
    expect(ids(await list(as('supervisor-sun'), '?overdue=false'))).to.have.length(2);
    server.clock.set('2027-06-01T01:30:00.000Z');
    const overdue = ids(await list(as('supervisor-sun'), '?overdue=true'));
    expect(overdue).to.include(accepted.caseId);
    expect(overdue).to.have.length.greaterThan(0);
    expect(fresh.caseId).to.be.a('string');
  });

  it('should search by applicant 证件号码 by exact match only, masked in the output and never echoed', async () => {
    const zhang = await receive();
    await receive(LI);
    const found = await request(server.app)
      .get(`/api/cases?applicantIdNumber=${ZHANG}`)
      .set(as('window-li'))
      .expect(200);
    expect(ids(found.body)).to.deep.equal([zhang.caseId]);
    expect((found.body as Array<{ applicantIdNumber: string }>)[0]!.applicantIdNumber).to.equal('330102********1234');
    expect(JSON.stringify(found.body)).to.not.contain(ZHANG);
    expect(ids(await list(as('window-li'), `?applicantIdNumber=${ZHANG.slice(0, 17)}`))).to.deep.equal([]);
    expect(ids(await list(as('window-li'), `?applicantIdNumber=${ZHANG.slice(1)}`))).to.deep.equal([]);
    expect(ids(await list(as('window-li'), `?applicantIdNumber=${LI.toLowerCase()}`))).to.have.length(1);
  });

  it('should let an applicant list and read only their own cases (403 on another’s)', async () => {
    const own = await receive();
    const other = await receive(LI);
    const zhang = await applicant('zhang-san', ZHANG);
    expect(ids(await list(token(zhang), ''))).to.deep.equal([own.caseId]);
    const read = await request(server.app).get(`/api/cases/${own.caseId}`).set(token(zhang)).expect(200);
    expect(read.body.applicant.idNumber).to.equal('330102********1234');
    await request(server.app).get(`/api/cases/${other.caseId}`).set(token(zhang)).expect(403);
    await list(token(zhang), `?applicantIdNumber=${LI}`, 403);
    const unbound = (
      await createUser(
        server.db.database.knex,
        { id: 'nobody', name: 'nobody', roles: ['applicant'] },
        { actor: 'test', at: '2026-11-01T00:00:00.000Z' },
      )
    ).token;
    await list(token(unbound), '', 403);
    await request(server.app).get(`/api/cases/${own.caseId}`).set(token(unbound)).expect(403);
    // an officer of a department the case never reached reads it no more than another applicant
    await request(server.app).get(`/api/cases/${own.caseId}`).set(as('fire-qian')).expect(403);
    await request(server.app).get(`/api/cases/${own.caseId}`).set(as('window-li')).expect(200);
  });
});
