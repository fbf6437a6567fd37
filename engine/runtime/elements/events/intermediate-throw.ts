/** Intermediate throw event: throws its signal, message or escalation and goes on; a link jumps. */
import type { IntermediateThrowEvent } from '../../../model/types.js';
import { complete, enter } from '../../lifecycle.js';
import { throwEscalation, throwMessage, throwSignal } from '../../throws.js';
import type { ElementBehavior } from '../behavior.js';

export const intermediateThrowEvent: ElementBehavior<IntermediateThrowEvent> = {
  activate(run, instance, element) {
    const definition = element.eventDefinition;
    switch (definition?.type) {
      case 'signal':
        return throwSignal(run, instance, definition.signalName, () => complete(run, instance.id));
      case 'escalation':
        return throwEscalation(run, instance, definition.escalationCode ?? '', () => complete(run, instance.id));
      case 'message':
        throwMessage(run, instance, definition.messageName);
        return complete(run, instance.id);
      case 'link': {
        const target = run.process.linkTargets.get(element.scopeId)?.get(definition.linkName);
        const parentId = instance.parentId;
        if (!target || parentId === null) return complete(run, instance.id);
        run.arrive(parentId, () => enter(run, target, parentId));
        return complete(run, instance.id, []);
      }
      default:
        return complete(run, instance.id);
    }
  },
};
