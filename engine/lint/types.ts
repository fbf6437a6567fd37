import type { Finding } from '../model/types.js';

/**
 * A lint finding: the same shape as the model's deploy findings (`{severity, rule, elementId,
 * message}`), so deploy, the CLI and the modeler show one kind of finding. `message` is Chinese
 * (the UI is zh-CN); `rule` is the bpmnlint rule name: `matterflow/…` for our rules, the bare
 * name (`label-required`, …) for bpmnlint's recommended ones.
 */
export type LintFinding = Finding;

/** The prefix of our own rules' names (bpmnlint plugin `bpmnlint-plugin-matterflow`). */
export const MATTERFLOW_RULE_PREFIX = 'matterflow/';
