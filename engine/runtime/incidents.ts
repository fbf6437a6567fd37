/**
 * Incidents: an instance stops where it is, with a reason an administrator can act on
 * (`incident.resolve` resumes it as `resume` says). Below the lifecycle, so that what opens
 * waits (waits.ts) and what moves tokens (lifecycle.ts) both raise them without a cycle.
 */
import type { Run } from './run.js';
import type { ElementInstance, IncidentKind, IncidentResume } from './state.js';

/** Where an incident belongs besides its instance, and how the instance resumes once resolved. */
export interface IncidentOptions {
  readonly jobId?: string | null;
  readonly resume?: IncidentResume;
}

/** Stop an instance where it is, with a reason an administrator can act on. */
export function raiseIncident(
  run: Run,
  instance: ElementInstance,
  kind: IncidentKind,
  message: string,
  options: IncidentOptions = {},
): void {
  run.emit('incident.raised', {
    incidentId: run.newId(),
    instanceId: instance.id,
    elementId: instance.elementId,
    jobId: options.jobId ?? null,
    kind,
    resume: options.resume ?? 'activate',
    message,
  });
}
