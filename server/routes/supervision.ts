/**
 * 电子监察 (read-only): raised signals by level, department, matter, 办件编号 and time (each with
 * its case's number), and statistics per matter or department; for the board, the open signals
 * grouped by department, matter and level, the handling figures over a period of Beijing dates
 * (本月 / 本季度 / 本年 or from–to), and the 差评 rectifications due. Supervisors, auditors and
 * admins see every department; a department officer sees only their own department (another
 * department is 403, and statistics only grouped by department, their own row).
 */
import type { Knex } from 'knex';
import { systemClock, type Clock } from '../../engine/clock.js';
import type { Principal } from '../../engine/domain/index.js';
import {
  beijingPeriod,
  currentPeriod,
  handlingPerformance,
  listAlerts,
  openCaseCounts,
  matterNames,
  openSignalSummary,
  rectificationsDue,
  supervisionStatistics,
  type AlertFilter,
  type PeriodKind,
} from '../../engine/store/index.js';
import { ALERT_LEVELS, type AlertLevel } from '../../engine/supervision/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { CASE_NUMBER_QUERY, caseNumberQuery } from './case-number-query.js';

const READERS = ['supervisor', 'auditor', 'admin', 'department'] as const;
const WIDE = new Set(['supervisor', 'auditor', 'admin']);

/** The department a principal is confined to, or null when they may see every department. */
function confinedTo(principal: Principal | null): string | null {
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
  if (principal.roles.some((role) => WIDE.has(role))) return null;
  if (!principal.department)
    throw new ApiError(
      403,
      'FORBIDDEN',
      '无权查看电子监察（未绑定部门）',
      'A department officer without a department may not read supervision',
    );
  return principal.department;
}

function otherDepartment(department: string): ApiError {
  return new ApiError(
    403,
    'FORBIDDEN',
    `只能查看本部门（${department}）的电子监察信息`,
    `Only your own department (${department}) may be read`,
    '/query/department',
  );
}

