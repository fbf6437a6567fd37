import { expect } from 'chai';
import { lintForDeploy } from '../../../engine/lint/index.js';
import { bpmn, chain, findingsOf, summary } from './helpers.js';

/** A 即办件's process: gov:caseType="1", no promised limit. */
const IMMEDIATE = 'gov:matterCode="330106-TEST-JB" gov:caseType="1"';
const PROMISED =
  'gov:matterCode="330106-TEST-1" gov:caseType="2" gov:promisedLimit="10" gov:promisedLimitUnit="工作日"';

/** 窗口受理 then 审核, neither with a time limit. */
const withoutLimits = (attributes: string) =>
  bpmn(
    `<bpmn:startEvent id="s" /><bpmn:userTask id="windowAcceptance" name="窗口受理" gov:department="政务服务中心" />
    <bpmn:userTask id="review" name="审核" gov:department="民政局" /><bpmn:endEvent id="e" />${chain('s', 'windowAcceptance', 'review', 'e')}`,
    attributes,
  );

describe('lint: a 即办件 (gov:caseType="1") and matterflow/case-type', () => {
  it('should NOT demand step limits in a 即办件: it deploys without them', async () => {
    const xml = withoutLimits(IMMEDIATE);
    expect(await findingsOf(xml, 'matterflow/user-task-time-limit')).to.deep.equal([]);
    expect(await findingsOf(xml, 'matterflow/case-type')).to.deep.equal([]);
    const deploy = await lintForDeploy(xml);
    expect(deploy.findings.filter((finding) => finding.severity === 'error')).to.deep.equal([]);
    expect(deploy.refused).to.equal(false);
  });

  it('should still demand them in a 承诺件, in a matter that declares no 办件类型, and refuse the deploy', async () => {
    for (const attributes of [PROMISED, 'gov:matterCode="330106-TEST-1"']) {
      const xml = withoutLimits(attributes);
      expect(summary(await findingsOf(xml, 'matterflow/user-task-time-limit')), attributes).to.deep.equal([
        'windowAcceptance: error',
        'review: error',
      ]);
      expect((await lintForDeploy(xml)).refused, attributes).to.equal(true);
    }
  });

  it('should still check a limit a 即办件 step does give', async () => {
    const xml = bpmn(
      `<bpmn:startEvent id="s" /><bpmn:userTask id="review" name="审核" gov:department="民政局" gov:timeLimit="1" gov:timeLimitUnit="周" />
      <bpmn:endEvent id="e" />${chain('s', 'review', 'e')}`,
      IMMEDIATE,
    );
    expect(summary(await findingsOf(xml, 'matterflow/user-task-time-limit'))).to.deep.equal(['review: error']);
  });

  it('should report an unknown 办件类型, naming the value, and a 即办件 with a promised limit', async () => {
    const unknown = await findingsOf(
      withoutLimits('gov:matterCode="330106-TEST-JB" gov:caseType="即办件"'),
      'matterflow/case-type',
    );
    expect(summary(unknown)).to.deep.equal(['p: error']);
    expect(unknown[0]?.message.zh).to.contain('办件类型“即办件”无效');
    const promised = await findingsOf(withoutLimits(`${IMMEDIATE} gov:promisedLimit="5"`), 'matterflow/case-type');
    expect(summary(promised)).to.deep.equal(['p: error']);
    expect(promised[0]?.message.zh).to.contain('不设承诺办结时限');
  });

  it('should NOT report a 承诺件 or 其他 that declares its type, nor a process that is not a matter', async () => {
    expect(await findingsOf(withoutLimits(PROMISED), 'matterflow/case-type')).to.deep.equal([]);
    expect(
      await findingsOf(withoutLimits('gov:matterCode="330106-TEST-9" gov:caseType="9"'), 'matterflow/case-type'),
    ).to.deep.equal([]);
    expect(await findingsOf(withoutLimits('gov:caseType="x"'), 'matterflow/case-type')).to.deep.equal([]);
  });
});
