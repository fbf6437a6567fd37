import type { CompiledProcess, Finding, FlowNode } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { MODEL_LIMITS } from '../limits.js';
import { kindEn, kindZh, nameEn, nameZh } from './words.js';

/**
 * `unreachable-element`: a flow node that no token can ever reach from a start event of its
 * scope, a boundary event of a reached activity, an event sub-process start, or a link. Nodes
 * with no incoming flow at all (and what follows them) are left to `element-without-flow`.
 */
export const unreachableElement: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled, graph } of executable(context)) {
    if ([...graph.scopes.values()].some((scope) => scope.children.length > MODEL_LIMITS.maxNodesPerScope)) continue;
    const reached = reachedNodes(compiled);
    for (const node of compiled.elements.values()) {
      if (reached.has(node.id)) continue;
      findings.push(
        finding('error', 'unreachable-element', node.id, {
          zh: `${kindZh(node.kind)}${nameZh(node)}无法到达：所在范围的开始事件都走不到这里，它永远不会执行`,
          en: `${kindEn(node.kind)} ${nameEn(node)}: no start event of its scope leads here, so it can never run`,
        }),
      );
    }
  }
  return findings;
};

function reachedNodes(process: CompiledProcess): Set<string> {
  const reached = new Set<string>();
  const visit = (id: string): void => {
    if (reached.has(id)) return;
    reached.add(id);
    for (const next of process.reachable.get(id) ?? []) reached.add(next);
  };
  for (const node of process.elements.values()) {
    // Nodes without incoming flows are seeds too: element-without-flow reports them, once.
    if (node.kind === 'startEvent' || node.kind === 'eventSubProcess' || node.incoming.length === 0) visit(node.id);
  }
  let before = -1;
  while (reached.size !== before) {
    before = reached.size;
    for (const id of [...reached]) {
      const target = linkTarget(process, process.elements.get(id));
      if (target) visit(target);
    }
  }
  return reached;
}

function linkTarget(process: CompiledProcess, node: FlowNode | undefined): string | undefined {
  if (node?.kind !== 'intermediateThrowEvent' || node.eventDefinition?.type !== 'link') return undefined;
  return process.linkTargets.get(node.scopeId)?.get(node.eventDefinition.linkName);
}
