/**
 * Cases (办件): 收件 against a matter, read one (personal data masked), list by status, matter,
 * department, overdue and applicant 证件号码 (exact, masked in output), and every operation of
 * the domain on it - checked against who may do it. An applicant reads only their own cases.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { CaseCommand } from '../../engine/case/index.js';
import {
  CASE_STATUSES,
  CHANNELS,
  mayPerform,
  OPERATION_LABELS_ZH,
  RESULT_KINDS,
  type CaseStatusZh,
  type Operation,
  type Principal,
} from '../../engine/domain/index.js';
import { receiveApplication } from '../../engine/domain-store/index.js';
import type { Clock } from '../../engine/clock.js';
import { maskIdNumber } from '../../engine/matters/index.js';
import type { CaseState } from '../../engine/case/index.js';
import { applicantKey, CommandRejectedError, type Store } from '../../engine/store/index.js';
import { applicantKeyOf } from '../../engine/users-store/index.js';
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
}

export function caseRoutes(routes: Routes, store: Store, knex: Knex, clock: Clock): void {
  routes.add<
    {
      matterCode: string;
      matterVersion?: number;
      applicant: { name: string; idType: string; idNumber: string };
      channel: (typeof CHANNELS)[number];
      materials: Record<string, boolean>;
      form: Record<string, unknown>;
    },
    Record<string, unknown>,
    Record<string, string>
  >({
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
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            idType: { type: 'string', minLength: 1, maxLength: 50 },
            idNumber: { type: 'string', minLength: 4, maxLength: 40 },
          },
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
    summary:
      'Cases by 办件 status, matter, department (an open task of it), overdue, applicant 证件号码 (exact; shown masked). A department officer sees their department’s, an applicant their own',
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
      const scope = await scopeOf(knex, principal);
      const state = await load(store, params.caseId);
      if (scope.kind === 'applicant' && (scope.key === null || !isApplicantOf(state, scope.key))) throw notYours();
      return { body: caseView(state) };
    },
  });

  routes.add<{ operation: string; data?: Record<string, unknown> }, Record<string, unknown>, { caseId: string }>({
    method: 'post',
    path: '/api/cases/:caseId/operations',
    summary:
      'An operation on a case: 受理, 补正告知, 容缺受理, 办结, 送达, 签收, 通过/不通过, 退回, 转办, 委派, 加签 …',
    tags: ['cases'],
    access: 'authenticated',
    idempotent: true,
    params: { type: 'object', required: ['caseId'], properties: { caseId: { type: 'string', maxLength: 100 } } },
    body: {
      type: 'object',
      required: ['operation'],
      additionalProperties: false,
      properties: { operation: { enum: Object.keys(OPERATIONS) }, data: { type: 'object' } },
    },
    responses: {
      200: { description: 'The case after the operation' },
      409: { description: 'Changed by someone else meanwhile' },
      422: { description: 'Refused by a rule of the domain' },
    },
    handler: async ({ params, body, principal }) => {
      const state = await load(store, params.caseId);
      const data = body.data ?? {};
      const taskId = typeof data['taskId'] === 'string' ? data['taskId'] : undefined;
      const taskDepartment = taskId ? (state.tasks[taskId]?.department ?? null) : undefined;
      authorise(principal, body.operation, OPERATIONS[body.operation] ?? 'case.read', {
        ...(taskDepartment === undefined ? {} : { taskDepartment }),
      });
      await checkOperationData(knex, body.operation, data);
      const command = { type: body.operation, actor: principal?.id ?? 'unknown', data } as CaseCommand;
      try {
        const result = await store.dispatch(params.caseId, command);
        return { body: caseView(result.state) };
      } catch (error) {
        throw (
          (taskId && (await completedBySomeoneElse(store, params.caseId, taskId, error))) ||
          refusalInChinese(error, state, body.operation, data)
        );
      }
    },
  });
}

/** A task someone else completed first is a conflict (409), not a missing task. */
async function completedBySomeoneElse(
  store: Store,
  caseId: string,
  taskId: string,
  error: unknown,
): Promise<ApiError | null> {
  if (!(error instanceof CommandRejectedError) || error.code !== 'TASK_NOT_FOUND') return null;
  const done = (await store.getEvents(caseId)).find(
    (event) => event.type === 'task.completed' && event.data.taskId === taskId,
  );
  if (!done) return null;
  return new ApiError(
    409,
    'CONFLICT',
    `该任务已由 ${done.actor} 于 ${done.time} 办理`,
    `Task ${taskId} was completed by ${done.actor} at ${done.time}`,
    undefined,
    { currentVersion: (await store.getCase(caseId))?.seq },
  );
}

function isApplicantOf(state: CaseState, key: string): boolean {
  return state.domain !== null && applicantKey(state.domain.applicant.idNumber) === key;
}

async function load(store: Store, caseId: string) {
  const state = await store.getCase(caseId);
  if (!state) throw new ApiError(404, 'CASE_NOT_FOUND', `办件 ${caseId} 不存在`, `Case ${caseId} does not exist`);
  return state;
}

