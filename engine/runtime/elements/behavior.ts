/**
 * The one interface every BPMN element kind implements. A behaviour gets the Run as its context:
 * it emits events on it and does everything else to the case (enter, complete, throw, wait,
 * raise an incident) through `run.ops` (../operations.ts), never by importing the lifecycle,
 * which dispatches to it.
 */
import type { Activity, FlowNode } from '../../model/types.js';
import type { Run } from '../run.js';
import type { ElementInstance } from '../state.js';

/** The event a catch element waits for has already happened, with these variables. */
export interface Triggered {
  readonly variables: Readonly<Record<string, unknown>>;
}

export interface ElementBehavior<E extends FlowNode = FlowNode> {
  /**
   * The instance was just activated (inputs mapped, boundary events waiting): do what this kind
   * does - complete at once, wait for something, or start inner work. `returnedTo`: a 退回 sent
   * the token back to this step, whose task goes to that officer (首办负责).
   */
  activate(run: Run, instance: ElementInstance, element: E, triggered?: Triggered, returnedTo?: string): void;
}

/**
 * The loop characteristics any activity may have (multi-instance, standard loop): the body
 * instance around its inner instances. Composed into activities by the lifecycle, like event
 * definitions into events; implemented in containers/loop.ts.
 */
export interface LoopBehavior {
  /** The body was activated: start its first inner instance(s), or complete it at once. */
  begin(run: Run, bodyId: string, activity: Activity): void;
  /** An inner instance is completing: collect its output; false when the body cannot go on (incident). */
  collect(run: Run, body: ElementInstance, inner: ElementInstance, activity: Activity): boolean;
  /** An inner instance ended: start the next, or complete the body. */
  next(run: Run, bodyId: string): void;
}
