import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { testServer, type TestServer } from '../support.js';
import { MIWG_DIR } from '../../support/fixtures.js';

const MIWG = MIWG_DIR;
const foodLicence = readFileSync('processes/food-licence.bpmn', 'utf8');

describe('Server: the modeler drafts', function () {
  this.timeout(60_000);
  let server: TestServer;
  before(async () => {
    server = await testServer();
  });
  after(async () => server.close());
  const as = (user: string) => `Bearer ${server.tokens[user]}`;

  it('an administrator saves a draft (revision 1, its process), reads it back with its XML, and it is listed', async () => {
    const created = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: '食品经营许可（修订中）', xml: foodLicence })
      .expect(201);
    expect(created.body).to.include({
      name: '食品经营许可（修订中）',
      processId: 'food-licence',
      revision: 1,
      createdBy: 'admin',
      updatedBy: 'admin',
    });
    expect(created.body.createdAt).to.match(/^\d{4}-\d\d-\d\dT/);
    expect(created.body).not.to.have.property('xml');
    const read = await request(server.app)
      .get(`/api/drafts/${created.body.draftId}`)
      .set('Authorization', as('auditor-wu'))
      .expect(200);
    expect(read.body.xml).to.equal(foodLicence);
    const list = await request(server.app).get('/api/drafts').set('Authorization', as('window-li')).expect(200);
    expect(list.body.map((draft: { draftId: string }) => draft.draftId)).to.include(created.body.draftId);
    expect(list.body[0]).not.to.have.property('xml');
    const byProcess = await request(server.app)
      .get('/api/drafts')
      .query({ processId: 'no-such-process' })
      .set('Authorization', as('admin'))
      .expect(200);
    expect(byProcess.body).to.deep.equal([]);
  });

  it('a stale save is told who saved the draft and when in Beijing time, as the workspace shows times, not in UTC', async () => {
    // given a draft saved at 09:30 Beijing time (01:30 UTC), and saved again at 17:05 (09:05 UTC)
    server.clock.set('2026-11-02T01:30:00.000Z');
    const created = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: '北京时间草稿', xml: foodLicence })
      .expect(201);
    const id = created.body.draftId as string;
    server.clock.set('2026-11-02T09:05:00.000Z');
    await request(server.app)
      .put(`/api/drafts/${id}`)
      .set('Authorization', as('admin'))
      .send({ xml: foodLicence.replace('name="审查"', 'name="书面审查"'), revision: 1 })
      .expect(200);

    // when the first revision is saved over
    const stale = await request(server.app)
      .put(`/api/drafts/${id}`)
      .set('Authorization', as('admin'))
      .send({ xml: foodLicence, revision: 1 })
      .expect(409);

    // then
    expect(stale.body.message.zh).to.equal(
      '草稿已被 admin 于 2026-11-02 17:05 保存为第 2 版，您的修改基于第 1 版：请重新打开草稿后再修改',
    );
    expect(stale.body.message.zh).not.to.match(/\d{4}-\d\d-\d\dT/);
    expect(stale.body.message.en).to.contain('2026-11-02T09:05:00.000Z');
  });

  it('saving names the revision read: the next revision wins, a stale one is a 409 with the current revision and nothing changes', async () => {
    const created = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: '并发草稿', xml: foodLicence })
      .expect(201);
    const id = created.body.draftId as string;
    const changed = foodLicence.replace('name="审查"', 'name="书面审查"');
    const saved = await request(server.app)
      .put(`/api/drafts/${id}`)
      .set('Authorization', as('admin'))
      .send({ xml: changed, revision: 1 })
      .expect(200);
    expect(saved.body).to.include({ revision: 2, name: '并发草稿' });
    const stale = await request(server.app)
      .put(`/api/drafts/${id}`)
      .set('Authorization', as('admin'))
      .send({ xml: foodLicence, revision: 1, name: '覆盖' })
      .expect(409);
    expect(stale.body.code).to.equal('DRAFT_CONFLICT');
    expect(stale.body.details).to.deep.equal({ currentRevision: 2 });
    expect(stale.body.message.zh).to.contain('第 2 版');
    const read = await request(server.app).get(`/api/drafts/${id}`).set('Authorization', as('admin')).expect(200);
    expect(read.body).to.include({ revision: 2, name: '并发草稿' });
    expect(read.body.xml).to.equal(changed);
    await request(server.app)
      .put('/api/drafts/no-such-draft')
      .set('Authorization', as('admin'))
      .send({ xml: foodLicence, revision: 1 })
      .expect(404);
  });

  it('accepts any BPMN that reads, executable or not (MIWG reference models); the process id only when there is one', async () => {
    const b20 = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: 'B.2.0', xml: readFileSync(`${MIWG}/B.2.0.bpmn`, 'latin1') })
      .expect(201);
    expect(b20.body.revision).to.equal(1);
    const c80 = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: 'C.8.0', xml: readFileSync(`${MIWG}/C.8.0.bpmn`, 'latin1') })
      .expect(201);
    expect(c80.body.draftId).to.be.a('string');
    const a10 = readFileSync(`${MIWG}/A.1.0.bpmn`, 'latin1');
    const single = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: 'A.1.0', xml: a10 })
      .expect(201);
    expect(single.body.processId).to.equal(/<(?:\w+:)?process[^>]*\sid="([^"]+)"/.exec(a10)?.[1]);
  });

  it('refuses malformed XML with its line and column, and a document that is not BPMN, naming the field', async () => {
    const broken =
      '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">\n  <bpmn:process id="p">\n    <bpmn:task id="t"></bpmn:process>\n</bpmn:definitions>';
    const refused = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: '坏文件', xml: broken })
      .expect(422);
    expect(refused.body.code).to.equal('DRAFT_XML_INVALID');
    expect(refused.body.field).to.equal('/body/xml');
    expect(refused.body.message.zh).to.match(/第 4 行，第 \d+ 列/);
    expect(refused.body.details.findings[0]).to.include({ line: 4 });
    const notBpmn = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: '不是流程', xml: '<note><to>x</to></note>' })
      .expect(422);
    expect(notBpmn.body.message.zh).to.contain('不是 BPMN 2.0 文件');
    const created = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: '好文件', xml: foodLicence })
      .expect(201);
    const overwrite = await request(server.app)
      .put(`/api/drafts/${created.body.draftId}`)
      .set('Authorization', as('admin'))
      .send({ xml: broken, revision: 1 })
      .expect(422);
    expect(overwrite.body.code).to.equal('DRAFT_XML_INVALID');
    const read = await request(server.app)
      .get(`/api/drafts/${created.body.draftId}`)
      .set('Authorization', as('admin'))
      .expect(200);
    expect(read.body).to.include({ revision: 1, xml: foodLicence });
    const blank = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: ' ', xml: foodLicence })
      .expect(400);
    expect(blank.body.field).to.equal('/body/name');
  });

  it('only administrators write: others read, but saving and deleting are 403; anonymous is 401', async () => {
    const created = await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('admin'))
      .send({ name: '删除测试', xml: foodLicence })
      .expect(201);
    const id = created.body.draftId as string;
    await request(server.app)
      .post('/api/drafts')
      .set('Authorization', as('auditor-wu'))
      .send({ name: 'x', xml: foodLicence })
      .expect(403);
    await request(server.app)
      .put(`/api/drafts/${id}`)
      .set('Authorization', as('supervisor-sun'))
      .send({ xml: foodLicence, revision: 1 })
      .expect(403);
    await request(server.app).delete(`/api/drafts/${id}`).set('Authorization', as('food-zhao')).expect(403);
    await request(server.app).get('/api/drafts').expect(401);
    await request(server.app).delete(`/api/drafts/${id}`).set('Authorization', as('admin')).expect(200);
    await request(server.app).get(`/api/drafts/${id}`).set('Authorization', as('admin')).expect(404);
    await request(server.app).delete(`/api/drafts/${id}`).set('Authorization', as('admin')).expect(404);
  });
});
