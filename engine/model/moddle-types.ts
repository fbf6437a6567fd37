/**
 * Minimal shapes of the bpmn-moddle objects the model layer reads.
 *
 * bpmn-moddle builds untyped object trees; these interfaces name only the properties we use,
 * all optional, so that every read is checked. Gov attributes appear as plain properties because
 * the `gov` descriptor extends the BPMN types (see gov-descriptor.json).
 */

/** Namespace information moddle keeps on every element, known or generic. */
interface ModdleDescriptor {
  readonly ns?: { readonly prefix?: string; readonly localName?: string; readonly uri?: string };
}

/** Any moddle element: BPMN, gov, or a generic element of an unknown namespace. */
export interface ModdleElement {
  readonly $type: string;
  readonly $parent?: ModdleElement;
  readonly $descriptor?: ModdleDescriptor;
  readonly $attrs?: Readonly<Record<string, string>>;
  /** Children of a generic (unknown-namespace) element. */
  readonly $children?: readonly ModdleElement[];
  readonly id?: string;
  readonly name?: string;
  readonly extensionElements?: { readonly values?: readonly ModdleElement[] };
}

/** `bpmn:FormalExpression` (conditions, timer values, cardinalities). */
export interface ModdleExpression extends ModdleElement {
  readonly body?: string;
  readonly language?: string;
}

export interface ModdleEventDefinition extends ModdleElement {
  readonly messageRef?: ModdleElement;
  readonly signalRef?: ModdleElement;
  readonly errorRef?: ModdleElement & { readonly errorCode?: string };
  readonly escalationRef?: ModdleElement & { readonly escalationCode?: string };
  readonly timeDuration?: ModdleExpression;
  readonly timeDate?: ModdleExpression;
  readonly timeCycle?: ModdleExpression;
  /** gov:limit / gov:limitUnit on a timer. */
  readonly limit?: number;
  readonly limitUnit?: string;
}

export interface ModdleLoop extends ModdleElement {
  readonly isSequential?: boolean;
  readonly loopCardinality?: ModdleExpression;
  readonly completionCondition?: ModdleExpression;
  readonly loopCondition?: ModdleExpression;
  readonly testBefore?: boolean;
  readonly loopMaximum?: number;
  readonly collection?: string;
  readonly elementVariable?: string;
  readonly outputCollection?: string;
  readonly outputElement?: string;
}

/** Gov attributes on activities (GovActivity, GovAssignment in the descriptor). */
interface ModdleGovActivityAttrs {
  readonly department?: string;
  readonly leadDepartment?: string;
  readonly windowStep?: boolean;
  readonly timeLimit?: number;
  readonly timeLimitUnit?: string;
  readonly countersign?: string;
  readonly passRatio?: number;
  readonly assignee?: string;
  readonly candidateGroups?: string;
}

/** Any flow element (node or sequence flow) and the containers (process, sub-process). */
export interface ModdleFlowElement extends ModdleElement, ModdleGovActivityAttrs {
  readonly flowElements?: readonly ModdleFlowElement[];
  readonly sourceRef?: ModdleFlowElement;
  readonly targetRef?: ModdleFlowElement;
  readonly conditionExpression?: ModdleExpression;
  readonly default?: ModdleFlowElement;
  readonly attachedToRef?: ModdleFlowElement;
  readonly cancelActivity?: boolean;
  readonly isInterrupting?: boolean;
  readonly triggeredByEvent?: boolean;
  readonly eventDefinitions?: readonly ModdleEventDefinition[];
  readonly loopCharacteristics?: ModdleLoop;
  readonly calledElement?: string;
  readonly messageRef?: ModdleElement;
  readonly dataInputAssociations?: readonly ModdleElement[];
  readonly dataOutputAssociations?: readonly ModdleElement[];
}

export interface ModdleProcess extends ModdleFlowElement {
  readonly isExecutable?: boolean;
  readonly matterCode?: string;
  /** gov:caseType, the matter's 办件类型 as its flow declares it: "1" 即办件, "2" 承诺件, "9" 其他. */
  readonly caseType?: string;
  readonly promisedLimit?: number;
  readonly promisedLimitUnit?: string;
}

export interface ModdleDefinitions extends ModdleElement {
  readonly rootElements?: readonly ModdleElement[];
}

/** gov:Material inside gov:Materials. */
export interface ModdleMaterial extends ModdleElement {
  readonly necessity?: string;
  readonly source?: string;
}

/** A gov:Input / gov:Output, or the generic zeebe:input / zeebe:output. */
export interface ModdleMapping extends ModdleElement {
  readonly source?: string;
  readonly target?: string;
}

/** Reads a property that moddle may or may not have set, without trusting its type. */
function prop(element: ModdleElement, key: string): unknown {
  return (element as unknown as Record<string, unknown>)[key];
}

/** A string property, or null when absent or not a string. */
export function stringProp(element: ModdleElement, key: string): string | null {
  const value = prop(element, key);
  return typeof value === 'string' ? value : null;
}
