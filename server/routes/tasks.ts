/**
 * The worklist: open tasks by department, assignee or case, each with its step's due date
 * (provisional ones marked), its clock state and its 电子监察 signal, and the case's; a
 * department officer sees only their own department's.
 */
import type { AlertLevel } from '../../engine/supervision/index.js';
import type { CaseState, ClockState } from '../../engine/runtime/index.js';
import type { Store, TaskView } from '../../engine/store/index.js';
import type { Routes } from '../http/route.js';

const SEVERITY: Readonly<Record<AlertLevel, number>> = { 预警: 1, 黄牌: 2, 红牌: 3 };

export function taskRoutes(routes: Routes, store: Store): void {
  routes.add({
    method: 'get',
    path: '/api/tasks',
    summary: 'Open tasks (worklist) with due dates, clock state and signal level; department officers see only their department',
    tags: ['tasks'],
    access: ['admin', 'window', 'department', 'supervisor', 'auditor'],
    query: { type: 'object', additionalProperties: false, properties: { department: { type: 'string', maxLength: 200 }, assignee: { type: 'string', maxLength: 100 }, caseId: { type: 'string', maxLength: 100 } } },
    responses: { 200: { description: 'Open tasks' } },
    handler: async ({ query, principal }) => {
      const departmentOnly = principal?.roles.every((role) => role === 'department') ? principal.department : undefined;
      const department = departmentOnly ?? (query['department'] as string | undefined);
      const tasks = await store.listTasks({
        ...(department ? { department } : {}),
        ...(query['assignee'] ? { assignee: String(query['assignee']) } : {}),
        ...(query['caseId'] ? { caseId: String(query['caseId']) } : {}),
      });
      const cases = new Map<string, CaseState | null>();
      for (const caseId of new Set(tasks.map((task) => task.caseId))) cases.set(caseId, await store.getCase(caseId));
      return { body: tasks.map((task) => withTimes(task, cases.get(task.caseId) ?? null)) };
    },
  });
}

function withTimes(task: TaskView, state: CaseState | null): Record<string, unknown> {
  if (!state) return { ...task };
  const parentId = state.instances[task.instanceId]?.parentId;
  const clocks = Object.values(state.clocks);
  const step = clocks.find((clock) => clock.kind === 'step' && (clock.instanceId === task.instanceId || clock.instanceId === parentId));
  const whole = clocks.find((clock) => clock.kind === 'case');
  return { ...task, caseStatus: state.domain?.status ?? null, step: step ? timing(state, step) : null, case: whole ? timing(state, whole) : null };
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
