import { expect } from 'chai';
import { bpmn, findingsOf, flow, summary, task } from './helpers.js';

const RULE = 'matterflow/condition-feel';

function withCondition(condition: string, attributes?: string): string {
  return bpmn(
    `<bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="g" default="gb" />${task('a', 1)}${task('b', 1)}<bpmn:endEvent id="e" />
    ${flow('sg', 's', 'g')}${flow('ga', 'g', 'a', condition)}${flow('gb', 'g', 'b')}${flow('ae', 'a', 'e')}${flow('be', 'b', 'e')}`,
    attributes,
  );
}

describe('lint: matterflow/condition-feel', () => {
  it('should accept valid FEEL, with or without the leading =', async () => {
    for (const condition of [
      '=办结结果 = "出证"',
      '=count(审图意见[item = true]) = nrOfInstances',
      'amount &gt; 1000 and 需要现场核查 = true',
    ]) {
      expect(await findingsOf(withCondition(condition), RULE), condition).to.deep.equal([]);
    }
  });

  it('should report a condition that is not valid FEEL, on the sequence flow, with the position', async () => {
    const found = await findingsOf(withCondition('=amount &gt; 1000 and'), RULE);
    expect(summary(found)).to.deep.equal(['ga: error']);
    expect(found[0]?.message.zh).to.match(/^条件“=amount > 1000 and”不是有效的 FEEL 表达式（第 \d+ 个字符：/);
  });

  it('should report an empty condition', async () => {
    expect(summary(await findingsOf(withCondition('='), RULE))).to.deep.equal(['ga: error']);
  });

  it('should NOT report outside a matter', async () => {
    expect(await findingsOf(withCondition('=amount &gt;', ''), RULE)).to.deep.equal([]);
  });
});
