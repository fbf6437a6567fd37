/**
 * Every figure on the board leads to its cases: the audit search (/audit, designer/audit) with
 * the matching filters. Parameter names: matter (实施编码), department, status (办件 status, e.g.
 * 已办结), overdue (true: past its time limit), signal (预警 / 黄牌 / 红牌), from and to (Beijing
 * dates, YYYY-MM-DD, both inclusive).
 */
export interface AuditFilter {
  readonly matter?: string | null;
  readonly department?: string | null;
  readonly status?: string;
  readonly overdue?: boolean;
  readonly signal?: string;
  readonly from?: string;
  readonly to?: string;
}

const ORDER = ['matter', 'department', 'status', 'overdue', 'signal', 'from', 'to'] as const;

/** `/audit?department=…&signal=黄牌` (empty members left out). */
export function auditLink(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const name of ORDER) {
    const value = filter[name];
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const query = params.toString();
  return query ? `/audit?${query}` : '/audit';
}

/** The replay of one case (its full history). */
export const caseLink = (caseId: string): string => `/audit/cases/${encodeURIComponent(caseId)}`;
