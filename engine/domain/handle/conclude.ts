/**
 * 办结 (出证 / 不予许可 / 退件), 送达, 撤回 by the applicant before a decision, 撤销 of a decision
 * afterwards, and the end of a 容缺 case whose materials never came (已终止).
 */
import type { ConcludeCase, DeliverResult, RevokeCase, WithdrawCase } from '../commands.js';
import { refuse, type DomainHandler, type DomainOutcome } from '../decision.js';
import { transitionProblem } from '../transitions.js';
import type { DomainState } from '../types.js';
import type { Command } from '../../runtime/index.js';
import { TOLERANCE_DEADLINE } from './correction.js';
import { acceptByLaw } from './accept.js';
import { ANSWER_DEADLINE } from './receive.js';
import { VERIFICATION_DEADLINE } from './commitment.js';
import { refusedParts } from './package.js';

export const conclude: DomainHandler<ConcludeCase> = (domain, { data, actor }) => {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received case for 办结');
  const problem = transitionProblem('case.conclude', domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  if (data.kind === '出证') {
    if (domain.tolerance) {
      const names = domain.matter.materials.filter((m) => domain.tolerance?.missing.includes(m.id)).map((m) => m.name);
      return refuse(
        'MATERIALS_OWED',
        `容缺: the licence cannot be issued while ${names.join('、')} is still owed (deadline ${domain.tolerance.deadline})`,
      );
    }
    if (!data.licence?.name?.trim() || !data.licence.number?.trim())
      return refuse('INVALID_ARGUMENT', 'Expected the licence name and number for 出证');
  } else if (!data.reason?.trim()) {
    return refuse('INVALID_ARGUMENT', `Expected the reason for ${data.kind}`);
  }
  return {
    events: [
      {
        type: 'case.concluded',
        data: {
          kind: data.kind,
          // 一件事 部分办结: the result states the parts refused.
          reason: [refusedParts(domain), data.reason?.trim() || null].filter(Boolean).join('；') || null,
          licence: data.kind === '出证' ? (data.licence ?? null) : null,
        },
      },
    ],
    // The promised limit counts to the decision: the case's clock ends here (before the deciding
    // task completes, which may end the process); 送达 runs on its own step limit.
    then: [finishCaseClock(actor), ...(data.taskId ? [completeDecidingTask(actor, data.taskId, data.kind)] : [])],
  };
};

const completeDecidingTask = (actor: string, taskId: string, kind: ConcludeCase['data']['kind']): Command => ({
  type: 'task.complete',
  actor,
  data: { taskId, variables: { 办结结果: kind } },
});
const finishCaseClock = (actor: string): Command => ({ type: 'clock.finish', actor, data: {} });

export const deliver: DomainHandler<DeliverResult> = (domain, { data }) => {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received case for 送达');
  const problem = transitionProblem('case.deliver', domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  if (domain.delivery) return refuse('ALREADY_DELIVERED', `The result was delivered already on ${domain.delivery.at}`);
  return { events: [{ type: 'case.delivered', data: { method: data.method } }] };
};

export const withdraw: DomainHandler<WithdrawCase> = (domain, { data }) =>
  ending(domain, 'case.withdraw', data.reason, { type: 'case.withdrawn', data: { reason: data.reason } });

export const revoke: DomainHandler<RevokeCase> = (domain, { data }) =>
  ending(domain, 'case.revoke', data.reason, { type: 'case.revoked', data: { reason: data.reason } });

function ending(
  domain: DomainState | null,
  type: 'case.withdraw' | 'case.revoke',
  reason: string,
  event: { type: 'case.withdrawn' | 'case.revoked'; data: { reason: string } },
): DomainOutcome {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received case');
  const problem = transitionProblem(type, domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  if (!reason?.trim()) return refuse('INVALID_ARGUMENT', 'Expected a reason');
  return { events: [event], then: [{ type: 'case.cancel', actor: 'system', data: { reason } }] } as DomainOutcome;
}

/**
 * A named case deadline passed: an application nobody answered counts as accepted (its open
 * acceptance step, `acceptanceTaskId`, completed by the system); a 容缺 case whose materials
 * never came ends 已终止.
 */
export function onDeadline(domain: DomainState | null, name: string, acceptanceTaskId?: string): DomainOutcome | null {
  if (domain && name === ANSWER_DEADLINE) return acceptByLaw(domain, acceptanceTaskId);
  if (domain?.commitment && name === VERIFICATION_DEADLINE && !domain.commitment.verified) {
    return { events: [{ type: 'commitment.verificationOverdue', data: { verifyBy: domain.commitment.verifyBy } }] };
  }
  if (!domain || name !== TOLERANCE_DEADLINE || !domain.tolerance || domain.tolerance.missing.length === 0) return null;
  return {
    events: [{ type: 'case.ended', data: { status: '已终止', reason: '补交不来办结：容缺材料逾期未补交' } }],
    then: [{ type: 'case.cancel', actor: 'system', data: { reason: '容缺材料逾期未补交' } }],
  };
}
