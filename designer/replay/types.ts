/** What the audit API answers (server/routes/audit.ts; engine/store/audit-queries.ts). */

type AlertLevel = '预警' | '黄牌' | '红牌';

export interface StateSummary {
  readonly seq: number;
  readonly status: string;
  readonly domainStatus: string | null;
  readonly active: Readonly<Record<string, number>>;
  readonly entered: Readonly<Record<string, number>>;
  readonly completed: Readonly<Record<string, number>>;
  readonly flows: Readonly<Record<string, number>>;
  readonly tasks: ReadonlyArray<{
    taskId: string;
    elementId: string;
    name: string | null;
    assignee: string | null;
    department: string | null;
  }>;
  readonly timers: ReadonlyArray<{
    timerId: string;
    elementId: string;
    dueAt: string;
    kind: 'timer' | 'alert' | 'deadline';
    level: AlertLevel | null;
    deadline: string | null;
  }>;
  readonly signals: ReadonlyArray<{
    alertId: string;
    level: AlertLevel;
    elementId: string | null;
    department: string | null;
    officer: string | null;
    raisedAt: string;
  }>;
  readonly clocks: ReadonlyArray<{
    clockId: string;
    kind: 'case' | 'step';
    elementId: string;
    dueAt: string;
    running: boolean;
    provisional: boolean;
  }>;
  readonly calls: ReadonlyArray<{ elementId: string; childCaseId: string }>;
  readonly suspended: boolean;
}

export interface TimelineStep {
  readonly seq: number;
  readonly type: string;
  readonly time: string;
  readonly actor: string;
  /** The event as officers read it (the 办理记录's words); null for the flow's own bookkeeping. */
  readonly text: string | null;
  readonly data: unknown;
  readonly elements: readonly string[];
  readonly flows: readonly string[];
  readonly state: StateSummary | null;
  readonly replayError?: string;
}

interface CaseHeader {
  readonly caseId: string;
  /** 办件编号 (null: received before numbers were given, or a bare process run). */
  readonly number: string | null;
  readonly processId: string | null;
  readonly status: string | null;
  readonly domainStatus: string | null;
  readonly matter: { code: string; version: number; name: string } | null;
  readonly applicant: { name: string; idType: string; idNumber: string } | null;
  readonly channel: string | null;
  readonly receivedAt: string | null;
  readonly receivedBy: string | null;
  readonly responsibleOfficer: string | null;
  /** 办结: the result (出证 with the licence, 不予许可 with the reason …), null before. */
  readonly result?: {
    readonly kind: string;
    readonly reason: string | null;
    readonly licence: { readonly name: string; readonly number: string } | null;
  } | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly seq: number | null;
}

interface DefinitionRef {
  readonly processId: string;
  readonly version: number;
  readonly hash: string;
  readonly name: string | null;
}

interface Family {
  readonly parent: { caseId: string; processId: string; elementId: string | null } | null;
  readonly children: ReadonlyArray<{
    caseId: string;
    processId: string;
    elementId: string | null;
    status: string;
    domainStatus: string | null;
  }>;
}

export interface Timeline extends Family {
  readonly case: CaseHeader;
  readonly definition: DefinitionRef | null;
  readonly steps: readonly TimelineStep[];
}

export type Verification =
  { readonly ok: true } | { readonly ok: false; readonly brokenAtSeq: number; readonly reason: string };

export interface CaseExport extends Family {
  readonly format: string;
  readonly exportedBy: string | null;
  readonly case: CaseHeader;
  readonly definition: DefinitionRef | null;
  readonly verification: Verification;
  readonly events: ReadonlyArray<{
    seq: number;
    type: string;
    time: string;
    actor: string;
    text: string | null;
    data: unknown;
    prevHash: string | null;
    hash: string | null;
  }>;
}

/** What the audit API masks of people (server/views/personal-data.ts), as the pages say it. */
export const AUDIT_MASKED = '姓名、电话、地址、证件号码';
