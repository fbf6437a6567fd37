/**
 * A 即办件 (办件类型 1) is decided on the spot: no case clock, and no 预警 / 黄牌 / 红牌 on its
 * steps, whatever the centre's rules (the policy engine/case chooses per case, `withCaseType`).
 * A step limit its flow happens to have still gives the step a due date. The same flow received
 * as a 承诺件 warns at once on a one-working-day step under the centre's default rules.
 */
import { expect } from 'chai';
import type { MatterSnapshot } from '../../../engine/domain/index.js';
import {
  NO_SIGNALS,
  policyFrom,
  withCaseType,
  type RuleTarget,
  type SupervisionRules,
} from '../../../engine/supervision/index.js';
import { TestEngine } from '../../support/test-engine.js';
import { SHIPPED_SUPERVISION } from '../../support/supervision.js';
import { APPLICANT } from '../domain/support.js';

const CENTRE: SupervisionRules = {
  warning: { remaining: { amount: 1, unit: '工作日' } },
  yellowAtDue: true,
  red: { after: { amount: 3, unit: '工作日' } },
};
const step: RuleTarget = { processId: 'p', matterCode: '330106-TEST-1', kind: 'step', elementId: 'review' };

/** One-working-day steps: with 预警 at 1 working day left, each warns the moment it opens. */
const FLOW = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="d" targetNamespace="https://matterflow.cn/test">
  <bpmn:process id="onTheSpot" name="当场办结事项" isExecutable="true" gov:matterCode="330106-TEST-JB">
    <bpmn:startEvent id="s" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="windowAcceptance" />
    <bpmn:userTask id="windowAcceptance" name="窗口受理" gov:department="政务服务中心" gov:timeLimit="1" gov:timeLimitUnit="工作日" />
    <bpmn:sequenceFlow id="f2" sourceRef="windowAcceptance" targetRef="review" />
    <bpmn:userTask id="review" name="审核" gov:department="民政局" gov:timeLimit="1" gov:timeLimitUnit="工作日" />
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="e" />
    <bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;

const MATTER: MatterSnapshot = {
  code: '330106-TEST-JB',
  version: 1,
  name: '当场办结事项',
  caseType: 1,
  promisedLimit: null,
  materials: [{ id: 'application', name: '申请表', necessity: 'required' }],
  tolerance: { allowed: false, supplementDeadline: null },
};
const PROMISED: MatterSnapshot = { ...MATTER, caseType: 2, promisedLimit: { amount: 5, unit: '工作日' } };

describe('supervision: a 即办件 raises no signals', () => {
  it('should give a 即办件 no 预警, 黄牌 or 红牌 for any clock, and any other case the policy’s rules', () => {
    const centre = policyFrom({ defaults: CENTRE });
    let caseType: number | null | undefined = 1;
    const policy = withCaseType(centre, () => caseType);
    expect(policy.rulesFor(step)).to.deep.equal(NO_SIGNALS);
    expect(policy.rulesFor({ ...step, kind: 'case', elementId: null })).to.deep.equal(NO_SIGNALS);
    for (caseType of [2, 9, null, undefined]) expect(policy.rulesFor(step), String(caseType)).to.deep.equal(CENTRE);
  });

  describe('in the engine, with the centre’s default rules', () => {
    let engine: TestEngine;
    beforeEach(async () => {
      // Monday 2026-03-02 09:30 Beijing; March 2026 has no holiday.
      engine = await TestEngine.create({
        start: '2026-03-02T01:30:00.000Z',
        calendar: true,
        supervision: SHIPPED_SUPERVISION,
      });
      await engine.deploy(FLOW);
    });
    afterEach(() => engine.close());

    const receiveAndAccept = async (caseId: string, matter: MatterSnapshot) => {
      await engine.store.dispatch(caseId, {
        type: 'case.receive',
        actor: '窗口-李四',
        data: {
          caseId,
          processId: 'onTheSpot',
          matter,
          applicant: APPLICANT,
          channel: '窗口',
          materials: { application: true },
        },
      });
      const task = (await engine.store.listTasks({ caseId })).find((t) => t.elementId === 'windowAcceptance')!;
      await engine.store.dispatch(caseId, { type: 'case.accept', actor: '窗口-王五', data: { taskId: task.taskId } });
    };
    const raised = async (caseId: string) =>
      (await engine.events(caseId)).flatMap((event) =>
        event.type === 'alert.raised'
          ? [`${event.data.kind === 'case' ? 'case' : event.data.elementId} ${event.data.level}`]
          : [],
      );

    it('should run a 即办件’s steps with their due dates and no case clock, and raise nothing as days pass', async () => {
      await receiveAndAccept('jb', MATTER);
      const started = (await engine.events('jb')).flatMap((event) =>
        event.type === 'clock.started' ? [`${event.data.kind} ${event.data.elementId} ${event.data.dueAt}`] : [],
      );
      expect(started.map((clock) => clock.split(' ').slice(0, 2).join(' '))).to.deep.equal([
        'step windowAcceptance',
        'step review',
      ]);
      expect(
        started.every((clock) => /\d{4}-\d\d-\d\dT/.test(clock)),
        'each with a due date',
      ).to.equal(true);
      const state = await engine.state('jb');
      expect(Object.values(state.timers).filter((timer) => timer.alert)).to.deep.equal([]);
      await engine.advance('P10D');
      expect(await raised('jb')).to.deep.equal([]);
      await engine.expectConsistent('jb');
    });

    it('should warn at once on the same one-working-day steps of a 承诺件, and go on to 黄牌 and 红牌', async () => {
      await receiveAndAccept('cn', PROMISED);
      expect(await raised('cn')).to.include.members(['windowAcceptance 预警', 'review 预警']);
      await engine.advance('P10D');
      expect(await raised('cn')).to.include.members(['review 黄牌', 'review 红牌', 'case 预警']);
      await engine.expectConsistent('cn');
    });
  });
});
