/** The 服务实现 group's pure part, in Node: job types as the engine reads them, and the Camunda 7 migration's one edit. */
import { expect } from 'chai';
import { BpmnModdle } from 'bpmn-moddle';
import { govDescriptor } from '../../../../engine/model/gov-descriptor.js';
import { loadDefinition } from '../../../../engine/model/index.js';
import { jobTypeCommands, jobTypeOf, migrationOf } from '../../../../designer/modeler/properties/job-model.js';
import type { Command, ElementFactory, ModdleElement } from '../../../../designer/modeler/properties/model.js';

const xmlOf = (task: string, namespaces = 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ${namespaces} id="d">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" name="开始" />${task}<bpmn:endEvent id="e" name="结束" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;

async function taskOf(xml: string): Promise<{ moddle: BpmnModdle; root: unknown; task: ModdleElement }> {
  const moddle = new BpmnModdle({ gov: govDescriptor });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const process = (rootElement as unknown as { rootElements: Array<{ flowElements: ModdleElement[] }> })
    .rootElements[0]!;
  return { moddle, root: rootElement, task: process.flowElements.find((e) => (e as { id?: string }).id === 't')! };
}

/** Runs the panel's commands as bpmn-js would: set the properties on the element or moddle element. */
function apply(commands: readonly Command<ModdleElement>[]): void {
  for (const { cmd, context } of commands) {
    const target = cmd === 'element.updateProperties' ? context.element : context.moddleElement;
    for (const [name, value] of Object.entries(context.properties)) target.set(name, value);
  }
}

describe('modeler properties: 服务实现 (job-model)', () => {
  it('should read the job type where the engine does: gov, zeebe, a Camunda 7 external topic, or none', async () => {
    expect(
      jobTypeOf(
        (await taskOf(xmlOf('<bpmn:serviceTask id="t" camunda:type="external" camunda:topic="charge" />'))).task,
      ),
    ).to.deep.equal({ source: 'camunda-topic', type: 'charge' });
    expect(jobTypeOf((await taskOf(xmlOf('<bpmn:serviceTask id="t" camunda:class="a.B" />'))).task)).to.deep.equal({
      source: 'none',
    });
  });

  it('should turn a camunda:class task into a handler type in one edit that drops the attribute, and deploy', async () => {
    // given a Camunda 7 Java delegate
    const { moddle, root, task } = await taskOf(
      xmlOf('<bpmn:serviceTask id="t" name="收费" camunda:class="org.example.ChargeCardDelegate" />'),
    );
    const migration = migrationOf(task);
    expect(migration).to.deep.include({
      kind: 'class',
      attribute: 'camunda:class',
      suggestedJobType: 'ChargeCardDelegate',
    });
    // when the migration's edit runs
    apply(
      jobTypeCommands(task, task, migration!.suggestedJobType, moddle as unknown as ElementFactory, [
        migration!.attribute,
      ]),
    );
    // then the task runs the handler and the Java class is gone
    const { xml } = await moddle.toXML(root as never);
    expect(xml).to.contain('<gov:taskDefinition type="ChargeCardDelegate" />').and.not.contain('camunda:class');
    expect(migrationOf(task)).to.equal(null);
    const loaded = await loadDefinition(xml);
    expect(loaded.findings.filter((finding) => finding.rule === 'job-type-missing')).to.deep.equal([]);
  });

  it('should change an existing type in place, and an empty type should remove the gov:taskDefinition', async () => {
    const { moddle, root, task } = await taskOf(
      xmlOf(
        '<bpmn:serviceTask id="t"><bpmn:extensionElements><gov:taskDefinition type="old" /></bpmn:extensionElements></bpmn:serviceTask>',
        'xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0"',
      ),
    );
    const factory = moddle as unknown as ElementFactory;
    apply(jobTypeCommands(task, task, 'new', factory));
    expect(jobTypeOf(task)).to.deep.equal({ source: 'gov', type: 'new' });
    apply(jobTypeCommands(task, task, '', factory));
    expect(jobTypeOf(task)).to.deep.equal({ source: 'none' });
    expect((await moddle.toXML(root as never)).xml).not.to.contain('taskDefinition');
  });
});
