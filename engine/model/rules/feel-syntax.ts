import type { Expression, Finding, FlowNode } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { feelSyntaxError } from '../feel.js';
import { toExpression } from '../expression.js';

/**
 * `feel-syntax`: every FEEL expression the runtime will evaluate must parse: conditions, loop
 * cardinality and completion conditions, collections, io-mapping sources, and assignees or
 * candidate groups written as FEEL (leading `=`; without it they are literals).
 */
export const feelSyntax: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled } of executable(context)) {
    for (const flow of compiled.flows.values()) {
      if (flow.condition) check(findings, flow.id, 'condition', flow.condition);
    }
    for (const node of compiled.elements.values()) {
      for (const [what, expression] of expressionsOf(node)) check(findings, node.id, what, expression);
    }
  }
  return findings;
};

function expressionsOf(node: FlowNode): [string, Expression | null][] {
  const found: [string, Expression | null][] = [];
  if ('loop' in node && node.loop?.kind === 'multiInstance') {
    found.push(['loopCardinality', node.loop.loopCardinality], ['completionCondition', node.loop.completionCondition]);
    found.push(['input collection', node.loop.inputCollection], ['output element', node.loop.outputElement]);
  } else if ('loop' in node && node.loop?.kind === 'standardLoop') {
    found.push(['loopCondition', node.loop.loopCondition]);
  }
  if ('io' in node) {
    for (const mapping of [...node.io.inputs, ...node.io.outputs])
      found.push([`mapping to "${mapping.target}"`, mapping.source]);
  }
  if (node.kind === 'userTask' || node.kind === 'manualTask') {
    found.push(['assignee', node.assignee], ['candidateGroups', node.candidateGroups]);
  }
  if (node.kind === 'callActivity' && node.calledElement.startsWith('='))
    found.push(['calledElement', toExpression(node.calledElement)]);
  return found;
}

function check(findings: Finding[], elementId: string, what: string, expression: Expression | null): void {
  if (!expression) return;
  const problem = feelSyntaxError(expression.feel);
  if (problem) findings.push(finding('error', 'feel-syntax', elementId, `${what} "${expression.source}": ${problem}`));
}
