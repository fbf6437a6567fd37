/** The public 办事指南 over HTTP: the list of published matters, what one guide shows, and what it must not show. */
import fs from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { SHIPPED_MATTERS } from '../../../processes/index.js';
import { testServer, type TestServer } from '../support.js';

const FOOD = '330106-SJ-000105013';
const foodFile = () => JSON.parse(fs.readFileSync(SHIPPED_MATTERS[0]!.matter, 'utf8')) as Record<string, unknown>;

interface GuideListItem {
  matterCode: string;
  name: string;
  type: { label: string };
  status: { code: string };
  implementer: string;
  legalLimit: { text: string };
  promisedLimit?: { text: string };
  fees: string;
  visitsRequired: number;
}

describe('server: 办事指南 (public)', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer();
  });
  after(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });

  it('should list the published matters without a token, in Chinese order, with what a citizen chooses by', async () => {
    const list = (await request(server.app).get('/api/guide').expect(200)).body as GuideListItem[];
    expect(list).to.have.length(SHIPPED_MATTERS.length);
    const names = list.map((item) => item.name);
    expect(names).to.deep.equal([...names].sort(new Intl.Collator('zh-CN').compare));
    expect(list.find((item) => item.matterCode === FOOD)).to.deep.equal({
      matterCode: FOOD,
      name: '食品经营许可（新办）',
      type: { code: '01', label: '行政许可' },
      status: { code: 'active', label: '在用' },
      implementer: '杭州市西湖区市场监督管理局',
      legalLimit: { amount: 20, unit: '工作日', text: '20个工作日' },
      promisedLimit: { amount: 10, unit: '工作日', text: '10个工作日' },
      caseType: { code: 2, label: '承诺件' },
      fees: '不收费',
      visitsRequired: 0,
    });
  });

  it('should NOT publish a draft matter: absent from the list, and its guide answers 404 in Chinese', async () => {
    const draftCode = '330106-SJ-000105098';
    await request(server.app)
      .post('/api/matters')
      .set(as('admin'))
      .send({ ...foodFile(), implementationCode: draftCode, status: 'draft', name: '食品经营许可（草稿）' })
      .expect(201);
    const list = (await request(server.app).get('/api/guide').expect(200)).body as GuideListItem[];
    expect(list.map((item) => item.matterCode)).to.not.include(draftCode);
    const refused = await request(server.app).get(`/api/guide/${draftCode}`).expect(404);
    expect(refused.body.code).to.equal('MATTER_NOT_FOUND');
    expect(refused.body.message.zh).to.contain('未公布');
    // the administrators still see it in the catalogue
    await request(server.app).get(`/api/matters/${draftCode}`).set(as('admin')).expect(200);
  });

  it('should give the flow without internals: no documentation, conditions, candidate groups, i/o mappings or gov attributes, but every shape and name', async () => {
    for (const { matterCode } of (await request(server.app).get('/api/guide').expect(200)).body as GuideListItem[]) {
      const guide = (await request(server.app).get(`/api/guide/${matterCode}`).expect(200)).body as {
        flow: { xml: string };
      };
      const xml = guide.flow.xml;
      expect(xml, matterCode).to.contain('bpmndi:BPMNShape').and.contain('bpmn:sequenceFlow');
      for (const internal of [
        '<bpmn:documentation',
        '<bpmn:conditionExpression',
        '<bpmn:extensionElements',
        'gov:candidateGroups',
        'gov:department',
        'gov:timeLimit',
        '<bpmn:completionCondition',
        'gov:collection',
      ]) {
        expect(xml, `${matterCode}: ${internal}`).to.not.contain(internal);
      }
    }
    const food = (await request(server.app).get(`/api/guide/${FOOD}`).expect(200)).body as { flow: { xml: string } };
    for (const name of ['收件', '受理', '审查', '现场核查', '决定', '送达许可证'])
      expect(food.flow.xml).to.contain(`name="${name}"`);
    expect(food.flow.xml).to.not.contain('办理方式 = ');
  });

  it('should list the steps in the order a case meets them, with department and time limit', async () => {
    const guide = (await request(server.app).get(`/api/guide/${FOOD}`).expect(200)).body as {
      flow: { steps: Array<{ name: string; department?: string; limit?: { text: string } }> };
    };
    const steps = guide.flow.steps;
    expect(steps[0]).to.deep.include({ name: '受理', department: '西湖区政务服务中心综合窗口' });
    expect(steps[0]!.limit).to.deep.include({ text: '5个工作日' });
    expect(steps.map((step) => step.name)).to.include.members(['审查', '现场核查', '决定', '送达许可证']);
    expect(steps.findIndex((step) => step.name === '审查')).to.be.below(
      steps.findIndex((step) => step.name === '现场核查'),
    );
    const startup = (await request(server.app).get('/api/guide/330106-YJS-QYKB-001').expect(200)).body as {
      flow: { steps: Array<{ kind: string }> };
    };
    expect(startup.flow.steps.some((step) => step.kind === '关联事项')).to.equal(true);
  });

  it('should say where and how to apply: agencies with their roles, office hours, channels, visits', async () => {
    const guide = (await request(server.app).get(`/api/guide/${FOOD}`).expect(200)).body as {
      howToApply: {
        agencies: Array<{ name: string; role: string }>;
        officeHours: { periods: string[] };
        channels: Array<{ channel: string }>;
        visits: string;
      };
      informedCommitment: { allowed: boolean; verificationPeriod?: { text: string } };
    };
    expect(guide.howToApply.agencies).to.deep.equal([
      { name: '杭州市西湖区市场监督管理局', role: '实施主体（审批、决定）' },
      { name: '杭州市西湖区政务服务中心', role: '综合窗口收件、受理和送达' },
    ]);
    expect(guide.howToApply.officeHours.periods).to.deep.equal(['09:00–12:00', '13:30–17:30']);
    expect(guide.howToApply.channels.map((c) => c.channel)).to.deep.equal(['窗口', '网上']);
    expect(guide.howToApply.visits).to.contain('零跑动');
    expect(guide.informedCommitment).to.deep.equal({
      allowed: true,
      verificationPeriod: { amount: 20, unit: '工作日', text: '20个工作日' },
    });
  });

  it('should offer only the window when the matter needs a visit', async () => {
    const code = '330106-SJ-000105097';
    await request(server.app)
      .post('/api/matters')
      .set(as('admin'))
      .send({ ...foodFile(), implementationCode: code, visitsRequired: 1 })
      .expect(201);
    const guide = (await request(server.app).get(`/api/guide/${code}`).expect(200)).body as {
      howToApply: { channels: Array<{ channel: string }>; visits: string };
    };
    expect(guide.howToApply.channels.map((c) => c.channel)).to.deep.equal(['窗口']);
    expect(guide.howToApply.visits).to.equal('最多跑一次');
  });

  it('should list who deployed each matter and when in the administrators’ catalogue', async () => {
    const list = (await request(server.app).get('/api/matters').set(as('admin')).expect(200)).body as Array<{
      matterCode: string;
      createdBy: string;
      createdAt: string;
      statusLabel: string;
    }>;
    const food = list.find((item) => item.matterCode === FOOD)!;
    expect(food).to.include({ createdBy: 'admin', statusLabel: '在用' });
    expect(Number.isNaN(Date.parse(food.createdAt))).to.equal(false);
  });

  it('should describe GET /api/guide in OpenAPI', async () => {
    const doc = (await request(server.app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, unknown>;
    };
    expect(doc.paths).to.have.property('/api/guide');
  });
});
