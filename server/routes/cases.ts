/**
 * Cases (办件): 收件 against a matter, read one (personal data masked), list by status, matter,
 * department, overdue and applicant 证件号码 (exact, masked in output), and every operation of
 * the domain on it - checked against who may do it. An applicant reads only their own cases.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { CaseCommand } from '../../engine/case/index.js';
import { CASE_STATUSES, CHANNELS, mayPerform, type CaseStatusZh, type Operation, type Principal } from '../../engine/domain/index.js';
import { receiveApplication } from '../../engine/domain-store/index.js';
import type { Clock } from '../../engine/clock.js';
import { maskIdNumber } from '../../engine/matters/index.js';
import type { CaseState } from '../../engine/runtime/index.js';
import { applicantKey, CommandRejectedError, type Store } from '../../engine/store/index.js';
import { applicantKeyOf } from '../auth/users.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { caseView } from '../views/case-view.js';

/** The operations the API accepts on a case, and the right each needs. */
const OPERATIONS: Readonly<Record<string, Operation>> = {
  'case.noticeCorrection': 'case.noticeCorrection',
  'materials.supply': 'materials.supply',
  'case.accept': 'case.accept',
  'case.acceptWithTolerance': 'case.acceptWithTolerance',
  'case.refuse': 'case.refuse',
  'case.conclude': 'case.conclude',
  'case.deliver': 'case.deliver',
  'case.withdraw': 'case.withdraw',
  'case.revoke': 'case.revoke',
  'specialProcedure.start': 'specialProcedure.start',
  'specialProcedure.end': 'specialProcedure.end',
  'case.decideOnCommitment': 'case.decideOnCommitment',
  'commitment.verify': 'commitment.verify',
  'task.claim': 'task.claim',
  'task.unclaim': 'task.unclaim',
  'task.complete': 'task.complete',
  'task.transfer': 'task.transfer',
  'task.delegate': 'task.delegate',
  'task.resolve': 'task.delegate',
  'task.withdraw': 'task.withdraw',
  'task.urge': 'task.urge',
  'task.copy': 'task.copy',
  'case.modify': 'task.return',
  'multiInstance.addInstance': 'multiInstance.addSigner',
  'multiInstance.cancelInstance': 'multiInstance.removeSigner',
  'case.suspend': 'case.suspend',
  'case.resume': 'case.resume',
  'clock.extend': 'clock.extend',
};

const READERS = ['admin', 'window', 'department', 'supervisor', 'auditor', 'applicant'] as const;
/** Roles that read every case; a department officer reads their department's, an applicant their own. */
const WIDE = new Set(['admin', 'window', 'supervisor', 'auditor']);

/** Who a reader is confined to: every case, one department's, or one applicant's (by key; null = none bound). */
type Scope = { readonly kind: 'all' } | { readonly kind: 'department'; readonly department: string } | { readonly kind: 'applicant'; readonly key: string | null };

async function scopeOf(knex: Knex, principal: Principal | null): Promise<Scope> {
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
  if (principal.roles.some((role) => WIDE.has(role))) return { kind: 'all' };
  if (principal.roles.includes('department')) {
    if (!principal.department) throw new ApiError(403, 'FORBIDDEN', '无权查看办件（未绑定部门）', 'A department officer without a department may not list cases');
    return { kind: 'department', department: principal.department };
  }
  return { kind: 'applicant', key: await applicantKeyOf(knex, principal.id) };
}

const notYours = () => new ApiError(403, 'FORBIDDEN', '只能查看本人的办件', 'An applicant may read only their own cases');

interface CaseListQuery {
  status?: CaseStatusZh;
  matterCode?: string;
  department?: string;
  overdue?: boolean;
  applicantIdNumber?: string;
}

