/**
 * The store's public surface: `openStore` over SQLite (default) or PostgreSQL, its types and
 * errors (all of `errors.ts`, for callers that tell them apart), the database and migration
 * entry points, the read models' queries below, and the helpers marked for engine/jobs and the
 * other stores. Everything else in engine/store (the hash chain, projections, schema creation)
 * is internal.
 */
import { loadDefinition } from '../model/index.js';
import { executeCase } from '../case/index.js';
import { replay } from '../case/index.js';
import type { EnginePort } from './engine-port.js';
import { createStore } from './store.js';
import type { Store, StoreOptions } from './store-types.js';

/** The real engine: the model's compiler and the runtime. */
export const defaultEngine: EnginePort = { loadDefinition, execute: executeCase, replay };

/** Open the store (migrating the database unless `migrate: false`). */
export function openStore(options: StoreOptions): Promise<Store> {
  return createStore(options, defaultEngine);
}

export { createStore } from './store.js';
export type { EnginePort, LoadResult } from './engine-port.js';
export type {
  Store,
  StoreOptions,
  DispatchResult,
  CaseEvents,
  StartCaseInput,
  CorrelateInput,
  JobPort,
} from './store-types.js';
// The `jobs` table's rows, for the runners above the store (engine/jobs).
export { toJobRow, caseOf, byFiringOrder, type JobKind, type JobRow } from './job-rows.js';
export {
  openDatabase,
  configFromEnv,
  dropSchema,
  type Database,
  type DatabaseConfig,
  type Dialect,
} from './database.js';
export { migrateLatest } from './migrate.js';
export type { DeployResult, DeployedProcess } from './deploy.js';
export type { DefinitionRef } from './definitions-repository.js';
export type { CaseFilter, CaseSummary } from './case-repository.js';
export type { TaskFilter, TaskView } from './task-query.js';
export { closedTask, TASK_CREATED_INDEX, type ClosedTask } from './task-query.js';
export type { EventRange } from './event-log.js';
export type { VerifyResult } from './verify.js';
export { applicantKey } from './projections-domain.js';
export {
  CaseNotFoundError,
  CommandRejectedError,
  ConcurrencyConflictError,
  DefinitionLoadError,
  DeploymentError,
  ProcessNotDeployedError,
  StoreError,
} from './errors.js';
export {
  listAlerts,
  openCaseCounts,
  supervisionStatistics,
  type OpenCaseCounts,
  type AlertFilter,
  type AlertView,
  type StatisticsFilter,
  type StatisticsRow,
} from './supervision-queries.js';
export {
  searchAuditCases,
  replayTimeline,
  summarizeState,
  caseFamily,
  caseDefinition,
  eventHashes,
  type AuditCaseFilter,
  type AuditCaseRow,
  type StateSummary,
  type TimelineStep,
  type CaseFamily,
} from './audit-queries.js';
export { openSignalSummary, type SignalSummaryFilter, type SignalSummaryGroup } from './supervision-signal-summary.js';
export {
  beijingPeriod,
  currentPeriod,
  handlingPerformance,
  nearestRank,
  type InstantRange,
  type PeriodKind,
  type PerformanceFilter,
  type PerformanceRow,
} from './supervision-performance.js';
export { rectificationsDue, type RectificationDue, type RectificationDueFilter } from './rectifications-due.js';
export { matterNames } from './matter-names.js';
export {
  listWorklist,
  encodeWorklistCursor,
  decodeWorklistCursor,
  type WorklistFilter,
  type WorklistRow,
  type WorklistPage,
  type WorklistPosition,
} from './worklist-query.js';
export type { Timing } from './projections-worklist.js';
export * from './handled-query.js';
export {
  CommandRecord,
  committedEarlier,
  withCommandRecord,
  type CommandMatch,
  type CommandRecordEntry,
  type CommandRecordSink,
} from './command-record.js';
export { isDatabaseUnavailable } from './unavailable.js';
// For the other stores (engine/*-store): JSON columns the same on both dialects, and insert races.
export { readJson, writeJson, canonicalJson } from './json.js';
export { isInsertRaceOn } from './conflicts.js';
export { checkWritable } from './readiness.js';
