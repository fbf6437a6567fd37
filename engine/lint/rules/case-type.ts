import type { LintReporter, LintRule } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import type { ModdleProcess } from '../../model/moddle-types.js';
import { asNode, CASE_TYPE_CODES, isMatter, label } from '../moddle-node.js';

/**
 * `matterflow/case-type`: a matter's process that declares its 办件类型 (`gov:caseType`) declares a
 * known one — 1 即办件, 2 承诺件, 9 其他 — and a 即办件, decided on the spot, has no promised limit
 * (as the matter file may not: engine/matters `instant-case-promised-limit`). The declaration
 * is what lets the lint excuse a 即办件's steps from time limits (user-task-time-limit).
 */
export default function caseType(): LintRule {
  return {
    check(element: unknown, reporter: LintReporter) {
      const node = asNode(element);
      if (!node || !is(node, 'bpmn:Process')) return;
      const process = node as ModdleProcess & typeof node;
      if (!isMatter(process) || process.caseType === undefined) return;
      const code = process.caseType.trim();
      if (!(CASE_TYPE_CODES as readonly string[]).includes(code)) {
        reporter.report(
          node.id ?? '',
          `事项流程${label(node)}的办件类型“${process.caseType}”无效：应为 1（即办件）、2（承诺件）或 9（其他）`,
          ['caseType'],
        );
      } else if (code === '1' && process.promisedLimit !== undefined) {
        reporter.report(
          node.id ?? '',
          `事项流程${label(node)}是即办件，当场办结，不设承诺办结时限：请清除承诺时限，或把办件类型改为承诺件`,
          ['promisedLimit'],
        );
      }
    },
  };
}
