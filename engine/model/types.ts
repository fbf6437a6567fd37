/**
 * The compiled, executable form of a BPMN definition.
 *
 * The model layer turns BPMN XML (bpmn-moddle + the `gov` extension) into these immutable
 * structures once per content hash; the runtime only ever walks them. Everything the runtime
 * needs is precomputed here (scopes, boundary attachments, reachability for inclusive joins),
 * so that executing a command never touches XML or moddle objects.
 */

/** A FEEL expression as written (`source`) and as handed to feelin (`feel`, leading `=` removed). */
export interface Expression {
  readonly source: string;
  readonly feel: string;
}

/** Units a gov time limit can be given in (DOMAIN.md, 法定/承诺办结时限). */
export const TIME_LIMIT_UNITS = ['工作日', '自然日', '小时(工作日)', '小时(自然日)'] as const;
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];

export interface TimeLimit {
  readonly amount: number;
  readonly unit: TimeLimitUnit;
}

/** Countersign kinds: 会签 (all), 或签 (any one), 票签 (a pass ratio). */
export const COUNTERSIGN_KINDS = ['会签', '或签', '票签'] as const;
export type CountersignKind = (typeof COUNTERSIGN_KINDS)[number];

export const MATERIAL_NECESSITIES = ['required', 'tolerated', 'optional'] as const;
/** required = 必要 (core); tolerated = 容缺-eligible; optional = 非必要. */
export type MaterialNecessity = (typeof MATERIAL_NECESSITIES)[number];

export interface Material {
  readonly id: string | null;
  readonly name: string;
  readonly necessity: MaterialNecessity;
  readonly source: 'applicant' | 'shared';
}

/** Gov attributes of an activity (task, sub-process, call activity). */
export interface GovActivity {
  readonly department: string | null;
  readonly leadDepartment: string | null;
  /**
   * 窗口环节: a step the centre's window officers handle (收件受理, 出件, 送达), not a department's.
   * Window officers act only on these; department officers never on them unless the step is theirs.
   */
  readonly windowStep: boolean;
  readonly timeLimit: TimeLimit | null;
  readonly countersign: { readonly kind: CountersignKind; readonly passRatio: number | null } | null;
  readonly materials: readonly Material[];
  readonly specialProcedures: readonly string[];
}

/** Gov attributes of a process. */
export interface GovProcess {
  readonly matterCode: string | null;
  readonly promisedLimit: TimeLimit | null;
  readonly materials: readonly Material[];
  readonly specialProcedures: readonly string[];
}

export interface Mapping {
  readonly source: Expression;
  readonly target: string;
}

export interface IoMapping {
  readonly inputs: readonly Mapping[];
  readonly outputs: readonly Mapping[];
}

/** When a timer fires. Expressions may be FEEL (leading `=`) or literals. */
export type TimerDefinition =
  | { readonly kind: 'duration'; readonly expression: Expression }
  | { readonly kind: 'date'; readonly expression: Expression }
  | { readonly kind: 'cycle'; readonly expression: Expression }
  /** A gov time limit (e.g. 5 工作日), computed with the working-day calendar. */
  | { readonly kind: 'limit'; readonly limit: TimeLimit };

export type EventDefinition =
  | { readonly type: 'message'; readonly messageName: string }
  | { readonly type: 'timer'; readonly timer: TimerDefinition }
  | { readonly type: 'signal'; readonly signalName: string }
  /** `errorCode` null catches every error. */
  | { readonly type: 'error'; readonly errorCode: string | null }
  /** `escalationCode` null catches every escalation. */
  | { readonly type: 'escalation'; readonly escalationCode: string | null }
  | { readonly type: 'terminate' }
  | { readonly type: 'link'; readonly linkName: string };

export type EventDefinitionType = EventDefinition['type'];

export type LoopCharacteristics =
  | {
      readonly kind: 'multiInstance';
      readonly sequential: boolean;
      readonly loopCardinality: Expression | null;
      readonly inputCollection: Expression | null;
      readonly inputElement: string | null;
      readonly outputCollection: string | null;
      readonly outputElement: Expression | null;
      readonly completionCondition: Expression | null;
    }
  | {
      readonly kind: 'standardLoop';
      readonly loopCondition: Expression | null;
      readonly testBefore: boolean;
      readonly loopMaximum: number | null;
    };

interface ElementBase {
  readonly id: string;
  readonly name: string | null;
  /** Id of the process or sub-process that directly contains this element. */
  readonly scopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
}

interface ActivityBase extends ElementBase {
  readonly boundaryEvents: readonly string[];
  readonly loop: LoopCharacteristics | null;
  readonly io: IoMapping;
  readonly gov: GovActivity;
}

export interface StartEvent extends ElementBase {
  readonly kind: 'startEvent';
  /** null: a none start event. */
  readonly eventDefinition: EventDefinition | null;
  /** Only meaningful for the start event of an event sub-process. */
  readonly interrupting: boolean;
}

export interface EndEvent extends ElementBase {
  readonly kind: 'endEvent';
  readonly eventDefinition: EventDefinition | null;
}

