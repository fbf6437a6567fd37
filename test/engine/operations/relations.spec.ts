/**
 * Who may do what on a case (engine/operations): the declared table, the relations, and how a
 * step that is gone reads. Pure: facts are written out here; the matrix system test plays the
 * same table against a running server.
 */
import { expect } from 'chai';
import { Ajv } from 'ajv';
import type { CaseEvent } from '../../../engine/case/index.js';
import type { Principal } from '../../../engine/domain/index.js';
import {
  CASE_ACTS,
  CASE_OPERATION_TYPES,
  CASE_OPERATIONS,
  mayEverPerform,
  mayPerform,
  OPERATION_REQUEST_SCHEMA,
  staleStep,
  type CaseFacts,
  type StepFacts,
} from '../../../engine/operations/index.js';

const FOOD = '西湖区市场监督管理局行政许可科';
const FIRE = '消防救援';
const ZHANG = 'key-of-zhang';

const window: Principal = { id: 'window-li', roles: ['window'] };
const food: Principal = { id: 'food-zhao', roles: ['department'], department: FOOD };
const fire: Principal = { id: 'fire-qian', roles: ['department'], department: FIRE };
const zhang: Principal = { id: 'zhang-san', roles: ['applicant'], applicantKey: ZHANG };
const li: Principal = { id: 'li-si', roles: ['applicant'], applicantKey: 'key-of-li' };
const unbound: Principal = { id: 'nobody', roles: ['applicant'] };
const auditor: Principal = { id: 'auditor-wu', roles: ['auditor'] };
const supervisor: Principal = { id: 'supervisor-sun', roles: ['supervisor'] };

const step = (taskId: string, over: Partial<StepFacts> = {}): StepFacts => ({
  taskId,
  elementId: taskId,
  name: taskId,
  department: null,
  windowStep: false,
  state: 'open',
  ...over,
});
const acceptance = step('受理', { windowStep: true });
const review = step('审查', { department: FOOD });
const fireCheck = step('消防审查', { department: FIRE });

const facts = (steps: StepFacts[], named?: StepFacts | null): CaseFacts => ({
  applicantKey: ZHANG,
  steps,
  ...(named === undefined ? {} : { named }),
});
const allowed = (principal: Principal, operation: Parameters<typeof mayPerform>[1], on: CaseFacts) =>
  mayPerform(principal, operation, on).allowed;

describe('operations: one declared table', () => {
  const ajv = new Ajv({ strict: false, discriminator: true, allErrors: true });

  it('declares a body for every operation, refusing an unknown field and an id that is not a string', () => {
    for (const operation of CASE_OPERATION_TYPES) {
      const validate = ajv.compile(CASE_OPERATIONS[operation].schema);
      expect(validate({ unknownField: 1 }), operation).to.equal(false);
      expect(
        validate.errors!.map((e) => e.keyword),
        operation,
      ).to.include('additionalProperties');
      if ('taskId' in (CASE_OPERATIONS[operation].schema.properties as object)) {
        expect(validate({ taskId: ['t-1'] }), operation).to.equal(false);
        expect(validate({ taskId: '   ' }), operation).to.equal(false);
      }
    }
  });

  it('validates the request by its operation alone (oneOf keyed by operation), so only that body’s errors are reported', () => {
    const validate = ajv.compile(OPERATION_REQUEST_SCHEMA);
    expect(validate({ operation: 'task.claim', data: { taskId: 't-1' } })).to.equal(true);
    expect(validate({ operation: 'case.resume' })).to.equal(true);
    expect(validate({ operation: 'task.claim' })).to.equal(false);
    expect(validate({ operation: 'case.acceptWithTolerance', data: { commitment: '承诺', deadline: 'x' } })).to.equal(
      false,
    );
    expect(validate.errors!.map((e) => e.instancePath)).to.deep.equal(['/data']);
    expect(validate({ operation: 'case.nothing', data: {} })).to.equal(false);
  });

  it('gives every operation a Chinese label and at least one party, and lets no auditor do any', () => {
    for (const operation of CASE_OPERATION_TYPES) {
      const { label, who } = CASE_OPERATIONS[operation];
      expect(label, operation).to.match(/\p{Script=Han}/u);
      expect(Object.keys(who), operation).to.have.length.above(0);
      expect(mayEverPerform(auditor, operation), operation).to.equal(false);
    }
    expect(CASE_ACTS['case.read'].who.auditor).to.equal('any');
  });
});

