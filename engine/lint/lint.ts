import bpmnlint from 'bpmnlint';
import type { LintReport } from 'bpmnlint';
import { parseBpmn } from '../model/parse.js';
import { idPositions } from '../model/xml-position.js';
import type { LintFinding } from './types.js';
import { MATTERFLOW_RULE_PREFIX } from './types.js';
import { lintConfig } from './config.js';
import { englishLintResolver } from './resolver.js';
import { zhMessage } from './messages-zh.js';
import { MATTERFLOW_RULES_EN } from './rule-titles.js';

/**
 * Lints a bpmn-moddle definitions tree (as parsed with the gov extension, by the engine or by
 * bpmn-js) with `lintConfig`: one finding per report, named by element and rule, message in
 * Chinese (what the modeler shows: `zhMessage` of bpmnlint's English, our rules' own text) and
 * English. Severity is the configured one: `error`, or `warning` for warn/info.
 */
export async function lintDefinitions(definitions: unknown): Promise<LintFinding[]> {
  const linter = new bpmnlint.Linter({ config: lintConfig, resolver: englishLintResolver });
  const results = await linter.lint(definitions);
  return Object.entries(results).flatMap(([rule, reports]) => reports.map((report) => toFinding(rule, report)));
}

/**
 * Parses BPMN XML with the engine's parser (bpmn-moddle + the gov descriptor) and lints it; XML
 * that does not parse yields the parser's findings (`xml-malformed`, `xml-not-bpmn`, …). Each
 * finding carries the line and column of its element in the XML.
 */
export async function lintXml(xml: string): Promise<LintFinding[]> {
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) return [...parsed.findings];
  const findings = await lintDefinitions(parsed.definitions);
  if (findings.length === 0) return findings;
  const positions = idPositions(xml);
  return findings.map((found) => {
    const position = found.elementId === null ? undefined : positions.get(found.elementId);
    return position ? { ...found, line: position.line, column: position.column } : found;
  });
}

function toFinding(rule: string, report: LintReport): LintFinding {
  const elementId = report.id ?? null;
  if (report.category === 'rule-error') {
    return {
      severity: 'warning',
      rule,
      elementId,
      message: { zh: `检查规则执行失败：${report.message}`, en: `rule failed: ${report.message}` },
    };
  }
  const ours = rule.startsWith(MATTERFLOW_RULE_PREFIX);
  return {
    severity: report.category === 'error' ? 'error' : 'warning',
    rule,
    elementId,
    message: ours
      ? { zh: report.message, en: `${MATTERFLOW_RULES_EN[rule] ?? rule}${elementId ? ` (${elementId})` : ''}` }
      : { zh: zhMessage(rule, report.message), en: report.message },
  };
}
