/** task.complete, task.assign */
import { complete } from '../lifecycle.js';
import { propagate, setLocal } from '../variables.js';
import { isActivity } from '../queries.js';
import { reject, type Handler } from './handler.js';

export const completeTask: Handler<'task.complete'> = (run, { data }) => {
  const task = run.state.tasks[data.taskId];
  if (!task) return reject('TASK_NOT_FOUND', `Expected task '${data.taskId}' to be open, but it is not (completed, cancelled or never created)`);
  const variables = data.variables ?? {};
  run.emit('task.completed', { taskId: task.id, variables });
  const element = run.element(task.elementId);
  // With output mappings the result stays local and the mappings decide what leaves the task.
  if (isActivity(element) && element.io.outputs.length > 0) setLocal(run, task.instanceId, variables);
  else propagate(run, task.instanceId, variables);
  complete(run, task.instanceId);
  return undefined;
};

export const assignTask: Handler<'task.assign'> = (run, { data }) => {
  const task = run.state.tasks[data.taskId];
  if (!task) return reject('TASK_NOT_FOUND', `Expected task '${data.taskId}' to be open, but it is not`);
  run.emit('task.assigned', { taskId: task.id, assignee: data.assignee });
  return undefined;
};
