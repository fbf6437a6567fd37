import type { ModdleFlowElement, ModdleProcess } from '../model/moddle-types.js';

/**
 * A bpmn-moddle flow element as the lint rules read it: the model's shape plus the references
 * bpmn-moddle resolves (incoming and outgoing flows, flow ends, default flow, attachment).
 */
export type LintNode = ModdleFlowElement & {
  readonly incoming?: readonly LintNode[];
  readonly outgoing?: readonly LintNode[];
  readonly sourceRef?: LintNode;
  readonly targetRef?: LintNode;
  readonly default?: LintNode;
  readonly attachedToRef?: LintNode;
  readonly flowElements?: readonly LintNode[];
  readonly $parent?: LintNode;
};

/** A bpmnlint check gets any moddle element; rules read it through this narrowing. */
export function asNode(node: unknown): LintNode | null {
  return typeof node === 'object' && node !== null && typeof (node as { $type?: unknown }).$type === 'string'
    ? (node as LintNode)
    : null;
}

/** The process an element belongs to (through sub-processes), or null (e.g. a collaboration). */
function processOf(node: LintNode): (ModdleProcess & LintNode) | null {
  for (let current: LintNode | undefined = node; current; current = current.$parent) {
    if (current.$type === 'bpmn:Process') return current as ModdleProcess & LintNode;
  }
  return null;
}

/** A process is a matter (事项) when it carries `gov:matterCode`; only matters get our rules. */
export function isMatter(process: ModdleProcess | null): boolean {
  return typeof process?.matterCode === 'string' && process.matterCode.trim() !== '';
}

/** Whether the element sits in a matter's process. */
export function inMatter(node: LintNode): boolean {
  return isMatter(processOf(node));
}

/**
 * A matter's 办件类型 as its process declares it (`gov:caseType`, the code of its matter file's
 * `caseType`): 1 即办件, 2 承诺件, 9 其他. Absent: not declared, treated as 承诺件 would be.
 */
export const CASE_TYPE_CODES = ['1', '2', '9'] as const;

/**
 * Whether the element sits in the process of a 即办件 (`gov:caseType="1"`): decided on the spot,
 * so its steps need no time limit. The lint reads this from the BPMN alone because it runs where
 * no matter file is at hand (the modeler, deploy of a definition before its matter, `matterflow
 * lint`); the case itself goes by the caseType of the matter version it was received under.
 */
export function inImmediateMatter(node: LintNode): boolean {
  return processOf(node)?.caseType?.trim() === '1';
}

/** How an element is named in a message: its name, else its id. */
export function label(node: LintNode): string {
  const name = node.name?.trim();
  return name ? `“${name}”` : `“${node.id ?? '?'}”`;
}
