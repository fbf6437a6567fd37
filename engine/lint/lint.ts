import bpmnlint from 'bpmnlint';
import type { LintReport } from 'bpmnlint';
import { parseBpmn } from '../model/parse.js';
import { idPositions } from '../model/xml-position.js';
import type { LintFinding } from './types.js';
import { MATTERFLOW_RULE_PREFIX } from './types.js';
import { lintConfig } from './config.js';
import { lintResolver } from './resolver.js';

/**
 * Lints a bpmn-moddle definitions tree (as parsed with the gov extension, by the engine or by
 * bpmn-js) with `lintConfig`: one finding per report, named by element and rule, message in
 * Chinese. Severity is the configured one: `error`, or `warning` for warn/info.
 */
export async function lintDefinitions(definitions: unknown): Promise<LintFinding[]> {
  const linter = new bpmnlint.Linter({ config: lintConfig, resolver: lintResolver });
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

/** Whether a finding comes from one of our rules (as opposed to bpmnlint's recommended ones). */
export function isMatterflowFinding(finding: LintFinding): boolean {
  return finding.rule.startsWith(MATTERFLOW_RULE_PREFIX);
}

function toFinding(rule: string, report: LintReport): LintFinding {
  if (report.category === 'rule-error') {
    return { severity: 'warning', rule, elementId: report.id ?? null, message: `检查规则执行失败：${report.message}` };
  }
  return {
    severity: report.category === 'error' ? 'error' : 'warning',
    rule,
    elementId: report.id ?? null,
    message: report.message,
  };
}
