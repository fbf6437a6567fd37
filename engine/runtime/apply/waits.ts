/** Appliers of what a case waits on: tasks, timers, subscriptions, jobs, incidents. */
import type { ApplierTable } from './index.js';
import { markNextStarted } from './approvals.js';

const record = (): void => undefined;

export const waitAppliers: ApplierTable<
  | 'task.created'
  | 'task.assigned'
  | 'task.completed'
  | 'task.cancelled'
  | 'timer.scheduled'
  | 'timer.fired'
  | 'timer.cancelled'
  | 'subscription.opened'
  | 'subscription.closed'
  | 'event.triggered'
  | 'deadline.reached'
  | 'signal.thrown'
  | 'message.thrown'
  | 'error.thrown'
  | 'escalation.thrown'
  | 'job.created'
  | 'job.completed'
  | 'job.failed'
  | 'job.cancelled'
  | 'incident.raised'
  | 'incident.resolved'
> = {
  'task.created': (state, { data, time }) => {
    state.tasks[data.taskId] = {
      id: data.taskId,
      instanceId: data.instanceId,
      elementId: data.elementId,
      kind: data.kind,
      name: data.name,
      createdAt: time,
      assignee: data.assignee,
      candidateGroups: [...data.candidateGroups],
      department: data.department,
      owner: null,
      delegation: null,
      urged: 0,
    };
    const last = state.lastCompleted;
    if (last && data.kind === 'userTask')
      state.lastCompleted = { ...last, nextTaskIds: [...last.nextTaskIds, data.taskId] };
  },
  'task.assigned': (state, { data }) => {
    const task = state.tasks[data.taskId];
    if (task) task.assignee = data.assignee;
    markNextStarted(state, data.taskId);
  },
  'task.completed': (state, { data, actor, time }) => {
    const task = state.tasks[data.taskId];
    delete state.tasks[data.taskId];
    if (task && data.handler !== undefined)
      state.stepHandlers = { ...state.stepHandlers, [task.elementId]: data.handler };
    if (task?.kind !== 'userTask') return;
    const instance = state.instances[task.instanceId];
    const parent = instance?.parentId ? state.instances[instance.parentId] : undefined;
    // A multi-instance task is taken back as a whole: its scope is the body's.
    const scopeInstanceId =
      parent?.mi && parent.elementId === task.elementId ? parent.parentId : (instance?.parentId ?? null);
    state.lastCompleted =
      scopeInstanceId === null || scopeInstanceId === undefined
        ? null
        : {
            taskId: task.id,
            elementId: task.elementId,
            scopeInstanceId,
            by: actor,
            at: time,
            nextTaskIds: [],
            nextStarted: false,
          };
  },
  'task.cancelled': (state, { data }) => {
    delete state.tasks[data.taskId];
  },
  'timer.scheduled': (state, { data }) => {
    state.timers[data.timerId] = {
      id: data.timerId,
      instanceId: data.instanceId,
      elementId: data.elementId,
      dueAt: data.dueAt,
      repeat: data.repeat,
      ...(data.alert ? { alert: data.alert } : {}),
      ...(data.deadline ? { deadline: data.deadline } : {}),
    };
  },
  'timer.fired': (state, { data }) => {
    delete state.timers[data.timerId];
  },
  'timer.cancelled': (state, { data }) => {
    delete state.timers[data.timerId];
  },
  'subscription.opened': (state, { data }) => {
    state.subscriptions[data.subscriptionId] = {
      id: data.subscriptionId,
      kind: data.kind,
      name: data.name,
      instanceId: data.instanceId,
      elementId: data.elementId,
    };
  },
  'subscription.closed': (state, { data }) => {
    delete state.subscriptions[data.subscriptionId];
  },
  'event.triggered': record,
  'deadline.reached': record,
  'signal.thrown': record,
  'message.thrown': record,
  'error.thrown': record,
  'escalation.thrown': record,
  'job.created': (state, { data }) => {
    state.jobs[data.jobId] = {
      id: data.jobId,
      instanceId: data.instanceId,
      elementId: data.elementId,
      type: data.type,
      retries: data.retries,
      dueAt: data.dueAt,
      lastError: null,
    };
  },
  'job.completed': (state, { data }) => {
    delete state.jobs[data.jobId];
  },
  'job.failed': (state, { data }) => {
    const job = state.jobs[data.jobId];
    if (!job) return;
    job.retries = data.retries;
    job.lastError = data.message;
    if (data.retryAt) job.dueAt = data.retryAt;
  },
  'job.cancelled': (state, { data }) => {
    delete state.jobs[data.jobId];
  },
  'incident.raised': (state, { data, time }) => {
    state.incidents[data.incidentId] = {
      id: data.incidentId,
      instanceId: data.instanceId,
      elementId: data.elementId,
      jobId: data.jobId,
      kind: data.kind,
      resume: data.resume,
      message: data.message,
      raisedAt: time,
    };
  },
  'incident.resolved': (state, { data, time }) => {
    const incident = state.incidents[data.incidentId];
    delete state.incidents[data.incidentId];
    const job = incident?.jobId ? state.jobs[incident.jobId] : undefined;
    if (job) {
      job.retries = data.retries;
      job.dueAt = time;
    }
  },
};
