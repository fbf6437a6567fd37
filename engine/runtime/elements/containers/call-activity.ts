/**
 * Call activity: starts a child case of the called process and waits for it. The store starts
 * the child from `call.started` and reports its end back with `call.complete` / `call.fail`.
 */
import type { CallActivity } from '../../../model/types.js';
import { visibleVariables } from '../../variables.js';
import type { ElementBehavior } from '../behavior.js';

export const callActivity: ElementBehavior<CallActivity> = {
  activate(run, instance, element) {
    const variables = element.propagateAllParentVariables
      ? visibleVariables(run, instance.id)
      : { ...run.state.variables[instance.id] };
    run.emit('call.started', {
      instanceId: instance.id,
      elementId: element.id,
      childCaseId: run.newId(),
      processId: element.calledElement,
      variables,
    });
  },
};
