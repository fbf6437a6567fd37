/** The matter catalogue over HTTP: list, read, versions, diff, deploy (admin), the schema, and the public 办事指南. */
import fs from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { SHIPPED_MATTERS } from '../../../processes/index.js';
import { testServer, type TestServer } from '../support.js';

const FOOD = '330106-SJ-000105013';
const foodFile = () => JSON.parse(fs.readFileSync(SHIPPED_MATTERS[0]!.matter, 'utf8')) as Record<string, unknown>;
const shippedFile = (processId: string) =>
  JSON.parse(
    fs.readFileSync(SHIPPED_MATTERS.find((shipped) => shipped.processId === processId)!.matter, 'utf8'),
  ) as Record<string, unknown>;

describe('server: matters', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer();
  });
  after(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });

  it('should list the latest version of every shipped matter for a signed-in user, and refuse without a token', async () => {
    await request(server.app).get('/api/matters').expect(401);
    const list = (await request(server.app).get('/api/matters').set(as('window-li')).expect(200)).body as Array<{
      matterCode: string;
      name: string;
      type: string;
      version: number;
      processId: string;
    }>;
    expect(list).to.have.length(SHIPPED_MATTERS.length);
    expect(list.find((m) => m.matterCode === FOOD)).to.deep.include({
      name: '食品经营许可（新办）',
      type: '01',
      version: 1,
      processId: 'food-licence',
    });
  });

  it('should return a matter file, one version of it, and 404 for an unknown code or version', async () => {
    const latest = (await request(server.app).get(`/api/matters/${FOOD}`).set(as('auditor-wu')).expect(200)).body as {
      version: number;
      matter: { name: string };
    };
    expect(latest.version).to.be.at.least(1);
    expect(latest.matter.name).to.equal('食品经营许可（新办）');
    const first = (await request(server.app).get(`/api/matters/${FOOD}/versions/1`).set(as('auditor-wu')).expect(200))
      .body as { version: number; createdBy: string };
    expect(first).to.deep.include({ version: 1, createdBy: 'admin' });
    expect((await request(server.app).get('/api/matters/NOPE').set(as('auditor-wu')).expect(404)).body.code).to.equal(
      'MATTER_NOT_FOUND',
    );
    await request(server.app).get(`/api/matters/${FOOD}/versions/99`).set(as('auditor-wu')).expect(404);
    await request(server.app).get(`/api/matters/${FOOD}/versions/abc`).set(as('auditor-wu')).expect(400);
  });

  it('should serve the published JSON Schema without a token', async () => {
    const schema = (await request(server.app).get('/api/matters/schema').expect(200)).body as {
      $id: string;
      title: string;
    };
    const published = JSON.parse(
      fs.readFileSync(new URL('../../../schemas/matter.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(schema).to.deep.equal(published);
  });

  it('should refuse a deploy from a non-admin (403) and without a token (401)', async () => {
    await request(server.app).post('/api/matters').send(foodFile()).expect(401);
    const refused = await request(server.app).post('/api/matters').set(as('window-li')).send(foodFile()).expect(403);
    expect(refused.body.code).to.equal('FORBIDDEN');
  });

  it('should refuse an invalid matter (422) listing every field error with its pointer and zh/en message, storing nothing', async () => {
    const bad: Record<string, unknown> = { ...foodFile(), implementationCode: 'x'.repeat(40), level: 9 };
    delete bad['resultName'];
    const refused = await request(server.app).post('/api/matters').set(as('admin')).send(bad).expect(422);
    expect(refused.body.code).to.equal('MATTER_INVALID');
    const errors = refused.body.details.errors as Array<{ field: string; message: { zh: string; en: string } }>;
    const fields = errors.map((e) => e.field);
    expect(fields).to.include.members(['/implementationCode', '/level', '/resultName']);
    for (const error of errors) expect(error.message.zh).to.be.a('string').and.not.equal('');
    expect(refused.body.field).to.be.a('string');
    expect((await request(server.app).get('/api/matters').set(as('admin')).expect(200)).body).to.have.length(
      SHIPPED_MATTERS.length,
    );
  });

  it('should refuse a matter whose process is not deployed (422), naming the process', async () => {
    const refused = await request(server.app)
      .post('/api/matters')
      .set(as('admin'))
      .send({ ...foodFile(), implementationCode: '330106-SJ-000105099', process: { processId: 'no-such-process' } })
      .expect(422);
    expect(refused.body.code).to.equal('MATTER_PROCESS_NOT_DEPLOYED');
    expect(refused.body.field).to.equal('/process/processId');
    expect(refused.body.message.zh).to.contain('no-such-process');
  });

  it('should refuse a 一件事 whose core part is no call activity of its process (422), naming the field and the id', async () => {
    const file = shippedFile('business-startup');
    const refused = await request(server.app)
      .post('/api/matters')
      .set(as('admin'))
      .send({ ...file, package: { onPartRefused: '部分办结', coreParts: ['businessLicence', '营业执照'] } })
      .expect(422);
    expect(refused.body.code).to.equal('MATTER_INVALID');
    expect(refused.body.field).to.equal('/package/coreParts/1');
    expect(refused.body.message.zh).to.contain('package.coreParts').and.contain('“营业执照”');
    expect(refused.body.message.en).to.contain('/package/coreParts/1').and.contain('"营业执照"');
  });

  it('should refuse a matter whose 办件类型 is not the gov:caseType of its process (422), naming both in Chinese and English', async () => {
    const refused = await request(server.app)
      .post('/api/matters')
      .set(as('admin'))
      .send({ ...shippedFile('construction-permit'), caseType: 9 })
      .expect(422);
    expect(refused.body.code).to.equal('MATTER_INVALID');
    expect(refused.body.field).to.equal('/caseType');
    expect(refused.body.message.zh).to.equal(
      '事项文件有误：事项的办件类型 caseType 9（其他）与办理流程 construction-permit 声明的 gov:caseType 2（承诺件）不一致',
    );
    expect(refused.body.message.en)
      .to.contain('caseType 9 (其他, other)')
      .and.contain('gov:caseType 2 (承诺件, promised)');
  });

  it('should deploy a changed matter as version 2, the same again with created false, and list and diff the versions', async () => {
    const changed = { ...foodFile(), resultName: '食品经营许可证（电子证照）' };
    const deployed = await request(server.app)
      .post('/api/matters')
      .set(as('admin'))
      .set('Idempotency-Key', 'matter-v2')
      .send(changed)
      .expect(201);
    expect(deployed.body).to.deep.equal({ matterCode: FOOD, version: 2, created: true });
    const retried = await request(server.app)
      .post('/api/matters')
      .set(as('admin'))
      .set('Idempotency-Key', 'matter-v2')
      .send(changed)
      .expect(201);
    expect(retried.body).to.deep.equal(deployed.body);
    const again = await request(server.app).post('/api/matters').set(as('admin')).send(changed).expect(201);
    expect(again.body).to.deep.equal({ matterCode: FOOD, version: 2, created: false });

    const versions = (await request(server.app).get(`/api/matters/${FOOD}/versions`).set(as('auditor-wu')).expect(200))
      .body as Array<{ version: number; createdBy: string; createdAt: string }>;
    expect(versions.map((v) => v.version)).to.deep.equal([1, 2]);
    expect(versions[1]).to.include({ createdBy: 'admin' });
    expect(versions[1]!.createdAt).to.be.a('string');
    await request(server.app).get('/api/matters/NOPE/versions').set(as('auditor-wu')).expect(404);

    expect(
      (await request(server.app).get(`/api/matters/${FOOD}`).set(as('auditor-wu')).expect(200)).body.version,
    ).to.equal(2);
    const diff = (
      await request(server.app).get(`/api/matters/${FOOD}/diff?from=1&to=2`).set(as('auditor-wu')).expect(200)
    ).body as { changes: unknown[] };
    expect(diff.changes).to.deep.equal([
      { field: '/resultName', kind: 'changed', before: '食品经营许可证', after: '食品经营许可证（电子证照）' },
    ]);
    await request(server.app).get(`/api/matters/${FOOD}/diff?from=1&to=7`).set(as('auditor-wu')).expect(404);
    await request(server.app).get(`/api/matters/${FOOD}/diff?from=1`).set(as('auditor-wu')).expect(400);
  });

  it('should show the 办事指南 without a token: labels, materials with their 容缺 flags, limits with units, and the flow’s BPMN XML', async () => {
    const guide = (await request(server.app).get(`/api/guide/${FOOD}`).expect(200)).body as {
      name: string;
      type: { label: string };
      level: { label: string };
      implementer: { name: string };
      caseType: { label: string };
      legalLimit: { text: string };
      promisedLimit: { amount: number; unit: string };
      materials: Array<{ id: string; tolerance: string; necessity: string; form: string; source: string }>;
      fees: { label: string };
      visitsRequired: number;
      specialProcedures: string[];
      flow: { processId: string; version: number; xml: string };
    };
    expect(guide.type.label).to.equal('行政许可');
    expect(guide.level.label).to.equal('县');
    expect(guide.implementer.name).to.equal('杭州市西湖区市场监督管理局');
    expect(guide.caseType.label).to.equal('承诺件');
    expect(guide.legalLimit.text).to.equal('20个工作日');
    expect(guide.promisedLimit).to.deep.include({ amount: 10, unit: '工作日' });
    expect(guide.fees.label).to.equal('不收费');
    expect(guide.visitsRequired).to.equal(0);
    expect(guide.specialProcedures).to.deep.equal(['现场勘验']);
    const byId = Object.fromEntries(guide.materials.map((m) => [m.id, m]));
    expect(byId['premises-layout']).to.deep.include({
      tolerance: '可容缺',
      necessity: '容缺',
      form: '电子',
      source: '申请人提交',
    });
    expect(byId['application']).to.deep.include({ tolerance: '不可容缺', necessity: '必要' });
    expect(byId['business-licence']).to.deep.include({ source: '电子证照共享' });
    expect(guide.flow).to.deep.include({ processId: 'food-licence', version: 1 });
    expect(guide.flow.xml).to.contain('food-licence').and.contain('bpmndi:BPMNDiagram');
    const text = JSON.stringify(guide);
    expect(text).to.not.contain('supervision').and.not.contain('createdBy').and.not.contain('yellowAtDue');
    expect((await request(server.app).get('/api/guide/NOPE').expect(404)).body.code).to.equal('MATTER_NOT_FOUND');
  });

  it('should describe the matter routes in OpenAPI', async () => {
    const doc = (await request(server.app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const path of [
      '/api/matters',
      '/api/matters/{code}',
      '/api/matters/{code}/versions',
      '/api/matters/{code}/versions/{version}',
      '/api/matters/{code}/diff',
      '/api/matters/schema',
      '/api/guide/{code}',
    ]) {
      expect(doc.paths, path).to.have.property(path);
    }
  });
});
