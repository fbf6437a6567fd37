import type { BilingualText, FlowNodeKind } from './types.js';
import type { ModdleFlowElement, ModdleProcess } from './moddle-types.js';
import type { ScopeKind } from './node-kinds.js';
import { classifyNode } from './node-kinds.js';

/** A supported flow node found in a process, with the scope it sits in. */
export interface RawNode {
  readonly element: ModdleFlowElement;
  readonly id: string;
  readonly kind: FlowNodeKind;
  readonly scopeId: string;
}

/** An element the compiled model cannot represent; validation reports it. */
interface RawUnsupported {
  readonly element: ModdleFlowElement;
  readonly reason: BilingualText;
  readonly scopeId: string;
}

/** A process or (event) sub-process and the ids of the flow nodes directly inside it. */
export interface RawScope {
  readonly id: string;
  readonly kind: ScopeKind;
  readonly element: ModdleFlowElement;
  readonly children: string[];
}

/** Everything in one process, flattened: nodes, flows and scopes in document order. */
export interface ProcessGraph {
  readonly nodes: Map<string, RawNode>;
  readonly flows: { readonly element: ModdleFlowElement; readonly id: string; readonly scopeId: string }[];
  readonly scopes: Map<string, RawScope>;
  readonly unsupported: RawUnsupported[];
  /** Flow elements without an id: they cannot be referenced, so they cannot run. */
  readonly anonymous: ModdleFlowElement[];
}

/** Walks a process and its sub-processes, classifying every flow element. */
export function collectGraph(process: ModdleProcess): ProcessGraph {
  const graph: ProcessGraph = { nodes: new Map(), flows: [], scopes: new Map(), unsupported: [], anonymous: [] };
  visitScope(graph, process, process.id ?? '', 'process');
  return graph;
}

function visitScope(graph: ProcessGraph, container: ModdleFlowElement, scopeId: string, kind: ScopeKind): void {
  const scope: RawScope = { id: scopeId, kind, element: container, children: [] };
  graph.scopes.set(scopeId, scope);
  for (const element of container.flowElements ?? []) {
    if (element.$type === 'bpmn:SequenceFlow') {
      if (element.id) graph.flows.push({ element, id: element.id, scopeId });
      else graph.anonymous.push(element);
      continue;
    }
    const found = classifyNode(element, kind);
    if (!found) continue;
    if (!element.id) {
      graph.anonymous.push(element);
    } else if (!found.supported) {
      graph.unsupported.push({ element, reason: found.reason, scopeId });
    } else if (!graph.nodes.has(element.id)) {
      graph.nodes.set(element.id, { element, id: element.id, kind: found.kind, scopeId });
      scope.children.push(element.id);
      if (found.kind === 'subProcess' || found.kind === 'eventSubProcess')
        visitScope(graph, element, element.id, found.kind);
    }
  }
}
