import type { LintFinding } from './types.js';
import { lintXml } from './lint.js';

/**
 * The lint as deploy runs it on a BPMN text: the findings and whether they refuse the deploy.
 * The policy is in the configuration (config.ts): our `matterflow/*` rules report errors, which
 * refuse a matter; bpmnlint's recommended rules report warnings, which never do. The modeler's
 * live lint runs the same configuration, so it shows what deploy will say. The authoring entry
 * points — the server's deploy and validate, `matterflow deploy` — run it before the store's own
 * validation; the store itself executes what it is given.
 */
export async function lintForDeploy(
  xml: string,
): Promise<{ readonly findings: LintFinding[]; readonly refused: boolean }> {
  const findings = await lintXml(xml);
  return { findings, refused: findings.some((finding) => finding.severity === 'error') };
}
