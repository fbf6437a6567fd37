/** An abstract task (`bpmn:task`): nothing to do, it passes the token on. */
import type { PlainTask } from '../../../model/types.js';
import { complete } from '../../lifecycle.js';
import type { ElementBehavior } from '../behavior.js';

export const plainTask: ElementBehavior<PlainTask> = {
  activate(run, instance) {
    complete(run, instance.id);
  },
};
