/**
 * Audit (read-only: auditor, supervisor, admin): the audit search over every case, a case's full
 * event history, its state replayed up to a seq or an instant, the state after every event (the
 * replay viewer's timeline), the hash-chain verification result, the diagram path taken, and the
 * whole history as one export. Names, telephone numbers, addresses and 证件号码 are masked at any
 * depth of what is returned (server/views/personal-data.ts); each event comes with its text as
 * officers read it (the 办理记录's words), null for the flow's bookkeeping.
 */
import { systemClock, type Clock } from '../../engine/clock.js';
import { CASE_STATUSES, type CaseStatusZh } from '../../engine/domain/index.js';
import { TIME_LIMIT_UNITS, type TimeLimitUnit } from '../../engine/model/index.js';
import { ALERT_LEVELS, type AlertLevel } from '../../engine/supervision/index.js';
import type { CaseEvent } from '../../engine/case/index.js';
import type { CaseState } from '../../engine/case/index.js';
import {
  caseDefinition,
  caseFamily,
  eventHashes,
  replayTimeline,
  searchAuditCases,
  type EventRange,
  type Store,
} from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { CASE_NUMBER_QUERY, caseNumberQuery } from './case-number-query.js';
import { eventTexts } from '../views/case-view.js';
import { maskForAudit } from '../views/personal-data.js';

const AUDITORS = ['auditor', 'supervisor', 'admin'] as const;

const caseParams = {
  type: 'object',
  required: ['caseId'],
  properties: { caseId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/** Where a case's diagram path went: what the replay viewer colours and steps through. */
interface CasePath {
  readonly caseId: string;
  readonly processId: string;
  /** Number of events the path was derived from (the case's version). */
  readonly seq: number;
  /** Per element id: the instants a token entered it, completed it, and was terminated in it. */
  readonly elements: Record<string, { entered: string[]; completed: string[]; terminated: string[] }>;
  /** Per sequence flow id taken: its ends and how many times (and when) it was taken. */
  readonly flows: Record<string, { sourceId: string; targetId: string; count: number; times: string[] }>;
  /** Element ids with a token resting in them now (the process itself left out), sorted. */
  readonly active: string[];
  /** Per event that touched the diagram: its seq, type, time and the elements / flows it touched. */
  readonly steps: Array<{ seq: number; type: string; time: string; elements: string[]; flows: string[] }>;
}

/**
 * The audit search's query parameters — also the audit page's address (/audit?…), one name per
 * concept, so a link from the supervision board opens exactly the cases behind its figure.
 *
 * Case criteria: matterCode, department (had a step of it), officer (acted on it), status (办件状态),
 * receivedFrom / receivedTo (收件: a Beijing date YYYY-MM-DD, both days included, or an instant,
 * the end excluded), overdue (true: a time limit finished late, or is running past its due time now,
 * or a 黄牌 / 红牌 was raised; false: none of these).
 *
 * Time-limit criteria — the case has one time limit (办件 or 环节 clock) that is all of: of
 * limitKind (case | step), of limitUnit, with no department (noDepartment=true) or no matter
 * (noMatter=true) recorded, finished between
 * finishedFrom and finishedTo (Beijing dates, both days included), finished on time (onTime=true)
 * or late (onTime=false), with signal (预警 / 黄牌 / 红牌) as its highest open signal. With any of
 * these, matterCode and department narrow that time limit (its matter and department, as the
 * board counts them) instead of the case.
 */
interface AuditSearchQuery {
  matterCode?: string;
  department?: string;
  officer?: string;
  status?: CaseStatusZh;
  number?: string;
  receivedFrom?: string;
  receivedTo?: string;
  overdue?: boolean;
  limitKind?: 'case' | 'step';
  limitUnit?: TimeLimitUnit;
  noDepartment?: boolean;
  noMatter?: boolean;
  finishedFrom?: string;
  finishedTo?: string;
  onTime?: boolean;
  signal?: AlertLevel;
  limit?: number;
  after?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A Beijing date as the instant it starts (plus `days`), or an instant as given. */
const startOf = (value: string, days = 0): string =>
  DATE.test(value)
    ? new Date(Date.parse(`${value}T00:00:00.000+08:00`) + days * 86_400_000).toISOString()
    : new Date(value).toISOString();

/** The JSON Schema of the audit search's query (the audit page's address uses the same names). */
export const auditSearchQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    matterCode: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: '事项编码: the case’s matter (with a time-limit criterion: that limit’s matter)',
    },
    department: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'A department that had a step of the case (with a time-limit criterion: that limit’s department)',
    },
    officer: { type: 'string', minLength: 1, maxLength: 200, description: 'Someone who acted on the case' },
    status: { enum: [...CASE_STATUSES], description: '办件状态' },
    number: CASE_NUMBER_QUERY,
    receivedFrom: {
      type: 'string',
      anyOf: [{ format: 'date' }, { format: 'date-time' }],
      description: '收件 from: a Beijing date (that day included) or an instant',
    },
    receivedTo: {
      type: 'string',
      anyOf: [{ format: 'date' }, { format: 'date-time' }],
      description: '收件 to: a Beijing date (that day included) or an instant (excluded)',
    },
    overdue: {
      type: 'boolean',
      description: 'true: a time limit finished late, is running past due now, or a 黄牌/红牌 was raised; false: none',
    },
    limitKind: { enum: ['case', 'step'], description: 'A time limit of the whole case (办件) or of a step (环节)' },
    limitUnit: { enum: [...TIME_LIMIT_UNITS], description: 'A time limit in this unit' },
    noDepartment: { type: 'boolean', enum: [true], description: 'A time limit with no department recorded' },
    noMatter: { type: 'boolean', enum: [true], description: 'A time limit with no matter recorded' },
    finishedFrom: {
      type: 'string',
      format: 'date',
      description: 'A time limit finished on or after this Beijing date',
    },
    finishedTo: { type: 'string', format: 'date', description: 'A time limit finished on or before this Beijing date' },
    onTime: { type: 'boolean', description: 'A time limit finished on time (true) or late (false)' },
    signal: { enum: [...ALERT_LEVELS], description: 'A time limit whose highest open signal is this level' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, description: 'At most this many rows (default 200)' },
    after: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description:
        'Paging: the case id of the last row of the page before; the rows after it in the same order (newest 收件 first)',
    },
  },
} as const;

