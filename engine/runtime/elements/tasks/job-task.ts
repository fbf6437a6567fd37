/**
 * Service, send and business-rule tasks: a job for the handler registered under the task's
 * type. The runtime only records the job; a worker outside it runs the handler after commit
 * and reports back with `job.complete`, `job.fail` or `job.throwError`.
 */
import type { JobTask } from '../../../model/types.js';
import type { ElementBehavior } from '../behavior.js';

export const jobTask: ElementBehavior<JobTask> = {
  activate(run, instance, element) {
    run.emit('job.created', {
      jobId: run.newId(),
      instanceId: instance.id,
      elementId: element.id,
      type: element.jobType,
      retries: element.retries,
      dueAt: run.now,
    });
  },
};
