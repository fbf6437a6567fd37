import type { BilingualText, Expression, Finding, FlowNode } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { feelSyntaxError, juelToFeel } from '../feel.js';
import { toExpression } from '../expression.js';
import { kindEn, kindZh, nameEn, nameZh } from './words.js';

/**
 * `feel-syntax`: every FEEL expression the runtime will evaluate must parse: conditions, loop
 * cardinality and completion conditions, collections, io-mapping sources, and assignees or
 * candidate groups written as FEEL (leading `=`; without it they are literals). A Camunda 7
 * expression (JUEL, `#{approved}`) is named as such, with the FEEL to write where it is simple.
 */
export const feelSyntax: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled } of executable(context)) {
    for (const flow of compiled.flows.values()) {
      const owner = { zh: `顺序流${nameZh(flow)}`, en: `sequence flow ${nameEn(flow)}` };
      if (flow.condition) check(findings, flow.id, owner, { zh: '条件', en: 'condition' }, flow.condition);
    }
    for (const node of compiled.elements.values()) {
      const owner = { zh: `${kindZh(node.kind)}${nameZh(node)}`, en: `${kindEn(node.kind)} ${nameEn(node)}` };
      for (const [what, expression] of expressionsOf(node)) check(findings, node.id, owner, what, expression);
    }
  }
  return findings;
};

function expressionsOf(node: FlowNode): [BilingualText, Expression | null][] {
  const found: [BilingualText, Expression | null][] = [];
  if ('loop' in node && node.loop?.kind === 'multiInstance') {
    found.push(
      [{ zh: '循环次数', en: 'loopCardinality' }, node.loop.loopCardinality],
      [{ zh: '完成条件', en: 'completionCondition' }, node.loop.completionCondition],
    );
    found.push(
      [{ zh: '输入集合', en: 'input collection' }, node.loop.inputCollection],
      [{ zh: '输出元素', en: 'output element' }, node.loop.outputElement],
    );
  } else if ('loop' in node && node.loop?.kind === 'standardLoop') {
    found.push([{ zh: '循环条件', en: 'loopCondition' }, node.loop.loopCondition]);
  }
  if ('io' in node) {
    for (const mapping of [...node.io.inputs, ...node.io.outputs])
      found.push([{ zh: `变量“${mapping.target}”的映射`, en: `mapping to "${mapping.target}"` }, mapping.source]);
  }
  if (node.kind === 'userTask' || node.kind === 'manualTask') {
    found.push(
      [{ zh: '办理人', en: 'assignee' }, node.assignee],
      [{ zh: '候选岗位', en: 'candidateGroups' }, node.candidateGroups],
    );
  }
  if (node.kind === 'callActivity' && node.calledElement.startsWith('='))
    found.push([{ zh: '被调用流程', en: 'calledElement' }, toExpression(node.calledElement)]);
  return found;
}

function check(
  findings: Finding[],
  elementId: string,
  owner: BilingualText,
  what: BilingualText,
  expression: Expression | null,
): void {
  if (!expression) return;
  const problem = feelSyntaxError(expression.feel);
  if (!problem) return;
  const source = expression.source.trim();
  const juel = juelToFeel(source);
  const zh =
    juel === null
      ? `${owner.zh}的${what.zh}“${source}”不是有效的 FEEL 表达式：${problem.zh}`
      : `${owner.zh}的${what.zh}“${source}”是 Camunda 7 的 JUEL 表达式，这里使用 FEEL：${juel ? `请改写为 ${juel}` : '请改写为 FEEL（以 = 开头）'}`;
  const en =
    juel === null
      ? `${what.en} "${source}" of ${owner.en}: ${problem.en}`
      : `${what.en} "${source}" of ${owner.en} is a Camunda 7 (JUEL) expression; write FEEL${juel ? `: ${juel}` : ''}`;
  findings.push(finding('error', 'feel-syntax', elementId, { zh, en }));
}
