/** Exclusive gateway: the first outgoing flow (in file order) whose condition holds, else the default. */
import type { Gateway } from '../../../model/types.js';
import { evaluateCondition } from '../../feel.js';
import { visibleVariables } from '../../variables.js';
import type { ElementBehavior } from '../behavior.js';

export const exclusiveGateway: ElementBehavior<Gateway> = {
  activate(run, instance, gateway) {
    const variables = visibleVariables(run, instance.parentId);
    for (const flowId of gateway.outgoing) {
      if (flowId === gateway.default) continue;
      const { condition } = run.flow(flowId);
      if (!condition) return run.ops.complete(run, instance.id, [flowId]);
      const result = evaluateCondition(condition, variables, run.now);
      if (!result.ok) return run.ops.raiseIncident(run, instance, 'expression-failed', result.message);
      if (result.value) return run.ops.complete(run, instance.id, [flowId]);
    }
    if (gateway.default) return run.ops.complete(run, instance.id, [gateway.default]);
    if (gateway.outgoing.length === 0) return run.ops.complete(run, instance.id, []);
    run.ops.raiseIncident(
      run,
      instance,
      'expression-failed',
      `Expected a condition of gateway '${gateway.id}' to be true or a default flow, but none is`,
    );
  },
};
