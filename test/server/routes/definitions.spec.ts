/** Process definitions over HTTP: the diff of two deployed versions, and the readable API page. */
import { expect } from 'chai';
import request from 'supertest';
import { testServer, type TestServer } from '../support.js';

describe('server: definition diff and API docs', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer();
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });

  it('should name the elements and flows a new version of a shipped process changed, added and removed', async () => {
    const v1 = (
      await request(server.app).get('/api/definitions/food-licence/versions/1/xml').set(as('admin')).expect(200)
    ).body as { xml: string };
    const changed = v1.xml
      .replace(
        '<bpmn:userTask id="review" name="审查" gov:department="西湖区市场监督管理局行政许可科" gov:timeLimit="4"',
        '<bpmn:userTask id="review" name="书面审查" gov:department="西湖区市场监督管理局行政许可科" gov:timeLimit="3"',
      )
      .replace('=办理方式 = "告知承诺"', '=办理方式 = "告知承诺制"');
    expect(changed).to.not.equal(v1.xml);
    const deployed = await request(server.app)
      .post('/api/definitions')
      .set(as('admin'))
      .send({ xml: changed })
      .expect(201);
    expect(JSON.stringify(deployed.body)).to.contain('food-licence');
    const versions = (
      await request(server.app).get('/api/definitions?processId=food-licence').set(as('auditor-wu')).expect(200)
    ).body as Array<{ version: number }>;
    expect(versions.map((v) => Number(v.version))).to.deep.equal([1, 2]);

    type Diff = {
      processId: string;
      from: number;
      to: number;
      elements: {
        added: unknown[];
        removed: unknown[];
        changed: Array<{ id: string; changes: Array<{ field: string; before: unknown; after: unknown }> }>;
      };
      flows: {
        added: unknown[];
        removed: unknown[];
        changed: Array<{ id: string; changes: Array<{ field: string; before: unknown; after: unknown }> }>;
      };
    };
    const diff = (
      await request(server.app).get('/api/definitions/food-licence/diff?from=1&to=2').set(as('window-li')).expect(200)
    ).body as Diff;
    expect(diff).to.include({ processId: 'food-licence', from: 1, to: 2 });
    expect(diff.elements.added).to.deep.equal([]);
    expect(diff.elements.removed).to.deep.equal([]);
    const review = diff.elements.changed.find((c) => c.id === 'review');
    expect(review?.changes.find((c) => c.field === 'name')).to.deep.equal({
      field: 'name',
      before: '审查',
      after: '书面审查',
    });
    expect(review?.changes.map((c) => c.field)).to.include('gov');
    const gateway = diff.elements.changed.find((c) => c.id === 'procedure');
    expect(gateway?.changes.map((c) => c.field)).to.deep.equal(['conditions']);
    expect(diff.flows.changed).to.deep.equal([
      {
        id: 'onCommitment',
        changes: [{ field: 'condition', before: '=办理方式 = "告知承诺"', after: '=办理方式 = "告知承诺制"' }],
      },
    ]);
    expect(diff.elements.changed.map((c) => c.id).sort()).to.deep.equal(['procedure', 'review']);

    const same = (
      await request(server.app).get('/api/definitions/food-licence/diff?from=2&to=2').set(as('window-li')).expect(200)
    ).body as Diff;
    expect(same.elements.changed).to.deep.equal([]);
    const back = (
      await request(server.app).get('/api/definitions/food-licence/diff?from=2&to=1').set(as('window-li')).expect(200)
    ).body as Diff;
    expect(
      back.elements.changed.find((c) => c.id === 'review')?.changes.find((c) => c.field === 'name'),
    ).to.deep.include({ before: '书面审查', after: '审查' });
  });

  it('should list added and removed elements by id', async () => {
    const v1 = (
      await request(server.app).get('/api/definitions/food-licence/versions/1/xml').set(as('admin')).expect(200)
    ).body as { xml: string };
    const renamed = v1.xml
      .replaceAll('"review"', '"paperReview"')
      .replaceAll('<bpmn:userTask id="review"', '<bpmn:userTask id="paperReview"');
    expect(renamed).to.contain('id="paperReview"');
    await request(server.app).post('/api/definitions').set(as('admin')).send({ xml: renamed }).expect(201);
    const diff = (
      await request(server.app).get('/api/definitions/food-licence/diff?from=1&to=2').set(as('auditor-wu')).expect(200)
    ).body as { elements: { added: Array<{ id: string; kind: string }>; removed: Array<{ id: string }> } };
    expect(diff.elements.added.map((e) => e.id)).to.deep.equal(['paperReview']);
    expect(diff.elements.added[0]?.kind).to.equal('userTask');
    expect(diff.elements.removed.map((e) => e.id)).to.deep.equal(['review']);
  });

  it('should compare versions of a process that calls a process deployed from another file', async () => {
    const file = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">${body}</bpmn:definitions>`;
    const child = file(
      `<bpmn:process id="licence-child" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" /></bpmn:process>`,
    );
    const parent = (name: string) =>
      file(
        `<bpmn:process id="one-thing" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="call" /><bpmn:callActivity id="call" name="${name}" calledElement="licence-child" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="e" /><bpmn:endEvent id="e" /></bpmn:process>`,
      );
    await request(server.app).post('/api/definitions').set(as('admin')).send({ xml: child }).expect(201);
    await request(server.app)
      .post('/api/definitions')
      .set(as('admin'))
      .send({ xml: parent('办理营业执照') })
      .expect(201);
    await request(server.app)
      .post('/api/definitions')
      .set(as('admin'))
      .send({ xml: parent('营业执照') })
      .expect(201);
    const diff = (
      await request(server.app).get('/api/definitions/one-thing/diff?from=1&to=2').set(as('auditor-wu')).expect(200)
    ).body as { elements: { changed: Array<{ id: string }> } };
    expect(diff.elements.changed.map((e) => e.id)).to.deep.equal(['call']);
  });

  it('should compare a diagram not yet published with the latest version, storing nothing', async () => {
    const v1 = (
      await request(server.app).get('/api/definitions/food-licence/versions/1/xml').set(as('admin')).expect(200)
    ).body as { xml: string };
    const edited = v1.xml.replace('name="审查"', 'name="书面审查"');
    expect(edited).to.not.equal(v1.xml);
    const diff = (
      await request(server.app)
        .post('/api/definitions/food-licence/diff')
        .set(as('supervisor-sun'))
        .send({ xml: edited })
        .expect(200)
    ).body as {
      from: number;
      to: null;
      elements: {
        changed: Array<{ id: string; changes: Array<{ field: string; before: unknown; after: unknown }> }>;
        added: unknown[];
        removed: unknown[];
      };
    };
    expect(diff).to.deep.include({ from: 1, to: null });
    expect(diff.elements.changed).to.deep.equal([
      { id: 'review', changes: [{ field: 'name', before: '审查', after: '书面审查' }] },
    ]);
    expect(await server.store.listDefinitions('food-licence')).to.have.length(1);
    const broken = await request(server.app)
      .post('/api/definitions/food-licence/diff')
      .set(as('admin'))
      .send({ xml: '<bpmn:definitions' })
      .expect(422);
    expect(broken.body.details.findings[0].rule).to.equal('xml-malformed');
    await request(server.app)
      .post('/api/definitions/no-such-process/diff')
      .set(as('admin'))
      .send({ xml: v1.xml })
      .expect(404);
  });

  it('should answer 404 for a missing version or process, 400 for bad parameters, 401 without a token', async () => {
    expect(
      (await request(server.app).get('/api/definitions/food-licence/diff?from=1&to=9').set(as('admin')).expect(404))
        .body.code,
    ).to.equal('DEFINITION_NOT_FOUND');
    await request(server.app).get('/api/definitions/no-such-process/diff?from=1&to=1').set(as('admin')).expect(404);
    await request(server.app).get('/api/definitions/food-licence/diff?from=1').set(as('admin')).expect(400);
    await request(server.app).get('/api/definitions/food-licence/diff?from=one&to=1').set(as('admin')).expect(400);
    await request(server.app).get('/api/definitions/food-licence/diff?from=0&to=1').set(as('admin')).expect(400);
    await request(server.app).get('/api/definitions/food-licence/diff?from=1&to=1&x=1').set(as('admin')).expect(400);
    await request(server.app).get('/api/definitions/food-licence/diff?from=1&to=1').expect(401);
  });

  it('should serve a readable API page over /api/openapi.json with its assets from this server, under a CSP that allows them', async () => {
    const page = await request(server.app).get('/api/docs').expect(200).expect('Content-Type', /html/);
    expect(page.text).to.contain('/api/openapi.json');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).to.contain("script-src 'self'");
    expect(csp).to.not.contain('unsafe-eval');
    const assets = [...page.text.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(assets).to.include('/api/docs/assets/swagger-ui-bundle.js');
    expect(page.text).to.not.match(/https?:\/\//);
    for (const asset of assets) {
      const served = await request(server.app).get(asset).expect(200);
      expect(Number(served.headers['content-length'] ?? served.text?.length ?? 0)).to.be.greaterThan(0);
    }
    expect((await request(server.app).get('/api/docs/init.js').expect(200)).text).to.contain('SwaggerUIBundle');
    await request(server.app).get('/api/docs/assets/package.json').expect(404);
    await request(server.app).get('/api/docs/assets/..%2Fpackage.json').expect(404);
    await request(server.app).get('/api/openapi.json').expect(200);
  });
});