describe('operations: who may, by relation to the case', () => {
  it('lets an applicant withdraw, supply and rate their own case, and no other (nor anyone not bound to an identity)', () => {
    const theirs = facts([acceptance]);
    for (const act of ['case.withdraw', 'materials.supply', 'case.rate', 'case.read'] as const) {
      expect(allowed(zhang, act, theirs), act).to.equal(true);
      expect(mayPerform(li, act, theirs), act).to.deep.include({ allowed: false, denial: 'NOT_OWN_CASE' });
      expect(allowed(unbound, act, theirs), act).to.equal(false);
    }
    expect(allowed(zhang, 'case.accept', theirs)).to.equal(false);
  });

  it('lets a department conclude, notice a correction or start a 特别程序 only while a step of theirs is current', () => {
    const underReview = facts([{ ...acceptance, state: 'done' }, review]);
    for (const operation of ['case.conclude', 'case.noticeCorrection', 'specialProcedure.start'] as const) {
      expect(allowed(food, operation, underReview), operation).to.equal(true);
      expect(mayPerform(fire, operation, underReview), operation).to.deep.include({
        allowed: false,
        denial: 'NO_CURRENT_STEP',
      });
    }
    const reviewed = facts([{ ...review, state: 'done' }]);
    expect(allowed(food, 'case.conclude', reviewed)).to.equal(false);
  });

  it('lets the deciding department verify a commitment after its step is done (handled), not another', () => {
    const decided = facts([
      { ...review, state: 'done' },
      { ...fireCheck, state: 'cancelled' },
    ]);
    expect(allowed(food, 'commitment.verify', decided)).to.equal(true);
    expect(mayPerform(fire, 'commitment.verify', decided)).to.deep.include({ allowed: false, denial: 'NEVER_HANDLED' });
  });

  it('keeps the window on window steps: it claims and completes 受理, never a department’s 审查', () => {
    expect(allowed(window, 'task.claim', facts([acceptance], acceptance))).to.equal(true);
    expect(allowed(window, 'task.complete', facts([acceptance], acceptance))).to.equal(true);
    const refused = mayPerform(window, 'task.complete', facts([review], review));
    expect(refused).to.deep.include({ allowed: false, denial: 'NOT_THEIR_STEP' });
    expect(refused.allowed === false && refused.zh).to.equal(
      '无权办理：「审查」属于西湖区市场监督管理局行政许可科，只能办理窗口环节',
    );
    // a window operation that names a department's step is refused too
    expect(allowed(window, 'case.accept', facts([review], review))).to.equal(false);
  });

  it('keeps a department on its own steps: another department’s step is refused, whichever operation names it', () => {
    for (const operation of ['task.claim', 'task.complete', 'task.transfer', 'case.modify', 'case.conclude'] as const) {
      expect(allowed(food, operation, facts([review], review)), operation).to.equal(true);
      expect(mayPerform(fire, operation, facts([review, fireCheck], review)), operation).to.deep.include({
        allowed: false,
        denial: 'NOT_THEIR_STEP',
      });
    }
  });

  it('refuses a step operation that names no step as a string (an id in an array names nothing)', () => {
    expect(mayPerform(fire, 'task.claim', facts([review, fireCheck]))).to.deep.include({
      allowed: false,
      denial: 'NO_STEP_NAMED',
    });
  });

  it('tells the officer with a current step that a step is gone (named but not on the case), and nobody else', () => {
    expect(allowed(food, 'task.complete', facts([review], null))).to.equal(true);
    expect(allowed(fire, 'task.complete', facts([review], null))).to.equal(false);
  });

  it('lets a department read a case it has handled or is handling, and no other; supervisors and auditors read all', () => {
    const reviewed = facts([{ ...review, state: 'done' }]);
    expect(allowed(food, 'case.read', reviewed)).to.equal(true);
    expect(allowed(fire, 'case.read', reviewed)).to.equal(false);
    expect(allowed(auditor, 'case.read', facts([]))).to.equal(true);
    expect(allowed(supervisor, 'case.read', facts([]))).to.equal(true);
  });

  it('lets a department read a case whose step of theirs the flow cancelled (to see why), but not act on it as handled', () => {
    const cancelled = facts([{ ...review, state: 'cancelled' }]);
    expect(allowed(food, 'case.read', cancelled)).to.equal(true);
    expect(allowed(fire, 'case.read', cancelled)).to.equal(false);
    expect(allowed(food, 'commitment.verify', cancelled)).to.equal(false);
  });

  it('lets supervisors suspend, extend and urge any case, and do no step’s work', () => {
    for (const operation of ['case.suspend', 'clock.extend', 'task.urge', 'case.revoke'] as const)
      expect(allowed(supervisor, operation, facts([review], operation === 'task.urge' ? review : undefined))).to.equal(
        true,
      );
    expect(allowed(supervisor, 'task.complete', facts([review], review))).to.equal(false);
  });

  it('says in Chinese which role may not at all', () => {
    const refused = mayPerform(auditor, 'case.suspend', facts([review]));
    expect(refused).to.deep.include({ allowed: false, denial: 'ROLE', zh: '无权执行此操作：审计人员不能「挂起」' });
  });
});

