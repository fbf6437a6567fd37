/**
 * 办件编号 drawn from `case_number_sequences`: the row of the Beijing date of 收件 is inserted or
 * incremented in ONE statement (INSERT … ON CONFLICT DO UPDATE … RETURNING, on SQLite and
 * PostgreSQL alike) while the case is received, so concurrent receipts of one day never draw the
 * same sequence, and the unique index on `cases.number` stands behind it.
 * - SQLite (one writer at a time): the draw runs in the transaction that stores the case; a
 *   receipt that rolls back rolls its draw back too.
 * - PostgreSQL: the draw commits on its own, like a sequence's nextval (receive.ts passes the
 *   store's connection, not the case's transaction). Inside the case's transaction the day's row
 *   would stay locked until that transaction ended, so one slow or stalled receipt (a group-commit
 *   batch holding several) would stop every other receipt of the day. A receipt that rolls back
 *   leaves a gap in the day's sequence, never a duplicate.
 */
import type { Knex } from 'knex';
import { caseNumberDate, formatCaseNumber } from '../domain/index.js';

const TABLE = 'case_number_sequences';

/** The next 办件编号 of the Beijing date of `at`, drawn on `trx` (a transaction, or the store's connection). */
export async function drawCaseNumber(trx: Knex, at: Date): Promise<string> {
  const day = caseNumberDate(at.toISOString());
  const rows = (await trx(TABLE)
    .insert({ day, last_sequence: 1 })
    .onConflict('day')
    .merge({ last_sequence: trx.raw('??.?? + 1', [TABLE, 'last_sequence']) })
    .returning('last_sequence')) as Array<{ last_sequence: number | string } | number>;
  const row = rows[0];
  const sequence = Number(typeof row === 'object' ? row.last_sequence : row);
  return formatCaseNumber(day, sequence);
}
