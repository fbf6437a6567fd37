/**
 * The 办件 (case) as the service centre sees it: status, applicant, materials, notices,
 * acceptance, result and delivery. Plain JSON beside the BPMN state, built by the domain's
 * appliers from the case's events. Vocabulary exactly as DOMAIN.md.
 */
import type { MaterialNecessity, TimeLimit } from '../model/types.js';
import type { SupervisionRules } from '../supervision/index.js';

export const CASE_STATUSES = [
  '已收件',
  '补正中',
  '已受理',
  '不予受理',
  '审查中',
  '特别程序中',
  '已办结',
  '已退件',
  '已撤回',
  '已终止',
  '已撤销',
] as const;
export type CaseStatusZh = (typeof CASE_STATUSES)[number];

export const CHANNELS = ['窗口', '网上', '掌上', '自助'] as const;
export type Channel = (typeof CHANNELS)[number];

export const RESULT_KINDS = ['出证', '不予许可', '退件'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** What a case keeps of its matter's version at 收件: later edits of the matter do not touch it. */
export interface MatterSnapshot {
  readonly code: string;
  readonly version: number;
  readonly name: string;
  /** 1 即办件 (no promised-days clock), 2 承诺件, 9 其他. */
  readonly caseType: 1 | 2 | 9;
  readonly promisedLimit: TimeLimit | null;
  readonly materials: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly necessity: MaterialNecessity;
  }>;
  readonly tolerance: { readonly allowed: boolean; readonly supplementDeadline: TimeLimit | null };
  /** 告知承诺制: allowed, and the period within which the commitment is verified (核查). */
  readonly informedCommitment?: { readonly allowed: boolean; readonly verificationPeriod: TimeLimit | null };
  /** 特别程序 the matter allows (听证, 检验, 现场勘验 …). */
  readonly specialProcedures?: readonly string[];
  /**
   * The matter version's own 电子监察 rules (预警 / 黄牌 / 红牌), in force for every clock of the
   * case; null or absent (cases received before they were kept): the centre's rules.
   */
  readonly supervision?: SupervisionRules | null;
  /** 一件事: what a refused part means for the package (absent: not a package, or the default rule). */
  readonly package?: PackageRule | null;
}

/** 一件事: what a part's 不予许可 means for the package (the matter declares it). */
export const PACKAGE_REFUSAL_RULES = ['整体不予许可', '部分办结'] as const;
export interface PackageRule {
  /** 整体不予许可: the whole package is refused and the other parts stopped; 部分办结: the others go on. */
  readonly onPartRefused: (typeof PACKAGE_REFUSAL_RULES)[number];
  /** Call activities whose refusal refuses the whole package under either rule (e.g. 营业执照). */
  readonly coreParts: readonly string[];
}

/** A part (子件) of a 一件事 package: a child case, a 办件 of its own. */
export interface PackagePart {
  readonly caseId: string;
  /** The call activity that runs it. */
  readonly elementId: string;
  readonly name: string;
  readonly department: string | null;
  /** The package's number and the part's index; null when the package has none. */
  readonly number: string | null;
  readonly matter: MatterSnapshot;
  result: { readonly kind: ResultKind; readonly reason: string | null; readonly at: string } | null;
}

/** What a part keeps of its package. */
export interface PackageLink {
  readonly caseId: string;
  readonly number: string | null;
  readonly name: string;
  /** The call activity of the package that runs this part. */
  readonly elementId: string;
}

export interface Applicant {
  readonly name: string;
  readonly idType: string;
  /** 证件号码: stored, never shown or logged in clear (engine/matters maskIdNumber). */
  readonly idNumber: string;
}

/**
 * A material file handed in (收件, 补正, 补交), kept content-addressed by its sha256: the event that
 * files it carries the hash, so the case's hash chain covers the file. Nothing is overwritten: a
 * later submission of the same material is its next version.
 */
export interface MaterialFile {
  readonly materialId: string;
  /** 1 with the application; each later submission of the material the next (补正 adds a version). */
  readonly version: number;
  /** sha256 of the content, hex: where the storage keeps it. */
  readonly sha256: string;
  readonly size: number;
  /** As the content's signature showed it (application/pdf, image/jpeg, image/png, application/ofd). */
  readonly mediaType: string;
  /** The name the applicant's file had (shown, never trusted for its type). */
  readonly fileName: string;
}

export interface CorrectionNotice {
  readonly defects: readonly string[];
  readonly at: string;
  readonly by: string;
}

export interface DomainState {
  status: CaseStatusZh;
  /**
   * 办件编号 (case-number.ts: `YYYYMMDD-NNNN`, a child's `…-NN`), given at 收件 by the store. Absent
   * on cases received before numbers were given (their `case.received` has none, and their
   * recorded states have no such key) and on cases received without one (tests in memory).
   */
  readonly number?: string;
  readonly matter: MatterSnapshot;
  readonly applicant: Applicant;
  readonly channel: Channel;
  readonly receivedAt: string;
  readonly receivedBy: string;
  /** Material id -> received. */
  materials: Record<string, boolean>;
  /** The material files filed, in order, with when and by whom (absent until the first: older cases have none). */
  files?: Array<MaterialFile & { readonly at: string; readonly by: string }>;
  /** 补正告知: the first notice lists every defect (一次性告知); later ones may only repeat them. */
  notices: CorrectionNotice[];
  /** Defects of the notices not yet cured. */
  openDefects: string[];
  /** Status to return to when the correction is complete. */
  resumeStatus: CaseStatusZh | null;
  acceptance: {
    readonly at: string;
    readonly by: string;
    readonly documentNo: string | null;
    readonly auto: boolean;
  } | null;
  /** 首办负责: the officer who accepted, responsible to the end, through transfers. */
  responsibleOfficer: string | null;
  /** 容缺受理: the commitment and what is still owed, by when. */
  tolerance: { readonly missing: readonly string[]; readonly deadline: string; readonly commitment: string } | null;
  result: {
    readonly kind: ResultKind | '终止' | '撤销' | '撤回' | '不予受理';
    readonly at: string;
    readonly by: string;
    readonly reason: string | null;
    readonly licence: { readonly name: string; readonly number: string } | null;
  } | null;
  delivery: { readonly at: string; readonly by: string; readonly method: string } | null;
  /** 告知承诺: the commitment the decision rests on, and its verification (核查). */
  commitment?: {
    readonly text: string;
    readonly verifyBy: string;
    verified: { readonly at: string; readonly by: string; readonly passed: boolean; readonly findings: string } | null;
    /** The 核查 period passed without a verification. */
    overdue?: boolean;
  } | null;
  /** The 特别程序 running now (the clock stands still). */
  specialProcedure?: {
    readonly kind: string;
    readonly reason: string;
    readonly from: string;
    readonly resumeStatus: CaseStatusZh;
  } | null;
  /** 一件事: the package this case is a part of (a child case), or null. */
  readonly package?: PackageLink | null;
  /** 一件事: the package's parts, in the order they started. */
  parts?: PackagePart[];
}
