/** task.urge (催办), task.copy (抄送): recorded; the notifications go out after commit. */
import { findTask, isRejection, reject, type Handler } from './handler.js';

export const urgeTask: Handler<'task.urge'> = (run, { data }) => {
  const task = findTask(run, data.taskId);
  if (isRejection(task)) return task;
  if (typeof data.message !== 'string')
    return reject(
      'INVALID_ARGUMENT',
      `Expected a message for 催办 of task '${task.id}', but got ${JSON.stringify(data.message)}`,
    );
  run.emit('task.urged', { taskId: task.id, assignee: task.assignee, message: data.message });
  return undefined;
};

export const copyTask: Handler<'task.copy'> = (run, { data }) => {
  const task = findTask(run, data.taskId);
  if (isRejection(task)) return task;
  const to = Array.isArray(data.to) ? data.to : [];
  if (to.length === 0 || !to.every((user) => typeof user === 'string' && user !== '')) {
    return reject(
      'INVALID_ARGUMENT',
      `Expected a list of users to copy task '${task.id}' to (抄送), but got ${JSON.stringify(data.to)}`,
    );
  }
  run.emit('task.copied', { taskId: task.id, to: [...new Set(to)] });
  return undefined;
};
