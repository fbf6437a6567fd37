/**
 * Projections of the 办件 domain events. The case row carries the domain status from the
 * snapshot; no other table changes yet (worklists and searches come with the server issue).
 */
import type { DomainEventType } from '../domain/events.js';
import type { Projector } from './projections.js';
import type { RowChange } from './row-changes.js';

const none = (): RowChange[] => [];

export const domainProjectors: { readonly [K in DomainEventType]: Projector<K> } = {
  'case.received': none,
  'case.correctionNoticed': none,
  'materials.supplied': none,
  'case.correctionCompleted': none,
  'case.accepted': none,
  'case.acceptedWithTolerance': none,
  'case.refused': none,
  'case.concluded': none,
  'case.delivered': none,
  'case.withdrawn': none,
  'case.revoked': none,
  'case.ended': none,
};
