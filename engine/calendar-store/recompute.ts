/**
 * After a year's calendar is imported, every provisional due date is computed again: each case
 * with a running provisional clock gets `clock.recompute`, so every change is an event.
 */
import type { Store } from '../store/index.js';

export async function recomputeProvisionalDueDates(
  store: Store,
  options: { actor: string; reason: string },
): Promise<string[]> {
  const rows = (await store.database
    .knex('clocks')
    .distinct('case_id')
    .where({ provisional: 1 })
    .whereNull('finished_at')) as Array<{ case_id: string }>;
  const changed: string[] = [];
  for (const { case_id: caseId } of rows) {
    const result = await store.dispatch(caseId, {
      type: 'clock.recompute',
      actor: options.actor,
      data: { reason: options.reason },
    });
    if (result.events.length > 0) changed.push(caseId);
  }
  return changed;
}
