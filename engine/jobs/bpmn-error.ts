/**
 * A business error thrown by a service-task handler: routed by the runtime to a matching error
 * boundary event (`job.throwError`) instead of being retried. Any other thrown error is a
 * technical failure: retried with backoff, then an incident.
 */
export class BpmnError extends Error {
  /** The BPMN error code that boundary events catch. */
  readonly code: string;

  constructor(code: string, message?: string) {
    super(message ?? code);
    this.code = code;
    this.name = 'BpmnError';
  }
}
