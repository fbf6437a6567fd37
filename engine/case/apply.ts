/**
 * The applier of a case: the runtime's appliers composed with the domain's, which change the
 * case state's `domain` slot. Every event read from a log goes through `applyEvent` (or
 * `replay`, the same fold): an event of an older version is upcast there, in this one place,
 * and an unknown type or version is an error naming the case, seq, type and v.
 */
import { composeAppliers, type AppliersOf } from '../runtime/index.js';
import {
  DOMAIN_EVENT_VERSIONS,
  domainAppliers,
  receivedState,
  type DomainApplier,
  type DomainEvent,
  type DomainEventType,
} from '../domain/index.js';
import type { RecordedEvent } from './events.js';
import type { CaseState } from './state.js';

type CaseApplier<T extends DomainEventType> = (state: CaseState, event: Extract<DomainEvent, { type: T }>) => void;

/** A domain applier on the case state: the case must have been received (收件) first. */
function onDomain<K extends Exclude<DomainEventType, 'case.received'>>(table: {
  readonly [T in K]: DomainApplier<T>;
}): { readonly [T in K]: CaseApplier<T> } {
  const wrapped: Record<string, CaseApplier<K>> = {};
  for (const type of Object.keys(table) as K[]) {
    const apply = table[type] as DomainApplier<K>;
    wrapped[type] = (state, event) => {
      if (!state.domain) throw new Error(`Expected case ${state.caseId} to have been received (收件) before ${type}`);
      apply(state.domain, event);
    };
  }
  return wrapped as unknown as { readonly [T in K]: CaseApplier<T> };
}

/** Every domain event's applier on the case state (a missing one fails to compile). */
const domainOnCase: AppliersOf<DomainEvent, CaseState> = {
  ...onDomain(domainAppliers),
  'case.received': (state, event) => {
    state.domain = receivedState(event);
  },
};

const caseApplier = composeAppliers({ appliers: domainOnCase, versions: DOMAIN_EVENT_VERSIONS });

/** Apply one recorded event (upcast first if old). `case.started` creates the state; others change it in place. */
export function applyEvent(state: CaseState | null, event: RecordedEvent): CaseState {
  return caseApplier.apply(state, event);
}

/** Rebuild a case's state from its recorded events, from the first. */
export function replay(events: Iterable<RecordedEvent>): CaseState | null {
  return caseApplier.replay(events);
}
