/**
 * 受理, 容缺受理 and 不予受理. Acceptance needs every required (core) material; 容缺受理 allows
 * only 容缺-eligible ones to be missing, on a written commitment, with a supplement deadline no
 * later than the promised limit; both start the case's time limit (not for 即办件).
 */
import type { Command } from '../../runtime/index.js';
import type { AcceptCase, AcceptWithTolerance, RefuseCase } from '../commands.js';
import { refuse, type DomainContext, type DomainHandler, type DomainOutcome } from '../decision.js';
import { transitionProblem } from '../transitions.js';
import type { DomainState } from '../types.js';
import { TOLERANCE_DEADLINE } from './correction.js';
import { ANSWER_DEADLINE } from './receive.js';

function missingOf(domain: DomainState, necessity: 'required' | 'tolerated' | 'optional') {
  return domain.matter.materials.filter((m) => m.necessity === necessity && !domain.materials[m.id]);
}

/**
 * What 受理 does to the flow: the answer period ends, the acceptance step is completed with the
 * decision, and the promised limit starts (from `countsFrom` when acceptance dates back, else now).
 */
function flowMoves(
  domain: DomainState,
  officer: string,
  taskId: string | undefined,
  decision: string,
  countsFrom?: string,
): Command[] {
  const commands: Command[] = [{ type: 'deadline.clear', actor: officer, data: { name: ANSWER_DEADLINE } }];
  // The case's clock starts before the acceptance step completes: a flow may end right after it.
  if (domain.matter.caseType !== 1 && domain.matter.promisedLimit) {
    commands.push({
      type: 'clock.start',
      actor: officer,
      data: { limit: domain.matter.promisedLimit, officer, ...(countsFrom ? { startedAt: countsFrom } : {}) },
    });
  }
  if (taskId)
    commands.push({ type: 'task.complete', actor: officer, data: { taskId, variables: { 受理结果: decision } } });
  return commands;
}

export const accept: DomainHandler<AcceptCase> = (domain, { data, actor }) => {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received case for 受理');
  const problem = transitionProblem('case.accept', domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  const missing = [...missingOf(domain, 'required'), ...missingOf(domain, 'tolerated')];
  if (missing.length > 0) {
    return refuse(
      'MATERIALS_MISSING',
      `Expected every required material for 受理, but ${missing.map((m) => m.name).join('、')} is missing (补正, or 容缺受理 where allowed)`,
    );
  }
  return {
    events: [{ type: 'case.accepted', data: { officer: actor, documentNo: data.documentNo ?? null, auto: false } }],
    then: flowMoves(domain, actor, data.taskId, '受理'),
  };
};

export const acceptWithTolerance: DomainHandler<AcceptWithTolerance> = (domain, { data, actor }, ctx) => {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received case for 容缺受理');
  const problem = transitionProblem('case.acceptWithTolerance', domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  if (!domain.matter.tolerance.allowed)
    return refuse('TOLERANCE_REFUSED', `Matter ${domain.matter.name} does not allow 容缺受理`);
  const core = missingOf(domain, 'required');
  if (core.length > 0)
    return refuse(
      'TOLERANCE_REFUSED',
      `容缺受理 needs every core material, but ${core.map((m) => m.name).join('、')} is missing`,
    );
  const tolerated = missingOf(domain, 'tolerated');
  if (tolerated.length === 0) return refuse('INVALID_ARGUMENT', 'No 容缺-eligible material is missing: use 受理');
  if (!data.commitment?.trim())
    return refuse('INVALID_ARGUMENT', 'Expected the applicant’s written commitment (容缺受理承诺书)');
  if (ctx.creditCheck && !ctx.creditCheck(domain.applicant))
    return refuse('TOLERANCE_REFUSED', 'The applicant is excluded from 容缺受理 by the credit check');
  const deadline = supplementDeadline(domain, ctx);
  if ('rejected' in deadline) return deadline;
  return {
    events: [
      {
        type: 'case.acceptedWithTolerance',
        data: {
          officer: actor,
          documentNo: data.documentNo ?? null,
          missing: tolerated.map((m) => m.id),
          deadline: deadline.at,
          commitment: data.commitment,
        },
      },
    ],
    then: [
      ...flowMoves(domain, actor, data.taskId, '容缺受理'),
      { type: 'deadline.set', actor, data: { name: TOLERANCE_DEADLINE, dueAt: deadline.at } },
    ],
  };
};

/** The supplement deadline: the matter's, never later than the promised limit. */
function supplementDeadline(domain: DomainState, ctx: DomainContext): { at: string } | ReturnType<typeof refuse> {
  const { supplementDeadline: own } = domain.matter.tolerance;
  const promised = domain.matter.promisedLimit;
  const limit = own ?? promised;
  if (!limit)
    return refuse('INVALID_ARGUMENT', `Matter ${domain.matter.name} sets no supplement deadline and no promised limit`);
  if (!ctx.calendar)
    return refuse('INVALID_ARGUMENT', 'The working-day calendar is needed to set the supplement deadline');
  const at = ctx.calendar.due(ctx.now, limit.amount, limit.unit).dueAt;
  const cap = promised ? ctx.calendar.due(ctx.now, promised.amount, promised.unit).dueAt : at;
  return { at: at < cap ? at : cap };
}

export const refuseCase: DomainHandler<RefuseCase> = (domain, { data }) => {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received case for 不予受理');
  const problem = transitionProblem('case.refuse', domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  if (!data.reason?.trim()) return refuse('INVALID_ARGUMENT', 'Expected the reason for 不予受理');
  return {
    events: [{ type: 'case.refused', data: { reason: data.reason } }],
    then: [{ type: 'case.cancel', actor: 'system', data: { reason: `不予受理：${data.reason}` } }],
  };
};

/**
 * Nobody answered within the period: the application counts as accepted from its receipt
 * (行政许可法 §32). The system completes the window's acceptance step still open
 * (`acceptanceTaskId`, 受理结果 受理), so the flow goes on to 审查; the promised limit counts from
 * 收件, the day of receipt being the day of acceptance.
 */
export function acceptByLaw(domain: DomainState, acceptanceTaskId?: string): DomainOutcome | null {
  if (domain.status !== '已收件') return null;
  return {
    events: [{ type: 'case.accepted', data: { officer: 'system', documentNo: null, auto: true } }],
    then: flowMoves(domain, 'system', acceptanceTaskId, '受理', domain.receivedAt).slice(1),
  };
}
