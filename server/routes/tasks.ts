/**
 * The worklist: open tasks by department, assignee or case, each with its step's due date
 * (provisional ones marked), its clock state and its 电子监察 signal, and the case's; a
 * department officer sees only their own department's; `mine` gives a window officer theirs
 * (the tasks they hold, and the open steps of the cases they received: 首问负责). One query a
 * page (engine/store/worklist-query.ts), oldest first; `next` is the cursor of the page after.
 * One task for the task page: the case, its materials and form, its history, and the operations
 * the user may do on it now (computed from the domain's rules, see server/views/case-view.ts).
 * 已办: the cases the caller handled (received, or acted on at a step), newest action first, a
 * page at a time (engine/store/handled-query.ts), searchable.
 */
import type { Principal } from '../../engine/domain/index.js';
import { maskPersonalData } from '../../engine/matters/index.js';
import { getMatter } from '../../engine/matters-store/index.js';
import type { CompiledProcess } from '../../engine/model/index.js';
import type { CaseState } from '../../engine/case/index.js';
import {
  decodeHandledCursor,
  decodeWorklistCursor,
  encodeHandledCursor,
  encodeWorklistCursor,
  closedTask,
  listHandled,
  listWorklist,
  type Store,
} from '../../engine/store/index.js';
import { CASE_STATUSES, type CaseStatusZh } from '../../engine/domain/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { CASE_NUMBER_QUERY, caseNumberQuery } from './case-number-query.js';
import { beijing } from '../views/beijing-time.js';
import { caseView, eventText, historySummary, materialsView, offeredOperations } from '../views/case-view.js';

/** Rows a worklist page holds unless `limit` says otherwise, and the most it may ask for. */
const WORKLIST_PAGE = { default: 100, max: 500 } as const;
/** Cases a page of 已办 holds unless `limit` says otherwise, and the most it may ask for. */
const HANDLED_PAGE = { default: 50, max: 200 } as const;

const departmentOnly = (principal: Principal | null): string | undefined =>
  principal?.roles.every((role) => role === 'department') ? principal.department : undefined;

interface HandledQuery {
  q?: string;
  caseNumber?: string;
  matterCode?: string;
  status?: CaseStatusZh;
  limit: number;
  cursor?: string;
}

interface WorklistQuery {
  department?: string;
  assignee?: string;
  caseId?: string;
  caseNumber?: string;
  mine?: boolean;
  limit: number;
  cursor?: string;
}

