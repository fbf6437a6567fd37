/**
 * Domain events: what the service centre did with a case. They are appended to the same
 * stream as the BPMN runtime's events and covered by the same hash chain.
 */
import type { Applicant, CaseStatusZh, Channel, MatterSnapshot, ResultKind } from './types.js';

interface DomainEventShape<T extends string, D> {
  readonly type: T;
  readonly v: 1;
  readonly time: string;
  readonly actor: string;
  readonly data: D;
}

/** 收件: the application, its applicant and the materials handed in. */
export type CaseReceived = DomainEventShape<'case.received', { matter: MatterSnapshot; applicant: Applicant; channel: Channel; materials: Record<string, boolean> }>;
/** 补正告知 (一次性告知): every defect at once. */
export type CorrectionNoticed = DomainEventShape<'case.correctionNoticed', { defects: string[]; resumeStatus: CaseStatusZh }>;
export type MaterialsSupplied = DomainEventShape<'materials.supplied', { materials: string[]; cured: string[] }>;
export type CorrectionCompleted = DomainEventShape<'case.correctionCompleted', { status: CaseStatusZh }>;
/** 受理 (by an officer, or by law when nobody answered within the period: `auto`). */
export type CaseAccepted = DomainEventShape<'case.accepted', { officer: string; documentNo: string | null; auto: boolean }>;
/** 容缺受理: accepted with non-core materials missing, on a written commitment. */
export type CaseAcceptedWithTolerance = DomainEventShape<
  'case.acceptedWithTolerance',
  { officer: string; documentNo: string | null; missing: string[]; deadline: string; commitment: string }
>;
export type CaseRefused = DomainEventShape<'case.refused', { reason: string }>;
/** 办结 with its result: 出证 (licence), 不予许可 or 退件. */
export type CaseConcluded = DomainEventShape<'case.concluded', { kind: ResultKind; reason: string | null; licence: { name: string; number: string } | null }>;
export type CaseDelivered = DomainEventShape<'case.delivered', { method: string }>;
/** 撤回 by the applicant before a decision. */
export type CaseWithdrawn = DomainEventShape<'case.withdrawn', { reason: string }>;
/** 撤销 of a decision afterwards. */
export type CaseRevoked = DomainEventShape<'case.revoked', { reason: string }>;
/** 已终止: e.g. 容缺 materials never came (补交不来办结). */
export type CaseTerminatedByRule = DomainEventShape<'case.ended', { status: '已终止'; reason: string }>;

/** The first department step was worked after 受理: the case is 审查中. */
export type ReviewStarted = DomainEventShape<'case.reviewStarted', Record<string, never>>;
/** 特别程序 (听证, 检验, 现场勘验 …): the clock stands still until it ends. */
export type SpecialProcedureStarted = DomainEventShape<'specialProcedure.started', { kind: string; reason: string; approver: string | null; resumeStatus: CaseStatusZh }>;
export type SpecialProcedureEnded = DomainEventShape<'specialProcedure.ended', { kind: string; result: string }>;
/** 告知承诺制: decided on the applicant's written commitment, without further proof; verified later. */
export type DecidedOnCommitment = DomainEventShape<'case.decidedOnCommitment', { commitment: string; licence: { name: string; number: string }; verifyBy: string }>;
export type CommitmentVerified = DomainEventShape<'commitment.verified', { passed: boolean; findings: string }>;
/** The 核查 period passed without a verification: a supervision matter. */
export type VerificationOverdue = DomainEventShape<'commitment.verificationOverdue', { verifyBy: string }>;
/** A false commitment, recorded against the applicant (信用记录). */
export type CommitmentBreached = DomainEventShape<'applicant.commitmentBreached', { applicantIdNumber: string; findings: string }>;

export type DomainEvent =
  | CaseReceived
  | CorrectionNoticed
  | MaterialsSupplied
  | CorrectionCompleted
  | CaseAccepted
  | CaseAcceptedWithTolerance
  | CaseRefused
  | CaseConcluded
  | CaseDelivered
  | CaseWithdrawn
  | CaseRevoked
  | CaseTerminatedByRule
  | ReviewStarted
  | SpecialProcedureStarted
  | SpecialProcedureEnded
  | DecidedOnCommitment
  | CommitmentVerified
  | VerificationOverdue
  | CommitmentBreached;

export type DomainEventType = DomainEvent['type'];
