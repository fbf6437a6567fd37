/** task.complete, task.assign, task.claim (签收), task.unclaim (取消签收) */
import { completeWithResult } from '../lifecycle.js';
import { findTask, isRejection, overrides, refuseWhileSuspended, reject, type Handler } from './handler.js';

export const completeTask: Handler<'task.complete'> = (run, { data, actor }) => {
  const task = findTask(run, data.taskId);
  if (isRejection(task)) return task;
  const suspended = refuseWhileSuspended(run, `completing task '${task.id}'`);
  if (suspended) return suspended;
  if (!overrides(actor, data.admin)) {
    if (task.delegation === 'pending') {
      return reject(
        'TASK_DELEGATED',
        `Expected task '${task.id}' to be back with its owner ${task.owner ?? ''} before completion, but it is delegated to ${task.assignee ?? 'nobody'}`,
      );
    }
    if (task.assignee !== null && task.assignee !== actor) {
      return reject(
        'NOT_ASSIGNEE',
        `Expected task '${task.id}' to be completed by its assignee ${task.assignee}, but ${actor} tried`,
      );
    }
  }
  const { opinion } = data;
  if (
    opinion !== undefined &&
    (typeof opinion.decision !== 'string' || opinion.decision === '' || typeof opinion.text !== 'string')
  ) {
    return reject(
      'INVALID_ARGUMENT',
      `Expected an opinion {decision, text} with a decision such as 通过 or 不通过, but got ${JSON.stringify(opinion)}`,
    );
  }
  const variables = data.variables ?? {};
  // 首办负责: the system or an administrator completing a step does so for its assignee.
  const handler = overrides(actor, data.admin) ? task.assignee : actor;
  run.emit('task.completed', {
    taskId: task.id,
    variables,
    opinion: opinion ? { decision: opinion.decision, text: opinion.text } : null,
    ...(handler === null ? {} : { handler }),
  });
  completeWithResult(run, task.instanceId, variables);
  return undefined;
};

export const assignTask: Handler<'task.assign'> = (run, { data }) => {
  const task = findTask(run, data.taskId);
  if (isRejection(task)) return task;
  run.emit('task.assigned', { taskId: task.id, assignee: data.assignee });
  return undefined;
};

/** 签收: the actor takes the task; a task already with the actor stays as it is. */
export const claimTask: Handler<'task.claim'> = (run, { data, actor }) => {
  const task = findTask(run, data.taskId);
  if (isRejection(task)) return task;
  const suspended = refuseWhileSuspended(run, `claiming task '${task.id}'`);
  if (suspended) return suspended;
  if (task.assignee === actor) return undefined;
  if (task.assignee !== null)
    return reject(
      'TASK_ASSIGNED',
      `Expected task '${task.id}' to be unassigned for ${actor} to claim it, but it is with ${task.assignee}`,
    );
  run.emit('task.claimed', { taskId: task.id, assignee: actor });
  return undefined;
};

/** 取消签收: only the assignee (or an administrator) gives a task back. */
export const unclaimTask: Handler<'task.unclaim'> = (run, { data, actor }) => {
  const task = findTask(run, data.taskId);
  if (isRejection(task)) return task;
  if (task.assignee === null)
    return reject('NOT_ASSIGNEE', `Expected task '${task.id}' to be claimed, but it is unassigned`);
  if (task.delegation === 'pending')
    return reject(
      'TASK_DELEGATED',
      `Expected task '${task.id}' not to be delegated, but ${task.assignee} works on it for ${task.owner ?? 'its owner'}: resolve it instead`,
    );
  if (task.assignee !== actor && !overrides(actor, data.admin)) {
    return reject(
      'NOT_ASSIGNEE',
      `Expected task '${task.id}' to be unclaimed by its assignee ${task.assignee}, but ${actor} tried`,
    );
  }
  run.emit('task.unclaimed', { taskId: task.id, previous: task.assignee });
  return undefined;
};
