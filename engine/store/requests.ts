/**
 * A command addressed to a case, as the dispatcher queues it: from a caller, or as a reaction
 * to another case's events.
 */
import type { CaseCommand, CaseRejectionCode } from '../case/index.js';
import type { CaseEvent } from '../case/index.js';
import type { CaseState } from '../case/index.js';

export interface CommandRequest {
  readonly caseId: string;
  readonly command: CaseCommand;
  /** For `case.start`: the deployment to run (default: the latest version of the process). */
  readonly definitionHash?: string;
  /**
   * What a runtime rejection means here: rethrow (the default, and always for a caller's own
   * command), skip when the code is listed, or send a fallback command instead.
   */
  readonly onReject?: {
    readonly ignore?: readonly CaseRejectionCode[];
    readonly fallback?: (message: string) => CommandRequest;
  };
}

/** What one command did to one case. */
export interface StepResult {
  readonly caseId: string;
  readonly command: CaseCommand;
  /** The state before the command (null for a start). */
  readonly before: CaseState | null;
  readonly state: CaseState;
  readonly events: readonly CaseEvent[];
  /** The seq of the first event appended. */
  readonly firstSeq: number;
}

/** A subscription row that can receive a message or signal. */
export interface SubscriberRef {
  readonly caseId: string;
  readonly elementId: string;
}

/** A start event of a latest process version that a message or signal can start. */
export interface StartTrigger {
  readonly processId: string;
  readonly hash: string;
  readonly startEventId: string;
}

/** Lookups reactions need, bound to the transaction in progress. */
export interface ReactionLookups {
  /** Active cases with an open subscription of this kind and name, oldest subscription first. */
  subscribers(
    kind: 'message' | 'signal',
    name: string,
    options?: { excludeCaseId?: string; elementId?: string },
  ): Promise<SubscriberRef[]>;
  /** Start events of the latest process versions triggered by this message or signal. */
  startTriggers(kind: 'message' | 'signal', name: string): Promise<StartTrigger[]>;
  /** The hash of the latest version of a process, or null if it is not deployed. */
  latestHash(processId: string): Promise<string | null>;
  /** A new case id. */
  newCaseId(): string;
}
