import { is } from 'bpmnlint-utils';
import type { ModdleElement } from '../model/moddle-types.js';
import { govExtensions } from '../model/extensions.js';
import type { LintNode } from './moddle-node.js';
import { outgoingFlows } from './graph.js';

/**
 * Which steps of a matter's flow the promised time limit (承诺办结时限) covers. The limit runs
 * from 受理 to 办结 (DOMAIN.md: the decision clock starts at 受理, not at 收件; 送达 follows 办结
 * with its own limit), and stops during 特别程序. The flow marks these points as the engine's
 * case layer does:
 * - the acceptance step is named …受理 (受理, 一窗受理, 收件受理): the clock starts when it ends;
 * - 办结 is an exclusive gateway routing on the variable 办结结果, which 办结 sets: what follows
 *   is after the decision;
 * - a 送达 step (named …送达…) delivers the result after 办结;
 * - a step with gov:specialProcedures (特别程序) runs with the clock stopped.
 */

/** The case's clock starts when this step completes. */
export function isAcceptanceStep(node: LintNode): boolean {
  return is(node, 'bpmn:Activity') && /受理$/.test(node.name?.trim() ?? '');
}

/** The point of 办结: the flow beyond it is not within the promised limit. */
export function isConclusion(node: LintNode): boolean {
  return (
    is(node, 'bpmn:ExclusiveGateway') &&
    outgoingFlows(node).some((flow) => /办结结果/.test(flow.conditionExpression?.body ?? ''))
  );
}

/** A delivery step (送达), after 办结. */
export function isDeliveryStep(node: LintNode): boolean {
  return is(node, 'bpmn:Activity') && /送达/.test(node.name ?? '');
}

/** A step with a 特别程序 (gov:specialProcedures): the case's clock stands still meanwhile. */
export function hasSpecialProcedure(node: LintNode): boolean {
  return govExtensions<ModdleElement & { procedures?: readonly ModdleElement[] }>(node, 'gov:SpecialProcedures').some(
    (block) => (block.procedures ?? []).length > 0,
  );
}
