/**
 * The database's plan for the poller's claim statement, as text lines: EXPLAIN QUERY PLAN on
 * SQLite, EXPLAIN on PostgreSQL. The claim must read `jobs_due_at_index` rather than scan the
 * table, so that a tick costs the same with 10,000 or 1,000,000 jobs pending; a test and the
 * benchmark check that the plan names the index.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../store/index.js';
import { claimStatement, type BatchClaimOptions } from './claim-batch.js';

/** The name of the index the claim reads (created by the initial migration). */
export const DUE_AT_INDEX = 'jobs_due_at_index';

/** The plan of the claim statement for `options` (nothing is claimed). */
export async function explainClaim(db: Knex, dialect: Dialect, options: BatchClaimOptions): Promise<string[]> {
  const { sql, bindings } = claimStatement(db, dialect, options).toSQL();
  if (dialect === 'sqlite') {
    const rows = (await db.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings)) as { detail: string }[];
    return rows.map((row) => row.detail);
  }
  const result = (await db.raw(`EXPLAIN ${sql}`, bindings)) as { rows: { 'QUERY PLAN': string }[] };
  return result.rows.map((row) => row['QUERY PLAN']);
}

/** True when the plan reads the due_at index and never scans the whole jobs table. */
export function usesDueAtIndex(plan: readonly string[], dialect: Dialect): boolean {
  const text = plan.join('\n');
  if (!text.includes(DUE_AT_INDEX)) return false;
  const fullScan = dialect === 'sqlite' ? /\bSCAN (j|jobs)\b(?! USING)/ : /Seq Scan on jobs( j)?\b/;
  return !fullScan.test(text);
}
