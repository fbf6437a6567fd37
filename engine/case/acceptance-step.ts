/**
 * The window's acceptance step (受理) still open in a case: the task a deemed acceptance
 * (行政许可法 §32) completes on the centre's behalf, so that the flow moves on to 审查.
 */
import type { CompiledDefinition, FlowNode } from '../model/types.js';
import type { CaseState } from './state.js';

/**
 * The open task of a window step (`gov:windowStep`), the earliest if several; in a flow that
 * marks no window step, its only open task (the shipped flows' first task is the acceptance).
 * Undefined when there is none to complete.
 */
export function openAcceptanceStep(definition: CompiledDefinition, state: CaseState): string | undefined {
  const process = definition.processes.get(state.processId);
  if (!process) return undefined;
  const open = Object.values(state.tasks).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const atWindow = open.find((task) => isWindowStep(process.elements.get(task.elementId)));
  if (atWindow) return atWindow.id;
  const marksWindowSteps = [...process.elements.values()].some(isWindowStep);
  return !marksWindowSteps && open.length === 1 ? open[0]?.id : undefined;
}

function isWindowStep(element: FlowNode | undefined): boolean {
  return element !== undefined && 'gov' in element && 'windowStep' in element.gov && element.gov.windowStep;
}
