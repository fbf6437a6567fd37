/** What the applicants' API answers (server/routes/applicant.ts, server/views/applicant-view.ts). */
import type { MaterialFileView } from '../shared/material-files.js';

export interface TimeLimit {
  readonly amount: number;
  readonly unit: string;
}

export interface ApplicationMaterial {
  readonly id: string;
  readonly name: string;
  readonly necessity: 'required' | 'tolerated' | 'optional';
  readonly source: 'applicant' | 'shared';
  readonly description: string | null;
  /** The applicant uploads it (a shared licence the office fetches itself). */
  readonly upload: boolean;
  readonly fileTypes: readonly string[];
  readonly fileTypeLabels: readonly string[];
  readonly maxBytes: number;
}

export interface Application {
  readonly matterCode: string;
  readonly version: number;
  readonly name: string;
  readonly promisedLimit: TimeLimit | null;
  readonly legalLimit: TimeLimit;
  readonly implementer: string;
  readonly form: Record<string, unknown>;
  readonly materials: readonly ApplicationMaterial[];
}

export interface Upload {
  readonly uploadId: string;
  readonly materialId: string;
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly fileName: string;
}

export interface Draft {
  readonly draftId: string;
  readonly matterCode: string;
  readonly applicant: { readonly name: string; readonly idType: string } | null;
  readonly form: Record<string, unknown>;
  readonly files: readonly Upload[];
  readonly updatedAt: string;
  readonly caseId: string | null;
}

export interface Ask {
  readonly kind: '补正' | '容缺补交' | '评价';
  readonly zh: string;
  readonly defects?: readonly string[];
  readonly materials?: ReadonlyArray<{ id: string; name: string }>;
  readonly deadline?: string;
}

export interface CaseLimit {
  readonly limit: TimeLimit;
  readonly dueAt: string;
  readonly provisional: boolean;
  readonly running: boolean;
  readonly stoppedFor: string | null;
}

export interface CaseMaterial {
  readonly id: string;
  readonly name: string;
  readonly necessity: string;
  readonly received: boolean;
  readonly owed: boolean;
  readonly files: readonly MaterialFileView[];
}

export interface ApplicantCase {
  readonly caseId: string;
  readonly number: string | null;
  readonly verificationCode: string | null;
  readonly status: string;
  readonly matter: { readonly code: string; readonly name: string };
  readonly channel: string;
  readonly receivedAt: string;
  readonly answerBy: string | null;
  readonly acceptance: { readonly at: string; readonly auto: boolean } | null;
  readonly promisedLimit: TimeLimit | null;
  readonly limit: CaseLimit | null;
  readonly notices: ReadonlyArray<{ defects: readonly string[]; at: string }>;
  readonly openDefects: readonly string[];
  readonly asks: readonly Ask[];
  readonly materials: readonly CaseMaterial[];
  readonly result: {
    kind: string;
    at: string;
    reason: string | null;
    licence: { name: string; number: string } | null;
  } | null;
  readonly rating: { readonly open: boolean; readonly level: string | null; readonly departments: readonly string[] };
}

export type CaseListItem = Pick<
  ApplicantCase,
  'caseId' | 'number' | 'matter' | 'status' | 'channel' | 'receivedAt' | 'answerBy' | 'limit' | 'asks' | 'result'
>;

export const NECESSITY: Readonly<Record<string, string>> = {
  required: '必要',
  tolerated: '可容缺',
  optional: '非必要',
};

export const limitText = (limit: TimeLimit | null): string => (limit ? `${limit.amount} 个${limit.unit}` : '即办');
