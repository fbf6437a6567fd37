/** Parallel gateway: a token on every outgoing flow (the join is done by the lifecycle's arrivals). */
import type { Gateway } from '../../../model/types.js';
import type { ElementBehavior } from '../behavior.js';

export const parallelGateway: ElementBehavior<Gateway> = {
  activate(run, instance, gateway) {
    run.ops.complete(run, instance.id, gateway.outgoing);
  },
};
