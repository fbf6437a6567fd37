import type { Finding, FlowNode } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';

/**
 * `element-without-flow`: in an executable process, a sequence flow whose source or target is
 * missing (or not something that can run), and a flow node that no token can enter because it
 * has no incoming flow (start, boundary and link catch events are entered otherwise).
 * Flow elements without an id cannot be referenced and are refused here too.
 */
export const elementWithoutFlow: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled, graph } of executable(context)) {
    const refused = new Set(graph.unsupported.map(({ element }) => element.id));
    const targeted = new Set(graph.flows.map(({ element }) => element.targetRef?.id));
    for (const { element, id } of graph.flows) {
      // Flows touching an unsupported element are left to unsupported-element.
      if (compiled.flows.has(id) || refused.has(element.sourceRef?.id) || refused.has(element.targetRef?.id)) continue;
      const source = element.sourceRef?.id;
      const target = element.targetRef?.id;
      const problem = !source
        ? 'has no source'
        : !target
          ? 'has no target'
          : `connects "${source}" to "${target}", which cannot both run`;
      findings.push(finding('error', 'element-without-flow', id, `sequence flow ${problem}`));
    }
    for (const node of compiled.elements.values()) {
      if (node.incoming.length === 0 && !targeted.has(node.id) && needsIncoming(node)) {
        findings.push(
          finding('error', 'element-without-flow', node.id, 'has no incoming sequence flow, so no token can reach it'),
        );
      }
    }
    for (const element of graph.anonymous) {
      findings.push(
        finding('error', 'element-without-flow', null, `a <${element.$type}> has no id and cannot be referenced`),
      );
    }
  }
  return findings;
};

function needsIncoming(node: FlowNode): boolean {
  switch (node.kind) {
    case 'startEvent':
    case 'boundaryEvent':
    case 'eventSubProcess':
      return false;
    case 'intermediateCatchEvent':
      return node.eventDefinition.type !== 'link';
    default:
      return true;
  }
}
