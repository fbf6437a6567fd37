/** A refusal of the API (or no answer: status 0), with the server's Chinese message; no browser globals, so Node tests can use it. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The message to show (Chinese). */
    readonly zh: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(zh);
    this.name = 'ApiFailure';
  }
}
