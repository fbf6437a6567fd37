import type { LintReporter, LintRule } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import { toTimeLimit } from '../../model/compile-gov.js';
import type { ModdleProcess } from '../../model/moddle-types.js';
import { asNode, isMatter, label } from '../moddle-node.js';
import { longestSpan } from '../longest-span.js';
import { formatDays, inWorkingDays } from '../working-days.js';

/**
 * `matterflow/time-limit-sum`: in a matter with a promised limit (承诺办结时限), the time limits
 * of the steps from 受理 to 办结 add up to no more than the promise (parallel branches count as
 * their longest branch; see longest-span.ts). Compared in working days; reports the process with
 * both numbers.
 */
export default function timeLimitSum(): LintRule {
  return {
    check(element: unknown, reporter: LintReporter) {
      const node = asNode(element);
      if (!node || !is(node, 'bpmn:Process')) return;
      const process = node as ModdleProcess & typeof node;
      const promised = toTimeLimit(process.promisedLimit, process.promisedLimitUnit);
      if (!isMatter(process) || !promised) return;
      const promisedDays = inWorkingDays(promised);
      const sum = longestSpan(node);
      if (sum > promisedDays + 1e-9) {
        reporter.report(
          node.id ?? '',
          `事项流程${label(node)}自受理至办结各环节时限之和约 ${formatDays(sum)} 个工作日（并行分支按最长分支计），超过承诺办结时限 ${promised.amount} ${promised.unit}（约 ${formatDays(promisedDays)} 个工作日）`,
          ['promisedLimit'],
        );
      }
    },
  };
}
