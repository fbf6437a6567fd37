import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hashXml, loadDefinition } from '../../../engine/model/index.js';
import { elementOf, fixture, loadOk, processOf, semanticsDir } from './helpers.js';

describe('model: compile', () => {
  describe('compile.structures.bpmn', () => {
    it('should give every element its scope and every container its direct children', async () => {
      // when
      const { definition } = await loadOk(fixture('compile.structures.bpmn'));
      const process = processOf(definition, 'structures');
      // then
      expect(process.elements.get('checkA')?.scopeId).to.equal('review');
      expect(process.elements.get('supplementDone')?.scopeId).to.equal('onSupplement');
      expect(process.elements.get('missing')?.scopeId).to.equal('structures');
      expect(process.children).to.include.members(['start', 'review', 'missing', 'done']);
      expect(process.children).to.not.include('checkA');
      const review = elementOf(process, 'review', 'subProcess');
      expect(review.children).to.include.members(['reviewStart', 'fork', 'onSupplement']);
      expect(review.noneStart).to.equal('reviewStart');
      expect(review.eventSubProcesses).to.deep.equal(['onSupplement']);
      expect(review.boundaryEvents).to.deep.equal(['missing', 'anyError', 'noCode', 'urgent']);
    });

    it('should separate the none start from event starts', async () => {
      const { definition } = await loadOk(fixture('compile.structures.bpmn'));
      const process = processOf(definition, 'structures');
      expect(process.noneStart).to.equal('start');
      expect(process.eventStarts).to.deep.equal(['startBySignal']);
      expect(elementOf(process, 'startBySignal', 'startEvent').eventDefinition).to.deep.equal({
        type: 'signal',
        signalName: 'sigHoliday',
      });
    });

    it('should compile an event sub-process with its start and its interrupting flag from that start', async () => {
      const { definition } = await loadOk(fixture('compile.structures.bpmn'));
      const onSupplement = elementOf(processOf(definition, 'structures'), 'onSupplement', 'eventSubProcess');
      expect(onSupplement.start).to.equal('supplementArrived');
      expect(onSupplement.interrupting).to.equal(false);
      expect(
        elementOf(processOf(definition, 'structures'), 'supplementArrived', 'startEvent').eventDefinition,
      ).to.deep.equal({ type: 'message', messageName: '补正材料' });
    });

    it('should take error and escalation codes from the referenced definitions', async () => {
      const { definition } = await loadOk(fixture('compile.structures.bpmn'));
      const process = processOf(definition, 'structures');
      expect(elementOf(process, 'missing', 'boundaryEvent')).to.include({ attachedTo: 'review', cancelActivity: true });
      expect(elementOf(process, 'missing', 'boundaryEvent').eventDefinition).to.deep.equal({
        type: 'error',
        errorCode: 'MATERIALS_MISSING',
      });
      expect(elementOf(process, 'anyError', 'boundaryEvent').eventDefinition).to.deep.equal({
        type: 'error',
        errorCode: null,
      });
      expect(elementOf(process, 'noCode', 'boundaryEvent').eventDefinition).to.deep.equal({
        type: 'error',
        errorCode: 'errNoCode',
      });
      expect(elementOf(process, 'urgent', 'boundaryEvent')).to.deep.include({
        cancelActivity: false,
        eventDefinition: { type: 'escalation', escalationCode: 'URGENT' },
      });
      expect(elementOf(process, 'failed', 'endEvent').eventDefinition).to.deep.equal({ type: 'terminate' });
    });

    it('should compile timer kinds duration, date and cycle', async () => {
      const { definition } = await loadOk(fixture('compile.structures.bpmn'));
      const process = processOf(definition, 'structures');
      const timer = (id: string) => elementOf(process, id, 'intermediateCatchEvent').eventDefinition;
      expect(timer('waitDuration')).to.deep.equal({
        type: 'timer',
        timer: { kind: 'duration', expression: { source: 'P5D', feel: 'P5D' } },
      });
      expect(timer('waitDate')).to.deep.include({
        type: 'timer',
        timer: { kind: 'date', expression: { source: '2026-10-12T09:00:00+08:00', feel: '2026-10-12T09:00:00+08:00' } },
      });
      expect(timer('waitCycle')).to.deep.equal({
        type: 'timer',
        timer: { kind: 'cycle', expression: { source: 'R3/PT1H', feel: 'R3/PT1H' } },
      });
    });

    it('should strip the leading = of conditions and keep the default flow of gateways', async () => {
      const { definition } = await loadOk(fixture('compile.structures.bpmn'));
      const process = processOf(definition, 'structures');
      expect(process.flows.get('toA')?.condition).to.deep.equal({ source: '=needsA', feel: 'needsA' });
      expect(process.flows.get('toB')?.condition).to.equal(null);
      expect(elementOf(process, 'fork', 'inclusiveGateway').default).to.equal('toB');
      expect(elementOf(process, 'fork', 'inclusiveGateway').outgoing).to.deep.equal(['toA', 'toB']);
    });

    it('should compile standard loops and link targets', async () => {
      const { definition } = await loadOk(fixture('compile.structures.bpmn'));
      const process = processOf(definition, 'structures');
      expect(elementOf(process, 'checkB', 'userTask').loop).to.deep.equal({
        kind: 'standardLoop',
        loopCondition: { source: '=retry', feel: 'retry' },
        testBefore: true,
        loopMaximum: 4,
      });
      expect(process.linkTargets.get('review')?.get('toFinish')).to.equal('landing');
      expect(elementOf(process, 'awaitSupplement', 'receiveTask').messageName).to.equal('补正材料');
    });

    it('should compute reachability within the scope, through boundary events, excluding the node itself', async () => {
      const { definition } = await loadOk(fixture('compile.structures.bpmn'));
      const process = processOf(definition, 'structures');
      expect([...(process.reachable.get('fork') ?? [])].sort()).to.deep.equal(['checkA', 'checkB', 'join', 'jump']);
      expect(process.reachable.get('review')).to.include('failed').and.include('missing').and.include('done');
      expect(process.reachable.get('review')?.has('review')).to.equal(false);
      expect(process.reachable.get('review')?.has('checkA')).to.equal(false);
    });

    it('should include a node in its own reachable set when it lies on a cycle', async () => {
      const { definition } = await loadOk(
        readFileSync(path.join(semanticsDir, '15-xor-loop-revisits-task.bpmn'), 'utf8'),
      );
      const process = [...definition.processes.values()][0];
      const onCycle = [...(process?.reachable ?? new Map())].filter(([id, reached]) => reached.has(id));
      expect(onCycle.length).to.be.greaterThan(0);
    });

    it('should freeze the compiled definition deeply, Maps included', async () => {
      const { definition } = await loadOk(fixture('compile.structures.bpmn'));
      const process = processOf(definition, 'structures');
      expect(Object.isFrozen(definition)).to.equal(true);
      expect(Object.isFrozen(process.children)).to.equal(true);
      expect(Object.isFrozen(process.elements.get('fork'))).to.equal(true);
      expect(() => (process.elements as Map<string, unknown>).set('x', {})).to.throw(TypeError);
      expect(() => (process.reachable.get('fork') as Set<string>).add('x')).to.throw(TypeError);
    });
  });

  describe('Camunda 8 (zeebe) extensions', () => {
    it('should read job type, retries, io mappings, assignment, called element and loop collections', async () => {
      const { definition } = await loadOk(fixture('compile.zeebe.bpmn'));
      const process = processOf(definition, 'camunda8');
      const fetch = elementOf(process, 'fetchLicence', 'serviceTask');
      expect(fetch).to.include({ jobType: 'licence.fetch', retries: 7 });
      expect(fetch.io.inputs).to.deep.equal([
        { source: { source: '=applicant.id', feel: 'applicant.id' }, target: 'holderId' },
        { source: { source: 'demo@example.com', feel: '"demo@example.com"' }, target: 'replyTo' },
      ]);
      const approve = elementOf(process, 'approve', 'userTask');
      expect(approve.assignee).to.deep.equal({ source: '=officer', feel: 'officer' });
      expect(approve.candidateGroups).to.deep.equal({ source: 'window', feel: '"window"' });
      expect(approve.loop).to.deep.include({
        kind: 'multiInstance',
        inputCollection: { source: '=officers', feel: 'officers' },
        inputElement: 'officer',
        outputCollection: 'votes',
      });
      const call = elementOf(process, 'callChild', 'callActivity');
      expect(call).to.include({
        calledElement: 'child',
        propagateAllParentVariables: true,
        propagateAllChildVariables: false,
      });
    });
  });

  describe('semantic scenarios', () => {
    for (const file of readdirSync(semanticsDir).filter((name) => name.endsWith('.bpmn'))) {
      it(`should load ${file} as deployable`, async () => {
        const result = await loadDefinition(readFileSync(path.join(semanticsDir, file), 'utf8'));
        expect(result.findings.filter((f) => f.severity === 'error')).to.deep.equal([]);
        expect(result.ok).to.equal(true);
      });
    }

    it('should compile multi-instance cardinality and sequential flags', async () => {
      const { definition } = await loadOk(
        readFileSync(path.join(semanticsDir, '39-multi-instance-parallel-all-complete.bpmn'), 'utf8'),
      );
      const task = elementOf(processOf(definition, 'miAllSign'), 'signContract', 'userTask');
      expect(task.loop).to.deep.equal({
        kind: 'multiInstance',
        sequential: false,
        loopCardinality: { source: '3', feel: '3' },
        inputCollection: null,
        inputElement: null,
        outputCollection: null,
        outputElement: null,
        completionCondition: null,
      });
    });
  });

  describe('cache', () => {
    it('should return the same compiled object for the same XML', async () => {
      const xml = fixture('compile.structures.bpmn');
      const first = await loadOk(xml);
      const second = await loadOk(xml);
      expect(second.definition).to.equal(first.definition);
      expect(first.definition.hash).to.equal(hashXml(xml));
    });

    it('should NOT share a compiled object between different XML', async () => {
      const xml = fixture('compile.structures.bpmn');
      const first = await loadOk(xml);
      const second = await loadOk(`${xml}\n`);
      expect(second.definition).to.not.equal(first.definition);
    });
  });
});
