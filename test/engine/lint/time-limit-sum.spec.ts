import { expect } from 'chai';
import { bpmn, chain, findingsOf, flow, summary, task } from './helpers.js';

const RULE = 'matterflow/time-limit-sum';
const promised = (amount: number, unit = '工作日') =>
  `gov:matterCode="330106-TEST-1" gov:promisedLimit="${amount}" gov:promisedLimitUnit="${unit}"`;

/** 收件 → 受理 → a → fork(b | c) → join → 决定 → 办结结果? → 送达 → end. */
function matter(
  limits: { accept?: number; a: number; b: number; c: number; decide: number; deliver?: number },
  promise: string,
): string {
  return bpmn(
    `<bpmn:startEvent id="s" /><bpmn:userTask id="accept" name="一窗受理" gov:department="窗口" gov:timeLimit="${limits.accept ?? 1}" />
    ${task('a', limits.a)}<bpmn:parallelGateway id="fork" />${task('b', limits.b)}${task('c', limits.c)}<bpmn:parallelGateway id="join" />
    <bpmn:userTask id="decide" name="决定" gov:department="局" gov:timeLimit="${limits.decide}" />
    <bpmn:exclusiveGateway id="outcome" default="refused" />
    <bpmn:userTask id="deliver" name="送达许可证" gov:department="窗口" gov:timeLimit="${limits.deliver ?? 10}" />
    <bpmn:userTask id="notify" name="书面告知" gov:department="窗口" gov:timeLimit="${limits.deliver ?? 10}" /><bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
    ${chain('s', 'accept', 'a', 'fork')}${flow('fb', 'fork', 'b')}${flow('fc', 'fork', 'c')}${flow('bj', 'b', 'join')}${flow('cj', 'c', 'join')}
    ${chain('join', 'decide', 'outcome')}${flow('granted', 'outcome', 'deliver', '=办结结果 = "出证"')}${flow('refused', 'outcome', 'notify')}
    ${chain('deliver', 'e')}${chain('notify', 'e2')}`,
    promise,
  );
}

describe('lint: matterflow/time-limit-sum', () => {
  it('should accept steps from 受理 to 办结 that fit the promise, parallel branches counting as the longest', async () => {
    // 2 + max(3, 4) + 4 = 10: 受理 (before the clock) and the steps after 办结 do not count
    expect(
      await findingsOf(matter({ accept: 5, a: 2, b: 3, c: 4, decide: 4, deliver: 10 }, promised(10)), RULE),
    ).to.deep.equal([]);
  });

  it('should report the process with both numbers when the steps exceed the promise', async () => {
    const found = await findingsOf(matter({ a: 2, b: 3, c: 5, decide: 4 }, promised(10)), RULE);
    expect(summary(found)).to.deep.equal(['p: error']);
    expect(found[0]?.message.zh).to.equal(
      '事项流程“测试事项”自受理至办结各环节时限之和约 11 个工作日（并行分支按最长分支计），超过承诺办结时限 10 工作日（约 10 个工作日）',
    );
  });

  it('should compare in working days: 小时(工作日) by the 7-hour office day', async () => {
    // 7 hours = 1 working day; promise 1 working day, steps 1 + 3 + 3 hours
    const hours = (xml: string) =>
      xml
        .replace(/gov:timeLimitUnit="工作日"/g, 'gov:timeLimitUnit="小时(工作日)"')
        .replace(/gov:timeLimit="(\d+)" \/>/g, 'gov:timeLimit="$1" gov:timeLimitUnit="小时(工作日)" />');
    expect(await findingsOf(hours(matter({ a: 1, b: 3, c: 2, decide: 3 }, promised(1))), RULE)).to.deep.equal([]);
    expect(summary(await findingsOf(hours(matter({ a: 2, b: 3, c: 2, decide: 3 }, promised(1))), RULE))).to.deep.equal([
      'p: error',
    ]);
  });

  it('should NOT count a step with a 特别程序 (the clock stops), and count a sub-process by its own limit', async () => {
    const special = bpmn(
      `<bpmn:startEvent id="s" />${task('review', 8)}
      <bpmn:userTask id="inspect" gov:department="所" gov:timeLimit="30"><bpmn:extensionElements><gov:specialProcedures><gov:specialProcedure kind="现场勘验" /></gov:specialProcedures></bpmn:extensionElements></bpmn:userTask>
      <bpmn:subProcess id="stage" gov:department="局" gov:timeLimit="2"><bpmn:startEvent id="s2" />${task('inner', 9)}<bpmn:endEvent id="e2" />${chain('s2', 'inner', 'e2')}</bpmn:subProcess>
      <bpmn:endEvent id="e" />${chain('s', 'review', 'inspect', 'stage', 'e')}`,
      promised(10),
    );
    expect(await findingsOf(special, RULE)).to.deep.equal([]);
    expect(summary(await findingsOf(special.replace('gov:timeLimit="2"', ''), RULE))).to.deep.equal(['p: error']);
  });

  it('should count each step once on a loop back (退回 to an earlier step)', async () => {
    const loop = bpmn(
      `<bpmn:startEvent id="s" />${task('review', 4)}<bpmn:exclusiveGateway id="ok" default="yes" />${task('fix', 3)}<bpmn:endEvent id="e" />
      ${chain('s', 'review', 'ok')}${flow('yes', 'ok', 'e')}${flow('no', 'ok', 'fix', '=退回')}${flow('again', 'fix', 'review')}`,
      promised(5),
    );
    expect(await findingsOf(loop, RULE)).to.deep.equal([]);
  });

  it('should NOT check a matter without a promised limit, nor a process that is not a matter', async () => {
    const xml = matter({ a: 20, b: 3, c: 5, decide: 4 }, 'gov:matterCode="330106-TEST-1"');
    expect(await findingsOf(xml, RULE)).to.deep.equal([]);
    expect(await findingsOf(matter({ a: 20, b: 3, c: 5, decide: 4 }, 'gov:promisedLimit="1"'), RULE)).to.deep.equal([]);
  });
});
