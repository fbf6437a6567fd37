/** Embedded sub-process: a scope of its own; it completes when its last token is gone. */
import type { SubProcess } from '../../../model/types.js';
import type { ElementBehavior } from '../behavior.js';

export const subProcess: ElementBehavior<SubProcess> = {
  activate(run, instance, element) {
    run.ops.openEventSubProcessStarts(run, instance);
    if (element.noneStart) return run.ops.enter(run, element.noneStart, instance.id);
    run.ops.scopeMayEnd(run, instance.id);
  },
};