/** 403 in Chinese: the role lacks the right, or the task is another department's. */
function authorise(
  principal: Principal | null,
  name: string,
  operation: Operation,
  target: { taskDepartment?: string | null },
): void {
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
  const permission = mayPerform(principal, operation, target);
  if (permission.allowed) return;
  const label = OPERATION_LABELS[name] ?? name;
  if (mayPerform(principal, operation).allowed) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      `无权执行此操作：只能办理本部门（${principal.department ?? '未绑定部门'}）的任务，该任务属于${target.taskDepartment ?? '其他部门'}`,
      permission.reason,
    );
  }
  const roles = principal.roles.map((role) => ROLE_LABELS[role] ?? role).join('、') || '无角色用户';
  throw new ApiError(403, 'FORBIDDEN', `无权执行此操作：${roles}不能「${label}」`, permission.reason);
}

const ROLE_LABELS: Readonly<Record<string, string>> = {
  admin: '系统管理员',
  window: '窗口人员',
  department: '部门审批人员',
  supervisor: '监察人员',
  auditor: '审计人员',
  applicant: '申请人',
};

/** The operations in the words of DOMAIN.md, for messages: the domain's own, and the task and case operations of the runtime. */
const OPERATION_LABELS: Readonly<Record<string, string>> = {
  ...OPERATION_LABELS_ZH,
  'case.withdraw': '撤回申请',
  'task.claim': '签收',
  'task.unclaim': '取消签收',
  'task.complete': '办理（通过 / 不通过）',
  'task.transfer': '转办',
  'task.delegate': '委派',
  'task.resolve': '归还委派',
  'task.withdraw': '撤回',
  'task.urge': '催办',
  'task.copy': '抄送',
  'case.modify': '退回',
  'multiInstance.addInstance': '加签',
  'multiInstance.cancelInstance': '减签',
  'case.suspend': '挂起',
  'case.resume': '恢复',
  'clock.extend': '延长',
};

const blank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';
const invalid = (zh: string, en: string, field: string) =>
  new ApiError(400, 'INVALID_ARGUMENT', zh, en, `/data/${field}`);

/** Refusals that mean "no such thing" (as server/http/errors.ts maps them). */
const NOT_FOUND = new Set([
  'CASE_NOT_FOUND',
  'TASK_NOT_FOUND',
  'TIMER_NOT_FOUND',
  'JOB_NOT_FOUND',
  'INCIDENT_NOT_FOUND',
  'PROCESS_NOT_FOUND',
  'CLOCK_NOT_FOUND',
  'INSTANCE_NOT_FOUND',
  'ELEMENT_NOT_FOUND',
]);

/** What each operation needs filled in, checked before the domain sees it, with the field named in Chinese. */
async function checkOperationData(knex: Knex, operation: string, data: Record<string, unknown>): Promise<void> {
  const text = (field: string, label: string) => {
    if (blank(data[field])) throw invalid(`请填写${label}`, `data.${field} is required`, field);
  };
  switch (operation) {
    case 'task.complete': {
      const opinion = data['opinion'] as { decision?: unknown; text?: unknown } | undefined;
      if (opinion !== undefined) {
        if (typeof opinion !== 'object' || opinion === null || blank(opinion.decision))
          throw invalid('请选择办理结果（通过或不通过）', 'data.opinion.decision is required', 'opinion/decision');
        if (blank(opinion.text)) throw invalid('请填写办理意见', 'data.opinion.text is required', 'opinion/text');
      }
      break;
    }
    case 'case.refuse':
    case 'case.withdraw':
    case 'case.revoke':
      text('reason', '理由');
      break;
    case 'case.noticeCorrection': {
      const defects = data['defects'];
      if (!Array.isArray(defects) || defects.length === 0 || defects.some(blank))
        throw invalid(
          '补正告知须逐项列明需要补正的问题（每一项都要写明）',
          'data.defects must list every defect',
          'defects',
        );
      break;
    }
    case 'materials.supply':
      if (!Array.isArray(data['materials']) || (data['materials'] as unknown[]).some(blank))
        throw invalid('请选择补交的材料', 'data.materials must list material ids', 'materials');
      break;
    case 'case.acceptWithTolerance':
      text('commitment', '容缺受理承诺书内容');
      break;
    case 'case.conclude': {
      if (!RESULT_KINDS.includes(data['kind'] as (typeof RESULT_KINDS)[number]))
        throw invalid(`请选择办结结果（${RESULT_KINDS.join('、')}）`, 'data.kind is required', 'kind');
      if (data['kind'] === '出证') {
        const licence = data['licence'] as { name?: unknown; number?: unknown } | undefined;
        if (!licence || blank(licence.name))
          throw invalid('请填写证照名称', 'data.licence.name is required', 'licence/name');
        if (blank(licence.number)) throw invalid('请填写证照编号', 'data.licence.number is required', 'licence/number');
      } else text('reason', '理由');
      break;
    }
    case 'case.deliver':
      text('method', '送达方式');
      break;
    case 'specialProcedure.start':
      text('kind', '特别程序种类');
      text('reason', '特别程序理由');
      break;
    case 'specialProcedure.end':
      text('result', '特别程序结果');
      break;
    case 'clock.extend':
      if (
        typeof data['amount'] !== 'number' ||
        !Number.isInteger(data['amount']) ||
        data['amount'] <= 0 ||
        data['amount'] > 60
      )
        throw invalid('延长天数须为 1 至 60 的整数', 'data.amount must be a positive integer', 'amount');
      text('approver', '批准人');
      text('reason', '延长理由');
      break;
    case 'case.modify':
      text('activate', '退回到的环节');
      text('reason', '退回理由');
      break;
    case 'task.transfer':
    case 'task.delegate': {
      text('to', operation === 'task.transfer' ? '转办给谁' : '委派给谁');
      const user = await knex('users')
        .where({ user_id: String(data['to']).trim() })
        .first();
      if (!user) throw invalid(`用户 ${String(data['to'])} 不存在`, `No user ${String(data['to'])}`, 'to');
      break;
    }
    case 'multiInstance.addInstance':
      if (blank(data['instanceId']) && blank(data['elementId']))
        throw invalid('请指明加签的会签环节', 'data.instanceId or data.elementId is required', 'instanceId');
      break;
    default:
      break;
  }
}

