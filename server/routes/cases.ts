/**
 * Cases (办件): 收件 against a matter, read one (personal data masked), list by status, matter,
 * department, overdue and applicant 证件号码 (exact, masked in output), and every operation of
 * the domain on it - checked against who may do it. An applicant reads only their own cases.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { LiveCalendar } from '../../engine/calendar-store/index.js';
import type { CaseCommand } from '../../engine/case/index.js';
import { CASE_STATUSES, CHANNELS, type CaseStatusZh, type Principal } from '../../engine/domain/index.js';
import {
  CASE_OPERATION_TYPES,
  CASE_OPERATIONS,
  caseFacts,
  isCaseOperation,
  mayEverPerform,
  mayPerform,
  needsHistory,
  OPERATION_REQUEST_SCHEMA,
  refusalOf,
  ROLE_LABELS,
  staleStep,
  type ApiData,
  type CaseOperationType,
  type OperationDeclaration,
  type Refusal,
} from '../../engine/operations/index.js';
import type { CompiledProcess } from '../../engine/model/index.js';
import { receiveApplication } from '../../engine/domain-store/index.js';
import type { Clock } from '../../engine/clock.js';
import { maskIdNumber } from '../../engine/matters/index.js';
import type { CaseState } from '../../engine/case/index.js';
import { applicantKey, CommandRejectedError, committedEarlier, type Store } from '../../engine/store/index.js';
import { applicantKeyOf } from '../../engine/users-store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { check } from '../http/validate.js';
import { caseView, historySummary, materialsView } from '../views/case-view.js';
import { CASE_NUMBER_QUERY, caseNumberQuery } from './case-number-query.js';
import { judgeReceipt, RECEIPT_DECISION_SCHEMA, withWindowStep, type ReceiptDecision } from './receive-decision.js';

const READERS = ['admin', 'window', 'department', 'supervisor', 'auditor', 'applicant'] as const;
/** Roles that read every case; a department officer reads their department's, an applicant their own. */
const WIDE = new Set(['admin', 'window', 'supervisor', 'auditor']);

/** Who a reader is confined to: every case, one department's, or one applicant's (by key; null = none bound). */
type Scope =
  | { readonly kind: 'all' }
  | { readonly kind: 'department'; readonly department: string }
  | { readonly kind: 'applicant'; readonly key: string | null };

async function scopeOf(knex: Knex, principal: Principal | null): Promise<Scope> {
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
  if (principal.roles.some((role) => WIDE.has(role))) return { kind: 'all' };
  if (principal.roles.includes('department')) {
    if (!principal.department)
      throw new ApiError(
        403,
        'FORBIDDEN',
        '无权查看办件（未绑定部门）',
        'A department officer without a department may not list cases',
      );
    return { kind: 'department', department: principal.department };
  }
  return { kind: 'applicant', key: await applicantKeyOf(knex, principal.id) };
}

const notYours = () =>
  new ApiError(403, 'FORBIDDEN', '只能查看本人的办件', 'An applicant may read only their own cases');

interface CaseListQuery {
  status?: CaseStatusZh;
  matterCode?: string;
  department?: string;
  overdue?: boolean;
  applicantIdNumber?: string;
  number?: string;
}

