/** job.complete, job.fail, job.throwError: a worker reports on a service task's handler. */
import { addDuration, parseDuration } from '../../time/index.js';
import { raiseIncident } from '../incidents.js';
import { completeWithResult } from '../lifecycle.js';
import { throwError } from '../throws.js';
import { propagate } from '../variables.js';
import type { Run } from '../run.js';
import type { JobState } from '../state.js';
import { refuseWhileSuspended, reject, type Handler } from './handler.js';
import type { Rejection } from '../api.js';

function findJob(run: Run, jobId: string): JobState | Rejection {
  const job = run.state.jobs[jobId];
  return job ?? reject('JOB_NOT_FOUND', `Expected job '${jobId}' to be open, but it is not`);
}

const isRejection = (value: JobState | Rejection): value is Rejection => 'code' in value;

export const completeJob: Handler<'job.complete'> = (run, { data }) => {
  const job = findJob(run, data.jobId);
  if (isRejection(job)) return job;
  const suspended = refuseWhileSuspended(run, `completing job '${job.id}'`);
  if (suspended) return suspended;
  const variables = data.variables ?? {};
  run.emit('job.completed', { jobId: job.id, variables });
  completeWithResult(run, job.instanceId, variables);
  return undefined;
};

export const failJob: Handler<'job.fail'> = (run, { data }) => {
  const job = findJob(run, data.jobId);
  if (isRejection(job)) return job;
  const backoff = data.backoff === undefined ? null : parseDuration(data.backoff);
  if (data.backoff !== undefined && !backoff)
    return reject('INVALID_ARGUMENT', `Expected backoff to be an ISO-8601 duration, but it is '${data.backoff}'`);
  if (data.retries !== undefined && !(Number.isInteger(data.retries) && data.retries >= 0))
    return reject('INVALID_ARGUMENT', `Expected retries to be a whole number of at least 0, but it is ${data.retries}`);
  const retries = data.retries ?? Math.max(0, job.retries - 1);
  const retryAt = retries > 0 ? (backoff ? addDuration(new Date(run.now), backoff).toISOString() : run.now) : null;
  run.emit('job.failed', { jobId: job.id, message: data.message, retries, retryAt });
  const instance = run.instance(job.instanceId);
  if (retries === 0 && instance) {
    raiseIncident(
      run,
      instance,
      'job-failed',
      `Handler '${job.type}' failed and has no retries left: ${data.message}`,
      { jobId: job.id },
    );
  }
  return undefined;
};

export const throwJobError: Handler<'job.throwError'> = (run, { data }) => {
  const job = findJob(run, data.jobId);
  if (isRejection(job)) return job;
  const suspended = refuseWhileSuspended(run, `an error of job '${job.id}'`);
  if (suspended) return suspended;
  const instance = run.instance(job.instanceId);
  if (!instance) return reject('JOB_NOT_FOUND', `Expected the instance of job '${job.id}' to be active, but it is not`);
  if (data.variables && Object.keys(data.variables).length > 0) propagate(run, instance.id, data.variables);
  throwError(run, instance, data.errorCode, data.message ?? null, false, job.id);
  return undefined;
};