/** A refusal of the domain or the runtime, in Chinese words an officer understands (the English stays in message.en). */
function refusalInChinese(error: unknown, state: CaseState, operation: string, data: Record<string, unknown>): unknown {
  if (!(error instanceof CommandRejectedError)) return error;
  const domain = state.domain;
  const task = typeof data['taskId'] === 'string' ? state.tasks[data['taskId']] : undefined;
  const label = OPERATION_LABELS[operation] ?? operation;
  const names = (ids: readonly string[]) =>
    domain
      ? domain.matter.materials
          .filter((m) => ids.includes(m.id))
          .map((m) => m.name)
          .join('、')
      : ids.join('、');
  const missing = (necessity: string) =>
    domain
      ? domain.matter.materials.filter((m) => m.necessity === necessity && !domain.materials[m.id]).map((m) => m.id)
      : [];
  const zh = ((): string => {
    switch (error.code) {
      case 'ILLEGAL_TRANSITION':
        return domain?.status ? `办件当前状态为「${domain.status}」，不能${label}` : `当前不能${label}`;
      case 'MATERIALS_MISSING':
        return `材料不齐，不能受理：缺少${names([...missing('required'), ...missing('tolerated')])}。请一次性告知补正，或在允许时容缺受理`;
      case 'TOLERANCE_REFUSED':
        if (domain && !domain.matter.tolerance.allowed) return '本事项不允许容缺受理';
        if (missing('required').length > 0) return `不能容缺受理：核心材料${names(missing('required'))}未提交`;
        return '不能容缺受理：申请人未通过信用核查';
      case 'MATERIALS_OWED':
        return `容缺材料${names(domain?.tolerance?.missing ?? [])}尚未补齐（补交期限 ${domain?.tolerance?.deadline ?? ''}），不能出证`;
      case 'ONE_TIME_NOTICE': {
        const first = domain?.notices[0];
        const added = Array.isArray(data['defects'])
          ? (data['defects'] as string[]).filter((d) => !first?.defects.includes(d.trim()))
          : [];
        return `补正须一次性告知：首次告知未列出的问题不能再次告知（${added.join('；')}）`;
      }
      case 'ALREADY_DELIVERED':
        return '办理结果已送达，不能重复送达';
      case 'TASK_ASSIGNED':
        return `该任务已由 ${task?.assignee ?? '他人'} 签收`;
      case 'NOT_ASSIGNEE':
        return task?.assignee
          ? `该任务已由 ${task.assignee} 签收，只有签收人可以${label}`
          : `该任务尚未签收，不能${label}`;
      case 'TASK_DELEGATED':
        return `该任务已委派给 ${task?.assignee ?? '他人'}，须待其归还后再办理`;
      case 'NOT_DELEGATED':
        return '该任务没有被委派';
      case 'CASE_SUSPENDED':
        return '办件已挂起，恢复后才能办理';
      case 'NOT_WITHDRAWABLE':
        return '下一环节已开始办理，不能撤回';
      case 'NOT_MULTI_INSTANCE':
        return '该环节不是会签环节，不能加签或减签';
      case 'TASK_NOT_FOUND':
        return '该任务不存在或已办理完毕';
      case 'CLOCK_NOT_FOUND':
        return '办件尚未开始计时（受理后才有办结时限）';
      case 'INSTANCE_NOT_FOUND':
      case 'ELEMENT_NOT_FOUND':
        return '所选环节不存在或已结束';
      case 'CALENDAR_MISSING':
        return '缺少工作日历，无法计算时限';
      case 'INVALID_ARGUMENT':
        if (operation === 'case.acceptWithTolerance' && missing('tolerated').length === 0)
          return '没有缺少可容缺的材料，请直接受理';
        return `${label}的内容有误，请检查后重试`;
      default:
        return `操作被拒绝：当前不能${label}`;
    }
  })();
  const status = NOT_FOUND.has(error.code) ? 404 : 422;
  return new ApiError(status, error.code, zh, error.rejection.message);
}
