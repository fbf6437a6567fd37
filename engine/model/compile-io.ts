import type { Expression, IoMapping, Mapping } from './types.js';
import type { ModdleElement, ModdleFlowElement, ModdleMapping } from './moddle-types.js';
import { stringProp } from './moddle-types.js';
import { genericChildren, govExtension, zeebeExtension } from './extensions.js';
import { feelOrLiteral, toExpression } from './expression.js';

/** Retries of a job task when the file names none. */
const DEFAULT_RETRIES = 3;

/**
 * Input/output mappings of an activity: `gov:ioMapping` (sources are FEEL, `=` optional), else
 * Camunda 8's `zeebe:ioMapping`. Mappings without a source or target are skipped.
 */
export function compileIoMapping(element: ModdleElement): IoMapping {
  const gov = govExtension<ModdleElement & { inputs?: readonly ModdleMapping[]; outputs?: readonly ModdleMapping[] }>(
    element,
    'gov:IoMapping',
  );
  if (gov)
    return { inputs: mappings(gov.inputs ?? [], toExpression), outputs: mappings(gov.outputs ?? [], toExpression) };
  const zeebe = zeebeExtension(element, 'ioMapping');
  if (zeebe) {
    return {
      inputs: mappings(genericChildren(zeebe, 'input'), zeebeSource),
      outputs: mappings(genericChildren(zeebe, 'output'), zeebeSource),
    };
  }
  return { inputs: [], outputs: [] };
}

/**
 * Handler name (the external workers' topic) and retry budget of a service, send or
 * business-rule task: `gov:taskDefinition`, else `zeebe:taskDefinition`, else Camunda 7's
 * external task (`camunda:type="external" camunda:topic="…"`).
 */
export function compileJobDefinition(element: ModdleElement): { jobType: string; retries: number } {
  const gov = govExtension<ModdleElement & { type?: string; retries?: number }>(element, 'gov:TaskDefinition');
  if (gov) return { jobType: gov.type ?? '', retries: retriesOf(gov.retries) };
  const zeebe = zeebeExtension(element, 'taskDefinition');
  if (zeebe)
    return {
      jobType: stringProp(zeebe, 'type') ?? '',
      retries: retriesOf(Number(stringProp(zeebe, 'retries') ?? DEFAULT_RETRIES)),
    };
  const topic = camundaAttribute(element, 'topic');
  if (topic !== null && (camundaAttribute(element, 'type') ?? 'external') === 'external')
    return { jobType: topic.trim(), retries: DEFAULT_RETRIES };
  return { jobType: '', retries: DEFAULT_RETRIES };
}

/** Namespace URI of Camunda 7 (Camunda Modeler's `camunda:` attributes). */
const CAMUNDA_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';

/** A Camunda 7 attribute of an element (kept by bpmn-moddle in `$attrs`), whatever prefix the file gave it. */
function camundaAttribute(element: ModdleElement, localName: string): string | null {
  const attrs = element.$attrs ?? {};
  for (let scope: ModdleElement | undefined = element; scope; scope = scope.$parent) {
    for (const [key, uri] of Object.entries(scope.$attrs ?? {})) {
      if (!key.startsWith('xmlns:') || uri !== CAMUNDA_NAMESPACE) continue;
      const value = attrs[`${key.slice('xmlns:'.length)}:${localName}`];
      if (typeof value === 'string') return value;
    }
  }
  return null;
}

/** Assignee and candidate groups of a user task: gov attributes, else `zeebe:assignmentDefinition`. */
export function compileAssignment(element: ModdleFlowElement): {
  assignee: Expression | null;
  candidateGroups: Expression | null;
} {
  const zeebe = zeebeExtension(element, 'assignmentDefinition');
  return {
    assignee: feelOrLiteral(element.assignee ?? (zeebe && stringProp(zeebe, 'assignee'))),
    candidateGroups: feelOrLiteral(element.candidateGroups ?? (zeebe && stringProp(zeebe, 'candidateGroups'))),
  };
}

/** The process a call activity starts: `calledElement`, else `zeebe:calledElement processId`. */
export function calledElementOf(element: ModdleFlowElement): string {
  const zeebe = zeebeExtension(element, 'calledElement');
  return (element.calledElement ?? (zeebe && stringProp(zeebe, 'processId')) ?? '').trim();
}

/**
 * Variable propagation of a call activity: all variables flow in when there are no input
 * mappings and all flow back when there are no output mappings, unless zeebe says otherwise.
 */
export function compilePropagation(element: ModdleFlowElement, io: IoMapping): { parent: boolean; child: boolean } {
  const zeebe = zeebeExtension(element, 'calledElement');
  const childFlag = zeebe && stringProp(zeebe, 'propagateAllChildVariables');
  const parentFlag = zeebe && stringProp(zeebe, 'propagateAllParentVariables');
  return {
    parent: parentFlag ? parentFlag === 'true' : io.inputs.length === 0,
    child: childFlag ? childFlag === 'true' : io.outputs.length === 0,
  };
}

/** Zeebe sources are FEEL only with a leading `=`; otherwise a static string value. */
function zeebeSource(source: string): Expression {
  return feelOrLiteral(source) ?? toExpression(source);
}

function mappings(elements: readonly ModdleElement[], expression: (source: string) => Expression): readonly Mapping[] {
  const result: Mapping[] = [];
  for (const element of elements) {
    const source = stringProp(element, 'source');
    const target = stringProp(element, 'target');
    if (source === null || target === null || target.trim() === '') continue;
    result.push({ source: expression(source), target: target.trim() });
  }
  return result;
}

function retriesOf(value: number | undefined): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : DEFAULT_RETRIES;
}