/** `clock` is "now" for overdue (running past due): the store's clock, the test clock when it is on. */
export function auditRoutes(routes: Routes, store: Store, clock: Clock = systemClock): void {
  const knex = store.database.knex;

  routes.add<unknown, AuditSearchQuery>({
    method: 'get',
    path: '/api/audit/cases',
    summary:
      'Audit search over every case, newest 收件 first, limit rows at a time (after: the last case id of the page before): by matter, department, officer, 办件 status, 办件编号 (number: one number, or a Beijing date’s), 收件 dates, overrun, and one time limit’s kind, unit, department, finish dates, on-time or late, and highest open signal (the supervision board’s figures link here with the same parameters; see AuditSearchQuery in server/routes/audit.ts)',
    tags: ['audit'],
    access: AUDITORS,
    query: auditSearchQuerySchema,
    responses: {
      200: { description: 'Matching cases (AuditCaseRow in engine/store/audit-queries.ts)' },
      400: {
        description:
          'A bad criterion, a range that ends before it starts, or department with noDepartment (matterCode with noMatter)',
      },
    },
    handler: async ({ query }) => {
      const receivedFrom = query.receivedFrom !== undefined ? startOf(query.receivedFrom) : undefined;
      const receivedTo =
        query.receivedTo !== undefined ? startOf(query.receivedTo, DATE.test(query.receivedTo) ? 1 : 0) : undefined;
      if (
        receivedFrom !== undefined &&
        receivedTo !== undefined &&
        Date.parse(receivedTo) <= Date.parse(receivedFrom)
      ) {
        throw new ApiError(
          400,
          'INVALID_INPUT',
          '/query/receivedTo：收件时间的结束应晚于开始',
          '/query/receivedTo must be after receivedFrom',
          '/query/receivedTo',
        );
      }
      if (query.finishedFrom !== undefined && query.finishedTo !== undefined && query.finishedTo < query.finishedFrom) {
        throw new ApiError(
          400,
          'INVALID_INPUT',
          `/query/finishedTo：时限办结日期的结束（${query.finishedTo}）不能早于开始（${query.finishedFrom}）`,
          '/query/finishedTo is before finishedFrom',
          '/query/finishedTo',
        );
      }
      if (query.noDepartment === true && query.department !== undefined) {
        throw new ApiError(
          400,
          'INVALID_INPUT',
          '/query/noDepartment：“未指定部门”不能与部门（department）同时使用',
          'noDepartment cannot be combined with department',
          '/query/noDepartment',
        );
      }
      if (query.noMatter === true && query.matterCode !== undefined) {
        throw new ApiError(
          400,
          'INVALID_INPUT',
          '/query/noMatter：“未记录事项”不能与事项（matterCode）同时使用',
          'noMatter cannot be combined with matterCode',
          '/query/noMatter',
        );
      }
      let after: { startedAt: string; caseId: string } | undefined;
      if (query.after !== undefined) {
        const anchor = (await knex('cases').where({ case_id: query.after }).first('started_at')) as
          { started_at: string } | undefined;
        if (!anchor)
          throw new ApiError(
            400,
            'INVALID_INPUT',
            '/query/after：翻页位置无效，请从第一页重新查询',
            `/query/after: no case ${query.after}`,
            '/query/after',
          );
        after = { startedAt: anchor.started_at, caseId: query.after };
      }
      const timeLimit = {
        ...(query.limitKind !== undefined ? { kind: query.limitKind } : {}),
        ...(query.limitUnit !== undefined ? { unit: query.limitUnit } : {}),
        ...(query.noDepartment === true ? { noDepartment: true } : {}),
        ...(query.noMatter === true ? { noMatter: true } : {}),
        ...(query.finishedFrom !== undefined ? { finishedFrom: startOf(query.finishedFrom) } : {}),
        ...(query.finishedTo !== undefined ? { finishedTo: startOf(query.finishedTo, 1) } : {}),
        ...(query.onTime !== undefined ? { onTime: query.onTime } : {}),
        ...(query.signal !== undefined ? { signal: query.signal } : {}),
      };
      const rows = await searchAuditCases(knex, {
        ...(query.matterCode !== undefined ? { matterCode: query.matterCode } : {}),
        ...(query.department !== undefined ? { department: query.department } : {}),
        ...(query.officer !== undefined ? { officer: query.officer } : {}),
        ...(query.status !== undefined ? { domainStatus: query.status } : {}),
        ...(query.number !== undefined ? { number: caseNumberQuery(query.number, 'number') } : {}),
        ...(receivedFrom !== undefined ? { receivedFrom } : {}),
        ...(receivedTo !== undefined ? { receivedTo } : {}),
        ...(query.overdue !== undefined ? { overdue: query.overdue, now: clock.now().toISOString() } : {}),
        ...(Object.keys(timeLimit).length > 0 ? { timeLimit } : {}),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
        ...(after ? { after } : {}),
      });
      return { body: maskForAudit(rows) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/timeline',
    summary:
      'The replay viewer’s data: the case header, the definition version it ran, its 一件事 parent and children, and every event with the elements/flows it touched and the state after it (the engine’s own fold), personal data masked',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    responses: {
      200: { description: 'Header, definition, family and steps (TimelineStep in engine/store/audit-queries.ts)' },
      404: { description: 'No such case' },
    },
    handler: async ({ params }) => {
      const events = await eventsOf(store, params.caseId);
      const [snapshot, definition, family] = await Promise.all([
        store.getCase(params.caseId),
        caseDefinition(knex, params.caseId),
        caseFamily(knex, params.caseId),
      ]);
      return {
        body: maskForAudit({
          case: caseHeader(params.caseId, snapshot),
          definition,
          ...family,
          steps: withTexts(replayTimeline(events), events),
        }),
      };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/export',
    summary:
      'A case’s whole history for the record: header, definition version, 一件事 family, verification result, and every event with its chain links (prevHash, hash), personal data masked',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    responses: { 200: { description: 'The export' }, 404: { description: 'No such case' } },
    handler: async ({ params, principal }) => {
      const events = await eventsOf(store, params.caseId);
      const texts = eventTexts(events);
      const [snapshot, definition, family, verification, hashes] = await Promise.all([
        store.getCase(params.caseId),
        caseDefinition(knex, params.caseId),
        caseFamily(knex, params.caseId),
        store.verify(params.caseId),
        eventHashes(knex, params.caseId),
      ]);
      return {
        body: maskForAudit({
          format: 'matterflow.case-history/1',
          exportedBy: principal?.id ?? null,
          case: caseHeader(params.caseId, snapshot),
          definition,
          ...family,
          verification,
          events: events.map((event, index) => ({
            seq: index + 1,
            type: event.type,
            time: event.time,
            actor: event.actor,
            text: texts[index] ?? null,
            data: event.data,
            prevHash: hashes[index]?.prevHash ?? null,
            hash: hashes[index]?.hash ?? null,
          })),
        }),
      };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/events',
    summary:
      'A case’s full event history (seq, type, time, actor, text: the event in Chinese as officers read it or null for the flow’s bookkeeping, data), names, telephone numbers, addresses and 证件号码 masked',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    responses: { 200: { description: 'The events in seq order' }, 404: { description: 'No such case' } },
    handler: async ({ params }) => {
      const events = await eventsOf(store, params.caseId);
      const texts = eventTexts(events);
      return {
        body: events.map((event, index) => ({
          seq: index + 1,
          type: event.type,
          time: event.time,
          actor: event.actor,
          text: texts[index] ?? null,
          data: maskForAudit(event.data),
        })),
      };
    },
  });

  routes.add<unknown, { seq?: number; at?: string }, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/state',
    summary:
      'A case’s state replayed from its events up to a seq or an instant (neither: all of them), personal data masked',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { seq: { type: 'integer', minimum: 1 }, at: { type: 'string', format: 'date-time' } },
      not: { required: ['seq', 'at'] },
    },
    responses: {
      200: { description: 'The replayed state' },
      400: { description: 'Both seq and at, or a bad value' },
      404: { description: 'No such case, or no event up to there' },
    },
    handler: async ({ params, query }) => {
      await eventsOf(store, params.caseId);
      const range: EventRange =
        query.seq !== undefined
          ? { upToSeq: query.seq }
          : query.at !== undefined
            ? { atTime: new Date(query.at).toISOString() }
            : {};
      if ((await store.getEvents(params.caseId, range)).length === 0) {
        throw new ApiError(
          404,
          'NO_EVENTS',
          `办件 ${params.caseId} 在该时间点之前没有任何事件`,
          `Case ${params.caseId} has no event up to there`,
        );
      }
      return { body: maskForAudit(await store.replay(params.caseId, range)) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/verification',
    summary:
      'Hash chain recomputed, replay compared with the snapshot and the projections: {ok} or {ok:false, brokenAtSeq, reason}',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    responses: { 200: { description: 'The verification result' }, 404: { description: 'No such case' } },
    handler: async ({ params }) => {
      await eventsOf(store, params.caseId);
      return { body: await store.verify(params.caseId) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/path',
    summary:
      'The diagram path taken, for the replay viewer: elements entered/completed, flows taken with counts, elements active now, and what each event touched',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    responses: {
      200: { description: 'The path (see CasePath in server/routes/audit.ts)' },
      404: { description: 'No such case' },
    },
    handler: async ({ params }) => ({ body: casePath(params.caseId, await eventsOf(store, params.caseId)) }),
  });
}

/** Each step of the timeline with its event as officers read it (null: the flow's bookkeeping). */
function withTexts<S extends object>(
  steps: readonly S[],
  events: readonly CaseEvent[],
): Array<S & { text: string | null }> {
  const texts = eventTexts(events);
  return steps.map((step, index) => ({ ...step, text: texts[index] ?? null }));
}

/** What the replay and the export show at the top: the case as its snapshot has it now. */
function caseHeader(caseId: string, state: CaseState | null) {
  const domain = state?.domain ?? null;
  return {
    caseId,
    number: domain?.number ?? null,
    processId: state?.processId ?? null,
    status: state?.status ?? null,
    domainStatus: domain?.status ?? null,
    matter: domain ? { code: domain.matter.code, version: domain.matter.version, name: domain.matter.name } : null,
    applicant: domain ? domain.applicant : null,
    channel: domain?.channel ?? null,
    receivedAt: domain?.receivedAt ?? null,
    receivedBy: domain?.receivedBy ?? null,
    responsibleOfficer: domain?.responsibleOfficer ?? null,
    result: domain?.result ?? null,
    startedAt: state?.startedAt ?? null,
    endedAt: state?.endedAt ?? null,
    seq: state?.seq ?? null,
  };
}

/** The case's events, or a 404 when there are none (no such case). */
async function eventsOf(store: Store, caseId: string): Promise<CaseEvent[]> {
  const events = await store.getEvents(caseId);
  if (events.length === 0)
    throw new ApiError(404, 'CASE_NOT_FOUND', `办件 ${caseId} 不存在`, `Case ${caseId} does not exist`);
  return events;
}

/** Derive the path from the events alone (element.*, flow.taken, instance.modified). */
function casePath(caseId: string, events: readonly CaseEvent[]): CasePath {
  const path: CasePath = { caseId, processId: '', seq: events.length, elements: {}, flows: {}, active: [], steps: [] };
  let processId = '';
  let rootInstanceId = '';
  const open = new Map<string, string>();
  const element = (id: string) => (path.elements[id] ??= { entered: [], completed: [], terminated: [] });
  events.forEach((event, index) => {
    const touched = { elements: [] as string[], flows: [] as string[] };
    switch (event.type) {
      case 'case.started':
        processId = event.data.processId;
        rootInstanceId = event.data.rootInstanceId;
        break;
      case 'element.activated':
        if (event.data.instanceId === rootInstanceId) break;
        element(event.data.elementId).entered.push(event.time);
        open.set(event.data.instanceId, event.data.elementId);
        touched.elements.push(event.data.elementId);
        break;
      case 'element.completed':
      case 'element.terminated':
        if (event.data.instanceId === rootInstanceId) break;
        element(event.data.elementId)[event.type === 'element.completed' ? 'completed' : 'terminated'].push(event.time);
        open.delete(event.data.instanceId);
        touched.elements.push(event.data.elementId);
        break;
      case 'instance.modified':
        for (const instanceId of event.data.cancelled) open.delete(instanceId);
        break;
      case 'flow.taken': {
        const flow = (path.flows[event.data.flowId] ??= {
          sourceId: event.data.sourceId,
          targetId: event.data.targetId,
          count: 0,
          times: [],
        });
        flow.count += 1;
        flow.times.push(event.time);
        touched.flows.push(event.data.flowId);
        break;
      }
      default:
        break;
    }
    if (touched.elements.length + touched.flows.length > 0)
      path.steps.push({ seq: index + 1, type: event.type, time: event.time, ...touched });
  });
  const active = [...new Set(open.values())].filter((id) => id !== processId).sort();
  return { ...path, processId, active };
}
