/**
 * Inclusive gateway: a token on every outgoing flow whose condition holds (the default only when
 * none does). As a join it waits while any token in its scope can still reach it; that check
 * runs whenever the command has nothing else to do (fireReadyInclusiveJoins).
 */
import type { Gateway } from '../../../model/types.js';
import { evaluateCondition } from '../../feel.js';
import type { Run } from '../../run.js';
import { visibleVariables } from '../../variables.js';
import type { ElementBehavior } from '../behavior.js';

export const inclusiveGateway: ElementBehavior<Gateway> = {
  activate(run, instance, gateway) {
    const variables = visibleVariables(run, instance.parentId);
    const taken: string[] = [];
    for (const flowId of gateway.outgoing) {
      if (flowId === gateway.default) continue;
      const { condition } = run.flow(flowId);
      if (!condition) {
        taken.push(flowId);
        continue;
      }
      const result = evaluateCondition(condition, variables, run.now);
      if (!result.ok) return run.ops.raiseIncident(run, instance, 'expression-failed', result.message);
      if (result.value) taken.push(flowId);
    }
    if (taken.length === 0 && gateway.default) taken.push(gateway.default);
    if (taken.length === 0 && gateway.outgoing.length > 0) {
      return run.ops.raiseIncident(
        run,
        instance,
        'expression-failed',
        `Expected a condition of gateway '${gateway.id}' to be true or a default flow, but none is`,
      );
    }
    run.ops.complete(run, instance.id, taken);
  },
};

/**
 * Fire every inclusive join whose waiting is over: tokens have arrived and no other token of
 * its scope (active element, or one waiting at another join) can still reach it.
 * Returns whether one fired.
 */
export function fireReadyInclusiveJoins(run: Run): boolean {
  for (const scope of Object.values(run.state.instances)) {
    for (const [gatewayId, arrivals] of Object.entries(scope.joins ?? {})) {
      const gateway = run.element(gatewayId);
      if (gateway.kind !== 'inclusiveGateway' || Object.keys(arrivals).length === 0) continue;
      if (canStillArrive(run, scope.id, gatewayId)) continue;
      run.ops.enter(run, gatewayId, scope.id, {
        consumed: Object.fromEntries(Object.keys(arrivals).map((flowId) => [flowId, 1])),
      });
      return true;
    }
  }
  return false;
}

function canStillArrive(run: Run, scopeId: string, gatewayId: string): boolean {
  const reaches = (elementId: string): boolean => run.process.reachable.get(elementId)?.has(gatewayId) ?? false;
  if (run.children(scopeId).some((child) => reaches(child.elementId))) return true;
  const joins = run.instance(scopeId)?.joins ?? {};
  return Object.entries(joins).some(
    ([otherId, arrivals]) => otherId !== gatewayId && Object.keys(arrivals).length > 0 && reaches(otherId),
  );
}
