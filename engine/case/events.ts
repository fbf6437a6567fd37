/**
 * The events of a case: the BPMN runtime's and the 办件 domain's, in one stream under one hash
 * chain. Each type has a current version (`CASE_EVENT_VERSIONS`); older versions in stored logs
 * are upcast on read (apply.ts).
 */
import { RUNTIME_EVENT_VERSIONS, type EventVersions, type RuntimeEvent, type StoredEvent } from '../runtime/index.js';
import { DOMAIN_EVENT_VERSIONS, type DomainEvent } from '../domain/index.js';

export type CaseEvent = RuntimeEvent | DomainEvent;
export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
/** An event as a log stores it, of any version (older ones are upcast before they are applied). */
export type RecordedEvent = StoredEvent;

/** The version of each case event written today. */
export const CASE_EVENT_VERSIONS: EventVersions<CaseEvent> = { ...RUNTIME_EVENT_VERSIONS, ...DOMAIN_EVENT_VERSIONS };
