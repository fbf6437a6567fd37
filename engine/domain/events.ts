/**
 * Domain events: what the service centre did with a case. They are appended to the same
 * stream as the BPMN runtime's events and covered by the same hash chain.
 */
import type { EventShape, EventVersions } from '../runtime/index.js';
import type {
  Applicant,
  CaseStatusZh,
  Channel,
  MaterialFile,
  MatterSnapshot,
  PackageLink,
  PackagePart,
  ResultKind,
} from './types.js';

/** The runtime's event envelope (type, v, time, actor, data). */
type DomainEventShape<T extends string, D, V extends number = 1> = EventShape<T, D, V>;

/**
 * 收件: the application, its applicant and the materials handed in; `number`, the 办件编号 the
 * store gave it (absent in events written before numbers were given: still v1, nothing to upcast).
 */
export type CaseReceived = DomainEventShape<
  'case.received',
  {
    matter: MatterSnapshot;
    applicant: Applicant;
    channel: Channel;
    materials: Record<string, boolean>;
    number?: string;
    /** 一件事: received as a part of this package (absent for a case of its own). */
    package?: PackageLink;
  }
>;
/** 一件事: a call activity of the package started a part (子件), a 办件 of its own. */
export type PartStarted = DomainEventShape<'package.partStarted', Omit<PackagePart, 'result'>>;
/** 一件事: a part was decided (办结 出证 / 不予许可 / 退件). */
export type PartConcluded = DomainEventShape<
  'package.partConcluded',
  { childCaseId: string; kind: ResultKind; reason: string | null }
>;
/** 补正告知 (一次性告知): every defect at once. */
export type CorrectionNoticed = DomainEventShape<
  'case.correctionNoticed',
  { defects: string[]; resumeStatus: CaseStatusZh }
>;
export type MaterialsSupplied = DomainEventShape<'materials.supplied', { materials: string[]; cured: string[] }>;
/** A material file filed with 收件 or 补交: its sha256 puts the file under the case's hash chain. */
export type MaterialFiled = DomainEventShape<'material.filed', MaterialFile>;
export type CorrectionCompleted = DomainEventShape<'case.correctionCompleted', { status: CaseStatusZh }>;
/** 受理 (by an officer, or by law when nobody answered within the period: `auto`). */
export type CaseAccepted = DomainEventShape<
  'case.accepted',
  { officer: string; documentNo: string | null; auto: boolean }
>;
/** 容缺受理: accepted with non-core materials missing, on a written commitment. */
export type CaseAcceptedWithTolerance = DomainEventShape<
  'case.acceptedWithTolerance',
  { officer: string; documentNo: string | null; missing: string[]; deadline: string; commitment: string }
>;
export type CaseRefused = DomainEventShape<'case.refused', { reason: string }>;
/** 办结 with its result: 出证 (licence), 不予许可 or 退件. */
export type CaseConcluded = DomainEventShape<
  'case.concluded',
  { kind: ResultKind; reason: string | null; licence: { name: string; number: string } | null }
>;
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
export type SpecialProcedureStarted = DomainEventShape<
  'specialProcedure.started',
  { kind: string; reason: string; approver: string | null; resumeStatus: CaseStatusZh }
>;
export type SpecialProcedureEnded = DomainEventShape<'specialProcedure.ended', { kind: string; result: string }>;
/** 告知承诺制: decided on the applicant's written commitment, without further proof; verified later. */
export type DecidedOnCommitment = DomainEventShape<
  'case.decidedOnCommitment',
  { commitment: string; licence: { name: string; number: string }; verifyBy: string }
>;
export type CommitmentVerified = DomainEventShape<'commitment.verified', { passed: boolean; findings: string }>;
/** The 核查 period passed without a verification: a supervision matter. */
export type VerificationOverdue = DomainEventShape<'commitment.verificationOverdue', { verifyBy: string }>;
/** A false commitment, recorded against the applicant (信用记录). */
export type CommitmentBreached = DomainEventShape<
  'applicant.commitmentBreached',
  { applicantIdNumber: string; findings: string }
>;

export type DomainEvent =
  | CaseReceived
  | CorrectionNoticed
  | MaterialsSupplied
  | MaterialFiled
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
  | CommitmentBreached
  | PartStarted
  | PartConcluded;

export type DomainEventType = DomainEvent['type'];

/** The version of each domain event written today. Raising one needs an upcaster from the old. */
export const DOMAIN_EVENT_VERSIONS: EventVersions<DomainEvent> = {
  'case.received': 1,
  'case.correctionNoticed': 1,
  'materials.supplied': 1,
  'material.filed': 1,
  'case.correctionCompleted': 1,
  'case.accepted': 1,
  'case.acceptedWithTolerance': 1,
  'case.refused': 1,
  'case.concluded': 1,
  'case.delivered': 1,
  'case.withdrawn': 1,
  'case.revoked': 1,
  'case.ended': 1,
  'case.reviewStarted': 1,
  'specialProcedure.started': 1,
  'specialProcedure.ended': 1,
  'case.decidedOnCommitment': 1,
  'commitment.verified': 1,
  'commitment.verificationOverdue': 1,
  'applicant.commitmentBreached': 1,
  'package.partStarted': 1,
  'package.partConcluded': 1,
};
