import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { kindEn, kindZh, nameEn, nameZh } from './words.js';

/**
 * `gateway-no-outgoing`: a gateway in an executable process without outgoing flows would
 * swallow every token that reaches it. Also refuses a `default` that is not one of its outgoing flows.
 */
export const gatewayNoOutgoing: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled } of executable(context)) {
    for (const node of compiled.elements.values()) {
      if (!isGateway(node.kind)) continue;
      const gateway = { zh: `${kindZh(node.kind)}${nameZh(node)}`, en: `${kindEn(node.kind)} ${nameEn(node)}` };
      if (node.outgoing.length === 0) {
        findings.push(
          finding('error', 'gateway-no-outgoing', node.id, {
            zh: `${gateway.zh}没有流出的顺序流，到达这里的流程会停住`,
            en: `${gateway.en} has no outgoing sequence flow`,
          }),
        );
      } else if ('default' in node && node.default !== null && !node.outgoing.includes(node.default)) {
        findings.push(
          finding('error', 'gateway-no-outgoing', node.id, {
            zh: `${gateway.zh}的默认流“${node.default}”不是它流出的顺序流`,
            en: `default flow "${node.default}" is not an outgoing flow of ${gateway.en}`,
          }),
        );
      }
    }
  }
  return findings;
};

function isGateway(kind: string): boolean {
  return (
    kind === 'exclusiveGateway' ||
    kind === 'parallelGateway' ||
    kind === 'inclusiveGateway' ||
    kind === 'eventBasedGateway'
  );
}
