/**
 * End event: the token is consumed. A terminate end ends its whole scope; error, escalation,
 * signal and message ends throw as they end.
 */
import type { EndEvent } from '../../../model/types.js';
import { complete, endCase, terminateChildren } from '../../lifecycle.js';
import { throwError, throwEscalation, throwMessage, throwSignal } from '../../throws.js';
import type { ElementBehavior } from '../behavior.js';

export const endEvent: ElementBehavior<EndEvent> = {
  activate(run, instance, element) {
    const definition = element.eventDefinition;
    switch (definition?.type) {
      case 'terminate': {
        const scopeId = instance.parentId ?? run.state.rootInstanceId;
        terminateChildren(run, scopeId, 'terminated', instance.id);
        if (scopeId === run.state.rootInstanceId) {
          run.emit('element.completed', { instanceId: instance.id, elementId: element.id });
          return endCase(run, { type: 'case.terminated', data: { elementId: element.id, reason: 'terminate end event' } });
        }
        return complete(run, instance.id);
      }
      case 'error':
        return throwError(run, instance, definition.errorCode ?? '', null, true);
      case 'escalation':
        return throwEscalation(run, instance, definition.escalationCode ?? '', () => complete(run, instance.id));
      case 'signal':
        return throwSignal(run, instance, definition.signalName, () => complete(run, instance.id));
      case 'message':
        throwMessage(run, instance, definition.messageName);
        return complete(run, instance.id);
      default:
        return complete(run, instance.id);
    }
  },
};
