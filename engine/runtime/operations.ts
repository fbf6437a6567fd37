/**
 * What an element behaviour (elements/) may do to its case besides emitting events and reading
 * variables: move tokens (lifecycle.ts), raise an incident (incidents.ts), throw (throws.ts),
 * open waits (waits.ts). The behaviours reach them through `run.ops`, never by importing those
 * modules, which dispatch back to the behaviours: the lifecycle imports the behaviour table, and
 * the behaviours import only this interface (Zeebe hands its element processors a `BpmnBehaviors`
 * of services; bpmn-elements hands its elements their context). execute.ts composes the
 * implementation and gives it to each Run.
 *
 * Types only: importing this module executes nothing.
 */
import type { EventDefinition } from '../model/types.js';
import type { EventData } from './events.js';
import type { IncidentOptions } from './incidents.js';
import type { Run } from './run.js';
import type { ElementInstance, IncidentKind } from './state.js';

/** How an instance enters (see `Operations.enter`). */
export interface EnterOptions {
  /** The event that this catch element waits for has already happened (event gateway, boundary, start). */
  readonly triggered?: { readonly variables: Readonly<Record<string, unknown>> };
  readonly loopCounter?: number;
  /** Local variables of the new instance (a multi-instance item, loopCounter). */
  readonly locals?: Readonly<Record<string, unknown>>;
  /** Arrivals a joining gateway consumes. */
  readonly consumed?: Record<string, number>;
  /** An interrupting event sub-process takes over its scope (`element.activated` says so). */
  readonly interrupting?: true;
  /** 退回: the officer the step goes back to (首办负责); its task is created assigned to them. */
  readonly returnedTo?: string;
}

/** Why an instance ended without completing. */
export type TerminateReason = EventData<'element.terminated'>['reason'];

/** How a case can end other than by completing. */
export type CaseEnding =
  | { readonly type: 'case.terminated'; readonly data: EventData<'case.terminated'> }
  | { readonly type: 'case.failed'; readonly data: EventData<'case.failed'> }
  | { readonly type: 'case.cancelled'; readonly data: EventData<'case.cancelled'> };

export interface Operations {
  // ---- The lifecycle (lifecycle.ts) ----
  /** Create an instance of `elementId` in a scope instance and start it. */
  enter(run: Run, elementId: string, parentId: string, options?: EnterOptions): void;
  /** Complete an instance and leave through `flows` (gateways choose them), else every outgoing flow whose condition holds. */
  complete(run: Run, instanceId: string, flows?: readonly string[], triggered?: EnterOptions['triggered']): void;
  /** End an instance without completing it, its children first. */
  terminate(run: Run, instanceId: string, reason: TerminateReason): void;
  /** Terminate every token inside a scope instance (but `except`), and those on their way in. */
  terminateChildren(run: Run, scopeInstanceId: string, reason: TerminateReason, except?: string): void;
  /** Complete a scope instance if its last token is gone. */
  scopeMayEnd(run: Run, scopeInstanceId: string): void;
  /** End the whole case: every token terminated, every wait closed, then the ending recorded. */
  endCase(run: Run, ending: CaseEnding): void;
  // ---- Incidents (incidents.ts) ----
  /** Stop an instance where it is, with a reason an administrator can act on. */
  raiseIncident(
    run: Run,
    instance: ElementInstance,
    kind: IncidentKind,
    message: string,
    options?: IncidentOptions,
  ): void;
  // ---- Throws (throws.ts) ----
  /** Throw a BPMN error to the nearest catcher; an error end event (`endsThrower`) ends as it throws. */
  throwError(
    run: Run,
    thrower: ElementInstance,
    errorCode: string,
    message: string | null,
    endsThrower: boolean,
    jobId?: string | null,
  ): void;
  /** Throw an escalation; the thrower goes on (`then`) unless a catcher interrupted it. */
  throwEscalation(run: Run, thrower: ElementInstance, escalationCode: string, then: () => void): void;
  /** Broadcast a signal: catchers of this case waiting now get it after the thrower goes on (`then`). */
  throwSignal(run: Run, thrower: ElementInstance, signalName: string, then: () => void): void;
  /** Send a message; the store correlates it. */
  throwMessage(run: Run, thrower: ElementInstance, messageName: string): void;
  // ---- Waits (waits.ts) ----
  /** Open the waits of an event definition for `elementId`, owned by `ownerId`; false when an incident stopped it. */
  waitFor(run: Run, ownerId: string, elementId: string, definition: EventDefinition | null): boolean;
  /** Wait for a message or signal. */
  subscribe(run: Run, ownerId: string, elementId: string, kind: 'message' | 'signal', name: string): void;
  /** The event sub-processes of a scope start waiting (timer, message, signal starts). */
  openEventSubProcessStarts(run: Run, scope: ElementInstance): void;
}
