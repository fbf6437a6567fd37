/**
 * Domain commands: what officers and applicants do with a case. Each is decided by a handler
 * (handle/) against the case's domain state and the matter it keeps, and becomes domain events
 * plus, where the BPMN flow must move, runtime commands.
 */
import type { Applicant, Channel, MaterialFile, MatterSnapshot, PackageLink, ResultKind } from './types.js';

/** A stored material file handed in with a command; the handler gives it its version. */
export type FileHandedIn = Omit<MaterialFile, 'version'>;

interface DomainCommandShape<T extends string, D> {
  readonly type: T;
  readonly actor: string;
  readonly data: D;
}

/** 收件: starts the case (its process through the none start) with the application. */
export type ReceiveCase = DomainCommandShape<
  'case.receive',
  {
    caseId: string;
    processId: string;
    matter: MatterSnapshot;
    applicant: Applicant;
    channel: Channel;
    materials: Record<string, boolean>;
    form?: Record<string, unknown>;
    /** 办件编号, drawn by the store in the receiving transaction (engine/domain-store). */
    number?: string;
    /** Material files handed in (网上申报): each is filed as version 1 and counts its material received. */
    files?: FileHandedIn[];
  }
>;
/** 补正告知: every defect at once (一次性告知). */
export type NoticeCorrection = DomainCommandShape<'case.noticeCorrection', { defects: string[] }>;
/** The applicant hands in materials (补正 or 容缺补交); `cures` names the defects they cure. */
export type SupplyMaterials = DomainCommandShape<
  'materials.supply',
  { materials: string[]; cures?: string[]; files?: FileHandedIn[] }
>;
/** 受理; `taskId`: the window task of the flow this completes. */
export type AcceptCase = DomainCommandShape<'case.accept', { documentNo?: string; taskId?: string }>;
export type AcceptWithTolerance = DomainCommandShape<
  'case.acceptWithTolerance',
  { commitment: string; documentNo?: string; taskId?: string }
>;
/** 不予受理, with the reason. */
export type RefuseCase = DomainCommandShape<'case.refuse', { reason: string }>;
/** 办结 with its result; 出证 names the licence. */
export type ConcludeCase = DomainCommandShape<
  'case.conclude',
  { kind: ResultKind; reason?: string; licence?: { name: string; number: string }; taskId?: string }
>;
/** 送达 of the result. */
export type DeliverResult = DomainCommandShape<'case.deliver', { method: string }>;
/** 撤回: the applicant takes the application back before a decision. */
export type WithdrawCase = DomainCommandShape<'case.withdraw', { reason: string }>;
/** 撤销: a decision revoked afterwards. */
export type RevokeCase = DomainCommandShape<'case.revoke', { reason: string }>;

/** 特别程序 start / end (听证, 检验, 现场勘验 …), with the clock. */
export type StartSpecialProcedure = DomainCommandShape<
  'specialProcedure.start',
  { kind: string; reason: string; approver?: string }
>;
export type EndSpecialProcedure = DomainCommandShape<'specialProcedure.end', { result: string }>;
/** 告知承诺制: decide on the applicant's written commitment; 核查 follows within the matter's period. */
export type DecideOnCommitment = DomainCommandShape<
  'case.decideOnCommitment',
  { commitment: string; licence: { name: string; number: string }; taskId?: string }
>;
/** The 核查 result: a false commitment revokes the decision (已撤销). */
export type VerifyCommitment = DomainCommandShape<'commitment.verify', { passed: boolean; findings: string }>;

/**
 * 子件收件: a 一件事 package's call activity starts its part as a 办件, accepted at the package's
 * window (sent by the store on the package's behalf, never by a user).
 */
export type ReceivePart = DomainCommandShape<
  'case.receivePart',
  {
    caseId: string;
    processId: string;
    variables: Record<string, unknown>;
    /** The call activity waiting for it (the runtime's parent link). */
    parent: { caseId: string; instanceId: string };
    package: PackageLink;
    number: string | null;
    matter: MatterSnapshot;
    department: string | null;
    applicant: Applicant;
    channel: Channel;
    /** The officer who accepted the package (一窗受理), responsible for the part too. */
    officer: string;
  }
>;
/** 一件事: one of the package's parts was decided (sent by the store on the part's behalf). */
export type ConcludePart = DomainCommandShape<
  'package.concludePart',
  { childCaseId: string; kind: ResultKind; reason: string | null }
>;

export type DomainCommand =
  | ReceiveCase
  | ReceivePart
  | ConcludePart
  | NoticeCorrection
  | SupplyMaterials
  | AcceptCase
  | AcceptWithTolerance
  | RefuseCase
  | ConcludeCase
  | DeliverResult
  | WithdrawCase
  | RevokeCase
  | StartSpecialProcedure
  | EndSpecialProcedure
  | DecideOnCommitment
  | VerifyCommitment;

export type DomainCommandType = DomainCommand['type'];

/** Every domain command type, as a mapped record: a command added to the union without an entry here does not compile. */
const TYPES: { readonly [K in DomainCommandType]: true } = {
  'case.receive': true,
  'case.receivePart': true,
  'package.concludePart': true,
  'case.noticeCorrection': true,
  'materials.supply': true,
  'case.accept': true,
  'case.acceptWithTolerance': true,
  'case.refuse': true,
  'case.conclude': true,
  'case.deliver': true,
  'case.withdraw': true,
  'case.revoke': true,
  'specialProcedure.start': true,
  'specialProcedure.end': true,
  'case.decideOnCommitment': true,
  'commitment.verify': true,
};

export function isDomainCommand(command: { readonly type: string }): command is DomainCommand {
  return Object.hasOwn(TYPES, command.type);
}
