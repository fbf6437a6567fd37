/**
 * The store's public surface: what the server, the CLI and tests call.
 */
import type { SupervisionPolicy } from '../supervision/index.js';
import type { Applicant } from '../domain/index.js';
import type { Clock } from '../clock.js';
import type { Knex } from 'knex';
import type { WorkingCalendar } from '../runtime/index.js';
import type { CaseCommand } from '../case/index.js';
import type { CaseEvent } from '../case/index.js';
import type { CaseState } from '../case/index.js';
import type { CaseFilter, CaseSummary } from './case-repository.js';
import type { Database, DatabaseConfig, Dialect } from './database.js';
import type { DefinitionRef } from './definitions-repository.js';
import type { CompiledDefinition } from '../model/index.js';
import type { DeployResult } from './deploy.js';
import type { EventRange } from './event-log.js';
import type { JobRow } from './job-rows.js';
import type { TaskFilter, TaskView } from './task-query.js';
import type { MaterialFileCheck, VerifyResult } from './verify.js';
import type { GroupCommitOptions } from './group-commit.js';

export interface StoreOptions {
  /** An open database (left open by `close`) or a config to open (closed by `close`). */
  readonly database: Database | DatabaseConfig;
  readonly clock: Clock;
  /** Id generator for everything the runtime names; default `crypto.randomUUID`. */
  readonly ids?: () => string;
  readonly calendar?: WorkingCalendar;
  /** 电子监察 rules for the clocks' 预警 / 黄牌 / 红牌; without them clocks raise no signals. */
  readonly supervision?: SupervisionPolicy;
  /** The centre's credit check: false excludes an applicant from 容缺受理 (blacklist). */
  readonly creditCheck?: (applicant: Applicant) => boolean;
  /** Run pending migrations on open (default true). */
  readonly migrate?: boolean;
  /**
   * Group commit (engine/store/group-commit.ts): most commands a transaction, how long a busy
   * batch waits for more (ms), batches in flight. Default per dialect; `{ maxBatch: 1 }` turns it off.
   */
  readonly groupCommit?: Partial<GroupCommitOptions>;
  /**
   * Case snapshots kept in memory between commands (default 10,000 on SQLite, 0 on PostgreSQL,
   * where other processes write too). Only for a process that is the database's one writer.
   */
  readonly snapshots?: number;
  /**
   * Re-hashes a stored material file for `verify` (engine/materials-store): null when the content
   * still hashes to the sha256 its `material.filed` event carries, else what is wrong. Without
   * it, `verify` checks the events only.
   */
  readonly materialFiles?: MaterialFileCheck;
}

/** The events a command appended to one case. */
export interface CaseEvents {
  readonly caseId: string;
  readonly events: readonly CaseEvent[];
}

/** What a command did: the target case's events and state, plus the cases its reactions touched. */
export interface DispatchResult extends CaseEvents {
  readonly state: CaseState;
  /** Other cases changed in the same transaction (children, parents, signal receivers), in order. */
  readonly reactions: readonly CaseEvents[];
}

export interface StartCaseInput {
  readonly processId: string;
  /** Default: the latest deployed version. */
  readonly version?: number;
  readonly variables?: Record<string, unknown>;
  readonly caseId?: string;
  /** A message, signal or timer start event; default the none start. */
  readonly startEventId?: string;
  readonly actor: string;
}

export interface CorrelateInput {
  /** Correlate to this case; otherwise to the oldest open subscription, else a message start. */
  readonly caseId?: string;
  /** Restrict to the subscription of this element. */
  readonly elementId?: string;
  readonly variables?: Record<string, unknown>;
  readonly actor?: string;
}

export interface Store {
  /** Compile and version BPMN XML; throws `DeploymentError` (storing nothing) on error findings. */
  deploy(xml: string, options: { actor: string }): Promise<DeployResult>;
  /** Start a case of a deployed process (latest version unless `version`). */
  startCase(input: StartCaseInput): Promise<DispatchResult>;
  /** Run a command on a case, with its reactions, in one transaction. */
  /** Run a BPMN (runtime) or 办件 (domain) command on a case; `case.receive` creates it. */
  dispatch(caseId: string, command: CaseCommand): Promise<DispatchResult>;
  /**
   * Run a command of `type` that `build` writes inside the transaction that stores it, given that
   * transaction and the command's now (its events' time): for a value drawn from a table that
   * must commit or roll back with the case (收件's 办件编号 from its day's sequence).
   */
  dispatchBuilt(
    caseId: string,
    type: CaseCommand['type'],
    build: (trx: Knex, now: Date) => Promise<CaseCommand>,
  ): Promise<DispatchResult>;
  /** Deliver a message to a case (or the first subscriber, or start a process on it). */
  correlateMessage(name: string, input?: CorrelateInput): Promise<DispatchResult>;
  /** Deliver a signal to every subscribed active case and start signal-start processes. */
  broadcastSignal(
    name: string,
    variables?: Record<string, unknown>,
    options?: { actor?: string },
  ): Promise<readonly CaseEvents[]>;
  /** The stored snapshot of a case, or null. */
  getCase(caseId: string): Promise<CaseState | null>;
  /** A case's events in order (optionally up to a seq or instant). */
  getEvents(caseId: string, range?: EventRange): Promise<CaseEvent[]>;
  listTasks(filter?: TaskFilter): Promise<TaskView[]>;
  listCases(filter?: CaseFilter): Promise<CaseSummary[]>;
  listDefinitions(processId?: string): Promise<DefinitionRef[]>;
  /** The compiled definition deployed with this content hash (cached; its calls resolved against every deployed process). */
  definition(hash: string): Promise<CompiledDefinition>;
  /** Rebuild a case's state from its log, as of a seq and/or instant. Throws if no events. */
  replay(caseId: string, range?: EventRange): Promise<CaseState>;
  /** Recompute the hash chain and compare replay with the snapshot. */
  verify(caseId: string): Promise<VerifyResult>;
  /** What engine/jobs (timers, service jobs, the poller: `jobsOf(store)`) drives the store through. */
  readonly jobPort: JobPort;
  /** Transactions the group commit committed and the commands in them (for benchmarks). */
  commitStats(): { readonly batches: number; readonly units: number };
  readonly database: Database;
  close(): Promise<void>;
}

/**
 * The store as engine/jobs sees it: the `jobs` table's database, business time, and a way to run
 * one command (with its reactions) in its own transaction. The store does not know the runners.
 */
export interface JobPort {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** Business time: event times and due dates. */
  readonly clock: Clock;
  /** Run a command (and its reactions) in its own transaction; `at` fixes the command's now. */
  dispatch(caseId: string, command: CaseCommand, options?: { at?: Date }): Promise<unknown>;
  /** A case's current snapshot. */
  getCase(caseId: string): Promise<CaseState | null>;
  /** Fire a start timer leased to `owner`: start its case and schedule the next occurrence; the new case id, or null when the lease was lost. */
  fireStartTimer(job: JobRow, owner: string): Promise<string | null>;
}
