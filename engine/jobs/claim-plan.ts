/**
 * The database's plan for the poller's claim statement, as text lines: EXPLAIN QUERY PLAN on
 * SQLite, EXPLAIN on PostgreSQL. The claim must read `jobs_firing_order_index` rather than scan
 * the table, so that a tick costs the same with 10,000 or 1,000,000 jobs pending, and on SQLite
 * it must read the candidates in firing order without sorting them, so that it costs the same
 * with 100 or 100,000 jobs due at one instant; a test and the benchmark check the plan.
 * (PostgreSQL's planner may still sort the few rows it expects to be due; it is not held to it.)
 */
import type { Knex } from 'knex';
import type { Dialect } from '../store/index.js';
import { claimStatement, type BatchClaimOptions } from './claim-batch.js';

/** The index the claim reads: `jobs` in firing order (migrations/20260203000000_jobs_firing_order.ts). */
export const FIRING_ORDER_INDEX = 'jobs_firing_order_index';

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

/**
 * True when the plan reads the firing-order index, never scans the whole jobs table and, on
 * SQLite, does not sort the due jobs (`USE TEMP B-TREE FOR ... ORDER BY`).
 */
export function readsInFiringOrder(plan: readonly string[], dialect: Dialect): boolean {
  const text = plan.join('\n');
  if (!text.includes(FIRING_ORDER_INDEX)) return false;
  if (dialect === 'sqlite' && /TEMP B-TREE FOR .*ORDER BY/.test(text)) return false;
  const fullScan = dialect === 'sqlite' ? /\bSCAN (j|jobs)\b(?! USING)/ : /Seq Scan on jobs( j)?\b/;
  return !fullScan.test(text);
}
