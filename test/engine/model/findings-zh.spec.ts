/** The deploy rules' findings in Chinese (message.zh, naming the element by its name) with the English kept (message.en). */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { loadDefinition, type Finding } from '../../../engine/model/index.js';
import { juelToFeel } from '../../../engine/model/feel.js';
import { repoRoot } from './helpers.js';

const CAMUNDA = path.join(repoRoot, 'test', 'fixtures', 'camunda');
const camunda = (file: string) => readFileSync(path.join(CAMUNDA, file), 'utf8');
const CJK = /[\u4e00-\u9fff]/;

async function findingsOf(xml: string, rule?: string): Promise<Finding[]> {
  const { findings } = await loadDefinition(xml);
  return rule ? findings.filter((found) => found.rule === rule) : findings;
}

describe('model: findings in Chinese, English kept', () => {
  const files = ['c7', 'c8'].flatMap((dir) =>
    readdirSync(path.join(CAMUNDA, dir))
      .filter((file) => file.endsWith('.bpmn'))
      .map((file) => `${dir}/${file}`),
  );

  it('should find the ten Camunda Modeler files', () => {
    expect(files).to.have.length(10);
  });

  for (const file of files) {
    it(`should give every finding of ${file} a Chinese message and an English one, neither telling anyone to write <gov:…/> XML`, async () => {
      for (const found of await findingsOf(camunda(file))) {
        expect(found.message.zh, `${found.rule} ${found.elementId}`).to.match(CJK);
        expect(found.message.en, `${found.rule} ${found.elementId}`).to.match(/[a-z]{3}/);
        expect(found.message.zh).not.to.contain('<gov:');
      }
    });
  }

  it('should tell a camunda:class service task, by its name, that no Java runs here and which handler type the panel offers', async () => {
    // when
    const found = await findingsOf(camunda('c7/retry-example.bpmn'), 'job-type-missing');
    // then
    expect(found.map((finding) => finding.elementId)).to.deep.equal([
      'service-fetch-data',
      'service-fetch-address',
      'service-send-data',
      'service-add-address',
    ]);
    expect(found[0]!.message.zh).to.equal(
      '服务任务“Fetch data from the CRM system”由 Camunda 7 的 Java 类实现（camunda:class="org.camunda.bpm.example.delegate.ServiceTaskOneDelegate"），本引擎不运行 Java 代码：请在代码中注册处理程序，并在属性面板“服务实现”中填写其处理程序类型（属性面板可一键改为“ServiceTaskOneDelegate”）',
    );
    expect(found[0]!.message.en)
      .to.contain('service task "Fetch data from the CRM system"')
      .and.contain('camunda:class')
      .and.contain('"ServiceTaskOneDelegate"');
  });

  it('should name the bean of a camunda:delegateExpression and the bean and method of a camunda:expression', async () => {
    const twitter = await findingsOf(camunda('c7/twitter-demo.bpmn'), 'job-type-missing');
    expect(twitter.map((finding) => finding.message.zh)).to.satisfy((messages: string[]) =>
      messages.every((message) => message.includes('委托表达式')),
    );
    expect(twitter[0]!.message.zh).to.contain('服务任务“Send rejection notification”').and.contain('“emailAdapter”');
    const announcement = await findingsOf(camunda('c7/job-announcement.bpmn'), 'job-type-missing');
    expect(announcement[0]!.message.zh)
      .to.contain('服务任务“Send confirmation”由 Camunda 7 的表达式实现')
      .and.contain('“jobAnnouncementService.notifyAboutPostings”');
  });

  it('should say a JUEL condition is Camunda 7 and give the FEEL to write', async () => {
    const found = await findingsOf(camunda('c7/twitter-demo.bpmn'), 'feel-syntax');
    expect(found.map((finding) => finding.message.zh).sort()).to.deep.equal([
      '顺序流“no”的条件“#{!approved}”是 Camunda 7 的 JUEL 表达式，这里使用 FEEL：请改写为 =not(approved)',
      '顺序流“yes”的条件“#{approved}”是 Camunda 7 的 JUEL 表达式，这里使用 FEEL：请改写为 =approved',
    ]);
    expect(juelToFeel('${a.b}')).to.equal('=a.b');
    expect(juelToFeel('#{x > 5}')).to.equal('');
    expect(juelToFeel('=x')).to.equal(null);
  });

  it('should refuse a script task and a call activity to a process not deployed in Chinese, by name', async () => {
    const script = await findingsOf(camunda('c7/xslt-example.bpmn'), 'unsupported-element');
    expect(script.map((finding) => finding.message.zh)).to.deep.equal([
      '脚本任务“convert input”：按设计不执行脚本任务（引擎不运行管理员写下的代码）：请改用服务任务，由代码中注册的处理程序完成',
    ]);
    expect(script[0]!.message.en).to.match(/^script task "convert input": script tasks are not executed by design/);
    const called = await findingsOf(camunda('c7/job-announcement.bpmn'), 'called-process-missing');
    expect(called[0]!.message.zh).to.equal(
      '调用活动“Execute announcement”调用的流程“camunda-testing-job-announcement-publication”既不在本文件中，也尚未发布：请先发布该流程，或把它放进同一文件',
    );
  });

  it('should NOT report an external task with a topic (it runs as a job of its topic), but one without a topic, in Chinese', async () => {
    expect(await findingsOf(camunda('c7/order-handling.bpmn'), 'job-type-missing')).to.deep.equal([]);
    const withoutTopic = camunda('c7/order-handling.bpmn').replace(' camunda:topic="invoiceCreator"', '');
    const [found] = await findingsOf(withoutTopic, 'job-type-missing');
    expect(found?.elementId).to.equal('Task_06z99p1');
    expect(found?.message.zh).to.match(
      /^服务任务“Create Invoice”是 Camunda 7 的外部任务（camunda:type="external"），但没有主题/,
    );
  });

  it('should word gov attribute problems as the properties panel does (办理时限, 会签方式), naming the step', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="d">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:userTask id="t" name="审查" gov:timeLimit="-1" gov:timeLimitUnit="周" gov:countersign="全签" /><bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;
    const found = await findingsOf(xml, 'gov-invalid');
    expect(found.map((finding) => finding.message.zh)).to.include.members([
      '用户任务“审查”的办理时限须为正数，而不是“-1”',
      '用户任务“审查”的办理时限单位“周”不是工作日、自然日、小时(工作日)、小时(自然日)之一',
      '用户任务“审查”的会签方式“全签”不是会签、或签、票签之一',
    ]);
    expect(found[0]!.message.en).to.contain('gov:timeLimit must be a positive number');
  });
});
