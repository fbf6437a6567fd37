import { expect } from 'chai';
import { bpmn, findingsOf, flow, summary, task } from './helpers.js';

const RULE = 'matterflow/gateway-condition';

function split(
  kind: 'exclusiveGateway' | 'inclusiveGateway',
  defaultFlow: string | null,
  conditions: { a?: string; b?: string },
): string {
  return bpmn(`<bpmn:startEvent id="s" /><bpmn:${kind} id="g" name="结果？"${defaultFlow ? ` default="${defaultFlow}"` : ''} />${task('a', 1)}${task('b', 1)}<bpmn:endEvent id="e" />
    ${flow('sg', 's', 'g')}${flow('ga', 'g', 'a', conditions.a)}${flow('gb', 'g', 'b', conditions.b)}${flow('ae', 'a', 'e')}${flow('be', 'b', 'e')}`);
}

describe('lint: matterflow/gateway-condition', () => {
  it('should accept conditions on all flows, or on all but the default', async () => {
    expect(await findingsOf(split('exclusiveGateway', null, { a: '=x = 1', b: '=x = 2' }), RULE)).to.deep.equal([]);
    expect(await findingsOf(split('exclusiveGateway', 'gb', { a: '=x = 1' }), RULE)).to.deep.equal([]);
    expect(await findingsOf(split('inclusiveGateway', 'gb', { a: '=x = 1' }), RULE)).to.deep.equal([]);
  });

  it('should report an exclusive gateway with neither conditions nor a default, on the gateway', async () => {
    const found = await findingsOf(split('exclusiveGateway', null, {}), RULE);
    expect(summary(found)).to.deep.equal(['g: error']);
    expect(found[0]?.message.zh).to.contain('排他网关“结果？”').and.contain('“ga”、“gb”').and.contain('默认流');
  });

  it('should report a flow that has no condition and is not the default', async () => {
    expect(summary(await findingsOf(split('exclusiveGateway', null, { a: '=x = 1' }), RULE))).to.deep.equal([
      'g: error',
    ]);
    expect(summary(await findingsOf(split('inclusiveGateway', null, { b: '=x = 1' }), RULE))).to.deep.equal([
      'g: error',
    ]);
  });

  it('should NOT report outside a matter', async () => {
    expect(
      await findingsOf(bpmn(split('exclusiveGateway', null, {}).replace(/gov:matterCode="[^"]*"/, '')), RULE),
    ).to.deep.equal([]);
  });
});
