/**
 * The root of Matterflow's error hierarchy.
 *
 * Expected refusals are returned as values by the runtime (`Rejection`); what is thrown is a
 * subclass of `MatterflowError` carrying a stable `code`, so that callers (the server, the CLI,
 * tests) switch on `code` and never on message text.
 */
export class MatterflowError extends Error {
  /** Stable, machine-readable code (e.g. `CONFLICT`, `DEPLOYMENT_INVALID`). */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
