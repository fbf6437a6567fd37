/** POST /api/definitions/validate: what publishing would say, without publishing; and deploy's findings in Chinese. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { REPO_ROOT } from '../../support/fixtures.js';
import { testServer, type TestServer } from '../support.js';

const CAMUNDA = path.join(REPO_ROOT, 'test', 'fixtures', 'camunda');
const FILES = ['c7', 'c8'].flatMap((dir) =>
  readdirSync(path.join(CAMUNDA, dir))
    .filter((file) => file.endsWith('.bpmn'))
    .map((file) => `${dir}/${file}`),
);

interface Finding {
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly elementId: string | null;
  readonly message: { zh: string; en: string };
  readonly line?: number;
}

describe('server: POST /api/definitions/validate', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer();
  });
  afterEach(() => server.close());
  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });

  it('should say for every Camunda Modeler file exactly what publishing it then answers, storing nothing', async () => {
    // given the ten files, none deployed
    expect(FILES).to.have.length(10);
    for (const file of FILES) {
      const xml = readFileSync(path.join(CAMUNDA, file), 'utf8');
      // when it is validated, then published
      const checked = await request(server.app)
        .post('/api/definitions/validate')
        .set(as('window-li'))
        .send({ xml })
        .expect(200);
      expect(await server.store.listDefinitions()).to.satisfy((rows: Array<{ processId: string }>) =>
        rows.every((row) => !xml.includes(`id="${row.processId}"`)),
      );
      const published = await request(server.app).post('/api/definitions').set(as('admin')).send({ xml });
      // then the verdict and the findings are the same
      const { refused, findings } = checked.body as { refused: boolean; findings: Finding[] };
      expect(published.status, file).to.equal(refused ? 422 : 201);
      const publishedFindings = (refused ? published.body.details.findings : published.body.findings) as Finding[];
      expect(publishedFindings, file).to.deep.equal(findings);
      for (const finding of findings) expect(finding.message.zh, `${file} ${finding.rule}`).to.match(/[\u4e00-\u9fff]/);
    }
  });

  it('should refuse in Chinese with the element named by its name, the English kept in message.en', async () => {
    const xml = readFileSync(path.join(CAMUNDA, 'c7/xslt-example.bpmn'), 'utf8');
    const refused = await request(server.app).post('/api/definitions').set(as('admin')).send({ xml }).expect(422);
    expect(refused.body.message.zh).to.equal(
      '流程定义未通过校验：1 个错误，如：脚本任务“convert input”：按设计不执行脚本任务（引擎不运行管理员写下的代码）：请改用服务任务，由代码中注册的处理程序完成',
    );
    expect(refused.body.message.en).to.match(
      /^The definition has 1 error\(s\), e\.g\. ScriptTask_1: script task "convert input"/,
    );
    const [finding] = refused.body.details.findings as Finding[];
    expect(finding).to.include({ rule: 'unsupported-element', elementId: 'ScriptTask_1', line: 12 });
  });

  it('should know the processes deployed since: a call activity to one is no longer refused', async () => {
    const caller = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="caller" isExecutable="true">
    <bpmn:startEvent id="s" name="开始" /><bpmn:callActivity id="call" name="调用" calledElement="food-licence" /><bpmn:endEvent id="e" name="结束" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;
    const known = await request(server.app)
      .post('/api/definitions/validate')
      .set(as('admin'))
      .send({ xml: caller })
      .expect(200);
    expect(known.body.refused).to.equal(false);
    const unknown = await request(server.app)
      .post('/api/definitions/validate')
      .set(as('admin'))
      .send({ xml: caller.replace('calledElement="food-licence"', 'calledElement="not-deployed"') })
      .expect(200);
    expect(unknown.body.refused).to.equal(true);
    expect((unknown.body.findings as Finding[]).map((finding) => finding.message.zh)).to.include(
      '调用活动“调用”调用的流程“not-deployed”既不在本文件中，也尚未发布：请先发布该流程，或把它放进同一文件',
    );
  });

  it('should NOT answer without a token, nor a body without xml', async () => {
    await request(server.app).post('/api/definitions/validate').send({ xml: '<x/>' }).expect(401);
    await request(server.app).post('/api/definitions/validate').set(as('admin')).send({}).expect(400);
  });
});
