import type { Finding, FlowNode } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { kindEn, kindZh, nameEn, nameZh, typeZh } from './words.js';

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
      const flow = { zh: `顺序流${nameZh(element)}`, en: `sequence flow ${nameEn(element)}` };
      const message = !source
        ? { zh: `${flow.zh}没有起点`, en: `${flow.en} has no source` }
        : !target
          ? { zh: `${flow.zh}没有终点`, en: `${flow.en} has no target` }
          : {
              zh: `${flow.zh}连接的“${source}”和“${target}”不能都执行`,
              en: `${flow.en} connects "${source}" to "${target}", which cannot both run`,
            };
      findings.push(finding('error', 'element-without-flow', id, message));
    }
    for (const node of compiled.elements.values()) {
      if (node.incoming.length === 0 && !targeted.has(node.id) && needsIncoming(node)) {
        findings.push(
          finding('error', 'element-without-flow', node.id, {
            zh: `${kindZh(node.kind)}${nameZh(node)}没有流入的顺序流，流程永远到不了这里`,
            en: `${kindEn(node.kind)} ${nameEn(node)} has no incoming sequence flow, so no token can reach it`,
          }),
        );
      }
    }
    for (const element of graph.anonymous) {
      findings.push(
        finding('error', 'element-without-flow', null, {
          zh: `有一个${typeZh(element.$type)}没有 id，无法被引用`,
          en: `a <${element.$type}> has no id and cannot be referenced`,
        }),
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
