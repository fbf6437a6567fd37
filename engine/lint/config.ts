import type { LintConfig } from 'bpmnlint';
import { RECOMMENDED_RULES } from './recommended-rules.js';

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
 * bpmnlint's recommended rules, every one a warning: they describe good modelling, not what the
 * engine can run, so they never refuse a deploy. Configured here (not demoted after the fact) so
 * that the modeler's live lint shows them with the severity deploy gives them.
 */
const RECOMMENDED_AS_WARNINGS = Object.fromEntries(
  Object.keys(RECOMMENDED_RULES).map((name) => [name, 'warn' as const]),
) satisfies LintConfig['rules'];

/**
 * The one bpmnlint configuration of Matterflow: bpmnlint's recommended rules (as warnings) plus
 * ours (errors). The modeler (bpmn-js-bpmnlint), deploy and `matterflow lint` all lint with
 * exactly this and `lintResolver`, so they can never disagree on a finding or its severity.
 */
export const lintConfig: LintConfig = {
  extends: 'bpmnlint:recommended',
  rules: { ...RECOMMENDED_AS_WARNINGS, ...MATTERFLOW_RULES },
};
