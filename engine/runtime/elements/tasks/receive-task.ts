/** Receive task: waits for its message. */
import type { ReceiveTask } from '../../../model/types.js';
import { propagate } from '../../variables.js';
import type { ElementBehavior } from '../behavior.js';

export const receiveTask: ElementBehavior<ReceiveTask> = {
  activate(run, instance, element, triggered) {
    if (triggered) {
      propagate(run, instance.id, triggered.variables);
      return run.ops.complete(run, instance.id);
    }
    run.ops.subscribe(run, instance.id, element.id, 'message', element.messageName);
  },
};
