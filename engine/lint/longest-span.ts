import { is } from 'bpmnlint-utils';
import { toTimeLimit } from '../model/compile-gov.js';
import type { LintNode } from './moddle-node.js';
import { isEnd, successors } from './graph.js';
import { hasSpecialProcedure, isAcceptanceStep, isConclusion, isDeliveryStep } from './clock-span.js';
import { inWorkingDays } from './working-days.js';

/**
 * The working days the promised limit must cover in one scope (process or sub-process): the
 * longest path from a start to an end (or to 办结) summing the steps' time limits, so parallel
 * branches count as their longest branch and alternatives as the longest alternative. Steps up
 * to 受理, 送达 steps and 特别程序 steps do not count (clock-span.ts); a sub-process counts its own
 * limit, else its longest inner path. Flows back to an earlier step (退回, 补正 loops) are not
 * followed again: each step counts once.
 */
export function longestSpan(scope: LintNode): number {
  const order = topologicalOrder(scope);
  const best = new Map<LintNode, number>();
  let total = 0;
  for (const { node, predecessors } of order) {
    const before = Math.max(0, ...predecessors.map((p) => best.get(p) ?? 0));
    const value = isAcceptanceStep(node) ? 0 : before + weight(node);
    best.set(node, value);
    if (isEnd(node) || isConclusion(node)) total = Math.max(total, value);
  }
  return total;
}

/** A step's own limit in working days, as the promised limit sees it. */
function weight(node: LintNode): number {
  if (!is(node, 'bpmn:Activity') || isDeliveryStep(node) || hasSpecialProcedure(node)) return 0;
  const limit = toTimeLimit(node.timeLimit, node.timeLimitUnit);
  if (limit) return inWorkingDays(limit);
  return is(node, 'bpmn:SubProcess') && !node.triggeredByEvent ? longestSpan(node) : 0;
}

interface Visit {
  readonly node: LintNode;
  readonly predecessors: LintNode[];
}

/**
 * The nodes reachable from the scope's starts in topological order, each with its predecessors
 * over forward edges (depth-first; an edge to a node still on the stack closes a cycle and is
 * dropped). Nothing beyond 办结 is visited.
 */
function topologicalOrder(scope: LintNode): Visit[] {
  const elements = (scope.flowElements ?? []).filter((element) => !is(element, 'bpmn:SequenceFlow'));
  const starts = elements.filter((element) => is(element, 'bpmn:StartEvent'));
  const predecessors = new Map<LintNode, LintNode[]>();
  const onStack = new Set<LintNode>();
  const done = new Set<LintNode>();
  const postorder: LintNode[] = [];
  const visit = (node: LintNode): void => {
    onStack.add(node);
    if (!isConclusion(node)) {
      for (const next of successors(node, true)) {
        if (onStack.has(next)) continue;
        predecessors.set(next, [...(predecessors.get(next) ?? []), node]);
        if (!done.has(next)) visit(next);
      }
    }
    onStack.delete(node);
    done.add(node);
    postorder.push(node);
  };
  for (const start of starts) if (!done.has(start)) visit(start);
  return postorder.reverse().map((node) => ({ node, predecessors: predecessors.get(node) ?? [] }));
}
