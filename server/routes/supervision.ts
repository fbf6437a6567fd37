/**
 * 电子监察 (read-only): raised signals by level, department, matter and time, and statistics per
 * matter or department. Supervisors, auditors and admins see every department; a department
 * officer sees only their own department (another department is 403, and statistics only
 * grouped by department, their own row).
 */
import type { Knex } from 'knex';
import type { Principal } from '../../engine/domain/index.js';
import { listAlerts, supervisionStatistics, type AlertFilter } from '../../engine/store/index.js';
import { ALERT_LEVELS, type AlertLevel } from '../../engine/supervision/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';

const READERS = ['supervisor', 'auditor', 'admin', 'department'] as const;
const WIDE = new Set(['supervisor', 'auditor', 'admin']);

/** The department a principal is confined to, or null when they may see every department. */
function confinedTo(principal: Principal | null): string | null {
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
  if (principal.roles.some((role) => WIDE.has(role))) return null;
  if (!principal.department) throw new ApiError(403, 'FORBIDDEN', '无权查看电子监察（未绑定部门）', 'A department officer without a department may not read supervision');
  return principal.department;
}

function otherDepartment(department: string): ApiError {
  return new ApiError(403, 'FORBIDDEN', `只能查看本部门（${department}）的电子监察信息`, `Only your own department (${department}) may be read`, '/query/department');
}

export function supervisionRoutes(routes: Routes, knex: Knex): void {
  routes.add<unknown, { level?: AlertLevel; department?: string; matterCode?: string; from?: string; to?: string; open?: boolean }>({
    method: 'get',
    path: '/api/supervision/signals',
    summary: 'Signals (预警 / 黄牌 / 红牌), newest first: by level, department, matter, raised in [from, to); open only unless open=false',
    tags: ['supervision'],
    access: READERS,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        level: { enum: [...ALERT_LEVELS] },
        department: { type: 'string', minLength: 1, maxLength: 200 },
        matterCode: { type: 'string', minLength: 1, maxLength: 100 },
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
        open: { type: 'boolean', default: true },
      },
    },
    responses: { 200: { description: 'The signals' }, 403: { description: 'Another department' } },
    handler: async ({ principal, query }) => {
      const own = confinedTo(principal);
      if (own !== null && query.department !== undefined && query.department !== own) throw otherDepartment(own);
      const department = own ?? query.department;
      const filter: AlertFilter = {
        ...(department !== undefined ? { department } : {}),
        ...(query.level ? { level: query.level } : {}),
        ...(query.matterCode ? { matterCode: query.matterCode } : {}),
        ...(query.from ? { raisedFrom: query.from } : {}),
        ...(query.to ? { raisedTo: query.to } : {}),
        openOnly: query.open !== false,
      };
      return { body: await listAlerts(knex, filter) };
    },
  });

  routes.add<unknown, { from: string; to: string; groupBy: 'matter' | 'department'; kind?: 'case' | 'step' }>({
    method: 'get',
    path: '/api/supervision/statistics',
    summary: 'Per matter or department: clocks finished in [from, to), on-time rate, average and 90th-percentile time used, open signals',
    tags: ['supervision'],
    access: READERS,
    query: {
      type: 'object',
      required: ['from', 'to', 'groupBy'],
      additionalProperties: false,
      properties: {
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
        groupBy: { enum: ['matter', 'department'] },
        kind: { enum: ['case', 'step'] },
      },
    },
    responses: { 200: { description: 'One row per group and unit' }, 403: { description: 'A department officer asking for every matter' } },
    handler: async ({ principal, query }) => {
      const own = confinedTo(principal);
      if (own !== null && query.groupBy !== 'department') {
        throw new ApiError(403, 'FORBIDDEN', '部门人员只能按部门查看本部门的统计', 'A department officer may read statistics grouped by department only (their own)', '/query/groupBy');
      }
      const rows = await supervisionStatistics(knex, { from: query.from, to: query.to, groupBy: query.groupBy, ...(query.kind ? { kind: query.kind } : {}) });
      return { body: own === null ? rows : rows.filter((row) => row.key === own) };
    },
  });
}