export interface IntermediateCatchEvent extends ElementBase {
  readonly kind: 'intermediateCatchEvent';
  readonly eventDefinition: EventDefinition;
}

export interface IntermediateThrowEvent extends ElementBase {
  readonly kind: 'intermediateThrowEvent';
  /** null: a none intermediate event, which passes straight through. */
  readonly eventDefinition: EventDefinition | null;
}

export interface BoundaryEvent extends ElementBase {
  readonly kind: 'boundaryEvent';
  readonly attachedTo: string;
  readonly cancelActivity: boolean;
  readonly eventDefinition: EventDefinition;
}

export interface UserTask extends ActivityBase {
  readonly kind: 'userTask' | 'manualTask';
  readonly assignee: Expression | null;
  readonly candidateGroups: Expression | null;
}

export interface ReceiveTask extends ActivityBase {
  readonly kind: 'receiveTask';
  readonly messageName: string;
}

/** A task carried out by a handler registered in code under `jobType`. */
export interface JobTask extends ActivityBase {
  readonly kind: 'serviceTask' | 'sendTask' | 'businessRuleTask';
  readonly jobType: string;
  readonly retries: number;
}

/** An abstract `bpmn:task`: passes straight through. */
export interface PlainTask extends ActivityBase {
  readonly kind: 'task';
}

export interface SubProcess extends ActivityBase {
  readonly kind: 'subProcess';
  /** Ids of the elements directly inside. */
  readonly children: readonly string[];
  readonly noneStart: string | null;
  /** Ids of the event sub-processes directly inside. */
  readonly eventSubProcesses: readonly string[];
}

export interface EventSubProcess extends ElementBase {
  readonly kind: 'eventSubProcess';
  readonly children: readonly string[];
  /** The single start event that triggers it. */
  readonly start: string;
  readonly interrupting: boolean;
  readonly eventSubProcesses: readonly string[];
  readonly gov: GovActivity;
}

export interface CallActivity extends ActivityBase {
  readonly kind: 'callActivity';
  readonly calledElement: string;
  /** Copy all variables into the child (when no input mappings are given, BPMN default). */
  readonly propagateAllParentVariables: boolean;
  /** Copy all of the child's variables back (when no output mappings are given). */
  readonly propagateAllChildVariables: boolean;
}

export interface Gateway extends ElementBase {
  readonly kind: 'exclusiveGateway' | 'parallelGateway' | 'inclusiveGateway' | 'eventBasedGateway';
  readonly default: string | null;
}

export type FlowNode =
  | StartEvent
  | EndEvent
  | IntermediateCatchEvent
  | IntermediateThrowEvent
  | BoundaryEvent
  | UserTask
  | ReceiveTask
  | JobTask
  | PlainTask
  | SubProcess
  | EventSubProcess
  | CallActivity
  | Gateway;

export type FlowNodeKind = FlowNode['kind'];
export type Activity = UserTask | ReceiveTask | JobTask | PlainTask | SubProcess | CallActivity;

export interface SequenceFlow {
  readonly id: string;
  readonly name: string | null;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition: Expression | null;
}

/** An executable process, compiled. */
export interface CompiledProcess {
  readonly id: string;
  readonly name: string | null;
  readonly isExecutable: boolean;
  readonly elements: ReadonlyMap<string, FlowNode>;
  readonly flows: ReadonlyMap<string, SequenceFlow>;
  /** Elements directly in the process. */
  readonly children: readonly string[];
  readonly noneStart: string | null;
  /** Message, signal and timer start events directly in the process. */
  readonly eventStarts: readonly string[];
  readonly eventSubProcesses: readonly string[];
  /** Link catch events by scope id, then link name -> element id. */
  readonly linkTargets: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /**
   * For every element, the ids of the elements it can reach by sequence flows within its scope
   * (itself excluded unless on a cycle). Used by the inclusive join: it waits while any token in
   * its scope can still reach it.
   */
  readonly reachable: ReadonlyMap<string, ReadonlySet<string>>;
  readonly gov: GovProcess;
}

/** One deployed BPMN file, compiled: its processes, keyed by process id. */
export interface CompiledDefinition {
  /** sha256 of the XML as deployed; the cache key. */
  readonly hash: string;
  readonly definitionsId: string | null;
  readonly processes: ReadonlyMap<string, CompiledProcess>;
}

/**
 * A text for people in both languages, as the server's errors carry it (`message.zh`,
 * `message.en`): Chinese is what the workspace and the command line show, English is kept for
 * logs, tools and people who read no Chinese.
 */
export interface BilingualText {
  readonly zh: string;
  readonly en: string;
}

/**
 * A problem found when reading or checking a definition, named by element and rule. The
 * message names the element by its name (its id when it has none) and, for a file written for
 * another engine (Camunda 7 or 8), says what to use here instead.
 */
export interface Finding {
  readonly severity: 'error' | 'warning';
  /** Stable rule name, e.g. `xml-malformed`, `unsupported-element`, `gateway-no-outgoing`. */
  readonly rule: string;
  readonly elementId: string | null;
  readonly message: BilingualText;
  /** 1-based position in the XML, when known. */
  readonly line?: number;
  readonly column?: number;
}