export function caseRoutes(routes: Routes, store: Store, knex: Knex, clock: Clock): void {
  /** The working days a decision taken with 收件 is judged on (as the store counts them). */
  let calendar: Promise<LiveCalendar> | undefined;
  const receiptCalendar = () => (calendar ??= LiveCalendar.open(knex, { seed: false, warn: () => undefined }));
  routes.add<
    {
      matterCode: string;
      matterVersion?: number;
      applicant: { name: string; idType: string; idNumber: string };
      channel: (typeof CHANNELS)[number];
      materials: Record<string, boolean>;
      form: Record<string, unknown>;
      decision?: { operation: ReceiptDecision; data?: Record<string, unknown> };
    },
    Record<string, unknown>,
    Record<string, string>
  >({
    method: 'post',
    path: '/api/cases',
    summary:
      '收件: receive an application for a matter (form checked against the matter’s 一表申请 schema); with `decision`, take the window’s 受理 / 容缺受理 / 补正告知 / 不予受理 at once: the whole submission is judged first, and a refused decision stores no case (422, nothing received)',
    tags: ['cases'],
    access: ['window', 'admin'],
    idempotent: true,
    body: {
      type: 'object',
      required: ['matterCode', 'applicant', 'channel', 'materials', 'form'],
      additionalProperties: false,
      properties: {
        matterCode: { type: 'string', minLength: 1, maxLength: 100 },
        matterVersion: { type: 'integer', minimum: 1 },
        applicant: {
          type: 'object',
          required: ['name', 'idType', 'idNumber'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            idType: { type: 'string', minLength: 1, maxLength: 50 },
            idNumber: { type: 'string', minLength: 4, maxLength: 40 },
          },
        },
        channel: { enum: [...CHANNELS] },
        materials: { type: 'object', additionalProperties: { type: 'boolean' } },
        form: { type: 'object' },
        decision: RECEIPT_DECISION_SCHEMA,
      },
    },
    responses: {
      201: { description: 'The case, 已收件 (or as the decision left it)' },
      404: { description: 'No such matter' },
      422: { description: 'The application’s form, or the decision, is refused: no case was stored' },
    },
    handler: async ({ body, principal }) => {
      const caseId = `BJ-${randomUUID()}`;
      const { decision, ...application } = body;
      const actor = principal?.id ?? 'unknown';
      if (!decision || !principal) {
        const result = await receiveApplication(store, knex, { caseId, ...application, actor });
        return { status: 201, body: caseView(result.state) };
      }
      const asked = { operation: decision.operation, data: decision.data ?? {} };
      if (!mayEverPerform(principal, asked.operation)) throw forbidden(principal);
      await judgeReceipt(store, knex, clock, receiptCalendar, { caseId, ...application, actor }, asked);
      const received = await receiveApplication(store, knex, { caseId, ...application, actor });
      const definition = await store.definition(received.state.definitionHash);
      const data = withWindowStep(definition, received.state, asked);
      // The case 收件 made: on a retry that took over a crashed attempt, the one it recorded, not this caseId.
      const decided = await dispatch(received.state.caseId, actor, asked.operation, data, received.state);
      return { status: 201, body: decided.body };
    },
  });

  routes.add<unknown, CaseListQuery>({
    method: 'get',
    path: '/api/cases',
    summary:
      'Cases by 办件 status, matter, department (an open task of it), overdue, applicant 证件号码 (exact; shown masked), 办件编号 (number: one number, or a Beijing date’s numbers); each with its number. A department officer sees their department’s, an applicant their own',
    tags: ['cases'],
    access: READERS,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        status: { enum: [...CASE_STATUSES] },
        matterCode: { type: 'string', maxLength: 100 },
        department: { type: 'string', minLength: 1, maxLength: 200 },
        overdue: { type: 'boolean' },
        applicantIdNumber: { type: 'string', minLength: 4, maxLength: 40 },
        number: CASE_NUMBER_QUERY,
      },
    },
    responses: {
      200: { description: 'Case summaries' },
      403: { description: 'Another department, or another applicant' },
    },
    handler: async ({ query, principal }) => {
      const scope = await scopeOf(knex, principal);
      let department = query.department;
      if (scope.kind === 'department') {
        if (department !== undefined && department !== scope.department)
          throw new ApiError(
            403,
            'FORBIDDEN',
            `只能查看本部门（${scope.department}）的办件`,
            `Only your own department (${scope.department}) may be read`,
            '/query/department',
          );
        department = scope.department;
      }
      const searched = query.applicantIdNumber === undefined ? undefined : applicantKey(query.applicantIdNumber);
      let key = searched;
      if (scope.kind === 'applicant') {
        if (scope.key === null || (searched !== undefined && searched !== scope.key)) throw notYours();
        key = scope.key;
      }
      const cases = await store.listCases({
        ...(query.status ? { domainStatus: query.status } : {}),
        ...(query.matterCode ? { matterCode: query.matterCode } : {}),
        ...(department !== undefined ? { department } : {}),
        ...(query.overdue === true ? { overdueAt: clock.now().toISOString() } : {}),
        ...(key !== undefined ? { applicantKey: key } : {}),
        ...(query.number !== undefined ? { number: caseNumberQuery(query.number, 'number') } : {}),
      });
      const masked =
        query.applicantIdNumber === undefined ? undefined : maskIdNumber(query.applicantIdNumber.trim().toUpperCase());
      return {
        body: masked === undefined ? cases : cases.map((summary) => ({ ...summary, applicantIdNumber: masked })),
      };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/cases/:caseId',
    summary: 'One case: status, due dates and clock state, open tasks; personal data masked',
    tags: ['cases'],
    access: READERS,
    params: { type: 'object', required: ['caseId'], properties: { caseId: { type: 'string', maxLength: 100 } } },
    responses: {
      200: { description: 'The case' },
      403: { description: 'An applicant’s request for another’s case' },
      404: { description: 'No such case' },
    },
    handler: async ({ params, principal }) => {
      if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
      const state = await load(store, params.caseId);
      await authorise(principal, 'case.read', state, {});
      const parts = state.domain?.parts?.length ? await store.listCases({ parentCaseId: state.caseId }) : [];
      return { body: caseView(state, parts) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/cases/:caseId/history',
    summary:
      'A case’s 办理记录 as officers read it (oldest first, in Chinese, times as instants) and its materials (received / 容缺 owed with the deadline / missing): for the 已办 case page; who may read the case may read it',
    tags: ['cases'],
    access: READERS,
    params: { type: 'object', required: ['caseId'], properties: { caseId: { type: 'string', maxLength: 100 } } },
    responses: {
      200: { description: '{ materials, history: [{ seq, time, actor, text }] }' },
      403: { description: 'A case the caller may not read' },
      404: { description: 'No such case' },
    },
    handler: async ({ params, principal }) => {
      if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
      const state = await load(store, params.caseId);
      await authorise(principal, 'case.read', state, {});
      return {
        body: { materials: materialsView(state), history: historySummary(await store.getEvents(state.caseId)) },
      };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'post',
    path: '/api/cases/:caseId/operations',
    summary:
      'An operation on a case (one declaration each, engine/operations): 受理, 补正告知, 容缺受理, 办结, 送达, 签收, 通过/不通过, 退回, 转办, 委派, 加签 … Who may, by relation to the case: see the README. Checked in this order: the caller’s role may do the operation at all (403), the case exists (404), their relation to the case and the step named (403), the body (400), the step still open (409), the domain’s rules (422)',
    tags: ['cases'],
    access: 'authenticated',
    idempotent: true,
    params: { type: 'object', required: ['caseId'], properties: { caseId: { type: 'string', maxLength: 100 } } },
    body: OPERATION_REQUEST_SCHEMA,
    bodyCheckedByHandler: true,
    responses: {
      200: { description: 'The case after the operation' },
      400: { description: 'The body does not fit the operation’s declaration (the field named)' },
      403: { description: 'The caller’s role, or their relation to the case or the step, does not allow it' },
      404: { description: 'No such case (or step)' },
      409: {
        description:
          'Changed meanwhile: the step was completed by someone else (CONFLICT) or cancelled by the flow (TASK_CANCELLED)',
      },
      422: { description: 'Refused by a rule of the domain' },
    },
    handler: async ({ params, body, principal }) => {
      if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
      const request = isObject(body) ? body : {};
      const operation = isCaseOperation(request['operation']) ? request['operation'] : null;
      // 1. The role: before the case and the body, so that a stranger learns nothing.
      if (operation === null) {
        if (!CASE_OPERATION_TYPES.some((type) => mayEverPerform(principal, type))) throw forbidden(principal);
        check('body', OPERATION_REQUEST_SCHEMA, body);
        throw new ApiError(400, 'INVALID_INPUT', '/body/operation：未知的操作', 'Unknown operation', '/body/operation');
      }
      if (!mayEverPerform(principal, operation)) {
        const denied = mayPerform(principal, operation, { applicantKey: null, steps: [] });
        throw new ApiError(
          403,
          'FORBIDDEN',
          denied.allowed ? '无权执行此操作' : denied.zh,
          denied.allowed ? '' : denied.en,
        );
      }
      // 2. The case, and the caller's relation to it and to the step the body names.
      const state = await load(store, params.caseId);
      const data = isObject(request['data']) ? request['data'] : {};
      // A retry (same Idempotency-Key, same body) of an attempt whose command committed was
      // judged against the case as it was then: it gets that attempt's answer, not a verdict on
      // the state its own command produced.
      if (committedEarlier(params.caseId, operation)) {
        check('body', OPERATION_REQUEST_SCHEMA, body);
        return dispatch(params.caseId, principal.id, operation, data, state);
      }
      const { facts, history } = await authorise(principal, operation, state, data);
      // 3. The body, against the operation's declaration.
      check('body', OPERATION_REQUEST_SCHEMA, body);
      // 4. The step: still open?
      const stale = CASE_OPERATIONS[operation].namedStep === 'done' ? null : staleStep(facts.named, history ?? []);
      if (stale) throw refusal(stale, await store.getCase(params.caseId));
      await checkOfficer(knex, operation, data);
      // 5. The domain and the runtime decide.
      return dispatch(params.caseId, principal.id, operation, data, state);
    },
  });

  /**
   * May `principal` do `act` on the case (403 if not)? Its facts — applicant, steps, the step
   * `data` names — with the history read only when the verdict needs it.
   */
  async function authorise(
    principal: Principal,
    act: CaseOperationType | 'case.read',
    state: CaseState,
    data: Record<string, unknown>,
  ) {
    const history = needsHistory(principal, act, state, data['taskId'])
      ? await store.getEvents(state.caseId)
      : undefined;
    const facts = caseFacts({
      state,
      process: await processOf(store, state),
      applicantKey: state.domain ? applicantKey(state.domain.applicant.idNumber) : null,
      ...(history ? { history } : {}),
      taskId: data['taskId'],
      instanceId: data['instanceId'],
    });
    const permission = mayPerform({ ...principal, applicantKey: await boundKey(knex, principal) }, act, facts);
    if (!permission.allowed) throw new ApiError(403, 'FORBIDDEN', permission.zh, permission.en);
    return { facts, history };
  }

  /** Run the operation's command; a rejection reads as its declaration says (a step gone meanwhile: 409). */
  async function dispatch(
    caseId: string,
    actor: string,
    operation: CaseOperationType,
    data: Record<string, unknown>,
    state: CaseState,
  ) {
    const declaration = CASE_OPERATIONS[operation] as OperationDeclaration<typeof operation>;
    const commandData = declaration.toCommand ? declaration.toCommand(data as ApiData<typeof operation>, state) : data;
    const command = { type: operation, actor, data: commandData } as CaseCommand;
    try {
      const result = await store.dispatch(caseId, command);
      return { body: caseView(result.state) };
    } catch (error) {
      if (!(error instanceof CommandRejectedError)) throw error;
      if (error.code === 'TASK_NOT_FOUND' && typeof data['taskId'] === 'string') {
        // Completed or cancelled between our read and the command: say which, from the case as it is now.
        const events = await store.getEvents(caseId);
        const now = await load(store, caseId);
        const facts = caseFacts({
          state: now,
          process: await processOf(store, now),
          applicantKey: null,
          history: events,
          taskId: data['taskId'],
        });
        const gone = staleStep(facts.named, events);
        if (gone) throw refusal(gone, now);
      }
      throw refusal(refusalOf(operation, error.rejection, state, data as ApiData<typeof operation>));
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const forbidden = (principal: Principal) =>
  new ApiError(
    403,
    'FORBIDDEN',
    `无权执行此操作：${principal.roles.map((role) => ROLE_LABELS[role]).join('、') || '无角色用户'}不能办理办件`,
    `${principal.id} may do no operation on a case`,
  );

function refusal(refused: Refusal, after?: CaseState | null): ApiError {
  return new ApiError(
    refused.status,
    refused.code,
    refused.zh,
    refused.en,
    undefined,
    refused.status === 409 && after ? { currentVersion: after.seq } : undefined,
  );
}

/** The compiled process a case runs (null if its definition cannot be read: no window steps then). */
async function processOf(store: Store, state: CaseState): Promise<CompiledProcess | null> {
  try {
    return (await store.definition(state.definitionHash)).processes.get(state.processId) ?? null;
  } catch {
    return null;
  }
}

/** The applicant key the principal acts as (from the token; read from the users table if the token did not carry it). */
async function boundKey(knex: Knex, principal: Principal): Promise<string | undefined> {
  if (!principal.roles.includes('applicant')) return undefined;
  return principal.applicantKey ?? (await applicantKeyOf(knex, principal.id)) ?? undefined;
}

async function load(store: Store, caseId: string) {
  const state = await store.getCase(caseId);
  if (!state) throw new ApiError(404, 'CASE_NOT_FOUND', `办件 ${caseId} 不存在`, `Case ${caseId} does not exist`);
  return state;
}

/** 转办 / 委派 / 抄送 / 加签 go to officers who exist and are active: the field named in Chinese. */
async function checkOfficer(knex: Knex, operation: CaseOperationType, data: Record<string, unknown>): Promise<void> {
  for (const field of CASE_OPERATIONS[operation].users ?? []) {
    const value = data[field];
    const named = Array.isArray(value)
      ? value.map((id, i) => ({ id, at: `${field}/${i}` }))
      : [{ id: value, at: field }];
    for (const { id, at } of named) {
      if (typeof id !== 'string') continue; // absent: the schema decided it may be
      const user = (await knex('users').where({ user_id: id.trim() }).first('deactivated_at')) as
        { deactivated_at: string | null } | undefined;
      if (!user) throw new ApiError(400, 'INVALID_INPUT', `用户 ${id} 不存在`, `No user ${id}`, `/body/data/${at}`);
      if (user.deactivated_at)
        throw new ApiError(400, 'INVALID_INPUT', `用户 ${id} 已停用`, `User ${id} is deactivated`, `/body/data/${at}`);
    }
  }
}