/** `clock` says what "now" is for 本月 and for overdue rectifications (the store's clock; default the system clock). */
export function supervisionRoutes(routes: Routes, knex: Knex, clock: Clock = systemClock): void {
  routes.add<
    unknown,
    {
      level?: AlertLevel;
      department?: string;
      matterCode?: string;
      number?: string;
      from?: string;
      to?: string;
      open?: boolean;
    }
  >({
    method: 'get',
    path: '/api/supervision/signals',
    summary:
      'Signals (预警 / 黄牌 / 红牌), newest first, each with its case’s 办件编号 (number): by level, department, matter, 办件编号 (one number, or a Beijing date’s numbers), raised in [from, to); open only unless open=false',
    tags: ['supervision'],
    access: READERS,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        level: { enum: [...ALERT_LEVELS] },
        department: { type: 'string', minLength: 1, maxLength: 200 },
        matterCode: { type: 'string', minLength: 1, maxLength: 100 },
        number: CASE_NUMBER_QUERY,
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
        open: { type: 'boolean', default: true },
      },
    },
    responses: {
      200: { description: 'The signals, each with its caseId and number (办件编号)' },
      403: { description: 'Another department' },
    },
    handler: async ({ principal, query }) => {
      const own = confinedTo(principal);
      if (own !== null && query.department !== undefined && query.department !== own) throw otherDepartment(own);
      const department = own ?? query.department;
      const filter: AlertFilter = {
        ...(department !== undefined ? { department } : {}),
        ...(query.level ? { level: query.level } : {}),
        ...(query.matterCode ? { matterCode: query.matterCode } : {}),
        ...(query.number !== undefined ? { number: caseNumberQuery(query.number, 'number') } : {}),
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
    summary:
      'Per matter or department: clocks finished in [from, to), on-time rate, average and 90th-percentile time used, open signals',
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
    responses: {
      200: { description: 'One row per group and unit' },
      403: { description: 'A department officer asking for every matter' },
    },
    handler: async ({ principal, query }) => {
      const own = confinedTo(principal);
      if (own !== null && query.groupBy !== 'department') {
        throw new ApiError(
          403,
          'FORBIDDEN',
          '部门人员只能按部门查看本部门的统计',
          'A department officer may read statistics grouped by department only (their own)',
          '/query/groupBy',
        );
      }
      const rows = await supervisionStatistics(knex, {
        from: query.from,
        to: query.to,
        groupBy: query.groupBy,
        ...(query.kind ? { kind: query.kind } : {}),
      });
      return { body: own === null ? rows : rows.filter((row) => row.key === own) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/supervision/open-cases',
    summary: 'The cases open now (在办: the flow active or failed), in total and by 办件状态, for the board',
    tags: ['supervision'],
    access: ['supervisor', 'auditor', 'admin'],
    responses: { 200: { description: '{ asOf, total, byStatus: [{ status, cases }] }' } },
    handler: async () => ({ body: { asOf: clock.now().toISOString(), ...(await openCaseCounts(knex)) } }),
  });

  routes.add<unknown, { department?: string; matterCode?: string; kind?: 'case' | 'step' }>({
    method: 'get',
    path: '/api/supervision/signals/summary',
    summary:
      'The board’s open signals: time limits (clocks) with an open signal per department, matter and level, each clock once at its highest open level (预警 < 黄牌 < 红牌), with distinct cases',
    tags: ['supervision'],
    access: READERS,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        department: { type: 'string', minLength: 1, maxLength: 200 },
        matterCode: { type: 'string', minLength: 1, maxLength: 100 },
        kind: { enum: ['case', 'step'] },
      },
    },
    responses: {
      200: { description: '{ asOf, groups: [{ department, matterCode, matterName, kind, level, clocks, cases }] }' },
      403: { description: 'Another department' },
    },
    handler: async ({ principal, query }) => {
      const department = ownOrAsked(principal, query.department);
      const [groups, names] = await Promise.all([
        openSignalSummary(knex, {
          ...(department !== undefined ? { department } : {}),
          ...(query.matterCode ? { matterCode: query.matterCode } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
        }),
        matterNames(knex),
      ]);
      return {
        body: {
          asOf: clock.now().toISOString(),
          groups: groups.map((group) => ({ ...group, matterName: nameOf(names, group.matterCode) })),
        },
      };
    },
  });

  routes.add<
    unknown,
    {
      groupBy: 'matter' | 'department';
      kind?: 'case' | 'step';
      period?: PeriodKind;
      from?: string;
      to?: string;
      department?: string;
      matterCode?: string;
    }
  >({
    method: 'get',
    path: '/api/supervision/performance',
    summary:
      'Handling over a period of Beijing dates (period=month|quarter|year around now, or from and to, both inclusive): per matter or department and unit, the clocks finished, on time, late, on-time rate, average, nearest-rank 90th percentile and maximum time used, in the limit’s unit (工作日 counted with the calendar). kind defaults to case (办件) by matter and step (环节) by department',
    tags: ['supervision'],
    access: READERS,
    query: {
      type: 'object',
      required: ['groupBy'],
      additionalProperties: false,
      properties: {
        groupBy: { enum: ['matter', 'department'] },
        kind: { enum: ['case', 'step'] },
        period: { enum: ['month', 'quarter', 'year'] },
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
        department: { type: 'string', minLength: 1, maxLength: 200 },
        matterCode: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
    responses: {
      200: {
        description:
          '{ asOf, period: { from, to, timeZone, fromInstant, toInstant }, groupBy, kind, percentile, rows }',
      },
      400: { description: 'No period, or from after to' },
      403: { description: 'Another department' },
    },
    handler: async ({ principal, query }) => {
      const department = ownOrAsked(principal, query.department);
      const now = clock.now();
      const dates = periodOf(query, now);
      const range = beijingPeriod(dates.from, dates.to);
      const kind = query.kind ?? (query.groupBy === 'matter' ? 'case' : 'step');
      const [rows, names] = await Promise.all([
        handlingPerformance(knex, {
          ...range,
          groupBy: query.groupBy,
          kind,
          ...(department !== undefined ? { department } : {}),
          ...(query.matterCode ? { matterCode: query.matterCode } : {}),
        }),
        matterNames(knex),
      ]);
      return {
        body: {
          asOf: now.toISOString(),
          period: {
            ...dates,
            timeZone: 'Asia/Shanghai',
            fromInstant: range.from,
            toInstant: range.to,
            ...(query.period ? { kind: query.period } : {}),
          },
          groupBy: query.groupBy,
          kind,
          percentile: 'nearest-rank',
          rows: rows.map((row) => ({ ...row, name: query.groupBy === 'matter' ? nameOf(names, row.key) : row.key })),
        },
      };
    },
  });

  routes.add<unknown, { department?: string; matterCode?: string }>({
    method: 'get',
    path: '/api/supervision/rectifications',
    summary:
      '差评 rectifications (整改) still open, with their deadline and whether it has passed, the overdue ones first (earliest deadline first)',
    tags: ['supervision'],
    access: READERS,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        department: { type: 'string', minLength: 1, maxLength: 200 },
        matterCode: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
    responses: { 200: { description: '{ asOf, rectifications: [...] }' }, 403: { description: 'Another department' } },
    handler: async ({ principal, query }) => {
      const department = ownOrAsked(principal, query.department);
      const asOf = clock.now().toISOString();
      const [due, names] = await Promise.all([
        rectificationsDue(knex, {
          asOf,
          ...(department !== undefined ? { department } : {}),
          ...(query.matterCode ? { matterCode: query.matterCode } : {}),
        }),
        matterNames(knex),
      ]);
      return {
        body: { asOf, rectifications: due.map((item) => ({ ...item, matterName: nameOf(names, item.matterCode) })) },
      };
    },
  });
}

/** The department to filter by: a department officer's own (asking for another is 403), else the one asked for. */
function ownOrAsked(principal: Principal | null, asked: string | undefined): string | undefined {
  const own = confinedTo(principal);
  if (own !== null && asked !== undefined && asked !== own) throw otherDepartment(own);
  return own ?? asked;
}

function nameOf(names: Readonly<Record<string, string>>, code: string | null): string | null {
  return code === null ? null : (names[code] ?? null);
}

/** The Beijing dates of the period asked for: period=month|quarter|year around now, or from and to (both inclusive). */
function periodOf(query: { period?: PeriodKind; from?: string; to?: string }, now: Date): { from: string; to: string } {
  if (query.period !== undefined) {
    if (query.from !== undefined || query.to !== undefined) {
      throw new ApiError(
        400,
        'INVALID_INPUT',
        '/query/period：不能同时指定统计周期（period）和起止日期（from、to）',
        'Give either period or from and to, not both',
        '/query/period',
      );
    }
    return currentPeriod(query.period, now);
  }
  if (query.from === undefined)
    throw new ApiError(
      400,
      'INVALID_INPUT',
      '/query/from：请指定统计周期（period）或开始日期（from）',
      'Give period, or from and to',
      '/query/from',
    );
  if (query.to === undefined)
    throw new ApiError(400, 'INVALID_INPUT', '/query/to：请指定结束日期（to）', 'Give to with from', '/query/to');
  if (query.from > query.to)
    throw new ApiError(
      400,
      'INVALID_INPUT',
      `/query/to：结束日期（${query.to}）不能早于开始日期（${query.from}）`,
      `to (${query.to}) is before from (${query.from})`,
      '/query/to',
    );
  return { from: query.from, to: query.to };
}
