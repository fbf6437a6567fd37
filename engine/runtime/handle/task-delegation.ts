/**
 * task.transfer (转办), task.delegate (委派), task.resolve (its return): who works on a task.
 * Whether the actor may hand it on (role, department) is the domain's check; the runtime only
 * keeps the task's own rules (a delegation is resolved by its delegate, not passed on).
 */
import { findTask, isRejection, overrides, reject, type Handler } from './handler.js';

/** 转办: the task goes to `to` for good; a resolved delegation's owner is forgotten. */
export const transferTask: Handler<'task.transfer'> = (run, { data }) => {
  const task = findTask(run, data.taskId);
  if (isRejection(task)) return task;
  if (typeof data.to !== 'string' || data.to === '')
    return reject(
      'INVALID_ARGUMENT',
      `Expected a user to transfer task '${task.id}' to, but got ${JSON.stringify(data.to)}`,
    );
  if (task.delegation === 'pending')
    return reject(
      'TASK_DELEGATED',
      `Expected task '${task.id}' not to be delegated for 转办, but ${task.assignee ?? 'nobody'} works on it for ${task.owner ?? 'its owner'}`,
    );
  if (task.assignee === data.to)
    return reject(
      'INVALID_ARGUMENT',
      `Expected task '${task.id}' to go to someone new, but it is already with ${data.to}`,
    );
  run.emit('task.transferred', { taskId: task.id, from: task.assignee, to: data.to });
  return undefined;
};

/** 委派: the assignee becomes the owner and `to` works on the task until resolving it. */
export const delegateTask: Handler<'task.delegate'> = (run, { data, actor }) => {
  const task = findTask(run, data.taskId);
  if (isRejection(task)) return task;
  if (typeof data.to !== 'string' || data.to === '')
    return reject(
      'INVALID_ARGUMENT',
      `Expected a user to delegate task '${task.id}' to, but got ${JSON.stringify(data.to)}`,
    );
  if (task.assignee === null)
    return reject('NOT_ASSIGNEE', `Expected task '${task.id}' to be claimed before 委派, but it is unassigned`);
  if (task.delegation === 'pending')
    return reject(
      'TASK_DELEGATED',
      `Expected task '${task.id}' not to be delegated yet, but ${task.assignee} works on it for ${task.owner ?? 'its owner'}`,
    );
  if (task.assignee !== actor && !overrides(actor, undefined)) {
    return reject(
      'NOT_ASSIGNEE',
      `Expected task '${task.id}' to be delegated by its assignee ${task.assignee}, but ${actor} tried`,
    );
  }
  if (data.to === task.assignee)
    return reject(
      'INVALID_ARGUMENT',
      `Expected task '${task.id}' to be delegated to someone else than ${task.assignee}`,
    );
  run.emit('task.delegated', { taskId: task.id, owner: task.assignee, to: data.to });
  return undefined;
};

/** The delegate hands the task back; its owner then completes it. */
export const resolveTask: Handler<'task.resolve'> = (run, { data, actor }) => {
  const task = findTask(run, data.taskId);
  if (isRejection(task)) return task;
  if (task.delegation !== 'pending' || task.owner === null)
    return reject('NOT_DELEGATED', `Expected task '${task.id}' to be delegated, but it is not`);
  if (task.assignee !== actor && !overrides(actor, data.admin)) {
    return reject(
      'NOT_ASSIGNEE',
      `Expected task '${task.id}' to be resolved by its delegate ${task.assignee ?? 'nobody'}, but ${actor} tried`,
    );
  }
  run.emit('task.resolved', { taskId: task.id, owner: task.owner });
  return undefined;
};
