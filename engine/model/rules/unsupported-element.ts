import type { Finding } from '../types.js';
import type { ModdleFlowElement } from '../moddle-types.js';
import type { Rule } from './rule.js';
import { finding } from './rule.js';

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
    const suffix = compiled.isExecutable ? '' : ` (process "${compiled.id}" is not executable: ignored)`;
    for (const { element, reason } of graph.unsupported) {
      findings.push(
        finding(severity, 'unsupported-element', element.id ?? null, `${describe(element)}: ${reason}${suffix}`),
      );
    }
    for (const { element } of graph.nodes.values()) {
      for (const reason of activityProblems(element)) {
        findings.push(
          finding(severity, 'unsupported-element', element.id ?? null, `${describe(element)}: ${reason}${suffix}`),
        );
      }
    }
  }
  return findings;
};

function activityProblems(element: ModdleFlowElement): string[] {
  const problems: string[] = [];
  if ((element.dataInputAssociations ?? []).length > 0 || (element.dataOutputAssociations ?? []).length > 0) {
    problems.push('data associations are not executed; map variables with gov:ioMapping instead');
  }
  if ((element as { isForCompensation?: boolean }).isForCompensation === true) {
    problems.push('compensation handlers are not supported');
  }
  return problems;
}

function describe(element: ModdleFlowElement): string {
  return `<${element.$type}>${element.name ? ` "${element.name}"` : ''}`;
}
