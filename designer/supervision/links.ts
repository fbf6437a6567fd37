/**
 * Every figure on the board leads to its cases: the audit search (/audit, designer/audit) whose
 * address is the audit search API's own query (designer/audit/contract.ts). The links below say,
 * per kind of figure, which time limits the figure counts; the list they open holds the cases
 * those time limits belong to (a case with two such limits is listed once).
 */
import { auditLink, type Level } from '../audit/contract.js';
import type { PerformanceRow } from './types.js';

/** The limits of a signal figure: a department's (or none recorded, of one kind), a matter's (or none), at a level. */
export function signalLink(
  where: { department: string | null; kind: 'case' | 'step' | null; matterCode?: string | null },
  signal: Level,
): string {
  return auditLink({
    ...(where.department !== null
      ? { department: where.department }
      : { noDepartment: true, ...(where.kind ? { limitKind: where.kind } : {}) }),
    ...(where.matterCode === undefined
      ? {}
      : where.matterCode === null
        ? { noMatter: true }
        : { matterCode: where.matterCode }),
    signal,
  });
}

/**
 * The limits of a handling figure: finished in the period, of the row's matter (办件 limits) or
 * department (环节 limits) and unit; on time or late when `onTime` is given.
 */
export function handlingLink(
  groupBy: 'matter' | 'department',
  kind: 'case' | 'step',
  row: Pick<PerformanceRow, 'key' | 'unit'>,
  period: { from: string; to: string },
  onTime?: boolean,
): string {
  const key =
    groupBy === 'matter'
      ? row.key === null
        ? { noMatter: true }
        : { matterCode: row.key }
      : row.key === null
        ? { noDepartment: true }
        : { department: row.key };
  return auditLink({
    ...key,
    limitKind: kind,
    limitUnit: row.unit,
    finishedFrom: period.from,
    finishedTo: period.to,
    ...(onTime === undefined ? {} : { onTime }),
  });
}

/** The replay of one case (its full history). */
export const caseLink = (caseId: string): string => `/audit/cases/${encodeURIComponent(caseId)}`;
