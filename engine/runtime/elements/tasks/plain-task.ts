/** An abstract task (`bpmn:task`): nothing to do, it passes the token on. */
import type { PlainTask } from '../../../model/types.js';
import type { ElementBehavior } from '../behavior.js';

export const plainTask: ElementBehavior<PlainTask> = {
  activate(run, instance) {
    run.ops.complete(run, instance.id);
  },
};
