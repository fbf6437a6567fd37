/**
 * Appliers of the approval operations: 签收, 转办, 委派, 催办, 抄送, 加签 / 减签, 退回 / 撤回
 * (instance modification) and 挂起 / 恢复. They record; every decision is in the event.
 */
import type { RuntimeState } from '../state.js';
import type { ApplierTable } from './index.js';

const record = (): void => undefined;

/** Someone other than the last handler took up a next task: 撤回 is over. */
export function markNextStarted(state: RuntimeState, taskId: string): void {
  const last = state.lastCompleted;
  if (last && !last.nextStarted && last.nextTaskIds.includes(taskId))
    state.lastCompleted = { ...last, nextStarted: true };
}

export const approvalAppliers: ApplierTable<
  | 'task.claimed'
  | 'task.unclaimed'
  | 'task.transferred'
  | 'task.delegated'
  | 'task.resolved'
  | 'task.urged'
  | 'task.copied'
  | 'multiInstance.instancesAdded'
  | 'multiInstance.instanceCancelled'
  | 'instance.modified'
  | 'case.suspended'
  | 'case.resumed'
> = {
  'task.claimed': (state, { data }) => {
    const task = state.tasks[data.taskId];
    if (task) task.assignee = data.assignee;
    markNextStarted(state, data.taskId);
  },
  'task.unclaimed': (state, { data }) => {
    const task = state.tasks[data.taskId];
    if (task) task.assignee = null;
  },
  'task.transferred': (state, { data }) => {
    const task = state.tasks[data.taskId];
    if (!task) return;
    task.assignee = data.to;
    task.owner = null;
    task.delegation = null;
    markNextStarted(state, data.taskId);
  },
  'task.delegated': (state, { data }) => {
    const task = state.tasks[data.taskId];
    if (!task) return;
    task.owner = data.owner;
    task.assignee = data.to;
    task.delegation = 'pending';
    markNextStarted(state, data.taskId);
  },
  'task.resolved': (state, { data }) => {
    const task = state.tasks[data.taskId];
    if (!task) return;
    task.assignee = data.owner;
    task.delegation = 'resolved';
  },
  'task.urged': (state, { data }) => {
    const task = state.tasks[data.taskId];
    if (task) task.urged += 1;
  },
  'task.copied': record,
  'multiInstance.instancesAdded': (state, { data }) => {
    const mi = state.instances[data.instanceId]?.mi;
    if (!mi) return;
    const span = (mi.total ?? 0) + (mi.removed ?? 0);
    if (data.items || mi.items) {
      const items = [...(mi.items ?? [])];
      while (items.length < span) items.push(null);
      items.push(...(data.items ?? new Array<unknown>(data.added).fill(null)));
      mi.items = items;
    }
    if (mi.outputs) mi.outputs.push(...new Array<unknown>(data.added).fill(null));
    mi.total = data.total;
  },
  'multiInstance.instanceCancelled': (state, { data }) => {
    const mi = state.instances[data.instanceId]?.mi;
    if (!mi) return;
    mi.total = data.total;
    mi.removed = (mi.removed ?? 0) + 1;
  },
  'instance.modified': (state, { data }) => {
    for (const scopeId of data.joinsCleared) {
      const scope = state.instances[scopeId];
      if (scope) delete scope.joins;
    }
    state.lastCompleted = null;
  },
  'case.suspended': (state, { data, time, actor }) => {
    state.suspended = { at: time, reason: data.reason, by: actor };
  },
  'case.resumed': (state) => {
    state.suspended = null;
  },
};
