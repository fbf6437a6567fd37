import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { kindEn, kindZh, nameEn, nameZh } from './words.js';

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
      if (missing.length === 0) continue;
      const flows = missing.map((id) => compiled.flows.get(id) ?? { id, name: null });
      const plural = missing.length > 1;
      findings.push(
        finding('error', 'exclusive-gateway-no-condition', node.id, {
          zh: `${kindZh(node.kind)}${nameZh(node)}的出口${flows.map((flow) => nameZh(flow)).join('、')}没有条件，也不是默认流：请给它条件，或设为默认流`,
          en: `outgoing flow${plural ? 's' : ''} ${flows.map((flow) => nameEn(flow)).join(', ')} of ${kindEn(node.kind)} ${nameEn(node)} ${plural ? 'have' : 'has'} no condition and ${plural ? 'are' : 'is'} not the default`,
        }),
      );
    }
  }
  return findings;
};
