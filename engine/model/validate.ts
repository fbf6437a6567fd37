import type { Finding } from './types.js';
import type { Compilation } from './compile.js';
import type { Rule } from './rules/rule.js';
import { calledProcessMissing } from './rules/called-process-missing.js';
import { elementWithoutFlow } from './rules/element-without-flow.js';
import { exclusiveGatewayNoCondition } from './rules/exclusive-gateway-no-condition.js';
import { feelSyntax } from './rules/feel-syntax.js';
import { gatewayNoOutgoing } from './rules/gateway-no-outgoing.js';
import { govInvalid } from './rules/gov-invalid.js';
import { jobTypeMissing } from './rules/job-type-missing.js';
import { modelTooLarge } from './rules/model-too-large.js';
import { noStartEvent } from './rules/no-start-event.js';
import { notExecutable } from './rules/not-executable.js';
import { timerInvalid } from './rules/timer-invalid.js';
import { unreachableElement } from './rules/unreachable-element.js';
import { unsupportedElement } from './rules/unsupported-element.js';

/** Every deploy-time rule, by its stable name. Add a rule: write rules/<name>.ts, list it here. */
export const RULES: Readonly<Record<string, Rule>> = {
  'unsupported-element': unsupportedElement,
  'not-executable': notExecutable,
  'model-too-large': modelTooLarge,
  'no-start-event': noStartEvent,
  'element-without-flow': elementWithoutFlow,
  'gateway-no-outgoing': gatewayNoOutgoing,
  'exclusive-gateway-no-condition': exclusiveGatewayNoCondition,
  'unreachable-element': unreachableElement,
  'feel-syntax': feelSyntax,
  'called-process-missing': calledProcessMissing,
  'job-type-missing': jobTypeMissing,
  'timer-invalid': timerInvalid,
  'gov-invalid': govInvalid,
};

/**
 * Runs every rule over a compiled file. Errors make the definition undeployable; warnings are
 * shown but allowed. A rule that throws (a bug) becomes an `internal-error` finding so one bad
 * rule never hides the others or crashes a deploy.
 */
export function validateCompilation(
  compilation: Compilation,
  knownProcessIds: ReadonlySet<string> = new Set(),
): Finding[] {
  const findings: Finding[] = [];
  for (const [name, rule] of Object.entries(RULES)) {
    try {
      findings.push(...rule({ compilation, knownProcessIds }));
    } catch (error) {
      findings.push({
        severity: 'error',
        rule: 'internal-error',
        elementId: null,
        message: {
          zh: `检查规则 ${name} 执行失败（程序错误，请报告）：${error instanceof Error ? error.message : String(error)}`,
          en: `rule ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
        },
      });
    }
  }
  return findings;
}
