/** task.complete, task.assign */
import { completeWithResult } from '../lifecycle.js';
import { reject, type Handler } from './handler.js';

export const completeTask: Handler<'task.complete'> = (run, { data }) => {
  const task = run.state.tasks[data.taskId];
  if (!task) return reject('TASK_NOT_FOUND', `Expected task '${data.taskId}' to be open, but it is not (completed, cancelled or never created)`);
  const variables = data.variables ?? {};
  run.emit('task.completed', { taskId: task.id, variables });
  completeWithResult(run, task.instanceId, variables);
  return undefined;
};

export const assignTask: Handler<'task.assign'> = (run, { data }) => {
  const task = run.state.tasks[data.taskId];
  if (!task) return reject('TASK_NOT_FOUND', `Expected task '${data.taskId}' to be open, but it is not`);
  run.emit('task.assigned', { taskId: task.id, assignee: data.assignee });
  return undefined;
};
