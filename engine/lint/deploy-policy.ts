import type { LintFinding } from './types.js';
import { isMatterflowFinding, lintXml } from './lint.js';

/**
 * The lint's findings as deploy sees them: errors of our rules (they only report in matters)
 * refuse the deploy; bpmnlint's recommended rules never block, their errors become warnings.
 */
function deployLintFindings(findings: readonly LintFinding[]): LintFinding[] {
  return findings.map((finding) =>
    finding.severity === 'error' && !isMatterflowFinding(finding) ? { ...finding, severity: 'warning' } : finding,
  );
}

/**
 * The lint as deploy runs it on a BPMN text: the findings (policy applied) and whether they
 * refuse the deploy. The authoring entry points — the server's deploy, `matterflow deploy` —
 * run it before the store's own validation; the store itself executes what it is given.
 */
export async function lintForDeploy(
  xml: string,
): Promise<{ readonly findings: LintFinding[]; readonly refused: boolean }> {
  const findings = deployLintFindings(await lintXml(xml));
  return { findings, refused: findings.some((finding) => finding.severity === 'error') };
}
