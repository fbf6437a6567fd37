/**
 * What the job runners need from the store: the database, the business clock, and a way to
 * run one command in its own transaction.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import type { Command } from '../runtime/index.js';
import type { CaseState } from '../case/index.js';
import type { Dialect } from '../store/index.js';

export interface JobHost {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** Business time: event times and due dates. */
  readonly clock: Clock;
  /** Run a command (and its reactions) in its own transaction; `at` fixes the command's now. */
  dispatch(caseId: string, command: Command, options?: { at?: Date }): Promise<unknown>;
  /** A case's current snapshot. */
  getCase(caseId: string): Promise<CaseState | null>;
}

/** Lease length for a claimed job (real time). */
export const DEFAULT_LEASE_MS = 5 * 60_000;
