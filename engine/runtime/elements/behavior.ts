/** The one interface every BPMN element kind implements. */
import type { FlowNode } from '../../model/types.js';
import type { Run } from '../run.js';
import type { ElementInstance } from '../state.js';

/** The event a catch element waits for has already happened, with these variables. */
export interface Triggered {
  readonly variables: Readonly<Record<string, unknown>>;
}

export interface ElementBehavior<E extends FlowNode = FlowNode> {
  /**
   * The instance was just activated (inputs mapped, boundary events waiting): do what this kind
   * does - complete at once, wait for something, or start inner work.
   */
  activate(run: Run, instance: ElementInstance, element: E, triggered?: Triggered): void;
}
