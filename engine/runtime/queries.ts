/** Read-only questions about the model and the state, shared by the element behaviours. */
import type { Activity, BoundaryEvent, CompiledProcess, EventDefinition, FlowNode } from '../model/types.js';
import type { RuntimeState, ElementInstance } from './state.js';

const ACTIVITY_KINDS: ReadonlySet<FlowNode['kind']> = new Set([
  'userTask',
  'manualTask',
  'receiveTask',
  'serviceTask',
  'sendTask',
  'businessRuleTask',
  'task',
  'subProcess',
  'callActivity',
]);

export function isActivity(element: FlowNode): element is Activity {
  return ACTIVITY_KINDS.has(element.kind);
}

/** A parallel or inclusive gateway that merges several incoming flows. */
export function isJoin(element: FlowNode): boolean {
  return (element.kind === 'parallelGateway' || element.kind === 'inclusiveGateway') && element.incoming.length > 1;
}

/** The multi-instance (or loop) body of an inner instance, or null. */
export function bodyOf(state: RuntimeState, instance: ElementInstance): ElementInstance | null {
  const parent = instance.parentId === null ? undefined : state.instances[instance.parentId];
  return parent && parent.elementId === instance.elementId && parent.mi ? parent : null;
}

/** Event sub-processes directly inside the scope an instance stands for. */
export function eventSubProcessesOf(process: CompiledProcess, scope: ElementInstance): readonly string[] {
  if (scope.parentId === null) return process.eventSubProcesses;
  const element = process.elements.get(scope.elementId);
  return element && (element.kind === 'subProcess' || element.kind === 'eventSubProcess')
    ? element.eventSubProcesses
    : [];
}

export function boundaryEventsOf(process: CompiledProcess, activity: Activity): BoundaryEvent[] {
  const result: BoundaryEvent[] = [];
  for (const id of activity.boundaryEvents) {
    const element = process.elements.get(id);
    if (element?.kind === 'boundaryEvent') result.push(element);
  }
  return result;
}

/** Does a catch definition take this thrown error / escalation? null codes catch all. */
export function catches(
  definition: EventDefinition | null,
  type: 'error' | 'escalation',
  code: string,
): 'exact' | 'any' | false {
  if (!definition || definition.type !== type) return false;
  const wanted =
    definition.type === 'error'
      ? definition.errorCode
      : definition.type === 'escalation'
        ? definition.escalationCode
        : null;
  if (wanted === null) return 'any';
  return wanted === code ? 'exact' : false;
}
