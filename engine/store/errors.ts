/**
 * Errors the store throws, each with a stable `code` (the server maps them to HTTP statuses).
 */
import { MatterflowError } from '../errors.js';
import type { Finding } from '../model/index.js';
import type { CaseRejection, CaseRejectionCode } from '../case/index.js';

/** Deploying was refused: the XML has error findings. Nothing was stored. */
export class DeploymentError extends MatterflowError {
  readonly findings: readonly Finding[];

  constructor(findings: readonly Finding[]) {
    const errors = findings.filter((finding) => finding.severity === 'error');
    const first = errors[0] ?? findings[0];
    super(
      'DEPLOYMENT_INVALID',
      `Expected a deployable BPMN definition, but found ${errors.length} error(s)` +
        (first ? `, first: [${first.rule}] ${first.elementId ?? ''} ${first.message.en}` : ''),
    );
    this.findings = findings;
  }
}

/**
 * Another command changed the case between this command's read and its write: the loser of a
 * race (HTTP 409). Nothing of the losing command was written; retrying re-reads the case.
 */
export class ConcurrencyConflictError extends MatterflowError {
  override readonly code = 'CONFLICT' as const;
  readonly caseId: string;
  readonly expectedVersion: number;
  /** The version found when the conflict was reported (null if it could not be read). */
  readonly currentVersion: number | null;

  constructor(caseId: string, expectedVersion: number, currentVersion: number | null, options?: { cause?: unknown }) {
    super(
      'CONFLICT',
      `Expected case ${caseId} at version ${expectedVersion}, but another command changed it` +
        (currentVersion === null ? '' : ` (now at version ${currentVersion})`),
      options,
    );
    this.caseId = caseId;
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
  }
}

/** The runtime refused a command; `code` is the rejection code (e.g. `TASK_NOT_FOUND`). */
export class CommandRejectedError extends MatterflowError {
  declare readonly code: CaseRejectionCode;
  readonly caseId: string;
  readonly commandType: string;
  readonly rejection: CaseRejection;

  constructor(caseId: string, commandType: string, rejection: CaseRejection) {
    super(rejection.code, `${commandType} on case ${caseId} was rejected: ${rejection.message}`);
    this.caseId = caseId;
    this.commandType = commandType;
    this.rejection = rejection;
  }
}

/** No case with this id is stored. */
export class CaseNotFoundError extends MatterflowError {
  readonly caseId: string;

  constructor(caseId: string) {
    super('CASE_NOT_FOUND', `Expected a case with id ${caseId}, but there is none`);
    this.caseId = caseId;
  }
}

/** No deployed process with this id (and version, if given). */
export class ProcessNotDeployedError extends MatterflowError {
  readonly processId: string;
  readonly version: number | null;

  constructor(processId: string, version: number | null = null) {
    super(
      'PROCESS_NOT_FOUND',
      `Expected a deployed process ${processId}${version === null ? '' : ` version ${version}`}, but there is none`,
    );
    this.processId = processId;
    this.version = version;
  }
}

/** A stored deployment could not be compiled again (the model changed incompatibly). */
export class DefinitionLoadError extends MatterflowError {
  readonly hash: string;
  readonly findings: readonly Finding[];

  constructor(hash: string, findings: readonly Finding[]) {
    super(
      'DEFINITION_UNLOADABLE',
      `Expected stored deployment ${hash} to compile, but it has ${findings.length} finding(s)`,
    );
    this.hash = hash;
    this.findings = findings;
  }
}

/** Any other store failure with a stable code (e.g. `DEPLOYMENT_NOT_FOUND`). */
export class StoreError extends MatterflowError {}
