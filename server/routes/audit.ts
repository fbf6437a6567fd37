/**
 * Audit (read-only: auditor, supervisor, admin): the audit search over every case, a case's full
 * event history, its state replayed up to a seq or an instant, the state after every event (the
 * replay viewer's timeline), the hash-chain verification result, the diagram path taken, and the
 * whole history as one export. Every 证件号码 is masked at any depth of what is returned.
 */
import { maskDeep } from '../../engine/cli/mask.js';
import { CASE_STATUSES, type CaseStatusZh } from '../../engine/domain/index.js';
import type { CaseEvent } from '../../engine/runtime/events.js';
import type { CaseState } from '../../engine/runtime/state.js';
import { caseDefinition, caseFamily, eventHashes, replayTimeline, searchAuditCases, type EventRange, type Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';

const AUDITORS = ['auditor', 'supervisor', 'admin'] as const;

const caseParams = { type: 'object', required: ['caseId'], properties: { caseId: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

/** Where a case's diagram path went: what the replay viewer colours and steps through. */
export interface CasePath {
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

interface AuditSearchQuery {
  matterCode?: string;
  department?: string;
  officer?: string;
  status?: CaseStatusZh;
  receivedFrom?: string;
  receivedTo?: string;
  overdue?: boolean;
  limit?: number;
}

export function auditRoutes(routes: Routes, store: Store): void {
  const knex = store.database.knex;

  routes.add<unknown, AuditSearchQuery>({
    method: 'get',
    path: '/api/audit/cases',
    summary: 'Audit search over every case: by matter, department (had a step of it), officer (acted on it), 办件 status, 收件 time range, overrun (a clock finished late or a 黄牌/红牌 raised); newest 收件 first',
    tags: ['audit'],
    access: AUDITORS,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        matterCode: { type: 'string', minLength: 1, maxLength: 100 },
        department: { type: 'string', minLength: 1, maxLength: 200 },
        officer: { type: 'string', minLength: 1, maxLength: 200 },
        status: { enum: [...CASE_STATUSES] },
        receivedFrom: { type: 'string', format: 'date-time' },
        receivedTo: { type: 'string', format: 'date-time' },
        overdue: { type: 'boolean' },
        limit: { type: 'integer', minimum: 1, maximum: 1000 },
      },
    },
    responses: { 200: { description: 'Matching cases (AuditCaseRow in engine/store/audit-queries.ts)' }, 400: { description: 'A bad criterion, or a time range that ends before it starts' } },
    handler: async ({ query }) => {
      if (query.receivedFrom !== undefined && query.receivedTo !== undefined && Date.parse(query.receivedTo) <= Date.parse(query.receivedFrom)) {
        throw new ApiError(400, 'INVALID_INPUT', '/query/receivedTo：收件时间的结束应晚于开始', '/query/receivedTo must be after receivedFrom', '/query/receivedTo');
      }
      const rows = await searchAuditCases(knex, {
        ...(query.matterCode !== undefined ? { matterCode: query.matterCode } : {}),
        ...(query.department !== undefined ? { department: query.department } : {}),
        ...(query.officer !== undefined ? { officer: query.officer } : {}),
        ...(query.status !== undefined ? { domainStatus: query.status } : {}),
        ...(query.receivedFrom !== undefined ? { receivedFrom: query.receivedFrom } : {}),
        ...(query.receivedTo !== undefined ? { receivedTo: query.receivedTo } : {}),
        ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
      });
      return { body: maskDeep(rows) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/timeline',
    summary: 'The replay viewer’s data: the case header, the definition version it ran, its 一件事 parent and children, and every event with the elements/flows it touched and the state after it (the engine’s own fold), personal data masked',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    responses: { 200: { description: 'Header, definition, family and steps (TimelineStep in engine/store/audit-queries.ts)' }, 404: { description: 'No such case' } },
    handler: async ({ params }) => {
      const events = await eventsOf(store, params.caseId);
      const [snapshot, definition, family] = await Promise.all([store.getCase(params.caseId), caseDefinition(knex, params.caseId), caseFamily(knex, params.caseId)]);
      return { body: maskDeep({ case: caseHeader(params.caseId, snapshot), definition, ...family, steps: replayTimeline(events) }) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/export',
    summary: 'A case’s whole history for the record: header, definition version, 一件事 family, verification result, and every event with its chain links (prevHash, hash), personal data masked',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    responses: { 200: { description: 'The export' }, 404: { description: 'No such case' } },
    handler: async ({ params, principal }) => {
      const events = await eventsOf(store, params.caseId);
      const [snapshot, definition, family, verification, hashes] = await Promise.all([
        store.getCase(params.caseId),
        caseDefinition(knex, params.caseId),
        caseFamily(knex, params.caseId),
        store.verify(params.caseId),
        eventHashes(knex, params.caseId),
      ]);
      return {
        body: maskDeep({
          format: 'matterflow.case-history/1',
          exportedBy: principal?.id ?? null,
          case: caseHeader(params.caseId, snapshot),
          definition,
          ...family,
          verification,
          events: events.map((event, index) => ({ seq: index + 1, type: event.type, time: event.time, actor: event.actor, data: event.data, prevHash: hashes[index]?.prevHash ?? null, hash: hashes[index]?.hash ?? null })),
        }),
      };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/events',
    summary: 'A case’s full event history (seq, type, time, actor, data), every 证件号码 masked',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    responses: { 200: { description: 'The events in seq order' }, 404: { description: 'No such case' } },
    handler: async ({ params }) => {
      const events = await eventsOf(store, params.caseId);
      return { body: events.map((event, index) => ({ seq: index + 1, type: event.type, time: event.time, actor: event.actor, data: maskDeep(event.data) })) };
    },
  });

  routes.add<unknown, { seq?: number; at?: string }, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/state',
    summary: 'A case’s state replayed from its events up to a seq or an instant (neither: all of them), personal data masked',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { seq: { type: 'integer', minimum: 1 }, at: { type: 'string', format: 'date-time' } },
      not: { required: ['seq', 'at'] },
    },
    responses: { 200: { description: 'The replayed state' }, 400: { description: 'Both seq and at, or a bad value' }, 404: { description: 'No such case, or no event up to there' } },
    handler: async ({ params, query }) => {
      await eventsOf(store, params.caseId);
      const range: EventRange = query.seq !== undefined ? { upToSeq: query.seq } : query.at !== undefined ? { atTime: new Date(query.at).toISOString() } : {};
      if ((await store.getEvents(params.caseId, range)).length === 0) {
        throw new ApiError(404, 'NO_EVENTS', `办件 ${params.caseId} 在该时间点之前没有任何事件`, `Case ${params.caseId} has no event up to there`);
      }
      return { body: maskDeep(await store.replay(params.caseId, range)) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/audit/cases/:caseId/verification',
    summary: 'Hash chain recomputed, replay compared with the snapshot and the projections: {ok} or {ok:false, brokenAtSeq, reason}',
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
    summary: 'The diagram path taken, for the replay viewer: elements entered/completed, flows taken with counts, elements active now, and what each event touched',
    tags: ['audit'],
    access: AUDITORS,
    params: caseParams,
    responses: { 200: { description: 'The path (see CasePath in server/routes/audit.ts)' }, 404: { description: 'No such case' } },
    handler: async ({ params }) => ({ body: casePath(params.caseId, await eventsOf(store, params.caseId)) }),
  });
}

/** What the replay and the export show at the top: the case as its snapshot has it now. */
function caseHeader(caseId: string, state: CaseState | null) {
  const domain = state?.domain ?? null;
  return {
    caseId,
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
  if (events.length === 0) throw new ApiError(404, 'CASE_NOT_FOUND', `办件 ${caseId} 不存在`, `Case ${caseId} does not exist`);
  return events;
}

/** Derive the path from the events alone (element.*, flow.taken, instance.modified). */
export function casePath(caseId: string, events: readonly CaseEvent[]): CasePath {
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
        const flow = (path.flows[event.data.flowId] ??= { sourceId: event.data.sourceId, targetId: event.data.targetId, count: 0, times: [] });
        flow.count += 1;
        flow.times.push(event.time);
        touched.flows.push(event.data.flowId);
        break;
      }
      default:
        break;
    }
    if (touched.elements.length + touched.flows.length > 0) path.steps.push({ seq: index + 1, type: event.type, time: event.time, ...touched });
  });
  const active = [...new Set(open.values())].filter((id) => id !== processId).sort();
  return { ...path, processId, active };
}
