/**
 * Event-based gateway: waits on the events after it (catch events, receive tasks); the first
 * that happens wins, its branch is taken and the others are closed - never entered.
 */
import type { Gateway } from '../../../model/types.js';
import type { Run } from '../../run.js';
import type { ElementInstance } from '../../state.js';
import type { ElementBehavior, Triggered } from '../behavior.js';

export const eventBasedGateway: ElementBehavior<Gateway> = {
  activate(run, instance, gateway) {
    for (const flowId of gateway.outgoing) {
      const target = run.element(run.flow(flowId).targetId);
      if (target.kind === 'intermediateCatchEvent') {
        if (!run.ops.waitFor(run, instance.id, target.id, target.eventDefinition)) return;
      } else if (target.kind === 'receiveTask') {
        run.ops.subscribe(run, instance.id, target.id, 'message', target.messageName);
      }
    }
  },
};

/** The event of `targetId` happened: leave the gateway towards it, and let it complete at once. */
export function eventGatewayTriggered(
  run: Run,
  gateway: ElementInstance,
  targetId: string,
  triggered: Triggered,
): void {
  const element = run.element(gateway.elementId);
  const flowId = element.outgoing.find((id) => run.flow(id).targetId === targetId);
  if (flowId) run.ops.complete(run, gateway.id, [flowId], triggered);
}
