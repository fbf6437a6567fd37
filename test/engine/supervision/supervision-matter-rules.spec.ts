/**
 * A matter version's own 电子监察 rules, kept by the case (its matter snapshot), plan every clock
 * of the case; the centre's policy covers cases without. Replay needs no policy: the rules came
 * with 收件 and the thresholds they gave are timers in the log.
 */
import { expect } from 'chai';
import type { MatterSnapshot } from '../../../engine/domain/index.js';
import { policyFrom, withOwnRules, type RuleTarget, type SupervisionRules } from '../../../engine/supervision/index.js';
import type { TestEngine } from '../../support/test-engine.js';
import { SHIPPED_SUPERVISION } from '../../support/supervision.js';
import { APPLICANT, domainEngine, FOOD_LICENCE, windowTask } from '../domain/support.js';

const OWN: SupervisionRules = {
  warning: { remaining: { amount: 2, unit: '工作日' } },
  yellowAtDue: true,
  red: { after: { amount: 1, unit: '工作日' } },
};
const CENTRE: SupervisionRules = { warning: { remainingRatio: 0.5 }, yellowAtDue: false, red: null };
const step: RuleTarget = { processId: 'foodLicence', matterCode: '330100-FOOD-01', kind: 'step', elementId: 'review' };
const caseClock: RuleTarget = { processId: 'foodLicence', matterCode: '330100-FOOD-01', kind: 'case', elementId: null };

describe('supervision: the rules of the matter version a case was received under', () => {
  it('should give a case’s own rules for its case clock and every step, and the centre’s policy when it has none', () => {
    const centre = policyFrom({ defaults: CENTRE, byProcess: { other: OWN } });
    let own: SupervisionRules | null | undefined = OWN;
    const policy = withOwnRules(centre, () => own);
    expect(policy.rulesFor(step)).to.deep.equal(OWN);
    expect(policy.rulesFor(caseClock)).to.deep.equal(OWN);
    own = null;
    expect(policy.rulesFor(step)).to.deep.equal(CENTRE);
    own = undefined;
    expect(policy.rulesFor({ ...step, processId: 'other' })).to.deep.equal(OWN);
  });

  describe('in the engine', () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await domainEngine({ supervision: SHIPPED_SUPERVISION });
    });
    afterEach(() => engine.close());

    const receiveAndAccept = async (caseId: string, matter: MatterSnapshot) => {
      await engine.store.dispatch(caseId, {
        type: 'case.receive',
        actor: '窗口-李四',
        data: {
          caseId,
          processId: 'foodLicence',
          matter,
          applicant: APPLICANT,
          channel: '窗口',
          materials: { licence: true, idCard: true, safetyRules: true, floorPlan: true },
        },
      });
      await engine.store.dispatch(caseId, {
        type: 'case.accept',
        actor: '窗口-王五',
        data: { taskId: await windowTask(engine, caseId) },
      });
    };
    /** When each of the case clock's signals is planned, and the clock's start and due date. */
    const casePlan = async (caseId: string) => {
      const state = await engine.state(caseId);
      const clock = Object.values(state.clocks).find((c) => c.kind === 'case')!;
      const at = Object.fromEntries(
        Object.values(state.timers)
          .filter((t) => t.alert?.clockId === clock.id)
          .map((t) => [t.alert!.level, t.dueAt]),
      );
      return { startedAt: clock.startedAt, dueAt: clock.dueAt, at };
    };

    it('should plan the 预警 and 红牌 of a case by its matter version’s rules, of another by the centre’s, and replay both without a policy', async () => {
      await receiveAndAccept('own', { ...FOOD_LICENCE, supervision: OWN });
      await receiveAndAccept('centre', FOOD_LICENCE);
      const calendar = engine.calendar!;
      const own = await casePlan('own');
      const centre = await casePlan('centre');
      expect(own.dueAt).to.equal(centre.dueAt);
      // 10 working days: the matter warns with 2 left, the centre (default-rules.json) with 1; 红牌 1 working day after, the centre's 3.
      expect(own.at).to.deep.equal({
        预警: calendar.due(own.startedAt, 8, '工作日').dueAt,
        黄牌: own.dueAt,
        红牌: calendar.due(own.dueAt, 1, '工作日').dueAt,
      });
      expect(centre.at).to.deep.equal({
        预警: calendar.due(centre.startedAt, 9, '工作日').dueAt,
        黄牌: centre.dueAt,
        红牌: calendar.due(centre.dueAt, 3, '工作日').dueAt,
      });
      expect((await engine.state('own')).domain?.matter.supervision).to.deep.equal(OWN);
      await engine.expectConsistent('own');
      await engine.expectConsistent('centre');
    });
  });
});
