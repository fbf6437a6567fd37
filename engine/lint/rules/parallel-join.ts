import type { LintReporter, LintRule } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import type { LintNode } from '../moddle-node.js';
import { asNode, inMatter, label } from '../moddle-node.js';
import { incomingFlows, isEnd, reachable, targets } from '../graph.js';
import { endsItsScope } from '../scope-exit.js';

/**
 * `matterflow/parallel-join`: in a matter, a parallel split (串改并: several departments at once)
 * is structured, so that the stage completes as one. Either
 * - all its branches reach one joining parallel gateway, and no path ends before it except by
 *   ending the whole scope (a terminate end, or an error end caught by an interrupting boundary
 *   on the sub-process around it — "the first 不予许可 ends the stage": scope-exit.ts); or
 * - the split is inside an embedded sub-process and its branches never meet: each ends inside,
 *   and the sub-process, which completes when its last path has ended, is their join.
 * Otherwise a branch ends alone while a join waits for it, or the branches join in different
 * places. Reports the split. Boundary-event exits (exceptions) are not branches.
 */
export default function parallelJoin(): LintRule {
  return {
    check(element: unknown, reporter: LintReporter) {
      const node = asNode(element);
      if (!node || !is(node, 'bpmn:ParallelGateway') || !inMatter(node)) return;
      const branches = targets(node);
      if (branches.length < 2) return;
      if (joinOf(branches) || joinedByScope(node, branches)) return;
      reporter.report(
        node.id ?? '',
        `并行网关${label(node)}分出的 ${branches.length} 个分支没有在同一个并行网关汇合：每个分支都须到达同一个汇合网关，途中只能以终止结束事件或被子流程边界事件捕获的错误结束事件（结束整个阶段）提前结束`,
      );
    },
  };
}

/** A joining parallel gateway that every branch reaches without any path ending first (other than ending the scope). */
function joinOf(branches: readonly LintNode[]): LintNode | null {
  const candidates = branches.map((branch) => new Set([...reachable([branch], { boundaries: false })].filter(isJoin)));
  const [first, ...rest] = candidates;
  for (const join of first ?? []) {
    if (!rest.every((set) => set.has(join))) continue;
    const stop = (node: LintNode) => node === join;
    const endsEarly = branches.some((branch) =>
      [...reachable([branch], { boundaries: false, stop })].some(
        (node) => node !== join && isEnd(node) && !endsItsScope(node),
      ),
    );
    if (!endsEarly) return join;
  }
  return null;
}

/**
 * A split inside an embedded sub-process whose branches share no element (exception paths
 * included): each branch ends on its own, and the sub-process completes when the last has.
 */
function joinedByScope(split: LintNode, branches: readonly LintNode[]): boolean {
  if (!split.$parent || !is(split.$parent, 'bpmn:SubProcess')) return false;
  const seen = new Set<LintNode>();
  for (const branch of branches) {
    for (const node of reachable([branch], { boundaries: true })) {
      if (seen.has(node) || node === split) return false;
      seen.add(node);
    }
  }
  return true;
}

function isJoin(node: LintNode): boolean {
  return is(node, 'bpmn:ParallelGateway') && incomingFlows(node).length >= 2;
}
