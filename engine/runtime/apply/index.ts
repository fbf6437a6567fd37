/**
 * Appliers: how each event changes a case's state. One per event type (a missing one fails to
 * compile). Appliers only record: no expressions, no calendar, no clock, no ids - all of that
 * was decided when the event was emitted. Replay is `events.reduce(applyEvent, null)`, the
 * same code that runs while commands execute.
 */
import type { CaseEvent, CaseEventType, EventOf } from '../events.js';
import type { CaseState } from '../state.js';
import { domainAppliers, receivedState } from '../../domain/apply.js';
import type { DomainEventType } from '../../domain/events.js';
import type { DomainState } from '../../domain/types.js';
import { approvalAppliers } from './approvals.js';
import { caseAppliers } from './case.js';
import { clockAppliers } from './clocks.js';
import { elementAppliers } from './elements.js';
import { waitAppliers } from './waits.js';

export type Applier<T extends CaseEventType> = (state: CaseState, event: EventOf<T>) => void;
export type ApplierTable<K extends CaseEventType> = { readonly [T in K]: Applier<T> };

/** Domain events change the domain part of the state, with the domain's own appliers. */
function domainApplier<T extends Exclude<DomainEventType, 'case.received'>>(type: T): Applier<T> {
  const apply = domainAppliers[type] as (domain: DomainState, event: EventOf<T>) => void;
  return (state, event) => {
    if (!state.domain) throw new Error(`Expected case ${state.caseId} to have been received (收件) before ${type}`);
    apply(state.domain, event);
  };
}

const domainTable = Object.fromEntries(
  (Object.keys(domainAppliers) as Array<Exclude<DomainEventType, 'case.received'>>).map((type) => [type, domainApplier(type)]),
) as unknown as ApplierTable<Exclude<DomainEventType, 'case.received'>>;

const appliers: ApplierTable<Exclude<CaseEventType, 'case.started'>> = {
  ...caseAppliers,
  ...elementAppliers,
  ...waitAppliers,
  ...clockAppliers,
  ...approvalAppliers,
  ...domainTable,
  'case.received': (state, event) => {
    state.domain = receivedState(event);
  },
};

/** A fresh state from the event that starts every case. */
function started(event: EventOf<'case.started'>): CaseState {
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

/**
 * Apply one event. `case.started` creates the state; every other event changes `state` in
 * place and returns it.
 */
export function applyEvent(state: CaseState | null, event: CaseEvent): CaseState {
  if (event.type === 'case.started') {
    if (state) throw new Error(`case.started applied to case ${state.caseId}, which already exists`);
    return started(event);
  }
  if (!state) throw new Error(`Expected case.started as the first event, but got ${event.type}`);
  const applier = appliers[event.type] as Applier<typeof event.type>;
  applier(state, event as never);
  state.seq += 1;
  return state;
}

/** Rebuild a case's state from its events, from the first. */
export function replay(events: Iterable<CaseEvent>): CaseState | null {
  let state: CaseState | null = null;
  for (const event of events) state = applyEvent(state, event);
  return state;
}
