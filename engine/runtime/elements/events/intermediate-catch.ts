/** Intermediate catch event: waits for its timer, message or signal; a link catch passes through. */
import type { IntermediateCatchEvent } from '../../../model/types.js';
import { propagate } from '../../variables.js';
import type { ElementBehavior } from '../behavior.js';

export const intermediateCatchEvent: ElementBehavior<IntermediateCatchEvent> = {
  activate(run, instance, element, triggered) {
    if (triggered) {
      propagate(run, instance.id, triggered.variables);
      return run.ops.complete(run, instance.id);
    }
    if (element.eventDefinition.type === 'link') return run.ops.complete(run, instance.id);
    run.ops.waitFor(run, instance.id, element.id, element.eventDefinition);
  },
};
