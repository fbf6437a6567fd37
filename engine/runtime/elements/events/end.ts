/**
 * End event: the token is consumed. A terminate end ends its whole scope; error, escalation,
 * signal and message ends throw as they end.
 */
import type { EndEvent } from '../../../model/types.js';
import type { ElementBehavior } from '../behavior.js';

export const endEvent: ElementBehavior<EndEvent> = {
  activate(run, instance, element) {
    const definition = element.eventDefinition;
    switch (definition?.type) {
      case 'terminate': {
        const scopeId = instance.parentId ?? run.state.rootInstanceId;
        run.ops.terminateChildren(run, scopeId, 'terminated', instance.id);
        if (scopeId === run.state.rootInstanceId) {
          run.emit('element.completed', { instanceId: instance.id, elementId: element.id });
          return run.ops.endCase(run, {
            type: 'case.terminated',
            data: { elementId: element.id, reason: 'terminate end event' },
          });
        }
        return run.ops.complete(run, instance.id);
      }
      case 'error':
        return run.ops.throwError(run, instance, definition.errorCode ?? '', null, true);
      case 'escalation':
        return run.ops.throwEscalation(run, instance, definition.escalationCode ?? '', () =>
          run.ops.complete(run, instance.id),
        );
      case 'signal':
        return run.ops.throwSignal(run, instance, definition.signalName, () => run.ops.complete(run, instance.id));
      case 'message':
        run.ops.throwMessage(run, instance, definition.messageName);
        return run.ops.complete(run, instance.id);
      default:
        return run.ops.complete(run, instance.id);
    }
  },
};
