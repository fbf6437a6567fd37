/** What the 异常处理 page reads from the API (GET /api/incidents…, /api/webhooks/deliveries, /api/external-tasks/workers). */

export type IncidentKind = 'job-failed' | 'expression-failed' | 'unhandled-error' | 'call-failed';

/** The kinds in the administrators' words. */
export const KIND_LABELS: Readonly<Record<IncidentKind, string>> = {
  'job-failed': '外部任务失败（重试用尽）',
  'expression-failed': '表达式计算失败',
  'unhandled-error': '业务错误未被捕获',
  'call-failed': '子流程失败',
};

export interface IncidentRow {
  readonly incidentId: string;
  readonly caseId: string;
  readonly caseNumber: string | null;
  readonly processId: string;
  readonly elementId: string;
  readonly instanceId: string;
  readonly jobId: string | null;
  readonly kind: IncidentKind;
  readonly message: string;
  readonly raisedAt: string;
}

export interface IncidentPage {
  readonly incidents: readonly IncidentRow[];
  readonly total: number;
}

export interface IncidentDetail extends IncidentRow {
  readonly elementName: string | null;
  readonly job: { readonly topic: string; readonly retries: number; readonly lastError: string | null } | null;
  /** 证件号码 masked by the server. */
  readonly variables: Record<string, unknown>;
}

export interface IncidentFilter {
  readonly processId: string;
  readonly elementId: string;
  readonly kind: string;
  readonly error: string;
  /** A Beijing date (YYYY-MM-DD): raised on or after it. */
  readonly since: string;
}

export interface Delivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly caseId: string;
  readonly seq: number;
  readonly kind: string;
  readonly eventTime: string;
  readonly status: 'pending' | 'delivered' | 'dead';
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: string | null;
}

export interface WaitingWorker {
  readonly worker: string;
  readonly workerId: string;
  readonly topics: readonly string[];
  readonly since: string;
}
