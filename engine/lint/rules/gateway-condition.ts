import type { LintReporter, LintRule } from 'bpmnlint';
import { isAny } from 'bpmnlint-utils';
import { asNode, inMatter, label } from '../moddle-node.js';
import { outgoingFlows } from '../graph.js';

/**
 * `matterflow/gateway-condition`: in a matter, an exclusive or inclusive gateway that splits
 * (several outgoing flows) has a condition on every outgoing flow except its default flow;
 * otherwise which way a case goes is undefined. Reports the gateway, naming the bare flows.
 */
export default function gatewayCondition(): LintRule {
  return {
    check(element: unknown, reporter: LintReporter) {
      const node = asNode(element);
      if (!node || !isAny(node, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway']) || !inMatter(node)) return;
      const outgoing = outgoingFlows(node);
      if (outgoing.length < 2) return;
      const bare = outgoing.filter((flow) => flow !== node.default && !flow.conditionExpression);
      if (bare.length === 0) return;
      const kind = isAny(node, ['bpmn:ExclusiveGateway']) ? '排他网关' : '包容网关';
      const flows = bare.map((flow) => `“${flow.name?.trim() || flow.id}”`).join('、');
      const advice = node.default ? '请为其设置条件' : '请为其设置条件，或将其中一条设为默认流';
      reporter.report(node.id ?? '', `${kind}${label(node)}的出口顺序流 ${flows} 既无条件也不是默认流：${advice}`);
    },
  };
}
