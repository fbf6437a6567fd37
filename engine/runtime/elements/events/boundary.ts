/**
 * Boundary event: it is only activated when its event happened (triggers.ts decides whether
 * the activity is interrupted first); it then leaves through its outgoing flows.
 */
import type { BoundaryEvent } from '../../../model/types.js';
import { propagate } from '../../variables.js';
import type { ElementBehavior } from '../behavior.js';

export const boundaryEvent: ElementBehavior<BoundaryEvent> = {
  activate(run, instance, _element, triggered) {
    if (triggered) propagate(run, instance.id, triggered.variables);
    run.ops.complete(run, instance.id);
  },
};
