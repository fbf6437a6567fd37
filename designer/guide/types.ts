/** What GET /api/guide and GET /api/guide/{code} answer (server/routes/matters.ts). */
interface Limit {
  readonly amount: number;
  readonly unit: string;
  readonly text: string;
}

interface Labelled<C = string> {
  readonly code: C;
  readonly label: string;
}

export interface GuideListItem {
  readonly matterCode: string;
  readonly name: string;
  readonly type: Labelled;
  readonly status: Labelled;
  readonly implementer: string;
  readonly legalLimit: Limit;
  readonly promisedLimit?: Limit;
  readonly caseType: Labelled<number>;
  readonly fees: string;
  readonly visitsRequired: number;
}

export interface GuideMaterial {
  readonly id: string;
  readonly name: string;
  readonly necessity: '必要' | '容缺' | '非必要';
  readonly tolerance: '可容缺' | '不可容缺';
  readonly form: string;
  readonly copies: number;
  readonly source: '申请人提交' | '电子证照共享';
  readonly description?: string;
}

interface GuideStep {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly department?: string;
  readonly limit?: Limit;
}

export interface Guide {
  readonly matterCode: string;
  readonly version: number;
  readonly name: string;
  readonly baseCode: string;
  readonly implementationCode: string;
  readonly handlingItemCode?: string;
  readonly status: Labelled;
  readonly type: Labelled;
  readonly level: Labelled<number>;
  readonly implementer: { readonly name: string; readonly creditCode: string };
  readonly jointAgencies: ReadonlyArray<{ readonly name: string; readonly role?: string }>;
  readonly acceptanceConditions: readonly string[];
  readonly materials: readonly GuideMaterial[];
  readonly legalLimit: Limit;
  readonly promisedLimit?: Limit;
  readonly caseType: Labelled<number>;
  readonly fees: {
    readonly charged: boolean;
    readonly label: string;
    readonly standard?: string;
    readonly basis?: string;
  };
  readonly resultName: string;
  readonly visitsRequired: number;
  readonly specialProcedures: readonly string[];
  readonly tolerance: { readonly allowed: boolean; readonly supplementDeadline?: Limit };
  readonly informedCommitment: { readonly allowed: boolean; readonly verificationPeriod?: Limit };
  readonly howToApply: {
    readonly agencies: ReadonlyArray<{ readonly name: string; readonly role: string }>;
    readonly officeHours: { readonly days: string; readonly periods: readonly string[] };
    readonly channels: ReadonlyArray<{ readonly channel: string; readonly text: string }>;
    readonly visitsRequired: number;
    readonly visits: string;
  };
  readonly flow: {
    readonly processId: string;
    readonly version: number;
    readonly name: string | null;
    readonly xml: string;
    readonly steps: readonly GuideStep[] | null;
  } | null;
}
