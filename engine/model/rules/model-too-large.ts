import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { finding } from './rule.js';
import { MODEL_LIMITS } from '../limits.js';
import { describeElement } from './words.js';

/**
 * `model-too-large`: a scope with more flow nodes than the engine precomputes reachability for
 * (limits.ts). No real matter comes near it; a file that does is refused rather than slow.
 */
export const modelTooLarge: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { graph } of context.compilation.processes) {
    for (const scope of graph.scopes.values()) {
      if (scope.children.length <= MODEL_LIMITS.maxNodesPerScope) continue;
      const subject = describeElement(scope.element);
      findings.push(
        finding('error', 'model-too-large', scope.id, {
          zh: `${subject.zh}有 ${scope.children.length} 个流程节点，超过上限 ${MODEL_LIMITS.maxNodesPerScope} 个：请拆成子流程或调用活动`,
          en: `scope has ${scope.children.length} flow nodes, more than the limit of ${MODEL_LIMITS.maxNodesPerScope}`,
        }),
      );
    }
  }
  return findings;
};
