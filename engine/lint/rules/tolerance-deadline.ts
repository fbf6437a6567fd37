import type { LintReporter, LintRule } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import { materialElements } from '../../model/compile-gov.js';
import type { LintNode } from '../moddle-node.js';
import { asNode, inMatter, label } from '../moddle-node.js';
import { boundaryEvents, incomingFlows, isTimerEvent, outgoingFlows, reachable, targets } from '../graph.js';

/**
 * `matterflow/tolerance-deadline`: in a matter, a 容缺 path has a deadline timer. 容缺受理 lets a
 * case go on with 容缺-eligible materials missing, but only until a deadline (DOMAIN.md); where
 * the flow itself waits for them, a timer must bound the wait. A 容缺 path is:
 * - a sequence flow whose condition tests for 容缺 (e.g. `=受理结果 = "容缺受理"`): the part of
 *   the flow reached only through it must hold a timer (boundary, intermediate or event-based);
 * - an activity whose gov:materials list a 容缺-eligible material (`necessity="tolerated"`):
 *   it collects them, so it (or a sub-process around it) has a timer boundary event, or an
 *   event-based gateway in front of it races it against a timer.
 * The 容缺 deadline the case layer keeps (容缺受理通知书) is not in the BPMN and is not checked here.
 */
export default function toleranceDeadline(): LintRule {
  return {
    check(element: unknown, reporter: LintReporter) {
      const node = asNode(element);
      if (!node || !inMatter(node)) return;
      if (is(node, 'bpmn:SequenceFlow') && isToleranceCondition(node)) {
        if (!branchHasTimer(node)) {
          reporter.report(
            node.id ?? '',
            `容缺受理路径（顺序流${label(node)}）上没有限定补交期限的定时器：请用边界定时事件或事件网关加定时事件约束等待补交材料的时间`,
          );
        }
      } else if (is(node, 'bpmn:Activity') && collectsToleratedMaterials(node) && !activityHasTimer(node)) {
        reporter.report(
          node.id ?? '',
          `环节${label(node)}收取可容缺材料，但没有限定补交期限的定时器：请附加边界定时事件，或在其前用事件网关加定时事件`,
        );
      }
    },
  };
}

function isToleranceCondition(flow: LintNode): boolean {
  return (flow.conditionExpression?.body ?? '').includes('容缺');
}

/** A timer in the part of the flow reached only through this flow (not through its siblings). */
function branchHasTimer(flow: LintNode): boolean {
  if (!flow.targetRef) return false;
  const siblings = (flow.sourceRef ? outgoingFlows(flow.sourceRef) : [])
    .filter((other) => other !== flow)
    .flatMap((other) => (other.targetRef ? [other.targetRef] : []));
  const shared = reachable(siblings, { boundaries: true });
  return [...reachable([flow.targetRef], { boundaries: true })].some((node) => !shared.has(node) && isTimerEvent(node));
}

function collectsToleratedMaterials(activity: LintNode): boolean {
  return materialElements(activity).some((material) => material.necessity === 'tolerated');
}

function activityHasTimer(activity: LintNode): boolean {
  for (let scope: LintNode | undefined = activity; scope && is(scope, 'bpmn:Activity'); scope = scope.$parent) {
    if (boundaryEvents(scope).some(isTimerEvent)) return true;
  }
  const racedBy = incomingFlows(activity)
    .map((flow) => flow.sourceRef)
    .filter((source): source is LintNode => !!source && is(source, 'bpmn:EventBasedGateway'));
  return racedBy.some((gateway) => targets(gateway).some(isTimerEvent));
}
