/** call.complete, call.fail: the child case of a call activity ended. */
import { raiseIncident } from '../incidents.js';
import { complete } from '../lifecycle.js';
import { throwError } from '../throws.js';
import { propagate, setLocal } from '../variables.js';
import type { Run } from '../run.js';
import type { ElementInstance } from '../state.js';
import { reject, type Handler } from './handler.js';
import type { Rejection } from '../api.js';

function findCall(run: Run, instanceId: string, childCaseId: string): ElementInstance | Rejection {
  const instance = run.instance(instanceId);
  if (!instance || instance.childCaseId !== childCaseId) {
    return reject(
      'CALL_NOT_FOUND',
      `Expected call activity instance '${instanceId}' to wait for case ${childCaseId}, but it does not`,
    );
  }
  return instance;
}

export const completeCall: Handler<'call.complete'> = (run, { data }) => {
  const instance = findCall(run, data.instanceId, data.childCaseId);
  if ('code' in instance) return instance;
  const element = run.element(instance.elementId);
  if (element.kind === 'callActivity' && !element.propagateAllChildVariables)
    setLocal(run, instance.id, data.variables);
  else propagate(run, instance.parentId, data.variables);
  complete(run, instance.id);
  return undefined;
};

export const failCall: Handler<'call.fail'> = (run, { data }) => {
  const instance = findCall(run, data.instanceId, data.childCaseId);
  if ('code' in instance) return instance;
  if (data.errorCode === null) {
    raiseIncident(run, instance, 'call-failed', `Child case ${data.childCaseId} failed: ${data.message}`);
    return undefined;
  }
  throwError(run, instance, data.errorCode, data.message, false);
  return undefined;
};
