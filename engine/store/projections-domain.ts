/**
 * Projections of the 办件 domain events. The case row carries the domain status and matter from
 * the snapshot; a false commitment is recorded against the applicant (keyed by a hash of the
 * 证件号码, never the number itself).
 */
import { createHash } from 'node:crypto';
import type { DomainEventType } from '../domain/index.js';
import type { Projector } from './projections.js';
import type { RowChange } from './row-changes.js';

const none = (): RowChange[] => [];

/** The key an applicant's records are found by: sha256 of the 证件号码. */
export function applicantKey(idNumber: string): string {
  return createHash('sha256').update(idNumber.trim().toUpperCase()).digest('hex');
}

export const domainProjectors: { readonly [K in DomainEventType]: Projector<K> } = {
  'case.received': none,
  'case.correctionNoticed': none,
  'materials.supplied': none,
  'material.filed': none,
  'case.correctionCompleted': none,
  'case.accepted': none,
  'case.acceptedWithTolerance': none,
  'case.refused': none,
  'case.concluded': none,
  'case.delivered': none,
  'case.withdrawn': none,
  'case.revoked': none,
  'case.ended': none,
  'case.reviewStarted': none,
  'package.partStarted': none,
  'package.partConcluded': none,
  'specialProcedure.started': none,
  'specialProcedure.ended': none,
  'case.decidedOnCommitment': none,
  'commitment.verified': none,
  'commitment.verificationOverdue': none,
  'applicant.commitmentBreached': ({ data, time }, { caseId, seq }) => [
    {
      op: 'insert',
      table: 'applicant_records',
      row: {
        case_id: caseId,
        seq,
        applicant_key: applicantKey(data.applicantIdNumber),
        kind: '告知承诺不实',
        findings: data.findings,
        recorded_at: new Date(time).toISOString(),
      },
    },
  ],
};