export function taskRoutes(routes: Routes, store: Store): void {
  const knex = store.database.knex;
  const processes = new Map<string, Promise<CompiledProcess | null>>();
  /** The compiled process a case runs (by the definition's content hash; cached). */
  const processOf = (state: CaseState): Promise<CompiledProcess | null> => {
    const key = `${state.definitionHash}#${state.processId}`;
    let found = processes.get(key);
    if (!found) {
      found = store.definition(state.definitionHash).then(
        (definition) => definition.processes.get(state.processId) ?? null,
        () => null,
      );
      processes.set(key, found);
    }
    return found;
  };
  /**
   * Why a task is not open: 410 TASK_CLOSED when it was completed or cancelled, naming its case
   * (办件编号) so the page can link to it; 404 when no case ever had it, or when it was another
   * department's (a department officer learns no other department's case from a task id).
   */
  const taskNotOpen = async (taskId: string, principal: Principal): Promise<ApiError> => {
    const closed = await closedTask(knex, taskId);
    const own = departmentOnly(principal);
    if (!closed || (own !== undefined && closed.department !== own))
      return new ApiError(404, 'TASK_NOT_FOUND', '该任务不存在或已办理完毕', `Task ${taskId} is not open`);
    const step = `「${closed.name ?? closed.elementId}」`;
    const caseNumber = closed.number ?? closed.caseId;
    const ended = closed.ended;
    const [zh, en] =
      ended?.how === 'completed'
        ? [
            `该任务${step}已由 ${ended.by} 于 ${beijing(ended.at)} 办理完毕`,
            `Task ${taskId} was completed by ${ended.by} at ${ended.at}`,
          ]
        : ended?.how === 'cancelled'
          ? [
              `该任务${step}已于 ${beijing(ended.at)} 取消（流程不再需要该环节）`,
              `Task ${taskId} was cancelled at ${ended.at}`,
            ]
          : [`该任务${step}已结束`, `Task ${taskId} is no longer open`];
    return new ApiError(
      410,
      'TASK_CLOSED',
      `${zh}，属于办件 ${caseNumber}`,
      `${en}; it belongs to case ${caseNumber} (${closed.caseId})`,
      undefined,
      {
        caseId: closed.caseId,
        number: closed.number,
        ended: ended?.how ?? null,
        endedBy: ended?.by ?? null,
        endedAt: ended?.at ?? null,
      },
    );
  };

  routes.add<unknown, WorklistQuery>({
    method: 'get',
    path: '/api/tasks',
    summary:
      'Open tasks (worklist), oldest first, a page at a time: { tasks, next }, by department, assignee, case id or 办件编号 (caseNumber: a number, or a date’s), each task with its case’s caseNumber and its step’s and the case’s due dates, clock state and signal level, the matter and the applicant (masked); pass next back as cursor for the following page (null: the last). Department officers see only their department, mine the caller’s own (held, or of cases they received). One query a page',
    tags: ['tasks'],
    access: ['admin', 'window', 'department', 'supervisor', 'auditor'],
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        department: { type: 'string', maxLength: 200 },
        assignee: { type: 'string', maxLength: 100 },
        caseId: { type: 'string', maxLength: 100 },
        caseNumber: CASE_NUMBER_QUERY,
        mine: { type: 'boolean' },
        limit: {
          type: 'integer',
          minimum: 1,
          maximum: WORKLIST_PAGE.max,
          default: WORKLIST_PAGE.default,
          description: `Tasks per page (default ${WORKLIST_PAGE.default}, at most ${WORKLIST_PAGE.max})`,
        },
        cursor: { type: 'string', minLength: 1, maxLength: 1000, description: 'The `next` of the previous page' },
      },
    },
    responses: {
      200: {
        description:
          '{ tasks: WorklistRow[] (engine/store/worklist-query.ts), next: cursor of the following page or null }',
      },
      400: { description: 'A bad parameter, or a cursor this list did not return' },
    },
    handler: async ({ query, principal }) => {
      const after = query.cursor === undefined ? undefined : decodeWorklistCursor(query.cursor);
      if (after === null)
        throw new ApiError(
          400,
          'INVALID_INPUT',
          '/query/cursor：翻页位置无效，请从第一页重新查询',
          '/query/cursor is not a cursor this list returned',
          '/query/cursor',
        );
      const department = departmentOnly(principal) ?? query.department;
      const page = await listWorklist(
        knex,
        {
          ...(department ? { department } : {}),
          ...(query.assignee ? { assignee: query.assignee } : {}),
          ...(query.caseId ? { caseId: query.caseId } : {}),
          ...(query.caseNumber !== undefined ? { caseNumber: caseNumberQuery(query.caseNumber, 'caseNumber') } : {}),
          ...(query.mine === true && principal
            ? {
                mine: {
                  userId: principal.id,
                  ...(principal.department !== undefined ? { department: principal.department } : {}),
                },
              }
            : {}),
        },
        { limit: query.limit, ...(after ? { after } : {}) },
      );
      return { body: { tasks: page.rows, next: page.next ? encodeWorklistCursor(page.next) : null } };
    },
  });

  routes.add<unknown, HandledQuery>({
    method: 'get',
    path: '/api/handled-cases',
    summary:
      '已办: the cases the caller handled — received at the window, or acted on at a step (签收, 办理, 退回, 办结 …) — whoever holds them now; newest action first, a page at a time ({ cases, next }), each with its 办件编号, matter, applicant (masked), 办件状态, open steps and the caller’s last action in Chinese; search by text (q: 办件编号, matter or applicant), caseNumber (a number or a date’s), matterCode, status',
    tags: ['tasks'],
    access: ['admin', 'window', 'department'],
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        q: { type: 'string', maxLength: 100 },
        caseNumber: CASE_NUMBER_QUERY,
        matterCode: { type: 'string', maxLength: 100 },
        status: { enum: [...CASE_STATUSES] },
        limit: {
          type: 'integer',
          minimum: 1,
          maximum: HANDLED_PAGE.max,
          default: HANDLED_PAGE.default,
          description: `Cases per page (default ${HANDLED_PAGE.default}, at most ${HANDLED_PAGE.max})`,
        },
        cursor: { type: 'string', minLength: 1, maxLength: 1000, description: 'The `next` of the previous page' },
      },
    },
    responses: {
      200: { description: '{ cases: HandledCase[], next: cursor of the following page or null }' },
      400: { description: 'A bad parameter, or a cursor this list did not return' },
    },
    handler: async ({ query, principal }) => {
      if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
      const after = query.cursor === undefined ? undefined : decodeHandledCursor(query.cursor);
      if (after === null)
        throw new ApiError(
          400,
          'INVALID_INPUT',
          '/query/cursor：翻页位置无效，请从第一页重新查询',
          '/query/cursor is not a cursor this list returned',
          '/query/cursor',
        );
      const page = await listHandled(
        knex,
        {
          actor: principal.id,
          ...(query.q?.trim() ? { text: query.q.trim() } : {}),
          ...(query.caseNumber !== undefined ? { number: caseNumberQuery(query.caseNumber, 'caseNumber') } : {}),
          ...(query.matterCode ? { matterCode: query.matterCode } : {}),
          ...(query.status ? { status: query.status } : {}),
        },
        { limit: query.limit, ...(after ? { after } : {}) },
      );
      return {
        body: {
          cases: page.rows.map(({ lastAction, ...row }) => ({
            ...row,
            lastAction: {
              type: lastAction.type,
              time: lastAction.time,
              text:
                eventText(lastAction, {
                  step: () => lastAction.stepName ?? '',
                  element: (elementId) => lastAction.stepName ?? elementId,
                  part: (childCaseId) => childCaseId,
                }) ?? lastAction.type,
            },
          })),
          next: page.next ? encodeHandledCursor(page.next) : null,
        },
      };
    },
  });

  routes.add<unknown, Record<string, unknown>, { taskId: string }>({
    method: 'get',
    path: '/api/tasks/:taskId',
    summary:
      'One open task for the task page: the task with its times, the case (masked), its materials (received / 容缺 owed / missing), its application form and schema, its history, and the operations the caller may do on it now',
    tags: ['tasks'],
    access: ['admin', 'window', 'department', 'supervisor', 'auditor'],
    params: {
      type: 'object',
      required: ['taskId'],
      properties: { taskId: { type: 'string', minLength: 1, maxLength: 100 } },
    },
    responses: {
      200: { description: '{ task, case, materials, form, formSchema, history, operations, officers }' },
      403: { description: 'A task of another department' },
      404: { description: 'No such task (TASK_NOT_FOUND), or a closed one of another department' },
      410: {
        description:
          'TASK_CLOSED: the task was completed or cancelled; details { caseId, number (办件编号), ended: completed | cancelled | null, endedBy, endedAt } to link to its case',
      },
    },
    handler: async ({ params, principal }) => {
      if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
      const row = (await knex('tasks').where({ task_id: params.taskId }).first()) as { case_id: string } | undefined;
      const state = row ? await store.getCase(row.case_id) : null;
      const task = state?.tasks[params.taskId];
      if (!state || !task) throw await taskNotOpen(params.taskId, principal);
      const own = departmentOnly(principal);
      if (own !== undefined && task.department !== own) {
        throw new ApiError(
          403,
          'FORBIDDEN',
          `只能查看本部门（${own}）的任务，该任务属于${task.department ?? '其他部门'}`,
          `Task ${params.taskId} belongs to ${task.department ?? 'another department'}`,
        );
      }
      const [view] = (await listWorklist(knex, { taskId: task.id }, { limit: 1 })).rows;
      const process = await processOf(state);
      const domain = state.domain;
      const stored = domain ? await getMatter(knex, domain.matter.code, domain.matter.version) : null;
      const formSchema = stored?.matter.applicationForm ?? null;
      const formFields = Object.keys((formSchema as { properties?: Record<string, unknown> } | null)?.properties ?? {});
      const variables = state.variables[state.rootInstanceId] ?? {};
      const form = Object.fromEntries(Object.entries(variables).filter(([name]) => formFields.includes(name)));
      const officers = (await knex('users')
        .select('user_id', 'name', 'roles', 'department')
        .orderBy('user_id')) as Array<{ user_id: string; name: string; roles: string; department: string | null }>;
      return {
        body: {
          task: view ?? {
            taskId: task.id,
            caseId: state.caseId,
            elementId: task.elementId,
            name: task.name,
            department: task.department,
            assignee: task.assignee,
          },
          owner: task.owner,
          delegation: task.delegation,
          case: caseView(
            state,
            state.domain?.parts?.length ? await store.listCases({ parentCaseId: state.caseId }) : [],
          ),
          materials: materialsView(state),
          form: maskPersonalData(form),
          formSchema,
          resultName: stored?.matter.resultName ?? null,
          history: historySummary(await store.getEvents(state.caseId)),
          operations: offeredOperations({ state, taskId: task.id, principal, process, formFields }),
          officers: officers
            .filter(
              (user) =>
                user.user_id !== principal.id &&
                (JSON.parse(user.roles) as string[]).some((role) => role === 'department' || role === 'window'),
            )
            .map((user) => ({ id: user.user_id, name: user.name, department: user.department })),
        },
      };
    },
  });
}
