/**
 * Appliers: how each event changes a case's state, keyed by event type and version (Zeebe's
 * EventAppliers). One per event type at its current version (a missing one fails to compile);
 * an event of an older version is upcast first (upcast.ts), so appliers only see the current
 * shape. Appliers only record: no expressions, no calendar, no clock, no ids - all of that was
 * decided when the event was emitted. Replay is the same fold the running command uses.
 *
 * The runtime's table covers the runtime's events; `composeAppliers` adds an extension's
 * (engine/case adds the domain's, which change the state's `domain` slot).
 */
import type { EventOf, EventVersions, RuntimeEventType } from '../events.js';
import { RUNTIME_EVENT_VERSIONS } from '../events.js';
import type { RuntimeState } from '../state.js';
import { RUNTIME_UPCASTERS, type StoredEvent, type Upcasters } from '../upcast.js';
import { approvalAppliers } from './approvals.js';
import { caseAppliers } from './case.js';
import { clockAppliers } from './clocks.js';
import { elementAppliers } from './elements.js';
import { waitAppliers } from './waits.js';

export type Applier<T extends RuntimeEventType> = (state: RuntimeState, event: EventOf<T>) => void;
export type ApplierTable<K extends RuntimeEventType> = { readonly [T in K]: Applier<T> };

/** An applier per event type of the union `E`, over the state `S`: the shape an extension fills. */
export type AppliersOf<E extends { readonly type: string }, S> = {
  readonly [T in E['type']]: (state: S, event: Extract<E, { type: T }>) => void;
};

type AnyEvent = {
  readonly type: string;
  readonly v: number;
  readonly time: string;
  readonly actor: string;
  readonly data: unknown;
};

/** The runtime's appliers, of every runtime event but `case.started` (which creates the state). */
export const runtimeAppliers: ApplierTable<Exclude<RuntimeEventType, 'case.started'>> = {
  ...caseAppliers,
  ...elementAppliers,
  ...waitAppliers,
  ...clockAppliers,
  ...approvalAppliers,
};

/** What an extension adds to the runtime's appliers: its events' appliers, current versions and upcasters. */
export interface ApplierExtension<E extends AnyEvent, X> {
  readonly appliers: AppliersOf<E, RuntimeState<X>>;
  readonly versions: EventVersions<E>;
  readonly upcasters?: Upcasters;
}

/** Applies stored events of any known version to a state of the case. */
export interface EventApplier<X> {
  /**
   * Apply one event (upcast first when it is of an older version). `case.started` creates the
   * state; every other event changes `state` in place and returns it.
   */
  apply(state: RuntimeState<X> | null, event: StoredEvent): RuntimeState<X>;
  /** Rebuild a case's state from its events, from the first. */
  replay(events: Iterable<StoredEvent>): RuntimeState<X> | null;
}

type AnyApplier = (state: RuntimeState<never>, event: never) => void;

/**
 * The runtime's appliers composed with an extension's. The extension's event types must be
 * its own (a type both define is an error at composition).
 */
export function composeAppliers<E extends AnyEvent, X>(extension: ApplierExtension<E, X>): EventApplier<X> {
  const byType = new Map<string, { readonly v: number; readonly apply: AnyApplier }>();
  const add = (appliers: Readonly<Record<string, AnyApplier>>, versions: Readonly<Record<string, number>>) => {
    for (const [type, apply] of Object.entries(appliers)) {
      const v = versions[type];
      if (v === undefined) throw new Error(`Expected a current version for event ${type}, but none is given`);
      if (byType.has(type)) throw new Error(`Event ${type} has two appliers`);
      byType.set(type, { v, apply });
    }
  };
  add(runtimeAppliers as unknown as Record<string, AnyApplier>, RUNTIME_EVENT_VERSIONS);
  add(
    extension.appliers as unknown as Record<string, AnyApplier>,
    extension.versions as Readonly<Record<string, number>>,
  );
  const upcasters: Upcasters = { ...RUNTIME_UPCASTERS, ...extension.upcasters };

  /** The event at its current version, or a clear error naming where it stands in the log. */
  const current = (state: RuntimeState<X> | null, stored: StoredEvent): StoredEvent => {
    const where = () => `case ${state?.caseId ?? caseIdOf(stored)}, seq ${state ? state.seq + 1 : 1}`;
    const started = stored.type === 'case.started' ? RUNTIME_EVENT_VERSIONS['case.started'] : undefined;
    const version = started ?? byType.get(stored.type)?.v;
    if (version === undefined) throw new Error(`Unknown event type ${stored.type} (v${stored.v}) at ${where()}`);
    let event = stored;
    while (event.v !== version) {
      const upcast = event.v < version ? upcasters[event.type]?.[event.v] : undefined;
      if (!upcast)
        throw new Error(
          `Unknown version v${event.v} of event ${event.type} at ${where()} (current: v${version}, no upcaster from v${event.v})`,
        );
      event = upcast(event);
    }
    return event;
  };

  const apply = (state: RuntimeState<X> | null, stored: StoredEvent): RuntimeState<X> => {
    const event = current(state, stored);
    if (event.type === 'case.started') {
      if (state) throw new Error(`case.started applied to case ${state.caseId}, which already exists`);
      return started(event as EventOf<'case.started'>);
    }
    if (!state) throw new Error(`Expected case.started as the first event, but got ${event.type}`);
    (byType.get(event.type)?.apply as (state: RuntimeState<X>, event: StoredEvent) => void)(state, event);
    state.seq += 1;
    return state;
  };

  return {
    apply,
    replay(events) {
      let state: RuntimeState<X> | null = null;
      for (const event of events) state = apply(state, event);
      return state;
    },
  };
}

function caseIdOf(event: StoredEvent): string {
  const data = event.data as { caseId?: unknown } | null;
  return typeof data?.caseId === 'string' ? data.caseId : '(not started)';
}

/** The runtime's own events only: what a command's run applies as it emits. */
const runtimeOnly = composeAppliers<never, unknown>({ appliers: {}, versions: {} });

/** Apply one runtime event (see `EventApplier.apply`); cases with domain events use engine/case. */
export const applyEvent = runtimeOnly.apply;
/** Rebuild a bare process run from its runtime events; cases with domain events use engine/case. */
export const replay = runtimeOnly.replay;

/** A fresh state from the event that starts every case. */
function started<X>(event: EventOf<'case.started'>): RuntimeState<X> {
  const { data } = event;
  return {
    caseId: data.caseId,
    processId: data.processId,
    definitionHash: data.definitionHash,
    status: 'active',
    seq: 1,
    startedAt: event.time,
    endedAt: null,
    parent: data.parent,
    rootInstanceId: data.rootInstanceId,
    instances: { [data.rootInstanceId]: { id: data.rootInstanceId, elementId: data.processId, parentId: null } },
    variables: { [data.rootInstanceId]: { ...data.variables } },
    tasks: {},
    timers: {},
    subscriptions: {},
    jobs: {},
    incidents: {},
    clocks: {},
    alerts: {},
    domain: null,
    stats: { entered: {}, completed: {}, flows: {} },
    failure: null,
    suspended: null,
    lastCompleted: null,
  };
}
