import type { LintReporter, LintRule } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import type { LintNode } from '../moddle-node.js';
import { asNode, inMatter, label } from '../moddle-node.js';
import { incomingFlows, isEnd, reachable, targets } from '../graph.js';

/**
 * `matterflow/parallel-join`: in a matter, a parallel split (串改并: several departments at once)
 * is structured: all its branches reach one joining parallel gateway, and none ends before it.
 * Otherwise the stage never completes as one (a branch ends alone, or the branches join in
 * different places). Reports the split. Boundary-event exits (exceptions) are not branches.
 */
export default function parallelJoin(): LintRule {
  return {
    check(element: unknown, reporter: LintReporter) {
      const node = asNode(element);
      if (!node || !is(node, 'bpmn:ParallelGateway') || !inMatter(node)) return;
      const branches = targets(node);
      if (branches.length < 2) return;
      if (joinOf(branches)) return;
      reporter.report(
        node.id ?? '',
        `并行网关${label(node)}分出的 ${branches.length} 个分支没有在同一个并行网关汇合：每个分支都须在结束前到达同一个汇合网关`,
      );
    },
  };
}

/** A joining parallel gateway that every branch reaches without any path ending first. */
function joinOf(branches: readonly LintNode[]): LintNode | null {
  const candidates = branches.map((branch) => new Set([...reachable([branch], { boundaries: false })].filter(isJoin)));
  const [first, ...rest] = candidates;
  for (const join of first ?? []) {
    if (!rest.every((set) => set.has(join))) continue;
    const stop = (node: LintNode) => node === join;
    const endsEarly = branches.some((branch) =>
      [...reachable([branch], { boundaries: false, stop })].some((node) => node !== join && isEnd(node)),
    );
    if (!endsEarly) return join;
  }
  return null;
}

function isJoin(node: LintNode): boolean {
  return is(node, 'bpmn:ParallelGateway') && incomingFlows(node).length >= 2;
}
