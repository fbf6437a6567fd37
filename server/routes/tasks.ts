/**
 * The worklist: open tasks by department, assignee or case, each with its step's due date
 * (provisional ones marked), its clock state and its 电子监察 signal, and the case's; a
 * department officer sees only their own department's; `mine` gives a window officer theirs
 * (the tasks they hold, and the open steps of the cases they received: 首问负责).
 * One task for the task page: the case, its materials and form, its history, and the operations
 * the user may do on it now (computed from the domain's rules, see server/views/case-view.ts).
 */
import type { Principal } from '../../engine/domain/index.js';
import { maskIdNumber, maskPersonalData } from '../../engine/matters/index.js';
import { getMatter } from '../../engine/matters-store/index.js';
import type { CompiledProcess } from '../../engine/model/index.js';
import type { AlertLevel } from '../../engine/supervision/index.js';
import type { CaseState, ClockState } from '../../engine/runtime/index.js';
import type { Store, TaskView } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { caseView, historySummary, materialsView, offeredOperations } from '../views/case-view.js';

const SEVERITY: Readonly<Record<AlertLevel, number>> = { 预警: 1, 黄牌: 2, 红牌: 3 };

const departmentOnly = (principal: Principal | null): string | undefined => (principal?.roles.every((role) => role === 'department') ? principal.department : undefined);

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

  routes.add<unknown, { department?: string; assignee?: string; caseId?: string; mine?: boolean }>({
    method: 'get',
    path: '/api/tasks',
    summary: 'Open tasks (worklist) with due dates, clock state and signal level, the matter and the applicant (masked); department officers see only their department, `mine` the caller’s own (held, or of cases they received)',
    tags: ['tasks'],
    access: ['admin', 'window', 'department', 'supervisor', 'auditor'],
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { department: { type: 'string', maxLength: 200 }, assignee: { type: 'string', maxLength: 100 }, caseId: { type: 'string', maxLength: 100 }, mine: { type: 'boolean' } },
    },
    responses: { 200: { description: 'Open tasks' } },
    handler: async ({ query, principal }) => {
      const department = departmentOnly(principal) ?? query.department;
      const tasks = await store.listTasks({
        ...(department ? { department } : {}),
        ...(query.assignee ? { assignee: String(query.assignee) } : {}),
        ...(query.caseId ? { caseId: String(query.caseId) } : {}),
      });
      const cases = new Map<string, CaseState | null>();
      for (const caseId of new Set(tasks.map((task) => task.caseId))) cases.set(caseId, await store.getCase(caseId));
      const me = principal?.id;
      const mine = query.mine === true && me !== undefined
        ? tasks.filter((task) => {
            const state = cases.get(task.caseId);
            return task.assignee === me || (task.assignee === null && (state?.domain?.receivedBy === me || (principal?.department !== undefined && task.department === principal.department)));
          })
        : tasks;
      return { body: mine.map((task) => withTimes(task, cases.get(task.caseId) ?? null)) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { taskId: string }>({
    method: 'get',
    path: '/api/tasks/:taskId',
    summary: 'One open task for the task page: the task with its times, the case (masked), its materials (received / 容缺 owed / missing), its application form and schema, its history, and the operations the caller may do on it now',
    tags: ['tasks'],
    access: ['admin', 'window', 'department', 'supervisor', 'auditor'],
    params: { type: 'object', required: ['taskId'], properties: { taskId: { type: 'string', minLength: 1, maxLength: 100 } } },
    responses: { 200: { description: '{ task, case, materials, form, formSchema, history, operations, officers }' }, 403: { description: 'A task of another department' }, 404: { description: 'No such open task' } },
    handler: async ({ params, principal }) => {
      if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
      const row = (await knex('tasks').where({ task_id: params.taskId }).first()) as { case_id: string } | undefined;
      const state = row ? await store.getCase(row.case_id) : null;
      const task = state?.tasks[params.taskId];
      if (!state || !task) throw new ApiError(404, 'TASK_NOT_FOUND', '该任务不存在或已办理完毕', `Task ${params.taskId} is not open`);
      const own = departmentOnly(principal);
      if (own !== undefined && task.department !== own) {
        throw new ApiError(403, 'FORBIDDEN', `只能查看本部门（${own}）的任务，该任务属于${task.department ?? '其他部门'}`, `Task ${params.taskId} belongs to ${task.department ?? 'another department'}`);
      }
      const [view] = (await store.listTasks({ caseId: state.caseId })).filter((t) => t.taskId === task.id);
      const process = await processOf(state);
      const domain = state.domain;
      const stored = domain ? await getMatter(knex, domain.matter.code, domain.matter.version) : null;
      const formSchema = stored?.matter.applicationForm ?? null;
      const formFields = Object.keys((formSchema as { properties?: Record<string, unknown> } | null)?.properties ?? {});
      const variables = state.variables[state.rootInstanceId] ?? {};
      const form = Object.fromEntries(Object.entries(variables).filter(([name]) => formFields.includes(name)));
      const officers = (await knex('users').select('user_id', 'name', 'roles', 'department').orderBy('user_id')) as Array<{ user_id: string; name: string; roles: string; department: string | null }>;
      return {
        body: {
          task: view ? withTimes(view, state) : { taskId: task.id, caseId: state.caseId, elementId: task.elementId, name: task.name, department: task.department, assignee: task.assignee },
          owner: task.owner,
          delegation: task.delegation,
          case: caseView(state),
          materials: materialsView(state),
          form: maskPersonalData(form),
          formSchema,
          resultName: stored?.matter.resultName ?? null,
          history: historySummary(await store.getEvents(state.caseId)),
          operations: offeredOperations({ state, taskId: task.id, principal, process, formFields }),
          officers: officers
            .filter((user) => user.user_id !== principal.id && (JSON.parse(user.roles) as string[]).some((role) => role === 'department' || role === 'window'))
            .map((user) => ({ id: user.user_id, name: user.name, department: user.department })),
        },
      };
    },
  });
}

/** 张三 → 张*, 欧阳小明 → 欧**明: the worklist names the applicant without showing them in full. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

function withTimes(task: TaskView, state: CaseState | null): Record<string, unknown> {
  if (!state) return { ...task };
  const parentId = state.instances[task.instanceId]?.parentId;
  const clocks = Object.values(state.clocks);
  const step = clocks.find((clock) => clock.kind === 'step' && (clock.instanceId === task.instanceId || clock.instanceId === parentId));
  const whole = clocks.find((clock) => clock.kind === 'case');
  const domain = state.domain;
  return {
    ...task,
    caseStatus: domain?.status ?? null,
    matter: domain ? { code: domain.matter.code, name: domain.matter.name } : null,
    applicant: domain ? { name: maskName(domain.applicant.name), idNumber: maskIdNumber(domain.applicant.idNumber) } : null,
    receivedAt: domain?.receivedAt ?? null,
    step: step ? timing(state, step) : null,
    case: whole ? timing(state, whole) : null,
  };
}

function timing(state: CaseState, clock: ClockState) {
  const levels = Object.values(state.alerts).filter((alert) => alert.clockId === clock.id).map((alert) => alert.level);
  const signal = levels.sort((a, b) => SEVERITY[b] - SEVERITY[a])[0] ?? null;
  return {
    dueAt: clock.dueAt,
    provisional: clock.provisional,
    limit: clock.limit,
    clock: clock.running ? 'running' : 'stopped',
    stoppedFor: clock.running ? null : (clock.stops[clock.stops.length - 1]?.kind ?? null),
    signal,
  };
}
