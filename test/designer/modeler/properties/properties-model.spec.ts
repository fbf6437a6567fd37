/**
 * The pure part of the gov properties panel (designer/modeler/properties/model.ts) in Node, with
 * bpmn-moddle and the gov descriptor: the commands each edit becomes, applied the way bpmn-js
 * applies them (set the properties on the business object or the named moddle element), then
 * serialized; validation messages; department options.
 */
import { expect } from 'chai';
import { BpmnModdle } from 'bpmn-moddle';
import govDescriptor from '../../../../engine/model/gov-descriptor.json' with { type: 'json' };
import {
  MATERIALS,
  SPECIAL_PROCEDURE_LIST,
  addListItemCommands,
  countersignCommands,
  departmentOptions,
  expressionCommands,
  limitCommands,
  listItems,
  processOf,
  removeListItemCommands,
  validateLimit,
  validatePassRatio,
} from '../../../../designer/modeler/properties/model.js';
import type { Command, ElementFactory, ModdleElement } from '../../../../designer/modeler/properties/model.js';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="d" targetNamespace="t">
  <bpmn:collaboration id="c"><bpmn:participant id="pool" name="受理中心" processRef="p" /></bpmn:collaboration>
  <bpmn:process id="p" isExecutable="true">
    <bpmn:userTask id="review" name="审查" gov:timeLimitUnit="自然日" />
    <bpmn:exclusiveGateway id="gw" />
    <bpmn:sequenceFlow id="flow" sourceRef="gw" targetRef="review" />
  </bpmn:process>
