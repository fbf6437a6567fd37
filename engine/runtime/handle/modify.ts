/** case.modify (退回 to a chosen step), task.withdraw (撤回 by the last handler). */
import { modify, planModification } from '../modify.js';
import { isRejection, refuseWhileSuspended, reject, type Handler } from './handler.js';

export const modifyCase: Handler<'case.modify'> = (run, { data }) => {
  const suspended = refuseWhileSuspended(run, `moving tokens to '${data.activate}'`);
  if (suspended) return suspended;
  if (
    data.variables !== undefined &&
    (typeof data.variables !== 'object' || data.variables === null || Array.isArray(data.variables))
  ) {
    return reject('INVALID_ARGUMENT', `Expected variables to be an object, but got ${JSON.stringify(data.variables)}`);
  }
  const plan = planModification(run, { cancel: data.cancel, activate: data.activate });
  if (isRejection(plan)) return plan;
  modify(run, plan, data.reason ?? 'modified', data.variables);
  return undefined;
};

/**
 * 撤回: the handler who completed the last user task takes it back while every user task
 * created after it is still open and untouched (not claimed, assigned, delegated, transferred);
 * those tasks are cancelled and the withdrawn task's element starts again in its scope.
 */
export const withdrawTask: Handler<'task.withdraw'> = (run, { data, actor }) => {
  const last = run.state.lastCompleted;
  if (!last)
    return reject(
      'NOT_WITHDRAWABLE',
      `Expected a completed user task to take back in case ${run.state.caseId}, but there is none since the last change`,
    );
  if (data.taskId !== undefined && data.taskId !== last.taskId) {
    return reject(
      'NOT_WITHDRAWABLE',
      `Expected task '${data.taskId}' to be the last completed, but the last completed is '${last.taskId}'`,
    );
  }
  if (last.by !== actor)
    return reject(
      'NOT_WITHDRAWABLE',
      `Expected ${actor} to have completed '${last.elementId}' last, but ${last.by} did`,
    );
  if (last.nextStarted)
    return reject(
      'NOT_WITHDRAWABLE',
      `Expected the step after '${last.elementId}' not to be started, but it was claimed or handed on`,
    );
  const next = last.nextTaskIds.map((id) => run.state.tasks[id]);
  if (next.length === 0 || next.some((task) => task === undefined)) {
    return reject(
      'NOT_WITHDRAWABLE',
      `Expected the user tasks after '${last.elementId}' to be waiting, but ${next.length === 0 ? 'none was created' : 'the case moved on'}`,
    );
  }
  const suspended = refuseWhileSuspended(run, `撤回 of '${last.elementId}'`);
  if (suspended) return suspended;
  const plan = planModification(run, {
    cancel: next.flatMap((task) => (task ? [task.instanceId] : [])),
    activate: last.elementId,
    scopeInstanceId: last.scopeInstanceId,
  });
  if (isRejection(plan)) return plan;
  modify(run, plan, '撤回');
  return undefined;
};
