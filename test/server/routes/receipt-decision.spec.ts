/**
 * POST /api/cases with `decision`: 收件 and the window's decision in one request. A decision the
 * rules refuse (容缺受理 without the 承诺书, 受理 with a material missing) stores no case; an
 * accepted one leaves the case as the decision made it, the window step completed.
 */
import { expect } from 'chai';
import request from 'supertest';
import { FOOD_LICENCE_APPLICATION } from '../../support/applications.js';
import { testServer, type TestServer } from '../support.js';

const WITHOUT_LAYOUT = {
  ...FOOD_LICENCE_APPLICATION,
  materials: { ...FOOD_LICENCE_APPLICATION.materials, 'premises-layout': false },
};

interface CaseBody {
  caseId: string;
  number: string | null;
  status: string;
  tasks: Array<{ taskId: string; elementId: string }>;
}

describe('server: 收件 with the window’s decision (POST /api/cases decision)', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer({ testClock: true });
  });
  after(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const caseCount = async () =>
    Number(((await server.db.database.knex('cases').count({ n: '*' })) as [{ n: number }])[0].n);
  const receive = (body: object) => request(server.app).post('/api/cases').set(as('window-li')).send(body);

  it('should NOT store a case when 容缺受理 has no 承诺书 text (400 naming the field)', async () => {
    const before = await caseCount();
    const response = await receive({
      ...WITHOUT_LAYOUT,
      decision: { operation: 'case.acceptWithTolerance', data: { commitment: '  ' } },
    }).expect(400);
    expect(response.body.field).to.equal('/body/decision/data/commitment');
    expect(response.body.message.zh).to.equal('请填写容缺受理承诺书内容');
    expect(await caseCount()).to.equal(before);
  });

  it('should NOT store a case when the rules refuse the decision (受理 with a material missing: 422, 未收件)', async () => {
    const before = await caseCount();
    const response = await receive({ ...WITHOUT_LAYOUT, decision: { operation: 'case.accept' } }).expect(422);
    expect(response.body.code).to.equal('MATERIALS_MISSING');
    expect(response.body.message.zh).to.match(/^未收件：材料不齐，不能受理：缺少经营场所平面布局图/);
    expect(await caseCount()).to.equal(before);
  });

  it('should NOT store a case for 容缺受理 when nothing 容缺-eligible is missing', async () => {
    const before = await caseCount();
    const response = await receive({
      ...FOOD_LICENCE_APPLICATION,
      decision: { operation: 'case.acceptWithTolerance', data: { commitment: '承诺补交' } },
    }).expect(422);
    expect(response.body.message.zh).to.equal('未收件：没有缺少可容缺的材料，请直接受理');
    expect(await caseCount()).to.equal(before);
  });

  it('容缺受理 with its 承诺书: one case, accepted, the window step completed and 审查 open', async () => {
    const before = await caseCount();
    const body = (
      await receive({
        ...WITHOUT_LAYOUT,
        decision: { operation: 'case.acceptWithTolerance', data: { commitment: '承诺 10 个工作日内补交平面布局图' } },
      }).expect(201)
    ).body as CaseBody;
    expect(body.status).to.equal('已受理');
    expect(body.number).to.match(/^\d{8}-\d{4}$/);
    expect(body.tasks.map((t) => t.elementId)).to.deep.equal(['review']);
    expect(await caseCount()).to.equal(before + 1);
    const types = (await server.store.getEvents(body.caseId)).map((e) => e.type);
    expect(types).to.include.members(['case.received', 'case.acceptedWithTolerance']);
  });

  it('补正告知 with 收件: the case waits for the materials (补正中)', async () => {
    const body = (
      await receive({
        ...WITHOUT_LAYOUT,
        decision: { operation: 'case.noticeCorrection', data: { defects: ['经营场所平面布局图：未提交'] } },
      }).expect(201)
    ).body as CaseBody;
    expect(body.status).to.equal('补正中');
  });

  it('should NOT let an auditor receive (403 before anything)', async () => {
    await request(server.app)
      .post('/api/cases')
      .set(as('auditor-wu'))
      .send({ ...FOOD_LICENCE_APPLICATION, decision: { operation: 'case.accept' } })
      .expect(403);
  });
});
