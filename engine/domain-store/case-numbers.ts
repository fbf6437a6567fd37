/**
 * 办件编号 drawn from `case_number_sequences`: the row of the Beijing date of 收件 is inserted or
 * incremented in ONE statement (INSERT … ON CONFLICT DO UPDATE … RETURNING, on SQLite and
 * PostgreSQL alike), inside the transaction that stores the case. PostgreSQL holds the row's lock
 * until that transaction ends, so concurrent receipts of one day take turns and never draw the
 * same sequence; SQLite has one writer at a time anyway. A receipt that rolls back (a refused
 * command, a failed write) rolls its draw back too, unless a later receipt of the day committed
 * in between: then the day's sequence has a gap, never a duplicate.
 */
import type { Knex } from 'knex';
import { caseNumberDate, formatCaseNumber } from '../domain/index.js';

const TABLE = 'case_number_sequences';

/** The next 办件编号 of the Beijing date of `at`, drawn in `trx` (commit it with the case). */
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
