import type { BoundaryEvent, EventDefinition, FlowNode, Gateway, JobTask, UserTask } from './types.js';
import type { RawNode, RawScope } from './compile-scope.js';
import { compileEventDefinition } from './compile-events.js';
import { compileGovActivity } from './compile-gov.js';
import {
  calledElementOf,
  compileAssignment,
  compileIoMapping,
  compileJobDefinition,
  compilePropagation,
} from './compile-io.js';
import { compileLoop } from './compile-loop.js';

/** What a node needs from the rest of its process to be compiled. */
export interface NodeLinks {
  readonly nodes: ReadonlyMap<string, RawNode>;
  readonly scopes: ReadonlyMap<string, RawScope>;
  readonly incoming: (id: string) => readonly string[];
  readonly outgoing: (id: string) => readonly string[];
  readonly boundaryEvents: (id: string) => readonly string[];
}

/** Compiles one supported flow node into its executable form. */
export function compileNode(raw: RawNode, links: NodeLinks): FlowNode {
  const { element } = raw;
  const base = {
    id: raw.id,
    name: element.name ?? null,
    scopeId: raw.scopeId,
    incoming: links.incoming(raw.id),
    outgoing: links.outgoing(raw.id),
  };
  const activity = () => {
    const io = compileIoMapping(element);
    return {
      ...base,
      boundaryEvents: links.boundaryEvents(raw.id),
      loop: compileLoop(element.loopCharacteristics),
      io,
      gov: compileGovActivity(element),
    };
  };
  const definition = (): EventDefinition | null => compileEventDefinition(element);
  switch (raw.kind) {
    case 'startEvent':
      return {
        ...base,
        kind: 'startEvent',
        eventDefinition: definition(),
        interrupting: element.isInterrupting !== false,
      };
    case 'endEvent':
      return { ...base, kind: 'endEvent', eventDefinition: definition() };
    case 'intermediateThrowEvent':
      return { ...base, kind: 'intermediateThrowEvent', eventDefinition: definition() };
    case 'intermediateCatchEvent':
      return { ...base, kind: 'intermediateCatchEvent', eventDefinition: definition() ?? placeholder };
    case 'boundaryEvent':
      return boundary(base, element.attachedToRef?.id ?? '', element.cancelActivity !== false, definition());
    case 'userTask':
    case 'manualTask':
      return { ...activity(), kind: raw.kind, ...compileAssignment(element) } satisfies UserTask;
    case 'receiveTask':
      return {
        ...activity(),
        kind: 'receiveTask',
        messageName: element.messageRef?.name?.trim() || element.messageRef?.id || '',
      };
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask':
      return { ...activity(), kind: raw.kind, ...compileJobDefinition(element) } satisfies JobTask;
    case 'task':
      return { ...activity(), kind: 'task' };
    case 'callActivity': {
      const compiled = activity();
      const propagation = compilePropagation(element, compiled.io);
      return {
        ...compiled,
        kind: 'callActivity',
        calledElement: calledElementOf(element),
        propagateAllParentVariables: propagation.parent,
        propagateAllChildVariables: propagation.child,
      };
    }
    case 'subProcess':
      return { ...activity(), kind: 'subProcess', ...containerParts(raw.id, links) };
    case 'eventSubProcess': {
      const parts = containerParts(raw.id, links);
      const start = firstStart(raw.id, links);
      return {
        ...base,
        kind: 'eventSubProcess',
        children: parts.children,
        start: start?.id ?? '',
        interrupting: start?.element.isInterrupting !== false,
        eventSubProcesses: parts.eventSubProcesses,
        gov: compileGovActivity(element),
      };
    }
    case 'exclusiveGateway':
    case 'parallelGateway':
    case 'inclusiveGateway':
    case 'eventBasedGateway':
      return { ...base, kind: raw.kind, default: element.default?.id ?? null } satisfies Gateway;
  }
}

/** Stands in for a missing definition on a catch event that validation has already refused. */
const placeholder: EventDefinition = { type: 'signal', signalName: '' };

function boundary(
  base: Omit<BoundaryEvent, 'kind' | 'attachedTo' | 'cancelActivity' | 'eventDefinition'>,
  attachedTo: string,
  cancelActivity: boolean,
  definition: EventDefinition | null,
): BoundaryEvent {
  return { ...base, kind: 'boundaryEvent', attachedTo, cancelActivity, eventDefinition: definition ?? placeholder };
}

/** Children, none start and event sub-processes of a process or sub-process scope. */
export function containerParts(
  scopeId: string,
  links: NodeLinks,
): { children: readonly string[]; noneStart: string | null; eventSubProcesses: readonly string[] } {
  const children = links.scopes.get(scopeId)?.children ?? [];
  const kinds = children.map((id) => links.nodes.get(id));
  const noneStart = kinds.find(
    (node) => node?.kind === 'startEvent' && (node.element.eventDefinitions ?? []).length === 0,
  );
  return {
    children: [...children],
    noneStart: noneStart?.id ?? null,
    eventSubProcesses: kinds.flatMap((node) => (node?.kind === 'eventSubProcess' ? [node.id] : [])),
  };
}

function firstStart(scopeId: string, links: NodeLinks): RawNode | undefined {
  const children = links.scopes.get(scopeId)?.children ?? [];
  return children.map((id) => links.nodes.get(id)).find((node) => node?.kind === 'startEvent');
}
