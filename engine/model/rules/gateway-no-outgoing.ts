import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';

/**
 * `gateway-no-outgoing`: a gateway in an executable process without outgoing flows would
 * swallow every token that reaches it. Also refuses a `default` that is not one of its outgoing flows.
 */
export const gatewayNoOutgoing: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled } of executable(context)) {
    for (const node of compiled.elements.values()) {
      if (!isGateway(node.kind)) continue;
      if (node.outgoing.length === 0) {
        findings.push(finding('error', 'gateway-no-outgoing', node.id, 'gateway has no outgoing sequence flow'));
      } else if ('default' in node && node.default !== null && !node.outgoing.includes(node.default)) {
        findings.push(
          finding(
            'error',
            'gateway-no-outgoing',
            node.id,
            `default flow "${node.default}" is not an outgoing flow of this gateway`,
          ),
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
