/**
 * Event sub-process: started by its start event's trigger inside a running scope (triggers.ts
 * decides whether it interrupts the scope first). It ends into that scope, through no flow.
 */
import type { EventSubProcess } from '../../../model/types.js';
import type { ElementBehavior } from '../behavior.js';

export const eventSubProcess: ElementBehavior<EventSubProcess> = {
  activate(run, instance, element, triggered) {
    run.ops.openEventSubProcessStarts(run, instance);
    run.ops.enter(run, element.start, instance.id, { triggered: triggered ?? { variables: {} } });
  },
};
