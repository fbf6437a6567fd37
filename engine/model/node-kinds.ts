import type { BilingualText, EventDefinitionType, FlowNodeKind } from './types.js';
import type { ModdleEventDefinition, ModdleFlowElement } from './moddle-types.js';

/** The kind of container an element sits in; it decides which start events are allowed. */
export type ScopeKind = 'process' | 'subProcess' | 'eventSubProcess';

/** What the compiled types can make of a moddle flow element. */
export type NodeClass =
  | { readonly supported: true; readonly kind: FlowNodeKind }
  | { readonly supported: false; readonly reason: BilingualText };

const SIMPLE_KINDS: Readonly<Record<string, FlowNodeKind>> = {
  'bpmn:Task': 'task',
  'bpmn:UserTask': 'userTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
};

/** Flow nodes the engine refuses, with the reason shown to the process administrator. */
const UNSUPPORTED: Readonly<Record<string, BilingualText>> = {
  'bpmn:ScriptTask': {
    zh: '按设计不执行脚本任务（引擎不运行管理员写下的代码）：请改用服务任务，由代码中注册的处理程序完成',
    en: 'script tasks are not executed by design (no administrator-typed code runs in the engine); use a service task with a handler registered in code',
  },
  'bpmn:ComplexGateway': {
    zh: '不支持复杂网关：请改用排他、并行或包容网关',
    en: 'complex gateways are not supported; use exclusive, parallel or inclusive gateways',
  },
  'bpmn:Transaction': {
    zh: '不支持事务子流程（取消与补偿）',
    en: 'transaction sub-processes (with cancel and compensation) are not supported',
  },
  'bpmn:AdHocSubProcess': { zh: '不支持自由子流程', en: 'ad-hoc sub-processes are not supported' },
  'bpmn:ImplicitThrowEvent': { zh: '不支持隐式抛出事件', en: 'implicit throw events are not supported' },
};

/** Event definitions and event kinds in Chinese, for the reasons below. */
const DEFINITION_ZH: Readonly<Record<string, string>> = {
  none: '空白',
  message: '消息',
  timer: '定时',
  signal: '信号',
  error: '错误',
  escalation: '升级',
  terminate: '终止',
  link: '链接',
  conditional: '条件',
  compensate: '补偿',
  cancel: '取消',
};
const EVENT_ZH: Readonly<Record<string, string>> = {
  startEvent: '开始事件',
  eventSubProcessStart: '事件子流程开始事件',
  endEvent: '结束事件',
  intermediateCatchEvent: '中间捕获事件',
  intermediateThrowEvent: '中间抛出事件',
  boundaryEvent: '边界事件',
};

/** BPMN event definition types the compiled model represents. */
export const EVENT_DEFINITION_TYPES: Readonly<Record<string, EventDefinitionType>> = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:LinkEventDefinition': 'link',
};

type EventKind = 'startEvent' | 'endEvent' | 'intermediateCatchEvent' | 'intermediateThrowEvent' | 'boundaryEvent';

const EVENT_KINDS: Readonly<Record<string, EventKind>> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
};

/** Which event definitions each event kind may carry; `none` = no definition at all. */
const ALLOWED: Readonly<
  Record<EventKind | 'subProcessStart' | 'eventSubProcessStart', readonly (EventDefinitionType | 'none')[]>
> = {
  startEvent: ['none', 'message', 'timer', 'signal'],
  subProcessStart: ['none'],
  eventSubProcessStart: ['message', 'timer', 'signal', 'error', 'escalation'],
  endEvent: ['none', 'message', 'signal', 'error', 'escalation', 'terminate'],
  intermediateCatchEvent: ['message', 'timer', 'signal', 'link'],
  intermediateThrowEvent: ['none', 'message', 'signal', 'escalation', 'link'],
  boundaryEvent: ['message', 'timer', 'signal', 'error', 'escalation'],
};

/**
 * Classifies a moddle flow element: a supported flow node kind, an unsupported one (with why),
 * or null for things that are not flow nodes (sequence flows, data objects, data stores).
 */
export function classifyNode(element: ModdleFlowElement, scope: ScopeKind): NodeClass | null {
  const simple = SIMPLE_KINDS[element.$type];
  if (simple) return { supported: true, kind: simple };
  const refused = UNSUPPORTED[element.$type];
  if (refused) return { supported: false, reason: refused };
  if (element.$type === 'bpmn:SubProcess') {
    return { supported: true, kind: element.triggeredByEvent === true ? 'eventSubProcess' : 'subProcess' };
  }
  const eventKind = EVENT_KINDS[element.$type];
  return eventKind ? classifyEvent(element, eventKind, scope) : null;
}

function classifyEvent(element: ModdleFlowElement, kind: EventKind, scope: ScopeKind): NodeClass {
  const definitions: readonly ModdleEventDefinition[] = element.eventDefinitions ?? [];
  if (definitions.length > 1)
    return {
      supported: false,
      reason: {
        zh: '不支持带多个事件定义的事件（多重事件）',
        en: 'events with several event definitions (multiple events) are not supported',
      },
    };
  const definition = definitions[0];
  const type = definition ? EVENT_DEFINITION_TYPES[definition.$type] : 'none';
  const label = definition
    ? definition.$type.replace('bpmn:', '').replace('EventDefinition', '').toLowerCase()
    : 'none';
  const allowedKey =
    kind === 'startEvent' && scope !== 'process'
      ? scope === 'subProcess'
        ? 'subProcessStart'
        : 'eventSubProcessStart'
      : kind;
  if (!type || !ALLOWED[allowedKey].includes(type)) {
    return {
      supported: false,
      reason: {
        zh:
          allowedKey === 'subProcessStart'
            ? `子流程只能从空白开始事件开始，不能用${DEFINITION_ZH[label] ?? label}开始事件`
            : `不支持${DEFINITION_ZH[label] ?? label}${EVENT_ZH[allowedKey] ?? '事件'}`,
        en: `${label} ${readable(allowedKey)} events are not supported`,
      },
    };
  }
  return { supported: true, kind };
}

function readable(key: string): string {
  return key
    .replace(/([A-Z])/g, ' $1')
    .replace(/ event$/i, '')
    .toLowerCase()
    .trim();
}
