import type { BilingualText, Finding } from '../types.js';
import type { ModdleFlowElement } from '../moddle-types.js';
import type { Rule } from './rule.js';
import { finding } from './rule.js';
import { describeElement, nameZh } from './words.js';

/**
 * `unsupported-element`: anything in an executable process that the compiled model cannot
 * represent (script tasks, complex gateways, compensation, conditional and cancel events,
 * transactions, ad-hoc sub-processes, data associations, compensation handlers). In a process
 * that is not executable these are only drawings: each is a warning, never a rejection.
 */
export const unsupportedElement: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled, graph } of context.compilation.processes) {
    const severity = compiled.isExecutable ? 'error' : 'warning';
    const suffix = compiled.isExecutable
      ? { zh: '', en: '' }
      : {
          zh: `（流程${nameZh(compiled)}不可执行：只作图示，忽略）`,
          en: ` (process "${compiled.id}" is not executable: ignored)`,
        };
    const report = (element: ModdleFlowElement, reason: BilingualText) => {
      const subject = describeElement(element);
      findings.push(
        finding(severity, 'unsupported-element', element.id ?? null, {
          zh: `${subject.zh}：${reason.zh}${suffix.zh}`,
          en: `${subject.en}: ${reason.en}${suffix.en}`,
        }),
      );
    };
    for (const { element, reason } of graph.unsupported) report(element, reason);
    for (const { element } of graph.nodes.values()) {
      for (const reason of activityProblems(element)) report(element, reason);
    }
  }
  return findings;
};

function activityProblems(element: ModdleFlowElement): BilingualText[] {
  const problems: BilingualText[] = [];
  if ((element.dataInputAssociations ?? []).length > 0 || (element.dataOutputAssociations ?? []).length > 0) {
    problems.push({
      zh: '数据关联不会执行：请用输入输出映射（gov:ioMapping）传递变量',
      en: 'data associations are not executed; map variables with gov:ioMapping instead',
    });
  }
  if ((element as { isForCompensation?: boolean }).isForCompensation === true) {
    problems.push({ zh: '不支持补偿处理', en: 'compensation handlers are not supported' });
  }
  return problems;
}
