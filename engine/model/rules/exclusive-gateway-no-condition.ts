import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';

/**
 * `exclusive-gateway-no-condition`: an exclusive or inclusive gateway that splits (more than one
 * outgoing flow) needs a condition on every outgoing flow except its default; otherwise which
 * way a token goes is undefined.
 */
export const exclusiveGatewayNoCondition: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled } of executable(context)) {
    for (const node of compiled.elements.values()) {
      if ((node.kind !== 'exclusiveGateway' && node.kind !== 'inclusiveGateway') || node.outgoing.length < 2) continue;
      const missing = node.outgoing.filter(
        (flowId) => flowId !== node.default && !compiled.flows.get(flowId)?.condition,
      );
      if (missing.length > 0) {
        findings.push(
          finding(
            'error',
            'exclusive-gateway-no-condition',
            node.id,
            `outgoing flow${missing.length > 1 ? 's' : ''} ${missing.map((id) => `"${id}"`).join(', ')} of this ${node.kind === 'exclusiveGateway' ? 'exclusive' : 'inclusive'} gateway ${missing.length > 1 ? 'have' : 'has'} no condition and ${missing.length > 1 ? 'are' : 'is'} not the default`,
          ),
        );
      }
    }
  }
  return findings;
};
