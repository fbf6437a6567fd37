import type { LintConfig } from 'bpmnlint';

/**
 * Our own rules (bpmnlint plugin `matterflow`), all errors: they only report in matters
 * (processes with gov:matterCode), and deploy refuses a matter that breaks one.
 */
export const MATTERFLOW_RULES = {
  'matterflow/user-task-department': 'error',
  'matterflow/user-task-time-limit': 'error',
  'matterflow/parallel-join': 'error',
  'matterflow/gateway-condition': 'error',
  'matterflow/tolerance-deadline': 'error',
  'matterflow/time-limit-sum': 'error',
  'matterflow/condition-feel': 'error',
  'matterflow/case-type': 'error',
} as const satisfies LintConfig['rules'];

/**
 * The one bpmnlint configuration of Matterflow: bpmnlint's recommended rules plus ours. The
 * modeler (bpmn-js-bpmnlint), deploy and `matterflow lint` all lint with exactly this and
 * `lintResolver`, so they can never disagree.
 */
export const lintConfig: LintConfig = {
  extends: 'bpmnlint:recommended',
  rules: { ...MATTERFLOW_RULES },
};
