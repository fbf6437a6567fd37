/**
 * Local corrections by administrators: a day made off or working for this centre (a local
 * holiday, a notice the data missed, a typhoon closure), with who and why in the audit trail.
 * A correction is source `local` and survives later official imports of its year.
 */
import type { Knex } from 'knex';
import { systemClock } from '../clock.js';
import { CalendarImportError, isDateText, type CalendarDay } from '../calendar/index.js';
import { applyDays } from './apply-days.js';
import { requireText } from './rows.js';

export interface DayCorrection {
  /** The Beijing date, YYYY-MM-DD. */
  readonly day: string;
  /** true: a day off; false: a working day. */
  readonly off: boolean;
  readonly name: string;
  readonly actor: string;
  readonly reason: string;
  /** URL of the local decision, if any. */
  readonly notice?: string;
  /** The instant recorded, ISO-8601 UTC; default now. */
  readonly at?: string;
}

/** Record a local correction (one transaction: the day and its audit row, or nothing). */
export async function correctDay(knex: Knex, correction: DayCorrection): Promise<CalendarDay> {
  if (!isDateText(correction.day))
    throw new CalendarImportError(
      'day',
      `Expected a date written YYYY-MM-DD, but got ${JSON.stringify(correction.day)}`,
    );
  if (typeof correction.off !== 'boolean')
    throw new CalendarImportError('off', `Expected true or false, but got ${JSON.stringify(correction.off)}`);
  const name = requireText(correction.name, 'name');
  const actor = requireText(correction.actor, 'actor');
  const reason = requireText(correction.reason, 'reason');
  const notice = correction.notice === undefined ? undefined : requireText(correction.notice, 'notice');
  const day: CalendarDay = { off: correction.off, name, source: 'local', ...(notice ? { notice } : {}) };
  const at = correction.at ?? systemClock.now().toISOString();
  await knex.transaction((trx) => applyDays(trx, new Map([[correction.day, day]]), { actor, reason, at }));
  return day;
}