export function caseRoutes(routes: Routes, store: Store, knex: Knex, clock: Clock): void {
  routes.add<{ matterCode: string; matterVersion?: number; applicant: { name: string; idType: string; idNumber: string }; channel: (typeof CHANNELS)[number]; materials: Record<string, boolean>; form: Record<string, unknown> }, Record<string, unknown>, Record<string, string>>({
    method: 'post',
    path: '/api/cases',
    summary: '收件: receive an application for a matter (form checked against the matter’s 一表申请 schema)',
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
          properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, idType: { type: 'string', minLength: 1, maxLength: 50 }, idNumber: { type: 'string', minLength: 4, maxLength: 40 } },
        },
        channel: { enum: [...CHANNELS] },
        materials: { type: 'object', additionalProperties: { type: 'boolean' } },
        form: { type: 'object' },
      },
    },
    responses: { 201: { description: 'The case, 已收件' }, 404: { description: 'No such matter' } },
    handler: async ({ body, principal }) => {
      const caseId = `BJ-${randomUUID()}`;
      const result = await receiveApplication(store, knex, { caseId, ...body, actor: principal?.id ?? 'unknown' });
      return { status: 201, body: caseView(result.state) };
    },
  });

  routes.add<unknown, CaseListQuery>({
    method: 'get',
    path: '/api/cases',
    summary: 'Cases by 办件 status, matter, department (an open task of it), overdue, applicant 证件号码 (exact; shown masked). A department officer sees their department’s, an applicant their own',
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
      },
    },
    responses: { 200: { description: 'Case summaries' }, 403: { description: 'Another department, or another applicant' } },
    handler: async ({ query, principal }) => {
      const scope = await scopeOf(knex, principal);
      let department = query.department;
      if (scope.kind === 'department') {
        if (department !== undefined && department !== scope.department) throw new ApiError(403, 'FORBIDDEN', `只能查看本部门（${scope.department}）的办件`, `Only your own department (${scope.department}) may be read`, '/query/department');
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
      });
      const masked = query.applicantIdNumber === undefined ? undefined : maskIdNumber(query.applicantIdNumber.trim().toUpperCase());
      return { body: masked === undefined ? cases : cases.map((summary) => ({ ...summary, applicantIdNumber: masked })) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/cases/:caseId',
    summary: 'One case: status, due dates and clock state, open tasks; personal data masked',
    tags: ['cases'],
    access: READERS,
    params: { type: 'object', required: ['caseId'], properties: { caseId: { type: 'string', maxLength: 100 } } },
    responses: { 200: { description: 'The case' }, 403: { description: 'An applicant’s request for another’s case' }, 404: { description: 'No such case' } },
    handler: async ({ params, principal }) => {
      const scope = await scopeOf(knex, principal);
      const state = await load(store, params.caseId);
      if (scope.kind === 'applicant' && (scope.key === null || !isApplicantOf(state, scope.key))) throw notYours();
      return { body: caseView(state) };
    },
  });

  routes.add<{ operation: string; data?: Record<string, unknown> }, Record<string, unknown>, { caseId: string }>({
    method: 'post',
    path: '/api/cases/:caseId/operations',
    summary: 'An operation on a case: 受理, 补正告知, 容缺受理, 办结, 送达, 签收, 通过/不通过, 退回, 转办, 委派, 加签 …',
    tags: ['cases'],
    access: 'authenticated',
    idempotent: true,
    params: { type: 'object', required: ['caseId'], properties: { caseId: { type: 'string', maxLength: 100 } } },
    body: { type: 'object', required: ['operation'], additionalProperties: false, properties: { operation: { enum: Object.keys(OPERATIONS) }, data: { type: 'object' } } },
    responses: { 200: { description: 'The case after the operation' }, 409: { description: 'Changed by someone else meanwhile' }, 422: { description: 'Refused by a rule of the domain' } },
    handler: async ({ params, body, principal }) => {
      const state = await load(store, params.caseId);
      const data = body.data ?? {};
      const taskId = typeof data['taskId'] === 'string' ? data['taskId'] : undefined;
      const taskDepartment = taskId ? (state.tasks[taskId]?.department ?? null) : undefined;
      authorise(principal, OPERATIONS[body.operation] ?? 'case.read', { ...(taskDepartment === undefined ? {} : { taskDepartment }) });
      const command = { type: body.operation, actor: principal?.id ?? 'unknown', data } as CaseCommand;
      try {
        const result = await store.dispatch(params.caseId, command);
        return { body: caseView(result.state) };
      } catch (error) {
        throw (taskId && (await completedBySomeoneElse(store, params.caseId, taskId, error))) || error;
      }
    },
  });
}

/** A task someone else completed first is a conflict (409), not a missing task. */
async function completedBySomeoneElse(store: Store, caseId: string, taskId: string, error: unknown): Promise<ApiError | null> {
  if (!(error instanceof CommandRejectedError) || error.code !== 'TASK_NOT_FOUND') return null;
  const done = (await store.getEvents(caseId)).find((event) => event.type === 'task.completed' && event.data.taskId === taskId);
  if (!done) return null;
  return new ApiError(409, 'CONFLICT', `该任务已由 ${done.actor} 于 ${done.time} 办理`, `Task ${taskId} was completed by ${done.actor} at ${done.time}`, undefined, { currentVersion: (await store.getCase(caseId))?.seq });
}

function isApplicantOf(state: CaseState, key: string): boolean {
  return state.domain !== null && applicantKey(state.domain.applicant.idNumber) === key;
}

async function load(store: Store, caseId: string) {
  const state = await store.getCase(caseId);
  if (!state) throw new ApiError(404, 'CASE_NOT_FOUND', `办件 ${caseId} 不存在`, `Case ${caseId} does not exist`);
  return state;
}

function authorise(principal: Principal | null, operation: Operation, target: { taskDepartment?: string | null }): void {
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
  const permission = mayPerform(principal, operation, target);
  if (!permission.allowed) throw new ApiError(403, 'FORBIDDEN', `无权执行此操作：${permission.reason}`, permission.reason);
}
