/**
 * One command's execution: the working state, the events emitted so far, and the agenda of
 * work still to do before the case comes to rest.
 *
 * Every event is applied the moment it is emitted (Zeebe's "append and apply in one step"), so
 * later steps of the same command read the state as replay would build it.
 *
 * It is also the context element behaviours receive: `ops` holds what they may do to the case
 * (operations.ts), so that they need not import the lifecycle that dispatches to them.
 */
import type { CompiledDefinition, CompiledProcess, FlowNode, SequenceFlow } from '../model/types.js';
import type { RuntimeContext } from './api.js';
import { applyEvent } from './apply/index.js';
import {
  RUNTIME_EVENT_VERSIONS,
  type RuntimeEvent,
  type RuntimeEventType,
  type EventData,
  type EventOf,
} from './events.js';
import type { Operations } from './operations.js';
import type { RuntimeState, ElementInstance } from './state.js';

export class Run {
  readonly events: RuntimeEvent[] = [];
  private readonly agenda: Array<() => void> = [];
  private current: RuntimeState | null;

  constructor(
    readonly definition: CompiledDefinition,
    readonly process: CompiledProcess,
    state: RuntimeState | null,
    readonly ctx: RuntimeContext,
    readonly actor: string,
    /** What element behaviours do to the case besides emitting: move tokens, throw, wait (operations.ts). */
    readonly ops: Operations,
  ) {
    this.current = state;
  }

  get now(): string {
    return this.ctx.now;
  }

  get state(): RuntimeState {
    if (!this.current) throw new Error('Expected a started case, but none was started yet');
    return this.current;
  }

  /** Emit an event: record it and apply it to the working state. */
  emit<T extends RuntimeEventType>(type: T, data: EventData<T>): void {
    const event = { type, v: RUNTIME_EVENT_VERSIONS[type], time: this.ctx.now, actor: this.actor, data } as EventOf<T>;
    this.current = applyEvent(this.current, event);
    this.events.push(event);
  }

  newId(): string {
    return this.ctx.ids();
  }

  /** Queue work to run after what is already queued (token moves are breadth-first). */
  later(work: () => void): void {
    this.agenda.push(work);
  }

  private readonly inFlight = new Map<string, Set<number>>();
  private tokens = 0;

  /**
   * Queue the arrival of a token in a scope. Until it arrives the scope counts it as active,
   * so the scope cannot complete under it; terminating the scope's tokens drops it.
   */
  arrive(scopeInstanceId: string, work: () => void): void {
    const token = ++this.tokens;
    let pending = this.inFlight.get(scopeInstanceId);
    if (!pending) this.inFlight.set(scopeInstanceId, (pending = new Set()));
    pending.add(token);
    this.later(() => {
      if (!pending.delete(token) || !this.instance(scopeInstanceId)) return;
      work();
    });
  }

  /** Tokens on their way into a scope instance. */
  arriving(scopeInstanceId: string): number {
    return this.inFlight.get(scopeInstanceId)?.size ?? 0;
  }

  /** Drop every token on its way into a scope instance (it is being terminated or interrupted). */
  dropArriving(scopeInstanceId: string): void {
    this.inFlight.get(scopeInstanceId)?.clear();
  }

  /** Run queued work until none is left; `onIdle` may queue more (e.g. inclusive joins). */
  drain(onIdle: () => boolean): void {
    for (;;) {
      let work = this.agenda.shift();
      while (work) {
        work();
        work = this.agenda.shift();
      }
      if (!this.active || !onIdle()) return;
    }
  }

  get active(): boolean {
    return this.current?.status === 'active';
  }

  element(id: string): FlowNode {
    const element = this.process.elements.get(id);
    if (!element) throw new Error(`Expected element '${id}' in process '${this.process.id}', but it is not there`);
    return element;
  }

  flow(id: string): SequenceFlow {
    const flow = this.process.flows.get(id);
    if (!flow) throw new Error(`Expected sequence flow '${id}' in process '${this.process.id}', but it is not there`);
    return flow;
  }

  instance(id: string): ElementInstance | undefined {
    return this.current?.instances[id];
  }

  /** Active child instances of a scope instance, in activation order. */
  children(scopeInstanceId: string): ElementInstance[] {
    return Object.values(this.state.instances).filter((instance) => instance.parentId === scopeInstanceId);
  }
}
