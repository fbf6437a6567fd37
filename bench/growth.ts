/**
 * Does the durable rate hold as the store grows? Two SQLite stores, one with 10,000 events already
 * in it and one with 1,000,000 (copies of a finished benchmark case's rows — case row, events —
 * inserted directly, 250 rows a statement), each then driven by 16 clients; the runs are
 * interleaved, twice, and the ratio is taken per pair.
 */
import { report, type Figure } from './report.js';
import { driveCases, freshSqliteStore } from './durable.js';
import type { Store } from '../engine/store/index.js';

const EVENTS_PER_CASE = 36;

export async function benchGrowth(cases: number, sizes: readonly number[] = [10_000, 1_000_000]): Promise<Figure[]> {
  const stores = [];
  for (const events of sizes) {
    const fresh = await freshSqliteStore();
    await prefill(fresh.store, Math.ceil(events / EVENTS_PER_CASE));
    stores.push({ events, ...fresh });
  }
  const rates = new Map<number, number[]>(sizes.map((events) => [events, []]));
  try {
    for (let rep = 0; rep < 2; rep += 1) {
      for (const { events, store } of rep === 0 ? stores : [...stores].reverse()) {
        const run = await driveCases(store, cases, 16);
        rates.get(events)?.push(run.commands / run.seconds);
      }
    }
  } finally {
    for (const { close } of stores) await close();
  }
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const [small, large] = sizes.map((events) => mean(rates.get(events) ?? []));
  return report('durable as the store grows (16 clients)', [
    ...sizes.map((events) => ({
      name: `${events.toLocaleString('en-US')} events before: commands / s`,
      value: mean(rates.get(events) ?? []),
    })),
    { name: 'ratio, largest / smallest', value: (large ?? 0) / (small ?? 1), unit: '×' },
  ]);
}

/** `count` copies of one finished case (its case row and events), under new case ids. */
async function prefill(store: Store, count: number): Promise<void> {
  const knex = store.database.knex;
  await driveCases(store, 1, 1);
  const model = (await knex('cases').first()) as Record<string, unknown>;
  const events = (await knex('case_events').where({ case_id: model['case_id'] }).orderBy('seq')) as Record<
    string,
    unknown
  >[];
  const perTransaction = 500;
  for (let n = 0; n < count; n += perTransaction) {
    const ids = Array.from({ length: Math.min(perTransaction, count - n) }, (_, k) => `prefill-${n + k}`);
    await knex.transaction(async (trx) => {
      const caseRows = ids.map((caseId) => ({ ...model, case_id: caseId }));
      for (let i = 0; i < caseRows.length; i += 50) await trx('cases').insert(caseRows.slice(i, i + 50));
      const eventRows = ids.flatMap((caseId) => events.map((event) => ({ ...event, case_id: caseId })));
      for (let i = 0; i < eventRows.length; i += 250) await trx('case_events').insert(eventRows.slice(i, i + 250));
    });
  }
}
