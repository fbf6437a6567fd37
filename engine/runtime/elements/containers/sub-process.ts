/** Embedded sub-process: a scope of its own; it completes when its last token is gone. */
import type { SubProcess } from '../../../model/types.js';
import { enter, scopeMayEnd } from '../../lifecycle.js';
import { openEventSubProcessStarts } from '../../waits.js';
import type { ElementBehavior } from '../behavior.js';

export const subProcess: ElementBehavior<SubProcess> = {
  activate(run, instance, element) {
    openEventSubProcessStarts(run, instance);
    if (element.noneStart) return enter(run, element.noneStart, instance.id);
    scopeMayEnd(run, instance.id);
  },
};
