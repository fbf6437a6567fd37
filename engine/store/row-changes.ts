/**
 * Row changes: what projecting an event asks of the projection tables, as data. Projectors
 * return them (pure, testable without a database); `applyRowChanges` writes them in order.
 */
import type { Knex } from 'knex';
import { insertRows } from './insert-rows.js';

/** The tables events are projected into (the `cases` row is written from the snapshot). */
type ProjectionTable =
  'tasks' | 'jobs' | 'subscriptions' | 'incidents' | 'clocks' | 'alerts' | 'applicant_records' | 'outbox';

type Row = Record<string, string | number | null>;

export type RowChange =
  | { readonly op: 'insert'; readonly table: ProjectionTable; readonly row: Row }
  | { readonly op: 'update'; readonly table: ProjectionTable; readonly where: Row; readonly set: Row }
  | { readonly op: 'delete'; readonly table: ProjectionTable; readonly where: Row };

/** Rows a statement may carry (inserts: about 15 columns each, well under the variable limits). */
const PER_STATEMENT = 100;

/**
 * Apply changes table by table, each table's in the order given, merging like neighbours into one
 * statement: consecutive inserts into the table, and consecutive deletes from it by the same
 * one-column key (`IN (…)`). The order between tables does not matter: no projection row refers
 * to another table's but `cases`, which is written before.
 */
export async function applyRowChanges(db: Knex, changes: readonly RowChange[]): Promise<void> {
  const byTable = new Map<ProjectionTable, RowChange[]>();
  for (const change of changes) {
    const list = byTable.get(change.table);
    if (list) list.push(change);
    else byTable.set(change.table, [change]);
  }
  for (const list of byTable.values()) await applyInOrder(db, list);
}

async function applyInOrder(db: Knex, changes: readonly RowChange[]): Promise<void> {
  let inserts: { table: ProjectionTable; rows: Row[] } | null = null;
  let deletes: { table: ProjectionTable; column: string; values: (string | number)[] } | null = null;
  const flush = async () => {
    if (inserts) await insertRows(db, inserts.table, inserts.rows);
    if (deletes) await db(deletes.table).whereIn(deletes.column, deletes.values).delete();
    inserts = null;
    deletes = null;
  };
  for (const change of changes) {
    if (change.op === 'insert') {
      if (deletes || (inserts && (inserts.table !== change.table || inserts.rows.length >= PER_STATEMENT)))
        await flush();
      inserts ??= { table: change.table, rows: [] };
      inserts.rows.push(change.row);
      continue;
    }
    const key = change.op === 'delete' ? singleKey(change.where) : null;
    if (change.op === 'delete' && key) {
      const sameKind = deletes && deletes.table === change.table && deletes.column === key[0];
      if (inserts || (deletes && (!sameKind || deletes.values.length >= PER_STATEMENT))) await flush();
      deletes ??= { table: change.table, column: key[0], values: [] };
      deletes.values.push(key[1]);
      continue;
    }
    await flush();
    if (change.op === 'update') await db(change.table).where(change.where).update(change.set);
    else await db(change.table).where(change.where).delete();
  }
  await flush();
}

/** The one column and value of a `where`, if it has exactly one non-null column. */
function singleKey(where: Row): [string, string | number] | null {
  const entries = Object.entries(where);
  if (entries.length !== 1) return null;
  const [entry] = entries;
  if (!entry || entry[1] === null) return null;
  return [entry[0], entry[1]];
}
