/**
 * The list of migrations, imported explicitly (no directory scanning), so that knex migrates the
 * same way under tsx, a bundler or compiled JavaScript. Append new migrations at the end; never
 * edit or reorder a released one.
 */
import type { Knex } from 'knex';
import * as initial from './20250601000000_initial.js';
import * as calendar from './20260101000000_calendar.js';
import * as jobs from './20260102000000_jobs.js';
import * as supervision from './20260103000000_supervision.js';
import * as matters from './20260104000000_matters.js';
import * as ratings from './20260105000000_ratings.js';
import * as caseDomain from './20260106000000_case_domain.js';
import * as applicantRecords from './20260107000000_applicant_records.js';
import * as server from './20260108000000_server.js';
import * as applicantKey from './20260109000000_applicant_key.js';
import * as workspace from './20260110000000_workspace.js';
import * as worklist from './20260111000000_worklist.js';
import * as idempotencyLease from './20260112000000_idempotency_lease_and_readiness.js';
import * as userStatus from './20260113000000_user_status.js';
import * as caseNumbers from './20260114000000_case_numbers.js';
import * as integration from './20260120000000_integration.js';
import * as materials from './20260125000000_materials.js';
import * as eventsByActor from './20260201000000_events_by_actor.js';
import * as taskEvents from './20260202000000_task_events.js';
import * as jobsFiringOrder from './20260203000000_jobs_firing_order.js';

/** One migration module: a stable name plus up/down. */
export interface MigrationModule {
  readonly name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly MigrationModule[] = [initial, calendar, jobs, supervision, matters, ratings, caseDomain, applicantRecords, server, applicantKey, workspace, worklist, idempotencyLease, userStatus, caseNumbers, integration, materials, eventsByActor, taskEvents, jobsFiringOrder];

/** A knex `migrationSource` over `MIGRATIONS`. */
export const migrationSource: Knex.MigrationSource<MigrationModule> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration,
};
