import type { LintReporter, LintRule } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import { toTimeLimit } from '../../model/compile-gov.js';
import { asNode, inImmediateMatter, inMatter, label } from '../moddle-node.js';

/**
 * `matterflow/user-task-time-limit`: in a matter, every user task has a time limit
 * (`gov:timeLimit` and its unit): every step can overrun, and that is a supervision event. Not
 * in a 即办件 (`gov:caseType="1"`): it is decided on the spot, with no case clock and no step
 * signals, so a limit is allowed but not required; one that is given must still be valid.
 */
export default function userTaskTimeLimit(): LintRule {
  return {
    check(element: unknown, reporter: LintReporter) {
      const node = asNode(element);
      if (!node || !is(node, 'bpmn:UserTask') || !inMatter(node)) return;
      const given = node.timeLimit !== undefined || node.timeLimitUnit !== undefined;
      if (inImmediateMatter(node) && !given) return;
      if (!toTimeLimit(node.timeLimit, node.timeLimitUnit)) {
        reporter.report(node.id ?? '', `用户任务${label(node)}未设置有效的办理时限（须填写办理时限和办理时限单位）`, [
          'timeLimit',
        ]);
      }
    },
  };
}
