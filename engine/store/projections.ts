/**
 * Projections: each event type maps to the row changes it makes in the query tables (open
 * tasks, due jobs and timers, open subscriptions, open incidents). The mapped type makes a new
 * event type without a projector a compile error. Most events change no rows: the case row
 * itself is written from the snapshot after each command.
 */
import type { CaseEvent, CaseEventType, EventOf } from '../case/index.js';
import { writeJson } from './json.js';
import type { RowChange } from './row-changes.js';
import { supervisionProjectors } from './projections-supervision.js';
import { domainProjectors } from './projections-domain.js';
import { outboxRows } from './projections-outbox.js';

/** Where an event sits: its case and seq. */
export interface EventPosition {
  readonly caseId: string;
  readonly seq: number;
}

export type Projector<K extends CaseEventType> = (event: EventOf<K>, at: EventPosition) => RowChange[];

const none = (): RowChange[] => [];

/** Instants are stored normalized so that text comparison orders them. */
const instant = (iso: string): string => new Date(iso).toISOString();

/** A finished case keeps nothing runnable or open in the query tables. */
const clearCase = (_event: CaseEvent, { caseId }: EventPosition): RowChange[] =>
  (['tasks', 'jobs', 'subscriptions', 'incidents'] as const).map((table) => ({
    op: 'delete',
    table,
    where: { case_id: caseId },
  }));

