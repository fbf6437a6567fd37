/** The worklist: open tasks by department, assignee or candidate group; a department officer sees only their own department's. */
import type { Store } from '../../engine/store/index.js';
import type { Routes } from '../http/route.js';

export function taskRoutes(routes: Routes, store: Store): void {
  routes.add({
    method: 'get',
    path: '/api/tasks',
    summary: 'Open tasks (worklist); department officers see only their department',
    tags: ['tasks'],
    access: ['admin', 'window', 'department', 'supervisor', 'auditor'],
    query: { type: 'object', additionalProperties: false, properties: { department: { type: 'string', maxLength: 200 }, assignee: { type: 'string', maxLength: 100 }, caseId: { type: 'string', maxLength: 100 } } },
    responses: { 200: { description: 'Open tasks' } },
    handler: async ({ query, principal }) => {
      const departmentOnly = principal?.roles.every((role) => role === 'department') ? principal.department : undefined;
      const department = departmentOnly ?? (query['department'] as string | undefined);
      return {
        body: await store.listTasks({
          ...(department ? { department } : {}),
          ...(query['assignee'] ? { assignee: String(query['assignee']) } : {}),
          ...(query['caseId'] ? { caseId: String(query['caseId']) } : {}),
        }),
      };
    },
  });
}
