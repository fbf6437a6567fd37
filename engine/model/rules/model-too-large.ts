import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { finding } from './rule.js';
import { MODEL_LIMITS } from '../limits.js';

/**
 * `model-too-large`: a scope with more flow nodes than the engine precomputes reachability for
 * (limits.ts). No real matter comes near it; a file that does is refused rather than slow.
 */
export const modelTooLarge: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { graph } of context.compilation.processes) {
    for (const scope of graph.scopes.values()) {
      if (scope.children.length <= MODEL_LIMITS.maxNodesPerScope) continue;
      findings.push(
        finding(
          'error',
          'model-too-large',
          scope.id,
          `scope has ${scope.children.length} flow nodes, more than the limit of ${MODEL_LIMITS.maxNodesPerScope}`,
        ),
      );
    }
  }
  return findings;
};
