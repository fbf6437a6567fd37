/**
 * Row changes: what projecting an event asks of the projection tables, as data. Projectors
 * return them (pure, testable without a database); `applyRowChanges` writes them in order.
 */
import type { Knex } from 'knex';

/** The tables events are projected into (the `cases` row is written from the snapshot). */
type ProjectionTable = 'tasks' | 'jobs' | 'subscriptions' | 'incidents' | 'clocks' | 'alerts' | 'applicant_records';

type Row = Record<string, string | number | null>;

export type RowChange =
  | { readonly op: 'insert'; readonly table: ProjectionTable; readonly row: Row }
  | { readonly op: 'update'; readonly table: ProjectionTable; readonly where: Row; readonly set: Row }
  | { readonly op: 'delete'; readonly table: ProjectionTable; readonly where: Row };

/** Apply changes in order; consecutive inserts into one table go in one statement. */
export async function applyRowChanges(db: Knex, changes: readonly RowChange[]): Promise<void> {
  const batch: { table: ProjectionTable | null; rows: Row[] } = { table: null, rows: [] };
  const flush = async () => {
    if (batch.table && batch.rows.length > 0) await db(batch.table).insert(batch.rows);
    batch.table = null;
    batch.rows = [];
  };
  for (const change of changes) {
    if (change.op === 'insert') {
      if (batch.table !== change.table || batch.rows.length >= 100) await flush();
      batch.table = change.table;
      batch.rows.push(change.row);
      continue;
    }
    await flush();
    if (change.op === 'update') await db(change.table).where(change.where).update(change.set);
    else await db(change.table).where(change.where).delete();
  }
  await flush();
}