describe('server: deploy runs the modeler lint', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer();
  });
  after(() => server.close());
  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const matter = (task: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="d" targetNamespace="t">
  <bpmn:process id="lint-deploy" name="检查发布" isExecutable="true" gov:matterCode="330106-XK-LINT-001">
    <bpmn:startEvent id="start" name="收件" />
    ${task}
    <bpmn:endEvent id="end" name="办结" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

  it('should refuse a matter whose user task breaks a matterflow rule, with the lint findings per element, and store nothing', async () => {
    const refused = await request(server.app)
      .post('/api/definitions')
      .set(as('admin'))
      .send({ xml: matter('<bpmn:userTask id="review" name="审查" />') })
      .expect(422);
    expect(refused.body.code).to.equal('DEFINITION_INVALID');
    expect(refused.body.message.zh).to.match(/^流程定义未通过校验：2 个错误/);
    const findings = refused.body.details.findings as Array<{
      rule: string;
      elementId: string;
      severity: string;
      line?: number;
    }>;
    expect(
      findings
        .filter((finding) => finding.severity === 'error')
        .map((finding) => `${finding.rule} ${finding.elementId}`)
        .sort(),
    ).to.deep.equal(['matterflow/user-task-department review', 'matterflow/user-task-time-limit review']);
    expect(findings.find((finding) => finding.elementId === 'review')?.line).to.equal(5);
    const versions = (
      await request(server.app).get('/api/definitions?processId=lint-deploy').set(as('admin')).expect(200)
    ).body as unknown[];
    expect(versions).to.deep.equal([]);
  });

  it("should deploy the fixed matter and return the recommended rules' findings as warnings", async () => {
    const fixed = matter(
      '<bpmn:userTask id="review" name="审查" gov:department="西湖区市场监督管理局行政许可科" gov:timeLimit="3" gov:timeLimitUnit="工作日" />',
    );
    const deployed = await request(server.app)
      .post('/api/definitions')
      .set(as('admin'))
      .send({ xml: fixed })
      .expect(201);
    expect(deployed.body.processes).to.deep.equal([
      { processId: 'lint-deploy', version: 1, hash: deployed.body.processes[0].hash, created: true },
    ]);
    const findings = deployed.body.findings as Array<{ rule: string; severity: string }>;
    expect(findings.every((finding) => finding.severity === 'warning')).to.equal(true);
    expect(findings.map((finding) => finding.rule)).to.include('no-bpmndi');
  });
});
