import type { LintFinding } from './types.js';
import { isMatterflowFinding } from './lint.js';

/**
 * The lint's findings as deploy sees them: errors of our rules (they only report in matters)
 * refuse the deploy; bpmnlint's recommended rules never block, their errors become warnings.
 */
export function deployLintFindings(findings: readonly LintFinding[]): LintFinding[] {
  return findings.map((finding) => (finding.severity === 'error' && !isMatterflowFinding(finding) ? { ...finding, severity: 'warning' } : finding));
}
