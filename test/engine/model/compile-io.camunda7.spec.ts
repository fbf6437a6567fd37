/** Camunda 7 external tasks (Camunda Modeler's `camunda:type="external" camunda:topic`) read as job tasks of that topic. */
import { expect } from 'chai';
import { loadDefinition } from '../../../engine/model/index.js';
import { elementOf, fixture, loadOk, processOf } from './helpers.js';

describe('model: Camunda 7 external tasks', () => {
  it('should take camunda:topic as the job type (the workers’ topic), whatever prefix the file gives the namespace', async () => {
    // given a file with the Camunda namespace under the prefix `cam`
    const { definition } = await loadOk(fixture('compile-io.camunda7.bpmn'));

    // then the external tasks run as jobs of their topics, with the default retries
    const process = processOf(definition, 'creditCheck');
    expect(elementOf(process, 'checkCredit', 'serviceTask')).to.include({ jobType: 'credit-check', retries: 3 });
    expect(elementOf(process, 'notify', 'sendTask')).to.include({ jobType: 'sms.notify' });
  });

  it('should NOT take the topic of a task that is not an external one (camunda:type="java")', async () => {
    // when
    const result = await loadDefinition(fixture('compile-io.camunda7-java.bpmn'));

    // then the Java delegate has no job type, which the deploy rules refuse by name
    expect(result.ok).to.equal(false);
    expect(result.findings.map((f) => `${f.elementId}: ${f.rule}`)).to.include('delegate: job-type-missing');
  });
});
