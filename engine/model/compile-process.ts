import type { CompiledProcess, FlowNode, SequenceFlow } from './types.js';
import type { ModdleProcess } from './moddle-types.js';
import type { NodeLinks } from './compile-node.js';
import type { ProcessGraph } from './compile-scope.js';
import { collectGraph } from './compile-scope.js';
import { compileNode, containerParts } from './compile-node.js';
import { compileGovProcess } from './compile-gov.js';
import { formalExpression } from './expression.js';
import { computeReachability } from './reachability.js';
import { MODEL_LIMITS } from './limits.js';

/** A compiled process with the raw graph it came from (validation reads the graph). */
export interface ProcessCompilation {
  readonly compiled: CompiledProcess;
  readonly graph: ProcessGraph;
  readonly moddle: ModdleProcess;
}

/**
 * Compiles one process: every supported flow node and the sequence flows between them, plus the
 * precomputed scopes, starts, boundary attachments, link targets and reachability. Elements the
 * model cannot represent are left out (validation reports them); this never throws.
 */
export function compileProcess(process: ModdleProcess): ProcessCompilation {
  const graph = collectGraph(process);
  const processId = process.id ?? '';
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  const flows = new Map<string, SequenceFlow>();
  for (const { element, id } of graph.flows) {
    const sourceId = element.sourceRef?.id;
    const targetId = element.targetRef?.id;
    if (!sourceId || !targetId || !graph.nodes.has(sourceId) || !graph.nodes.has(targetId)) continue;
    flows.set(id, {
      id,
      name: element.name ?? null,
      sourceId,
      targetId,
      condition: formalExpression(element.conditionExpression),
    });
    push(outgoing, sourceId, id);
    push(incoming, targetId, id);
  }
  const boundaries = new Map<string, string[]>();
  for (const node of graph.nodes.values()) {
    const attachedTo = node.element.attachedToRef?.id;
    if (node.kind === 'boundaryEvent' && attachedTo && graph.nodes.has(attachedTo))
      push(boundaries, attachedTo, node.id);
  }
  const links: NodeLinks = {
    nodes: graph.nodes,
    scopes: graph.scopes,
    incoming: (id) => incoming.get(id) ?? [],
    outgoing: (id) => outgoing.get(id) ?? [],
    boundaryEvents: (id) => boundaries.get(id) ?? [],
  };
  const elements = new Map<string, FlowNode>();
  for (const node of graph.nodes.values()) elements.set(node.id, compileNode(node, links));
  const parts = containerParts(processId, links);
  const compiled: CompiledProcess = {
    id: processId,
    name: process.name ?? null,
    isExecutable: process.isExecutable === true,
    elements,
    flows,
    children: parts.children,
    noneStart: parts.noneStart,
    eventStarts: parts.children.filter((id) => isEventStart(elements.get(id))),
    eventSubProcesses: parts.eventSubProcesses,
    linkTargets: linkTargets(elements),
    reachable: reachability(graph, flows, links),
    gov: compileGovProcess(process),
  };
  return { compiled, graph, moddle: process };
}

function isEventStart(node: FlowNode | undefined): boolean {
  return node?.kind === 'startEvent' && node.eventDefinition !== null;
}

function linkTargets(elements: ReadonlyMap<string, FlowNode>): Map<string, Map<string, string>> {
  const targets = new Map<string, Map<string, string>>();
  for (const node of elements.values()) {
    if (node.kind !== 'intermediateCatchEvent' || node.eventDefinition.type !== 'link') continue;
    const byName = targets.get(node.scopeId) ?? new Map<string, string>();
    if (!byName.has(node.eventDefinition.linkName)) byName.set(node.eventDefinition.linkName, node.id);
    targets.set(node.scopeId, byName);
  }
  return targets;
}

/** Reachability per scope; a scope over the size limit gets none (validation refuses it). */
function reachability(
  graph: ProcessGraph,
  flows: ReadonlyMap<string, SequenceFlow>,
  links: NodeLinks,
): Map<string, ReadonlySet<string>> {
  const successors = (id: string): readonly string[] => [
    ...links.outgoing(id).flatMap((flowId) => {
      const target = flows.get(flowId)?.targetId;
      return target ? [target] : [];
    }),
    ...links.boundaryEvents(id),
  ];
  const result = new Map<string, ReadonlySet<string>>();
  for (const scope of graph.scopes.values()) {
    if (scope.children.length > MODEL_LIMITS.maxNodesPerScope) {
      for (const id of scope.children) result.set(id, new Set());
      continue;
    }
    for (const [id, reached] of computeReachability(scope.children, successors)) result.set(id, reached);
  }
  return result;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
