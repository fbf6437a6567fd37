/**
 * The lint: one bpmnlint rule set (bpmnlint's recommended rules + our `matterflow/…` rules for
 * matters, one file each in rules/) used by the browser modeler, by deploy and by
 * `matterflow lint`, from this code. Pure: no I/O, no clock; bundles for the browser. Public API:
 * `lintConfig` and `lintResolver` (what bpmn-js-bpmnlint takes), `lintXml` / `lintDefinitions`
 * (the same rules in Node), `lintForDeploy` (the deploy policy: which findings refuse), the
 * Chinese messages (`LINT_MESSAGES_ZH`, `zhMessage`) and the finding type. Everything else in this
 * folder (the rules, the rule prefix, the policy's helpers) is internal.
 */
export type { LintFinding } from './types.js';
export { lintConfig, MATTERFLOW_RULES } from './config.js';
export { lintResolver } from './resolver.js';
export { LINT_MESSAGES_ZH, zhMessage } from './messages-zh.js';
export { ruleTitleZh } from './rule-titles.js';
export { lintDefinitions, lintXml } from './lint.js';
export { lintForDeploy } from './deploy-policy.js';
