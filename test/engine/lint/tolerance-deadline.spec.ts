import { expect } from 'chai';
import { bpmn, chain, findingsOf, flow, summary, task } from './helpers.js';

const RULE = 'matterflow/tolerance-deadline';
const TOLERANCE = '=受理结果 = "容缺受理"';
const TIMER = '<bpmn:timerEventDefinition gov:limit="5" gov:limitUnit="工作日" />';

/** 受理 → a choice: normal review, or a 容缺 branch with `branch` (from `in` to `out`) before the review. */
function acceptance(branch: string, first: string, last: string): string {
  return bpmn(`<bpmn:startEvent id="s" />${task('accept', 1)}<bpmn:exclusiveGateway id="how" default="normal" />
    ${branch}${task('review', 3)}<bpmn:endEvent id="e" /><bpmn:endEvent id="terminated" />
    ${chain('s', 'accept', 'how')}${flow('tolerated', 'how', first, TOLERANCE)}${flow('normal', 'how', 'review')}
    ${flow('supplied', last, 'review')}${chain('review', 'e')}`);
}

describe('lint: matterflow/tolerance-deadline', () => {
  it('should accept a 容缺 branch whose wait for the materials has a timer boundary event', async () => {
    const xml = acceptance(
      `${task('supplement', 5)}<bpmn:boundaryEvent id="deadline" attachedToRef="supplement">${TIMER}</bpmn:boundaryEvent>${flow('late', 'deadline', 'terminated')}`,
      'supplement',
      'supplement',
    );
    expect(await findingsOf(xml, RULE)).to.deep.equal([]);
  });

  it('should accept a 容缺 branch that races the materials against a timer at an event-based gateway', async () => {
    const xml = acceptance(
      `<bpmn:eventBasedGateway id="race" /><bpmn:receiveTask id="materials" /><bpmn:intermediateCatchEvent id="deadline">${TIMER}</bpmn:intermediateCatchEvent>
       ${flow('r1', 'race', 'materials')}${flow('r2', 'race', 'deadline')}${flow('late', 'deadline', 'terminated')}`,
      'race',
      'materials',
    );
    expect(await findingsOf(xml, RULE)).to.deep.equal([]);
  });

  it('should report a 容缺 branch without a timer, on its flow', async () => {
    const found = await findingsOf(acceptance(task('supplement', 5), 'supplement', 'supplement'), RULE);
    expect(summary(found)).to.deep.equal(['tolerated: error']);
    expect(found[0]?.message.zh).to.contain('容缺受理路径');
  });

  it('should NOT count a timer that the other branches reach as well', async () => {
    const xml =
      bpmn(`<bpmn:startEvent id="s" />${task('accept', 1)}<bpmn:exclusiveGateway id="how" default="normal" />${task('supplement', 5)}
      ${task('review', 3)}<bpmn:boundaryEvent id="reviewTimer" attachedToRef="review">${TIMER}</bpmn:boundaryEvent><bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
      ${chain('s', 'accept', 'how')}${flow('tolerated', 'how', 'supplement', TOLERANCE)}${flow('normal', 'how', 'review')}
      ${chain('supplement', 'review', 'e')}${chain('reviewTimer', 'e2')}`);
    expect(summary(await findingsOf(xml, RULE))).to.deep.equal(['tolerated: error']);
  });

  it('should report a step collecting 容缺-eligible materials without a timer, and accept one with a timer', async () => {
    const materials =
      '<bpmn:extensionElements><gov:materials><gov:material name="消防验收意见" necessity="tolerated" /></gov:materials></bpmn:extensionElements>';
    const collect = (boundary: string) =>
      bpmn(`<bpmn:startEvent id="s" /><bpmn:userTask id="supplement" name="补交容缺材料" gov:department="窗口" gov:timeLimit="5">${materials}</bpmn:userTask>
        ${boundary}<bpmn:endEvent id="e" /><bpmn:endEvent id="late" />${chain('s', 'supplement', 'e')}`);
    const found = await findingsOf(collect(''), RULE);
    expect(summary(found)).to.deep.equal(['supplement: error']);
    expect(found[0]?.message.zh).to.contain('“补交容缺材料”');
    expect(
      await findingsOf(
        collect(
          `<bpmn:boundaryEvent id="t" attachedToRef="supplement">${TIMER}</bpmn:boundaryEvent>${flow('tl', 't', 'late')}`,
        ),
        RULE,
      ),
    ).to.deep.equal([]);
  });

  it('should NOT report required materials, nor 容缺 outside a matter', async () => {
    const required = bpmn(
      `<bpmn:startEvent id="s" /><bpmn:userTask id="check" gov:department="窗口" gov:timeLimit="1"><bpmn:extensionElements><gov:materials><gov:material name="申请书" /></gov:materials></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e" />${chain('s', 'check', 'e')}`,
    );
    expect(await findingsOf(required, RULE)).to.deep.equal([]);
    expect(
      await findingsOf(
        acceptance(task('supplement', 5), 'supplement', 'supplement').replace(/gov:matterCode="[^"]*"/, ''),
        RULE,
      ),
    ).to.deep.equal([]);
  });
});