describe('operations: a step that is no longer open', () => {
  const event = (type: string, data: Record<string, unknown>, actor: string, time: string) =>
    ({ type, data, actor, time }) as unknown as CaseEvent;
  const history = [
    event('task.created', { taskId: 't-fire', elementId: 'fire', name: '消防审查' }, 'system', '2026-11-02T01:00:00Z'),
    event('task.created', { taskId: 't-food', elementId: 'food', name: '审查' }, 'system', '2026-11-02T01:00:00Z'),
    event('task.completed', { taskId: 't-food', opinion: { decision: '不通过' } }, 'food-zhao', '2026-11-03T02:00:00Z'),
    event('task.cancelled', { taskId: 't-fire' }, 'food-zhao', '2026-11-03T02:00:00Z'),
  ];

  it('answers 409 TASK_CANCELLED for a 并联 step a parallel rejection cancelled, saying what cancelled it', () => {
    const refusal = staleStep(step('t-fire', { name: '消防审查', state: 'cancelled' }), history);
    expect(refusal).to.deep.include({ status: 409, code: 'TASK_CANCELLED' });
    expect(refusal!.zh).to.equal(
      '该任务「消防审查」已于 2026-11-03 10:00 取消：food-zhao 办理「审查」（不通过）后，该环节不再需要办理',
    );
  });

  it('answers 409 CONFLICT for a step someone else completed, naming them', () => {
    const refusal = staleStep(step('t-food', { name: '审查', state: 'done' }), history);
    expect(refusal).to.deep.include({ status: 409, code: 'CONFLICT' });
    expect(refusal!.zh).to.contain('food-zhao');
  });

  it('gives a part’s cancelled step the reason its 一件事 package stopped it', () => {
    const stopped = [
      event('task.created', { taskId: 't-tax', elementId: 'tax', name: '发票核定' }, 'system', '2026-11-02T01:00:00Z'),
      event('task.cancelled', { taskId: 't-tax' }, 'case:P1', '2026-11-03T02:00:00Z'),
      event('case.cancelled', { reason: '一件事整体不予许可：印章刻制不予许可' }, 'case:P1', '2026-11-03T02:00:00Z'),
    ];
    expect(staleStep(step('t-tax', { name: '发票核定', state: 'cancelled' }), stopped)!.zh).to.equal(
      '该任务「发票核定」已于 2026-11-03 10:00 取消：一件事整体不予许可：印章刻制不予许可',
    );
  });

  it('is silent while the step is open', () => {
    expect(staleStep(step('t-food'), history)).to.equal(null);
  });
});
