import { expect } from 'chai';
import { exportXml, loadDefinition } from '../../../engine/model/index.js';
import { elementOf, fixture, loadOk, processOf } from './helpers.js';

describe('model: gov extension', () => {
  it('should compile process attributes into GovProcess', async () => {
    // when
    const { definition } = await loadOk(fixture('gov-attributes.bpmn'));
    // then
    expect(processOf(definition, 'foodLicence').gov).to.deep.equal({
      matterCode: '11440300MB2C92290J4440111009000',
      promisedLimit: { amount: 20, unit: '工作日' },
      materials: [
        { id: 'idCard', name: '身份证', necessity: 'required', source: 'shared' },
        { id: 'floorPlan', name: '经营场所平面图', necessity: 'tolerated', source: 'applicant' },
      ],
      specialProcedures: ['现场勘验'],
    });
  });

  it('should compile activity attributes into GovActivity', async () => {
    const { definition } = await loadOk(fixture('gov-attributes.bpmn'));
    const review = elementOf(processOf(definition, 'foodLicence'), 'review', 'userTask');
    expect(review.gov).to.deep.equal({
      department: '市场监管局',
      leadDepartment: '市场监管局',
      timeLimit: { amount: 5, unit: '工作日' },
      windowStep: false,
      countersign: { kind: '票签', passRatio: 0.6 },
      materials: [],
      specialProcedures: ['听证', '专家评审'],
    });
    expect(review.assignee).to.deep.equal({ source: '=reviewer', feel: 'reviewer' });
    expect(review.candidateGroups).to.deep.equal({ source: '审批科', feel: '"审批科"' });
  });

  it('should default a time limit without unit to 工作日', async () => {
    const { definition } = await loadOk(fixture('gov-attributes.bpmn'));
    expect(elementOf(processOf(definition, 'foodLicence'), 'issueLicence', 'serviceTask').gov.timeLimit).to.deep.equal({
      amount: 1,
      unit: '工作日',
    });
  });

  it('should compile gov multi-instance collections, task definitions, io mappings and limit timers', async () => {
    const { definition } = await loadOk(fixture('gov-attributes.bpmn'));
    const process = processOf(definition, 'foodLicence');
    expect(elementOf(process, 'review', 'userTask').loop).to.deep.equal({
      kind: 'multiInstance',
      sequential: false,
      loopCardinality: null,
      inputCollection: { source: '=reviewers', feel: 'reviewers' },
      inputElement: 'reviewer',
      outputCollection: 'opinions',
      outputElement: { source: '=opinion', feel: 'opinion' },
      completionCondition: {
        source: '=nrOfCompletedInstances / nrOfInstances >= 0.6',
        feel: 'nrOfCompletedInstances / nrOfInstances >= 0.6',
      },
    });
    const issue = elementOf(process, 'issueLicence', 'serviceTask');
    expect(issue).to.include({ jobType: 'licence.issue', retries: 5 });
    expect(issue.io).to.deep.equal({
      inputs: [{ source: { source: '=applicant.name', feel: 'applicant.name' }, target: 'holder' }],
      outputs: [{ source: { source: 'licenceNo', feel: 'licenceNo' }, target: 'licenceNumber' }],
    });
    expect(elementOf(process, 'reviewOverdue', 'boundaryEvent').eventDefinition).to.deep.equal({
      type: 'timer',
      timer: { kind: 'limit', limit: { amount: 2, unit: '小时(工作日)' } },
    });
    expect(elementOf(processOf(definition, 'notification'), 'sendSms', 'sendTask')).to.include({
      jobType: 'sms.send',
      retries: 3,
    });
  });

  it('should propagate parent variables only without input mappings, child variables only without output mappings', async () => {
    const { definition } = await loadOk(fixture('gov-attributes.bpmn'));
    expect(elementOf(processOf(definition, 'foodLicence'), 'notify', 'callActivity')).to.include({
      calledElement: 'notification',
      propagateAllParentVariables: false,
      propagateAllChildVariables: true,
    });
  });

  it('should keep gov attributes, gov elements and foreign extension elements through export', async () => {
    // given
    const first = await loadOk(fixture('gov-attributes.bpmn'));
    // when
    const exported = await exportXml(first.moddle);
    const again = await loadDefinition(exported);
    // then
    if (!again.ok) throw new Error(JSON.stringify(again.findings));
    expect(again.definition.processes.get('foodLicence')?.gov).to.deep.equal(
      first.definition.processes.get('foodLicence')?.gov,
    );
    expect(again.definition.processes.get('foodLicence')?.elements.get('review')).to.deep.equal(
      first.definition.processes.get('foodLicence')?.elements.get('review'),
    );
    expect(exported)
      .to.contain('gov:countersign="票签"')
      .and.contain('<acme:layoutHints colour="blue">')
      .and.contain('<acme:hint at="1"');
  });
});
