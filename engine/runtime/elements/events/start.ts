/** Start event: the token starts here; a message / signal / timer start was triggered already. */
import type { StartEvent } from '../../../model/types.js';
import { propagate } from '../../variables.js';
import type { ElementBehavior } from '../behavior.js';

export const startEvent: ElementBehavior<StartEvent> = {
  activate(run, instance, _element, triggered) {
    if (triggered) propagate(run, instance.parentId, triggered.variables);
    run.ops.complete(run, instance.id);
  },
};
