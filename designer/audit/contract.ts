/**
 * The audit page's address is the audit search API's query: /audit?<the same parameters as GET
 * /api/audit/cases> (server/routes/audit.ts, AuditSearchQuery and its JSON Schema), one name per
 * concept. The supervision board builds its links with `auditLink`; the page reads them back with
 * `queryFromSearch` and sends them to the API unchanged.
 *
 * Case criteria: matterCode, department (had a step of it), officer (acted on it), status (办件状态),
 * number (办件编号: one number, or a Beijing date's numbers: 20261205 or 2026-12-05),
 * receivedFrom / receivedTo (收件, Beijing dates, both days included), overdue (true: a time limit
 * finished late, or is running past its due time now, or a 黄牌 / 红牌 was raised; false: none).
 *
 * Time-limit criteria (the case has one time limit that is all of them): limitKind (case 办件总时限 |
 * step 环节时限), limitUnit, noDepartment / noMatter (none recorded), finishedFrom / finishedTo
 * (finished in these Beijing dates, both included), onTime (true: finished on time, false: late),
 * signal (预警 / 黄牌 / 红牌: its highest open signal). With any of them, matterCode and department
 * narrow that time limit instead of the case.
 */

export type Level = '预警' | '黄牌' | '红牌';
type LimitUnit = '工作日' | '自然日' | '小时(工作日)' | '小时(自然日)';

export interface AuditQuery {
  readonly matterCode?: string;
  readonly department?: string;
  readonly officer?: string;
  readonly status?: string;
  readonly number?: string;
  readonly receivedFrom?: string;
  readonly receivedTo?: string;
  readonly overdue?: boolean;
  readonly limitKind?: 'case' | 'step';
  readonly limitUnit?: LimitUnit;
  readonly noDepartment?: boolean;
  readonly noMatter?: boolean;
  readonly finishedFrom?: string;
  readonly finishedTo?: string;
  readonly onTime?: boolean;
  readonly signal?: Level;
}

/** Every parameter, in the order an address lists them (the API's schema has exactly these, plus the paging parameters `limit` and `after`). */
export const AUDIT_PARAMS = [
  'matterCode',
  'department',
  'officer',
  'status',
  'number',
  'receivedFrom',
  'receivedTo',
  'overdue',
  'limitKind',
  'limitUnit',
  'noDepartment',
  'noMatter',
  'finishedFrom',
  'finishedTo',
  'onTime',
  'signal',
] as const satisfies ReadonlyArray<keyof AuditQuery>;

const BOOLEANS = new Set<string>(['overdue', 'noDepartment', 'noMatter', 'onTime']);

/** The parameters of a query as strings (members that are undefined, null or empty left out). */
export function auditParams(query: { readonly [K in keyof AuditQuery]?: AuditQuery[K] | null }): Record<
  string,
  string
> {
  const params: Record<string, string> = {};
  for (const name of AUDIT_PARAMS) {
    const value = query[name];
    if (value === undefined || value === null || value === '') continue;
    params[name] = String(value);
  }
  return params;
}

/** `/audit?department=…&signal=黄牌`. */
export function auditLink(query: { readonly [K in keyof AuditQuery]?: AuditQuery[K] | null }): string {
  const search = new URLSearchParams(auditParams(query)).toString();
  return search ? `/audit?${search}` : '/audit';
}

/** The query an address holds (unknown parameters ignored; booleans are `true` / `false`). */
export function queryFromSearch(search: string): AuditQuery {
  const params = new URLSearchParams(search);
  const query: Record<string, string | boolean> = {};
  for (const name of AUDIT_PARAMS) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    query[name] = BOOLEANS.has(name) ? (value === 'true' ? true : value === 'false' ? false : value) : value;
  }
  return query as AuditQuery;
}
