import type { LintReporter, LintRule } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import { toTimeLimit } from '../../model/compile-gov.js';
import { asNode, inMatter, label } from '../moddle-node.js';

/**
 * `matterflow/user-task-time-limit`: in a matter, every user task has a time limit
 * (`gov:timeLimit` and its unit): every step can overrun, and that is a supervision event.
 */
export default function userTaskTimeLimit(): LintRule {
  return {
    check(element: unknown, reporter: LintReporter) {
      const node = asNode(element);
      if (!node || !is(node, 'bpmn:UserTask') || !inMatter(node)) return;
      if (!toTimeLimit(node.timeLimit, node.timeLimitUnit)) {
        reporter.report(node.id ?? '', `用户任务${label(node)}未设置有效的办理时限（gov:timeLimit 及单位）`, [
          'timeLimit',
        ]);
      }
    },
  };
}