</bpmn:definitions>`;

interface Shape {
  readonly id: string;
  readonly businessObject: ModdleElement;
}

/** What bpmn-js's UpdatePropertiesHandler / UpdateModdlePropertiesHandler do to the model. */
function apply(commands: readonly Command<Shape>[]): void {
  for (const { cmd, context } of commands) {
    const target =
      cmd === 'element.updateProperties'
        ? context.element.businessObject
        : (context as { moddleElement: ModdleElement }).moddleElement;
    for (const [key, value] of Object.entries(context.properties)) target.set(key, value);
  }
}

async function load(): Promise<{
  moddle: BpmnModdle & ElementFactory;
  byId: Record<string, ModdleElement>;
  definitions: unknown;
}> {
  const moddle = new BpmnModdle({ gov: govDescriptor }) as BpmnModdle & ElementFactory;
  const { rootElement, elementsById } = await moddle.fromXML(XML);
  return { moddle, byId: elementsById as Record<string, ModdleElement>, definitions: rootElement };
}

describe('Designer: the gov properties panel model (Node)', () => {
  it('adding materials creates extensionElements and one gov:materials block; removing the last drops the block', async () => {
    const { moddle, byId, definitions } = await load();
    const review: Shape = { id: 'review', businessObject: byId.review! };
    const first = addListItemCommands(
      review,
      review.businessObject,
      MATERIALS,
      { name: '申请书', necessity: 'required', source: 'applicant' },
      moddle,
    );
    expect(first.commands.map((command) => Object.keys(command.context.properties))).to.deep.equal([
      ['extensionElements'],
      ['values'],
      ['materials'],
    ]);
    apply(first.commands);
    const second = addListItemCommands(
      review,
      review.businessObject,
      MATERIALS,
      { name: '营业执照', necessity: 'tolerated', source: 'shared' },
      moddle,
    );
    expect(second.commands).to.have.length(1);
    apply(second.commands);
    // necessity and source at their defaults (required, applicant) are left out of the file, as moddle does.
    let { xml } = await moddle.toXML(definitions, { format: true });
    expect(xml).to.match(
      /<gov:materials>\s*<gov:material name="申请书" \/>\s*<gov:material name="营业执照" necessity="tolerated" source="shared" \/>\s*<\/gov:materials>/,
    );
    expect(listItems(review.businessObject, MATERIALS).map(({ item }) => item.get('name'))).to.deep.equal([
      '申请书',
      '营业执照',
    ]);

    for (const { block, item } of listItems(review.businessObject, MATERIALS))
      apply(removeListItemCommands(review, review.businessObject, MATERIALS, block, item));
    ({ xml } = await moddle.toXML(definitions, { format: true }));
    expect(xml).not.to.contain('gov:materials');
    expect(xml).not.to.contain('gov:material ');
  });

  it('special procedures go to their own block next to the materials', async () => {
    const { moddle, byId, definitions } = await load();
    const review: Shape = { id: 'review', businessObject: byId.review! };
    apply(addListItemCommands(review, review.businessObject, MATERIALS, { name: '申请书' }, moddle).commands);
    apply(
      addListItemCommands(review, review.businessObject, SPECIAL_PROCEDURE_LIST, { kind: '听证' }, moddle).commands,
    );
    const { xml } = await moddle.toXML(definitions, { format: true });
    expect(xml).to.match(
      /<gov:materials>\s*<gov:material name="申请书" \/>\s*<\/gov:materials>\s*<gov:specialProcedures>\s*<gov:specialProcedure kind="听证" \/>/,
    );
  });

  it("a limit keeps its unit or gets the default 工作日; clearing it clears the unit; the process is the participant's processRef", async () => {
    const { byId } = await load();
    const review: Shape = { id: 'review', businessObject: byId.review! };
    apply(
      limitCommands(
        review,
        review.businessObject,
        review.businessObject,
        { amount: 'gov:timeLimit', unit: 'gov:timeLimitUnit' },
        3,
      ),
    );
    expect([review.businessObject.get('gov:timeLimit'), review.businessObject.get('gov:timeLimitUnit')]).to.deep.equal([
      3,
      '自然日',
    ]);
    apply(
      limitCommands(
        review,
        review.businessObject,
        review.businessObject,
        { amount: 'gov:timeLimit', unit: 'gov:timeLimitUnit' },
        undefined,
      ),
    );
    expect([review.businessObject.get('gov:timeLimit'), review.businessObject.get('gov:timeLimitUnit')]).to.deep.equal([
      undefined,
      undefined,
    ]);

    const pool: Shape = { id: 'pool', businessObject: byId.pool! };
    const process = processOf(pool.businessObject)!;
    expect(process).to.equal(byId.p);
    const commands = limitCommands(
      pool,
      pool.businessObject,
      process,
      { amount: 'gov:promisedLimit', unit: 'gov:promisedLimitUnit' },
      20,
    );
    expect(commands[0]!.cmd).to.equal('element.updateModdleProperties');
    apply(commands);
    expect([process.get('gov:promisedLimit'), process.get('gov:promisedLimitUnit')]).to.deep.equal([20, '工作日']);
    expect(processOf(review.businessObject)).to.equal(null);
  });

  it('a countersign kind makes the activity multi-instance; leaving 票签 drops the pass ratio', async () => {
    const { moddle, byId } = await load();
    const review: Shape = { id: 'review', businessObject: byId.review! };
    apply(countersignCommands(review, review.businessObject, '票签', moddle));
    review.businessObject.set('gov:passRatio', 0.6);
    const loop = review.businessObject.get('loopCharacteristics') as ModdleElement;
    expect(loop.$type).to.equal('bpmn:MultiInstanceLoopCharacteristics');
    apply(countersignCommands(review, review.businessObject, '会签', moddle));
    expect(review.businessObject.get('gov:countersign')).to.equal('会签');
    expect(review.businessObject.get('gov:passRatio')).to.equal(undefined);
    expect(review.businessObject.get('loopCharacteristics')).to.equal(loop);
    apply(countersignCommands(review, review.businessObject, undefined, moddle));
    expect(review.businessObject.get('gov:countersign')).to.equal(undefined);
  });

  it('a condition becomes a bpmn:FormalExpression; an empty one removes it', async () => {
    const { moddle, byId } = await load();
    const flow: Shape = { id: 'flow', businessObject: byId.flow! };
    apply(
      expressionCommands(flow, flow.businessObject, flow.businessObject, 'conditionExpression', '=金额 > 100', moddle),
    );
    const expression = flow.businessObject.get('conditionExpression') as ModdleElement;
    expect([expression.$type, expression.get('body')]).to.deep.equal(['bpmn:FormalExpression', '=金额 > 100']);
    apply(expressionCommands(flow, flow.businessObject, flow.businessObject, 'conditionExpression', '=', moddle));
    expect(flow.businessObject.get('conditionExpression')).to.equal(undefined);
  });

  it('validation: a limit is empty or positive, a pass ratio is in (0, 1], in Chinese', () => {
    expect(validateLimit('办理时限', undefined)).to.equal(null);
    expect(validateLimit('办理时限', 0.5)).to.equal(null);
    expect(validateLimit('办理时限', 0)).to.equal('办理时限必须是大于 0 的数字');
    expect(validateLimit('承诺时限', -2)).to.equal('承诺时限必须是大于 0 的数字');
    expect(validatePassRatio(1)).to.equal(null);
    expect(validatePassRatio(0.6)).to.equal(null);
    expect(validatePassRatio(0)).to.contain('通过比例必须大于 0 且不超过 1');
    expect(validatePassRatio(1.01)).to.contain('通过比例必须大于 0 且不超过 1');
    expect(validatePassRatio(undefined)).to.contain('票签须填写通过比例');
  });

  it('department options: the list, and a current value outside it kept and marked', () => {
    expect(departmentOptions(null, undefined)).to.deep.equal([{ value: '', label: '（正在加载部门名录…）' }]);
    expect(departmentOptions(null, undefined, '部门名录加载失败：x')[0]!.label).to.equal('（部门名录加载失败）');
    expect(departmentOptions(['甲科', '乙科'], '乙科')).to.deep.equal([
      { value: '', label: '（未选择）' },
      { value: '甲科', label: '甲科' },
      { value: '乙科', label: '乙科' },
    ]);
    expect(departmentOptions(['甲科'], '丙科').at(-1)).to.deep.equal({
      value: '丙科',
      label: '丙科（不在部门名录中）',
    });
  });
});