const PROJECTORS: { readonly [K in CaseEventType]: Projector<K> } = {
  ...supervisionProjectors,
  ...domainProjectors,
  'deadline.reached': none,
  'case.started': none,
  'element.activated': none,
  'element.completed': none,
  'element.terminated': none,
  'flow.taken': none,
  'join.arrived': none,
  'multiInstance.started': none,
  'multiInstance.outputCollected': none,
  'variables.set': none,
  'task.created': ({ data, time }, { caseId }) => [
    {
      op: 'insert',
      table: 'tasks',
      row: {
        task_id: data.taskId,
        case_id: caseId,
        instance_id: data.instanceId,
        element_id: data.elementId,
        kind: data.kind,
        name: data.name,
        assignee: data.assignee,
        candidate_groups: writeJson(data.candidateGroups),
        department: data.department,
        created_at: instant(time),
      },
    },
  ],
  'task.assigned': ({ data }) => [
    { op: 'update', table: 'tasks', where: { task_id: data.taskId }, set: { assignee: data.assignee } },
  ],
  'task.claimed': ({ data }) => [
    { op: 'update', table: 'tasks', where: { task_id: data.taskId }, set: { assignee: data.assignee } },
  ],
  'task.unclaimed': ({ data }) => [
    { op: 'update', table: 'tasks', where: { task_id: data.taskId }, set: { assignee: null } },
  ],
  'task.transferred': ({ data }) => [
    { op: 'update', table: 'tasks', where: { task_id: data.taskId }, set: { assignee: data.to } },
  ],
  'task.delegated': ({ data }) => [
    { op: 'update', table: 'tasks', where: { task_id: data.taskId }, set: { assignee: data.to } },
  ],
  'task.resolved': ({ data }) => [
    { op: 'update', table: 'tasks', where: { task_id: data.taskId }, set: { assignee: data.owner } },
  ],
  'task.urged': none,
  'task.copied': none,
  'multiInstance.instancesAdded': none,
  'multiInstance.instanceCancelled': none,
  'instance.modified': none,
  'case.suspended': none,
  'case.resumed': none,
  'task.completed': ({ data }) => [{ op: 'delete', table: 'tasks', where: { task_id: data.taskId } }],
  'task.cancelled': ({ data }) => [{ op: 'delete', table: 'tasks', where: { task_id: data.taskId } }],
  'timer.scheduled': ({ data, time }, { caseId, seq }) => [
    {
      op: 'insert',
      table: 'jobs',
      row: {
        job_id: data.timerId,
        case_id: caseId,
        kind: 'timer',
        element_id: data.elementId,
        instance_id: data.instanceId,
        type: null,
        due_at: instant(data.dueAt),
        retries: null,
        created_at: instant(time),
        created_seq: seq,
        incident_id: null,
        lease_owner: null,
        lease_expires_at: null,
        payload: writeJson({ repeat: data.repeat }),
      },
    },
  ],
  'timer.fired': ({ data }) => [{ op: 'delete', table: 'jobs', where: { job_id: data.timerId } }],
  'timer.cancelled': ({ data }) => [{ op: 'delete', table: 'jobs', where: { job_id: data.timerId } }],
  'subscription.opened': ({ data, time }, { caseId, seq }) => [
    {
      op: 'insert',
      table: 'subscriptions',
      row: {
        case_id: caseId,
        subscription_id: data.subscriptionId,
        kind: data.kind,
        name: data.name,
        element_id: data.elementId,
        instance_id: data.instanceId,
        opened_at: instant(time),
        opened_seq: seq,
      },
    },
  ],
  'subscription.closed': ({ data }, { caseId }) => [
    { op: 'delete', table: 'subscriptions', where: { case_id: caseId, subscription_id: data.subscriptionId } },
  ],
  'event.triggered': none,
  'signal.thrown': none,
  'message.thrown': none,
  'error.thrown': none,
  'escalation.thrown': none,
  'job.created': ({ data, time }, { caseId, seq }) => [
    {
      op: 'insert',
      table: 'jobs',
      row: {
        job_id: data.jobId,
        case_id: caseId,
        kind: 'service',
        element_id: data.elementId,
        instance_id: data.instanceId,
        type: data.type,
        due_at: instant(data.dueAt),
        retries: data.retries,
        created_at: instant(time),
        created_seq: seq,
        incident_id: null,
        lease_owner: null,
        lease_expires_at: null,
        payload: writeJson({ initialRetries: data.retries, lastError: null }),
      },
    },
  ],
  'job.completed': ({ data }) => [{ op: 'delete', table: 'jobs', where: { job_id: data.jobId } }],
  'job.failed': ({ data, time }) => [
    {
      op: 'update',
      table: 'jobs',
      where: { job_id: data.jobId },
      set: {
        retries: data.retries,
        due_at: instant(data.retryAt ?? time),
        lease_owner: null,
        lease_expires_at: null,
      },
    },
  ],
  'job.cancelled': ({ data }) => [{ op: 'delete', table: 'jobs', where: { job_id: data.jobId } }],
  'incident.raised': ({ data, time }, { caseId }) => [
    {
      op: 'insert',
      table: 'incidents',
      row: {
        incident_id: data.incidentId,
        case_id: caseId,
        element_id: data.elementId,
        instance_id: data.instanceId,
        job_id: data.jobId,
        kind: data.kind,
        message: data.message,
        raised_at: instant(time),
      },
    },
    ...(data.jobId
      ? [{ op: 'update', table: 'jobs', where: { job_id: data.jobId }, set: { incident_id: data.incidentId } } as const]
      : []),
  ],
  'incident.resolved': ({ data }) => [
    { op: 'delete', table: 'incidents', where: { incident_id: data.incidentId } },
    {
      op: 'update',
      table: 'jobs',
      where: { incident_id: data.incidentId },
      set: { incident_id: null, retries: data.retries },
    },
  ],
  'call.started': none,
  'case.completed': clearCase,
  'case.terminated': clearCase,
  'case.failed': none,
  'case.cancelled': clearCase,
};

/** The row changes one event makes. */
export function projectEvent(event: CaseEvent, at: EventPosition): RowChange[] {
  const projector = PROJECTORS[event.type] as Projector<CaseEventType>;
  return projector(event, at);
}

/** The row changes of a batch of events starting at `firstSeq`. */
export function projectEvents(caseId: string, firstSeq: number, events: readonly CaseEvent[]): RowChange[] {
  return events.flatMap((event, index) => {
    const at = { caseId, seq: firstSeq + index };
    return [...projectEvent(event, at), ...outboxRows(event, at)];
  });
}
