/**
 * 特别程序 (the clock stands still while it runs) and 告知承诺制: a decision on the applicant's
 * written commitment, verified (核查) within the matter's period; a false commitment revokes
 * the decision (已撤销) and is recorded against the applicant.
 */
import type { DecideOnCommitment, EndSpecialProcedure, StartSpecialProcedure, VerifyCommitment } from '../commands.js';
import { refuse, type DomainHandler } from '../decision.js';
import { transitionProblem } from '../transitions.js';

/** The case deadline by which a commitment must have been verified. */
export const VERIFICATION_DEADLINE = '告知承诺核查';

export const startSpecialProcedure: DomainHandler<StartSpecialProcedure> = (domain, { data }) => {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received case for 特别程序');
  const problem = transitionProblem('specialProcedure.start', domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  const allowed = domain.matter.specialProcedures ?? [];
  if (!allowed.includes(data.kind))
    return refuse(
      'INVALID_ARGUMENT',
      `Expected a 特别程序 that matter ${domain.matter.name} allows (${allowed.join('、') || 'none'}), but got ${data.kind}`,
    );
  if (!data.reason?.trim()) return refuse('INVALID_ARGUMENT', 'Expected the reason for the 特别程序');
  return {
    events: [
      {
        type: 'specialProcedure.started',
        data: { kind: data.kind, reason: data.reason, approver: data.approver ?? null, resumeStatus: domain.status },
      },
    ],
    then: [
      {
        type: 'clock.pause',
        actor: 'system',
        data: {
          kind: '特别程序',
          reason: `${data.kind}：${data.reason}`,
          ...(data.approver ? { approver: data.approver } : {}),
        },
      },
    ],
  };
};

export const endSpecialProcedure: DomainHandler<EndSpecialProcedure> = (domain, { data }) => {
  if (!domain?.specialProcedure) return refuse('ILLEGAL_TRANSITION', 'Expected a 特别程序 to be running, but none is');
  return {
    events: [{ type: 'specialProcedure.ended', data: { kind: domain.specialProcedure.kind, result: data.result } }],
    then: [{ type: 'clock.resume', actor: 'system', data: {} }],
  };
};

export const decideOnCommitment: DomainHandler<DecideOnCommitment> = (domain, { data, actor }, ctx) => {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received case for 告知承诺');
  const problem = transitionProblem('case.decideOnCommitment', domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  const option = domain.matter.informedCommitment;
  if (!option?.allowed)
    return refuse('INVALID_ARGUMENT', `Matter ${domain.matter.name} is not handled under 告知承诺制`);
  if (!data.commitment?.trim() || !data.licence?.name || !data.licence.number)
    return refuse('INVALID_ARGUMENT', 'Expected the written commitment and the licence name and number');
  const period = option.verificationPeriod ?? { amount: 3, unit: '自然日' as const };
  if (!ctx.calendar) return refuse('INVALID_ARGUMENT', 'The working-day calendar is needed for the 核查 period');
  const verifyBy = ctx.calendar.due(ctx.now, period.amount, period.unit).dueAt;
  return {
    events: [
      { type: 'case.decidedOnCommitment', data: { commitment: data.commitment, licence: data.licence, verifyBy } },
    ],
    then: [
      ...(data.taskId
        ? [{ type: 'task.complete' as const, actor, data: { taskId: data.taskId, variables: { 办结结果: '出证' } } }]
        : []),
      { type: 'deadline.set', actor, data: { name: VERIFICATION_DEADLINE, dueAt: verifyBy } },
    ],
  };
};

export const verifyCommitment: DomainHandler<VerifyCommitment> = (domain, { data }) => {
  if (!domain?.commitment)
    return refuse('ILLEGAL_TRANSITION', 'Expected a decision on commitment (告知承诺) to verify, but there is none');
  if (domain.commitment.verified)
    return refuse('ILLEGAL_TRANSITION', `The commitment was verified already on ${domain.commitment.verified.at}`);
  const problem = transitionProblem('commitment.verify', domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  const clear = { type: 'deadline.clear' as const, actor: 'system', data: { name: VERIFICATION_DEADLINE } };
  if (data.passed)
    return {
      events: [{ type: 'commitment.verified', data: { passed: true, findings: data.findings } }],
      then: [clear],
    };
  return {
    events: [
      { type: 'commitment.verified', data: { passed: false, findings: data.findings } },
      { type: 'case.revoked', data: { reason: `告知承诺不实：${data.findings}` } },
      {
        type: 'applicant.commitmentBreached',
        data: { applicantIdNumber: domain.applicant.idNumber, findings: data.findings },
      },
    ],
    then: [clear, { type: 'case.cancel', actor: 'system', data: { reason: '告知承诺不实，撤销许可' } }],
  };
};
