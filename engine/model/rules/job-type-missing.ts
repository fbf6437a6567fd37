import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';

/**
 * `job-type-missing`: a service, send or business-rule task runs the handler registered in code
 * under its job type (`gov:taskDefinition type`, or `zeebe:taskDefinition`); without one there is
 * nothing to run.
 */
export const jobTypeMissing: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled } of executable(context)) {
    for (const node of compiled.elements.values()) {
      if (
        (node.kind === 'serviceTask' || node.kind === 'sendTask' || node.kind === 'businessRuleTask') &&
        node.jobType.trim() === ''
      ) {
        findings.push(
          finding(
            'error',
            'job-type-missing',
            node.id,
            `${node.kind} has no job type: add <gov:taskDefinition type="handler-name" />`,
          ),
        );
      }
    }
  }
  return findings;
};
