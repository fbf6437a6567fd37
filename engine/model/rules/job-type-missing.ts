import type { BilingualText, Finding, FlowNode } from '../types.js';
import type { CamundaImplementation } from '../extensions.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { camundaImplementation } from '../extensions.js';
import { kindEn, kindZh, nameEn, nameZh } from './words.js';

/**
 * `job-type-missing`: a service, send or business-rule task runs the handler registered in code
 * under its job type (`gov:taskDefinition type`, or `zeebe:taskDefinition`); without one there is
 * nothing to run. A task a Camunda 7 file implements otherwise is told what to use instead: Java
 * code (`camunda:class`, `camunda:expression`, `camunda:delegateExpression`) and DMN decisions
 * become a handler registered in code (the properties panel offers the change in one click). An
 * external task (`camunda:type="external"`) runs as a job of its `camunda:topic` for external
 * workers (compile-io.ts), so it is only reported here when it names no topic.
 */
export const jobTypeMissing: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled, graph } of executable(context)) {
    for (const node of compiled.elements.values()) {
      if (
        (node.kind === 'serviceTask' || node.kind === 'sendTask' || node.kind === 'businessRuleTask') &&
        node.jobType.trim() === ''
      ) {
        const element = graph.nodes.get(node.id)?.element;
        const camunda = element ? camundaImplementation(element) : null;
        findings.push(finding('error', 'job-type-missing', node.id, message(node, camunda)));
      }
    }
  }
  return findings;
};

/** How the Chinese message calls each Camunda 7 implementation (after “Camunda 7 的”). */
const JAVA_ZH: Readonly<Record<Exclude<CamundaImplementation['kind'], 'external'>, string>> = {
  class: ' Java 类',
  expression: '表达式',
  delegateExpression: '委托表达式',
  decisionRef: ' DMN 决策',
};

function message(node: FlowNode, camunda: CamundaImplementation | null): BilingualText {
  const task = { zh: `${kindZh(node.kind)}${nameZh(node)}`, en: `${kindEn(node.kind)} ${nameEn(node)}` };
  const setType = '请在代码中注册处理程序，并在属性面板“服务实现”中填写其处理程序类型';
  if (!camunda)
    return {
      zh: `${task.zh}没有处理程序类型：${setType}`,
      en: `${task.en} has no job type: register a handler in code and set its name as gov:taskDefinition type`,
    };
  if (camunda.kind === 'external')
    return {
      zh: `${task.zh}是 Camunda 7 的外部任务（camunda:type="external"），但没有主题：请填写外部任务的主题（camunda:topic），或在属性面板“服务实现”中填写处理程序类型`,
      en: `${task.en} is a Camunda 7 external task without a topic: set camunda:topic, or a job type (gov:taskDefinition type)`,
    };
  return {
    zh: `${task.zh}由 Camunda 7 的${JAVA_ZH[camunda.kind]}实现（${camunda.attribute}="${camunda.value}"），本引擎不运行 Java 代码：${setType}（属性面板可一键改为“${camunda.suggestedJobType}”）`,
    en: `${task.en} is implemented by Camunda 7 ${camunda.attribute}="${camunda.value}", and no Java code runs here: register a handler in code and set its name as gov:taskDefinition type (e.g. "${camunda.suggestedJobType}")`,
  };
}
