import { expect } from 'chai';
import { bpmn, chain, findingsOf, flow, summary, task } from './helpers.js';

const RULE = 'matterflow/parallel-join';

describe('lint: matterflow/parallel-join', () => {
  it('should accept a split whose branches all reach one joining parallel gateway', async () => {
    const xml =
      bpmn(`<bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" />${task('a', 1)}${task('b', 1)}${task('c', 1)}
      <bpmn:parallelGateway id="join" /><bpmn:endEvent id="e" />
      ${chain('s', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('fc', 'fork', 'c')}
      ${flow('aj', 'a', 'join')}${flow('bj', 'b', 'join')}${flow('cj', 'c', 'join')}${chain('join', 'e')}`);
    expect(await findingsOf(xml, RULE)).to.deep.equal([]);
  });

  it('should accept a nested split-join inside a branch, and a choice inside a branch that rejoins it', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" />${task('a', 1)}
      <bpmn:parallelGateway id="fork2" />${task('b1', 1)}${task('b2', 1)}<bpmn:parallelGateway id="join2" />
      <bpmn:exclusiveGateway id="x" default="x2" />${task('c1', 1)}${task('c2', 1)}<bpmn:exclusiveGateway id="xm" />
      <bpmn:parallelGateway id="join" /><bpmn:endEvent id="e" />
      ${chain('s', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'fork2')}${flow('fc', 'fork', 'x')}
      ${flow('b1f', 'fork2', 'b1')}${flow('b2f', 'fork2', 'b2')}${flow('b1j', 'b1', 'join2')}${flow('b2j', 'b2', 'join2')}
      ${flow('x1', 'x', 'c1', '=ok')}${flow('x2', 'x', 'c2')}${flow('c1m', 'c1', 'xm')}${flow('c2m', 'c2', 'xm')}
      ${flow('aj', 'a', 'join')}${flow('j2j', 'join2', 'join')}${flow('xmj', 'xm', 'join')}${chain('join', 'e')}`);
    expect(await findingsOf(xml, RULE)).to.deep.equal([]);
  });

  it('should report the split when a branch ends before the join', async () => {
    const xml =
      bpmn(`<bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" name="并联分发" />${task('a', 1)}${task('b', 1)}
      <bpmn:endEvent id="early" /><bpmn:endEvent id="e" />
      ${chain('s', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${chain('a', 'e')}${chain('b', 'early')}`);
    const found = await findingsOf(xml, RULE);
    expect(summary(found)).to.deep.equal(['fork: error']);
    expect(found[0]?.message.zh).to.contain('并行网关“并联分发”');
  });

  it('should report the split when its branches join in different gateways', async () => {
    const xml =
      bpmn(`<bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" />${task('a', 1)}${task('b', 1)}${task('c', 1)}
      <bpmn:parallelGateway id="j1" /><bpmn:parallelGateway id="j2" />${task('d', 1)}<bpmn:endEvent id="e" /><bpmn:endEvent id="e2" />
      ${chain('s', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('fc', 'fork', 'c')}
      ${flow('aj', 'a', 'j1')}${flow('bj', 'b', 'j1')}${flow('cj', 'c', 'j2')}${flow('dj', 'd', 'j2')}
      <bpmn:startEvent id="s2" />${chain('s2', 'd')}${chain('j1', 'e')}${chain('j2', 'e2')}`);
    expect(summary(await findingsOf(xml, RULE))).to.deep.equal(['fork: error']);
  });

  it('should report a branch that may leave through an exclusive choice to an end before the join', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" />${task('a', 1)}${task('b', 1)}
      <bpmn:exclusiveGateway id="x" default="go" /><bpmn:endEvent id="rejected" /><bpmn:parallelGateway id="join" /><bpmn:endEvent id="e" />
      ${chain('s', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${chain('a', 'x')}
      ${flow('no', 'x', 'rejected', '=不通过')}${flow('go', 'x', 'join')}${flow('bj', 'b', 'join')}${chain('join', 'e')}`);
    expect(summary(await findingsOf(xml, RULE))).to.deep.equal(['fork: error']);
  });

  describe('a branch that ends the whole stage (scopes)', () => {
    /** The stage: a sub-process whose split sends a and b to a join; a's 不通过 leaves by `rejectEnd`. */
    const stage = (rejectEnd: string, around = '', inside = '') =>
      bpmn(`<bpmn:startEvent id="s" /><bpmn:subProcess id="stage" name="并联审查阶段">
        <bpmn:startEvent id="s2" /><bpmn:parallelGateway id="fork" name="并联分发" />${task('a', 1)}${task('b', 1)}
        <bpmn:exclusiveGateway id="x" default="go" />${rejectEnd}<bpmn:parallelGateway id="join" /><bpmn:endEvent id="e2" />
        ${chain('s2', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${chain('a', 'x')}
        ${flow('no', 'x', 'rejected', '=不通过')}${flow('go', 'x', 'join')}${flow('bj', 'b', 'join')}${chain('join', 'e2')}
        ${inside}
      </bpmn:subProcess>${around}<bpmn:endEvent id="e" />${chain('s', 'stage', 'e')}`);
    const errors = `<bpmn:error id="stageRejected" name="不予许可" errorCode="STAGE_REJECTED" />
      <bpmn:error id="other" name="其他" errorCode="OTHER" />`;
    const withErrors = (xml: string) => xml.replace('<bpmn:process ', `${errors}\n  <bpmn:process `);
    const errorEnd = (ref = 'stageRejected') =>
      `<bpmn:endEvent id="rejected" name="不予许可"><bpmn:errorEventDefinition errorRef="${ref}" /></bpmn:endEvent>`;
    const boundary = (ref: string | null, extra = '') =>
      `<bpmn:boundaryEvent id="caught" attachedToRef="stage" ${extra}><bpmn:errorEventDefinition ${ref ? `errorRef="${ref}"` : ''} /></bpmn:boundaryEvent>
      ${task('returnToApplicant', 1)}<bpmn:endEvent id="returned" />${chain('caught', 'returnToApplicant', 'returned')}`;

    it('should accept an error end in the rejecting branch that an error boundary on the stage catches', async () => {
      const xml = withErrors(stage(errorEnd(), boundary('stageRejected')));
      expect(await findingsOf(xml, RULE)).to.deep.equal([]);
    });

    it('should accept it with a catch-all error boundary, or an interrupting error event sub-process of the stage', async () => {
      expect(await findingsOf(withErrors(stage(errorEnd(), boundary(null))), RULE)).to.deep.equal([]);
      const handler = `<bpmn:subProcess id="onRejected" triggeredByEvent="true">
          <bpmn:startEvent id="rejectedStart"><bpmn:errorEventDefinition errorRef="stageRejected" /></bpmn:startEvent>
          <bpmn:endEvent id="handled" />${chain('rejectedStart', 'handled')}</bpmn:subProcess>`;
      expect(await findingsOf(withErrors(stage(errorEnd(), '', handler)), RULE)).to.deep.equal([]);
    });

    it('should accept a terminate end in the rejecting branch', async () => {
      const terminate = '<bpmn:endEvent id="rejected"><bpmn:terminateEventDefinition /></bpmn:endEvent>';
      expect(await findingsOf(stage(terminate), RULE)).to.deep.equal([]);
    });

    it('should NOT accept an error end that nothing catches, or that the boundary does not catch (another code)', async () => {
      expect(summary(await findingsOf(withErrors(stage(errorEnd())), RULE))).to.deep.equal(['fork: error']);
      expect(
        summary(await findingsOf(withErrors(stage(errorEnd('other'), boundary('stageRejected'))), RULE)),
      ).to.deep.equal(['fork: error']);
    });

    it('should NOT accept a plain end in the rejecting branch of the stage: the join would wait for it forever', async () => {
      const found = await findingsOf(
        withErrors(stage('<bpmn:endEvent id="rejected" />', boundary('stageRejected'))),
        RULE,
      );
      expect(summary(found)).to.deep.equal(['fork: error']);
      expect(found[0]?.message.zh).to.contain('并行网关“并联分发”');
    });

    it('should NOT accept an escalation end whose boundary does not interrupt the stage', async () => {
      const escalation = `<bpmn:escalation id="esc" name="上报" escalationCode="ESC" />`;
      const xml = stage(
        '<bpmn:endEvent id="rejected"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:endEvent>',
        `<bpmn:boundaryEvent id="caught" attachedToRef="stage" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>
        ${task('report', 1)}<bpmn:endEvent id="reported" />${chain('caught', 'report', 'reported')}`,
      ).replace('<bpmn:process ', `${escalation}\n  <bpmn:process `);
      expect(summary(await findingsOf(xml, RULE))).to.deep.equal(['fork: error']);
      expect(await findingsOf(xml.replace('cancelActivity="false"', ''), RULE)).to.deep.equal([]);
    });

    it('should accept branches that never meet and each end inside an embedded sub-process (its completion joins them)', async () => {
      const branches = `<bpmn:startEvent id="s2" /><bpmn:parallelGateway id="fork" />${task('a', 1)}${task('b', 1)}
        <bpmn:endEvent id="ea" /><bpmn:endEvent id="eb" />
        ${chain('s2', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${chain('a', 'ea')}${chain('b', 'eb')}`;
      const inStage = bpmn(`<bpmn:startEvent id="s" /><bpmn:subProcess id="stage">${branches}</bpmn:subProcess>
        <bpmn:endEvent id="e" />${chain('s', 'stage', 'e')}`);
      expect(await findingsOf(inStage, RULE)).to.deep.equal([]);
      const meeting = inStage.replace(`${chain('b', 'eb')}`, `${flow('b_ea', 'b', 'ea')}`);
      expect(summary(await findingsOf(meeting, RULE))).to.deep.equal(['fork: error']);
    });
  });

  it('should NOT report a parallel gateway that only joins, nor an unjoined split outside a matter', async () => {
    const unjoined = `<bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" />${task('a', 1)}${task('b', 1)}<bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
      ${chain('s', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${chain('a', 'e1')}${chain('b', 'e2')}`;
    expect(await findingsOf(bpmn(unjoined, ''), RULE)).to.deep.equal([]);
    expect(summary(await findingsOf(bpmn(unjoined), RULE))).to.deep.equal(['fork: error']);
  });
});
