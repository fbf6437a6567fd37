import type { LintCheck, LintConfig, LintReporter, LintResolver, LintRuleFactory } from 'bpmnlint';
import recommended from 'bpmnlint/config/recommended.js';
import { RECOMMENDED_RULES } from './recommended-rules.js';
import { zhMessage } from './messages-zh.js';
import caseType from './rules/case-type.js';
import conditionFeel from './rules/condition-feel.js';
import gatewayCondition from './rules/gateway-condition.js';
import parallelJoin from './rules/parallel-join.js';
import timeLimitSum from './rules/time-limit-sum.js';
import toleranceDeadline from './rules/tolerance-deadline.js';
import userTaskDepartment from './rules/user-task-department.js';
import userTaskTimeLimit from './rules/user-task-time-limit.js';

/** Our rules by their name within the plugin (`matterflow/<name>` in the config). */
const MATTERFLOW_PLUGIN_RULES: Readonly<Record<string, LintRuleFactory>> = {
  'user-task-department': userTaskDepartment,
  'user-task-time-limit': userTaskTimeLimit,
  'parallel-join': parallelJoin,
  'gateway-condition': gatewayCondition,
  'tolerance-deadline': toleranceDeadline,
  'time-limit-sum': timeLimitSum,
  'condition-feel': conditionFeel,
  'case-type': caseType,
};

const PACKAGES: Readonly<
  Record<string, { rules: Readonly<Record<string, LintRuleFactory>>; configs: Readonly<Record<string, LintConfig>> }>
> = {
  bpmnlint: { rules: RECOMMENDED_RULES, configs: { recommended } },
  'bpmnlint-plugin-matterflow': { rules: MATTERFLOW_PLUGIN_RULES, configs: {} },
};

/**
 * The static bpmnlint resolver for `lintConfig`: bpmnlint's recommended rules and config, and our
 * plugin `matterflow`, from static imports (no node resolver, no virtual module), so it works in
 * the browser (bpmn-js-bpmnlint builds `new Linter({ config, resolver })`) and in Node alike.
 * The recommended rules report in Chinese (LINT_MESSAGES_ZH) through it.
 */
export const lintResolver: LintResolver = {
  resolveRule(pkg, ruleName) {
    const factory = staticRule(pkg, ruleName);
    return pkg === 'bpmnlint' ? inChinese(ruleName, factory) : factory;
  },
  resolveConfig: staticConfig,
};

/**
 * The same rules with bpmnlint's own (English) messages, for `lintDefinitions`, which keeps the
 * English in `message.en` and puts the Chinese (the same `zhMessage` text) in `message.zh`.
 */
export const englishLintResolver: LintResolver = { resolveRule: staticRule, resolveConfig: staticConfig };

function staticRule(pkg: string, ruleName: string): LintRuleFactory {
  const factory = PACKAGES[pkg]?.rules[ruleName];
  if (!factory) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
  return factory;
}

function staticConfig(pkg: string, configName: string): LintConfig {
  const config = PACKAGES[pkg]?.configs[configName];
  if (!config) throw new Error(`unknown config <${pkg}/${configName}>`);
  return config;
}

/** A recommended rule whose reports carry the Chinese text of its message. */
function inChinese(ruleName: string, factory: LintRuleFactory): LintRuleFactory {
  return (options) => {
    const rule = factory(options);
    return { ...rule, check: translated(ruleName, rule.check) };
  };
}

function translated(ruleName: string, check: LintCheck): LintCheck {
  const wrap = (reporter: LintReporter): LintReporter => ({
    report: (id, message, path) => reporter.report(id, zhMessage(ruleName, message), path),
  });
  if (typeof check === 'function') return (node, reporter) => check(node, wrap(reporter));
  const { enter, leave } = check;
  return {
    ...(enter ? { enter: (node: unknown, reporter: LintReporter) => enter(node, wrap(reporter)) } : {}),
    ...(leave ? { leave: (node: unknown, reporter: LintReporter) => leave(node, wrap(reporter)) } : {}),
  };
}
