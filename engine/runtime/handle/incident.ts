/** incident.resolve: an administrator fixed the cause; the instance resumes where it stopped. */
import { beginLoop, continueLoop } from '../elements/containers/loop.js';
import { complete, perform } from '../lifecycle.js';
import type { Activity } from '../../model/types.js';
import { reject, type Handler } from './handler.js';

export const resolveIncident: Handler<'incident.resolve'> = (run, { data }) => {
  const incident = run.state.incidents[data.incidentId];
  if (!incident)
    return reject('INCIDENT_NOT_FOUND', `Expected incident '${data.incidentId}' to be open, but it is not`);
  run.emit('incident.resolved', {
    incidentId: incident.id,
    retries: incident.jobId ? Math.max(1, data.retries ?? 1) : 0,
  });
  const instance = run.instance(incident.instanceId);
  if (incident.jobId || !instance) return undefined;
  switch (incident.resume) {
    case 'activate':
      return (perform(run, instance.id), undefined);
    case 'complete':
      return (complete(run, instance.id), undefined);
    case 'loop':
      if (instance.mi) continueLoop(run, instance.id);
      else beginLoop(run, instance.id, run.element(instance.elementId) as Activity);
      return undefined;
  }
};
