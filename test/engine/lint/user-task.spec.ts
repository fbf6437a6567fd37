import { expect } from 'chai';
import { bpmn, chain, findingsOf, summary } from './helpers.js';

const flowOf = (taskXml: string) =>
  bpmn(`<bpmn:startEvent id="s" />${taskXml}<bpmn:endEvent id="e" />${chain('s', 'review', 'e')}`);

describe('lint: matterflow/user-task-department and matterflow/user-task-time-limit', () => {
  it('should accept a user task with a department and a time limit', async () => {
    const xml = flowOf(
      '<bpmn:userTask id="review" name="审查" gov:department="许可科" gov:timeLimit="3" gov:timeLimitUnit="工作日" />',
    );
    expect(await findingsOf(xml, 'matterflow/user-task-department')).to.deep.equal([]);
    expect(await findingsOf(xml, 'matterflow/user-task-time-limit')).to.deep.equal([]);
  });

  it('should report a user task without a department, naming the task, in Chinese', async () => {
    const found = await findingsOf(
      flowOf('<bpmn:userTask id="review" name="审查" gov:timeLimit="3" />'),
      'matterflow/user-task-department',
    );
    expect(summary(found)).to.deep.equal(['review: error']);
    expect(found[0]?.message.zh).to.equal('用户任务“审查”未设置承办部门');
  });

  it('should report a user task without a time limit, or with a unit that is not one', async () => {
    for (const attributes of ['', 'gov:timeLimit="3" gov:timeLimitUnit="周"', 'gov:timeLimit="0"']) {
      const found = await findingsOf(
        flowOf(`<bpmn:userTask id="review" name="审查" gov:department="许可科" ${attributes} />`),
        'matterflow/user-task-time-limit',
      );
      expect(summary(found), attributes).to.deep.equal(['review: error']);
    }
  });

  it('should take a limit without a unit as 工作日 (the model default)', async () => {
    expect(
      await findingsOf(
        flowOf('<bpmn:userTask id="review" gov:department="许可科" gov:timeLimit="3" />'),
        'matterflow/user-task-time-limit',
      ),
    ).to.deep.equal([]);
  });

  it('should NOT report user tasks of a process that is not a matter (no gov:matterCode)', async () => {
    const xml = bpmn(
      '<bpmn:startEvent id="s" /><bpmn:userTask id="review" /><bpmn:endEvent id="e" />' + chain('s', 'review', 'e'),
      '',
    );
    expect(await findingsOf(xml, 'matterflow/user-task-department')).to.deep.equal([]);
    expect(await findingsOf(xml, 'matterflow/user-task-time-limit')).to.deep.equal([]);
  });

  it('should report user tasks inside a sub-process of a matter', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s" /><bpmn:subProcess id="stage" gov:department="局" gov:timeLimit="5">
      <bpmn:startEvent id="s2" /><bpmn:userTask id="inner" /><bpmn:endEvent id="e2" />${chain('s2', 'inner', 'e2')}
    </bpmn:subProcess><bpmn:endEvent id="e" />${chain('s', 'stage', 'e')}`);
    expect(summary(await findingsOf(xml, 'matterflow/user-task-department'))).to.deep.equal(['inner: error']);
  });
});
