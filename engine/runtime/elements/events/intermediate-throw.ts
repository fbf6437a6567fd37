/** Intermediate throw event: throws its signal, message or escalation and goes on; a link jumps. */
import type { IntermediateThrowEvent } from '../../../model/types.js';
import type { ElementBehavior } from '../behavior.js';

export const intermediateThrowEvent: ElementBehavior<IntermediateThrowEvent> = {
  activate(run, instance, element) {
    const definition = element.eventDefinition;
    switch (definition?.type) {
      case 'signal':
        return run.ops.throwSignal(run, instance, definition.signalName, () => run.ops.complete(run, instance.id));
      case 'escalation':
        return run.ops.throwEscalation(run, instance, definition.escalationCode ?? '', () =>
          run.ops.complete(run, instance.id),
        );
      case 'message':
        run.ops.throwMessage(run, instance, definition.messageName);
        return run.ops.complete(run, instance.id);
      case 'link': {
        const target = run.process.linkTargets.get(element.scopeId)?.get(definition.linkName);
        const parentId = instance.parentId;
        if (!target || parentId === null) return run.ops.complete(run, instance.id);
        run.arrive(parentId, () => run.ops.enter(run, target, parentId));
        return run.ops.complete(run, instance.id, []);
      }
      default:
        return run.ops.complete(run, instance.id);
    }
  },
};
