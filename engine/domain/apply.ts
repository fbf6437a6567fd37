/**
 * Appliers of the domain events: how each changes the case's DomainState. Like the runtime's,
 * they only record (no rules, no clock); engine/case composes them with the runtime's appliers
 * (the domain state lives in the case state's `domain` slot), so that replay rebuilds the BPMN
 * state and the domain state from one stream.
 */
import type { DomainEvent, DomainEventType } from './events.js';
import type { DomainState } from './types.js';

/** How one domain event changes the domain state. */
export type DomainApplier<T extends DomainEventType> = (
  domain: DomainState,
  event: Extract<DomainEvent, { type: T }>,
) => void;

/** Appliers of every event but `case.received`, which creates the domain state. */
export const domainAppliers: { readonly [T in Exclude<DomainEventType, 'case.received'>]: DomainApplier<T> } = {
  'case.correctionNoticed': (domain, { data, time, actor }) => {
    domain.notices.push({ defects: [...data.defects], at: time, by: actor });
    domain.openDefects = [...new Set([...domain.openDefects, ...data.defects])];
    if (domain.status !== '补正中') domain.resumeStatus = data.resumeStatus;
    domain.status = '补正中';
  },
  'materials.supplied': (domain, { data }) => {
    for (const id of data.materials) domain.materials[id] = true;
    domain.openDefects = domain.openDefects.filter((defect) => !data.cured.includes(defect));
    if (domain.tolerance) {
      const missing = domain.tolerance.missing.filter((id) => !data.materials.includes(id));
      domain.tolerance = missing.length > 0 ? { ...domain.tolerance, missing } : null;
    }
  },
  'material.filed': (domain, { data, time, actor }) => {
    (domain.files ??= []).push({ ...data, at: time, by: actor });
  },
  'case.correctionCompleted': (domain, { data }) => {
    domain.status = data.status;
    domain.resumeStatus = null;
  },
  'case.accepted': (domain, { data, time }) => {
    domain.status = '已受理';
    domain.acceptance = { at: time, by: data.officer, documentNo: data.documentNo, auto: data.auto };
    domain.responsibleOfficer ??= data.officer;
    domain.openDefects = [];
    domain.resumeStatus = null;
  },
  'case.acceptedWithTolerance': (domain, { data, time }) => {
    domain.status = '已受理';
    domain.acceptance = { at: time, by: data.officer, documentNo: data.documentNo, auto: false };
    domain.responsibleOfficer ??= data.officer;
    domain.tolerance = { missing: [...data.missing], deadline: data.deadline, commitment: data.commitment };
  },
  'case.refused': (domain, { data, time, actor }) => {
    domain.status = '不予受理';
    domain.result = { kind: '不予受理', at: time, by: actor, reason: data.reason, licence: null };
  },
  'case.concluded': (domain, { data, time, actor }) => {
    domain.status = data.kind === '退件' ? '已退件' : '已办结';
    domain.result = { kind: data.kind, at: time, by: actor, reason: data.reason, licence: data.licence };
  },
  'case.delivered': (domain, { data, time, actor }) => {
    domain.delivery = { at: time, by: actor, method: data.method };
  },
  'case.withdrawn': (domain, { data, time, actor }) => {
    domain.status = '已撤回';
    domain.result = { kind: '撤回', at: time, by: actor, reason: data.reason, licence: null };
  },
  'case.revoked': (domain, { data, time, actor }) => {
    domain.status = '已撤销';
    domain.result = { kind: '撤销', at: time, by: actor, reason: data.reason, licence: domain.result?.licence ?? null };
  },
  'case.ended': (domain, { data, time, actor }) => {
    domain.status = data.status;
    domain.result = { kind: '终止', at: time, by: actor, reason: data.reason, licence: null };
  },
  'case.reviewStarted': (domain) => {
    domain.status = '审查中';
  },
  'specialProcedure.started': (domain, { data, time }) => {
    domain.specialProcedure = { kind: data.kind, reason: data.reason, from: time, resumeStatus: data.resumeStatus };
    domain.status = '特别程序中';
  },
  'specialProcedure.ended': (domain) => {
    domain.status = domain.specialProcedure?.resumeStatus ?? '审查中';
    domain.specialProcedure = null;
  },
  'case.decidedOnCommitment': (domain, { data, time, actor }) => {
    domain.status = '已办结';
    domain.result = { kind: '出证', at: time, by: actor, reason: null, licence: data.licence };
    domain.commitment = { text: data.commitment, verifyBy: data.verifyBy, verified: null };
  },
  'commitment.verified': (domain, { data, time, actor }) => {
    if (domain.commitment)
      domain.commitment = {
        ...domain.commitment,
        verified: { at: time, by: actor, passed: data.passed, findings: data.findings },
      };
  },
  'applicant.commitmentBreached': () => undefined,
  'package.partStarted': (domain, { data }) => {
    (domain.parts ??= []).push({ ...data, result: null });
  },
  'package.partConcluded': (domain, { data, time }) => {
    const part = domain.parts?.find((p) => p.caseId === data.childCaseId);
    if (part) part.result = { kind: data.kind, reason: data.reason, at: time };
  },
  'commitment.verificationOverdue': (domain) => {
    if (domain.commitment) domain.commitment = { ...domain.commitment, overdue: true };
  },
};

/** The domain state `case.received` creates. */
export function receivedState(event: Extract<DomainEvent, { type: 'case.received' }>): DomainState {
  const { data, time, actor } = event;
  return {
    status: '已收件',
    // Only when the event has one: older logs replay to their recorded states, which have no key.
    ...(data.number === undefined ? {} : { number: data.number }),
    ...(data.package === undefined ? {} : { package: data.package }),
    matter: data.matter,
    applicant: data.applicant,
    channel: data.channel,
    receivedAt: time,
    receivedBy: actor,
    materials: { ...data.materials },
    notices: [],
    openDefects: [],
    resumeStatus: null,
    acceptance: null,
    responsibleOfficer: null,
    tolerance: null,
    result: null,
    delivery: null,
    commitment: null,
    specialProcedure: null,
  };
}
