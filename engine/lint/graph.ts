import { is, isAny } from 'bpmnlint-utils';
import type { LintNode } from './moddle-node.js';

/**
 * Walking the sequence-flow graph of one scope (process or sub-process) in the moddle tree.
 * Flows never cross a scope, so everything here stays in the scope it starts in.
 */

/**
 * The sequence flows leaving a node, from the flows' own `sourceRef` (files written by tools often
 * omit `<bpmn:outgoing>`). Not cached: in the modeler the same tree is edited between lints.
 */
export function outgoingFlows(node: LintNode): LintNode[] {
  const scope = node.$parent?.flowElements;
  return scope
    ? scope.filter((flow) => flow.sourceRef === node && is(flow, 'bpmn:SequenceFlow'))
    : [...(node.outgoing ?? [])];
}

/** The sequence flows entering a node, from the flows' own `targetRef`. */
export function incomingFlows(node: LintNode): LintNode[] {
  const scope = node.$parent?.flowElements;
  return scope
    ? scope.filter((flow) => flow.targetRef === node && is(flow, 'bpmn:SequenceFlow'))
    : [...(node.incoming ?? [])];
}

/** The nodes an element's outgoing sequence flows lead to. */
export function targets(node: LintNode): LintNode[] {
  return outgoingFlows(node).flatMap((flow) => (flow.targetRef ? [flow.targetRef] : []));
}

/** The boundary events attached to an activity. */
export function boundaryEvents(activity: LintNode): LintNode[] {
  const siblings = activity.$parent?.flowElements ?? [];
  return siblings.filter((element) => is(element, 'bpmn:BoundaryEvent') && element.attachedToRef === activity);
}

/** Successors: flow targets, and (with `boundaries`) an activity's boundary events. */
export function successors(node: LintNode, boundaries: boolean): LintNode[] {
  return boundaries && is(node, 'bpmn:Activity') ? [...targets(node), ...boundaryEvents(node)] : targets(node);
}

/** Where a path ends: an end event, or an element without outgoing flows (an implicit end). */
export function isEnd(node: LintNode): boolean {
  return is(node, 'bpmn:EndEvent') || outgoingFlows(node).length === 0;
}

/** Every node reachable from `starts` (included), not expanding past `stop`. */
export function reachable(
  starts: readonly LintNode[],
  options: { boundaries: boolean; stop?: (node: LintNode) => boolean },
): Set<LintNode> {
  const seen = new Set<LintNode>();
  const stack = [...starts];
  while (stack.length > 0) {
    const next = stack.pop() as LintNode;
    if (seen.has(next)) continue;
    seen.add(next);
    if (options.stop?.(next)) continue;
    for (const after of successors(next, options.boundaries)) if (!seen.has(after)) stack.push(after);
  }
  return seen;
}

/** Whether an event has a timer event definition. */
export function isTimerEvent(node: LintNode): boolean {
  return (
    isAny(node, ['bpmn:BoundaryEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:StartEvent']) &&
    (node.eventDefinitions ?? []).some((definition) => is(definition, 'bpmn:TimerEventDefinition'))
  );
}
