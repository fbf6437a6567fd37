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
    expect(found[0]?.message).to.contain('并行网关“并联分发”');
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

  it('should NOT report a parallel gateway that only joins, nor an unjoined split outside a matter', async () => {
    const unjoined = `<bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" />${task('a', 1)}${task('b', 1)}<bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
      ${chain('s', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${chain('a', 'e1')}${chain('b', 'e2')}`;
    expect(await findingsOf(bpmn(unjoined, ''), RULE)).to.deep.equal([]);
    expect(summary(await findingsOf(bpmn(unjoined), RULE))).to.deep.equal(['fork: error']);
  });
});
