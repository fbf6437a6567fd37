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

/**
 * Tables whose rows are deleted by their primary key, which is their only unique key: there a
 * delete and an insert of different keys touch different rows and may change places, so that
 * the inserts of a batch go in one statement and its deletes in another.
 */
const KEYED: Partial<Record<ProjectionTable, string>> = { tasks: 'task_id', jobs: 'job_id' };

async function applyInOrder(db: Knex, changes: readonly RowChange[]): Promise<void> {
  const table = changes[0]?.table;
  if (!table) return;
  const keyColumn = KEYED[table];
  let inserts: Row[] = [];
  let deletes: { column: string; values: (string | number)[] } | null = null;
  const flush = async () => {
    if (inserts.length > 0) await insertRows(db, table, inserts);
    if (deletes) await db(table).whereIn(deletes.column, deletes.values).delete();
    inserts = [];
    deletes = null;
  };
  for (const change of changes) {
    if (change.op === 'insert') {
      // Before a delete already gathered unless both are by the key, and of other keys.
      const commutes = deletes !== null && keyColumn !== undefined && deletes.column === keyColumn;
      const blocked = deletes !== null && (!commutes || deletes.values.includes(change.row[keyColumn ?? ''] ?? ''));
      if (blocked || inserts.length >= PER_STATEMENT) await flush();
      inserts.push(change.row);
      continue;
    }
    const key = change.op === 'delete' ? singleKey(change.where) : null;
    if (change.op === 'delete' && key) {
      const [column, value] = key;
      const commutes =
        column === keyColumn &&
        inserts.every((row) => row[column] !== value) &&
        (!deletes || deletes.column === column);
      const sameKind = deletes === null || deletes.column === column;
      if (
        (inserts.length > 0 && !commutes) ||
        !sameKind ||
        (deletes !== null && deletes.values.length >= PER_STATEMENT)
      )
        await flush();
      deletes ??= { column, values: [] };
      deletes.values.push(value);
      continue;
    }
    await flush();
    if (change.op === 'update') await db(table).where(change.where).update(change.set);
    else await db(table).where(change.where).delete();
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
