import type { LintReporter, LintRule } from 'bpmnlint';
import { lintExpression } from '@bpmn-io/feel-lint';
import { is } from 'bpmnlint-utils';
import { asNode, inMatter } from '../moddle-node.js';

/**
 * `matterflow/condition-feel`: in a matter, the condition of a sequence flow is a valid FEEL
 * expression (checked by @bpmn-io/feel-lint, as the modeler's FEEL editor does). A leading `=`
 * marks FEEL and is not part of the expression.
 */
export default function conditionFeel(): LintRule {
  return {
    check(element: unknown, reporter: LintReporter) {
      const node = asNode(element);
      if (!node || !is(node, 'bpmn:SequenceFlow') || !node.conditionExpression || !inMatter(node)) return;
      const source = node.conditionExpression.body ?? '';
      const feel = source.trim().replace(/^=/, '');
      if (feel.trim() === '') {
        reporter.report(node.id ?? '', '顺序流的条件为空：请填写 FEEL 表达式，或删除条件', ['conditionExpression']);
        return;
      }
      const problem = lintExpression(feel).find((found) => found.severity === 'error');
      if (problem) {
        reporter.report(
          node.id ?? '',
          `条件“${source.trim()}”不是有效的 FEEL 表达式（第 ${problem.from + 1} 个字符：${feelProblemZh(problem.message)}）`,
          ['conditionExpression'],
        );
      }
    },
  };
}

/** feel-lint's problem in Chinese: an unrecognised token, an incomplete expression, or its own text. */
function feelProblemZh(message: string): string {
  if (/^Unrecognized token/.test(message)) return '无法识别的符号';
  if (/^Incomplete/.test(message)) return '表达式不完整';
  return message;
}
