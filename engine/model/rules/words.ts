import type { FlowNodeKind } from '../types.js';
import type { ModdleElement } from '../moddle-types.js';

/**
 * How findings name things, in both languages: an element by its name (its id when it has
 * none), a flow node by its kind in the words of the modeler's palette.
 */

/** A flow node kind as the Chinese modeler calls it (bpmn-js-i18n-zh's palette words). */
const KIND_ZH: Readonly<Record<FlowNodeKind, string>> = {
  task: '任务',
  userTask: '用户任务',
  manualTask: '手工任务',
  receiveTask: '接收任务',
  serviceTask: '服务任务',
  sendTask: '发送任务',
  businessRuleTask: '业务规则任务',
  callActivity: '调用活动',
  subProcess: '子流程',
  eventSubProcess: '事件子流程',
  exclusiveGateway: '排他网关',
  parallelGateway: '并行网关',
  inclusiveGateway: '包容网关',
  eventBasedGateway: '事件网关',
  startEvent: '开始事件',
  endEvent: '结束事件',
  intermediateCatchEvent: '中间捕获事件',
  intermediateThrowEvent: '中间抛出事件',
  boundaryEvent: '边界事件',
};

/** BPMN element types (moddle `$type`) that are not compiled flow nodes, in Chinese. */
const TYPE_ZH: Readonly<Record<string, string>> = {
  'bpmn:ScriptTask': '脚本任务',
  'bpmn:ComplexGateway': '复杂网关',
  'bpmn:Transaction': '事务子流程',
  'bpmn:AdHocSubProcess': '自由子流程',
  'bpmn:ImplicitThrowEvent': '隐式抛出事件',
  'bpmn:SequenceFlow': '顺序流',
  'bpmn:Process': '流程',
};

/** `服务任务` for a compiled kind. */
export function kindZh(kind: FlowNodeKind): string {
  return KIND_ZH[kind];
}

/** The Chinese word for a moddle element type (`bpmn:ScriptTask` → 脚本任务), else `元素`. */
export function typeZh($type: string): string {
  const known = TYPE_ZH[$type];
  if (known) return known;
  const local = $type.replace(/^bpmn:/, '');
  const kind = (local.charAt(0).toLowerCase() + local.slice(1)) as FlowNodeKind;
  return KIND_ZH[kind] ?? '元素';
}

/** The English word for a moddle element type or compiled kind: `serviceTask` → `service task`. */
export function kindEn(kindOrType: string): string {
  return kindOrType
    .replace(/^bpmn:/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** An element as a finding names it in Chinese: `“名称”`, or `“id”` when it has no name. */
export function nameZh(element: { readonly name?: string | null; readonly id?: string | null }): string {
  const name = element.name?.trim();
  return `“${name ? oneLine(name) : (element.id ?? '?')}”`;
}

/** The same in English: `"name"` or `"id"`. */
export function nameEn(element: { readonly name?: string | null; readonly id?: string | null }): string {
  const name = element.name?.trim();
  return `"${name ? oneLine(name) : (element.id ?? '?')}"`;
}

/** `服务任务“收费”` / `service task "Charge"`: a moddle element by type and name. */
export function describeElement(element: ModdleElement): { readonly zh: string; readonly en: string } {
  return { zh: `${typeZh(element.$type)}${nameZh(element)}`, en: `${kindEn(element.$type)} ${nameEn(element)}` };
}

/** Names drawn on two lines (`Loan Request&#10;Received`) read as one in a message. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
