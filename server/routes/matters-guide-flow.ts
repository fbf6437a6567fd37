/**
 * The flow as a citizen sees it in the 办事指南: the diagram without the internals an administrator
 * put in the BPMN file (notes, conditions, candidate groups, input/output mappings, gov
 * attributes), and the list of its steps with the department and the time limit of each.
 */
import { BpmnModdle } from 'bpmn-moddle';
import { loadDefinition } from '../../engine/model/index.js';
import type { FlowNode } from '../../engine/model/index.js';

/** Properties that hold implementation detail, never drawn as a shape of their own. */
const INTERNAL_PROPERTIES = [
  'documentation',
  'extensionElements',
  'conditionExpression',
  'completionCondition',
  'loopCardinality',
  'loopCondition',
  'loopDataInputRef',
  'loopDataOutputRef',
  'inputDataItem',
  'outputDataItem',
  'timeDuration',
  'timeDate',
  'timeCycle',
  'resources',
  'ioSpecification',
  'script',
  'implementation',
  'operationRef',
] as const;

type ModdleObject = Record<string, unknown> & { $attrs?: Record<string, unknown> };

/**
 * The BPMN XML with every internal detail removed: the shapes, names, sequence flows and the
 * diagram stay (what bpmn-js draws); documentation, extension elements and attributes of other
 * namespaces, conditions, loop and timer expressions, resources and i/o go.
 */
export async function publicFlowXml(xml: string): Promise<string> {
  const moddle = new BpmnModdle();
  const { rootElement } = await moddle.fromXML(xml);
  const seen = new Set<unknown>();
  const scrub = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) scrub(item);
      return;
    }
    const object = value as ModdleObject;
    for (const property of INTERNAL_PROPERTIES) if (property in object) delete object[property];
    const attrs = object.$attrs;
    if (attrs) for (const key of Object.keys(attrs)) if (!key.startsWith('xmlns')) delete attrs[key];
    for (const key of Object.keys(object)) if (!key.startsWith('$')) scrub(object[key]);
  };
  scrub(rootElement);
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

/** One step of the flow as the guide lists it. */
export interface GuideStep {
  readonly id: string;
  readonly name: string;
  readonly kind: '办理环节' | '关联事项' | '阶段';
  readonly department?: string;
  readonly limit?: { readonly amount: number; readonly unit: string; readonly text: string };
}

const STEP_KINDS: Partial<Record<FlowNode['kind'], GuideStep['kind']>> = {
  userTask: '办理环节',
  manualTask: '办理环节',
  task: '办理环节',
  callActivity: '关联事项',
  subProcess: '阶段',
};

/**
 * The named steps of `processId`, in the order a case meets them (breadth first from the start
 * along the sequence flows, a stage's inner steps after the stage), or null when the file does
 * not load.
 */
export async function guideSteps(
  xml: string,
  processId: string,
  knownProcessIds: ReadonlySet<string>,
): Promise<GuideStep[] | null> {
  const loaded = await loadDefinition(xml, { knownProcessIds });
  if (!loaded.ok) return null;
  const process = loaded.definition.processes.get(processId);
  if (!process) return null;
  const steps: GuideStep[] = [];
  const visited = new Set<string>();
  const bfs = (start: string) => {
    const queue = [start];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (visited.has(id)) continue;
      visited.add(id);
      const element = process.elements.get(id);
      if (!element) continue;
      const step = stepOf(element);
      if (step) steps.push(step);
      if (element.kind === 'subProcess') walk(element.noneStart, element.children);
      for (const flowId of element.outgoing) {
        const target = process.flows.get(flowId)?.targetId;
        if (target && !visited.has(target)) queue.push(target);
      }
    }
  };
  /** From the scope's start first; then whatever the start does not reach (event starts, event sub-processes). */
  function walk(start: string | null, children: readonly string[]): void {
    if (start) bfs(start);
    for (const child of children) if (!visited.has(child)) bfs(child);
  }
  walk(process.noneStart, process.children);
  return steps;
}

function stepOf(element: FlowNode): GuideStep | null {
  const kind = STEP_KINDS[element.kind];
  if (!kind || !element.name || !('gov' in element)) return null;
  const { department, timeLimit } = element.gov;
  return {
    id: element.id,
    name: element.name,
    kind,
    ...(department ? { department } : {}),
    ...(timeLimit
      ? { limit: { amount: timeLimit.amount, unit: timeLimit.unit, text: `${timeLimit.amount}个${timeLimit.unit}` } }
      : {}),
  };
}
