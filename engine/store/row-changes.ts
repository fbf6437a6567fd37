/**
 * Row changes: what projecting an event asks of the projection tables, as data. Projectors
 * return them (pure, testable without a database); `applyRowChanges` writes them in order.
 */
import type { Knex } from 'knex';
import { insertRows } from './insert-rows.js';
import { updateFromValues } from './update-rows.js';

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
 * Tables whose rows are changed by their primary key, which is their only unique key: there
 * changes of different keys touch different rows and may change places, so that a batch's
 * inserts go in one statement, its deletes in another and its updates (on SQLite) in one a set
 * of columns, while the changes of one key keep their order.
 */
const KEYED: Partial<Record<ProjectionTable, string>> = {
  tasks: 'task_id',
  jobs: 'job_id',
  clocks: 'clock_id',
  alerts: 'alert_id',
};

async function applyInOrder(db: Knex, changes: readonly RowChange[]): Promise<void> {
  const table = changes[0]?.table;
  if (!table) return;
  const keyColumn = KEYED[table];
  if (keyColumn) return applyKeyed(db, table, keyColumn, changes);
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
      if (deletes !== null || inserts.length >= PER_STATEMENT) await flush();
      inserts.push(change.row);
      continue;
    }
    const key = change.op === 'delete' ? singleKey(change.where) : null;
    if (change.op === 'delete' && key) {
      const [column, value] = key;
      if (
        inserts.length > 0 ||
        (deletes !== null && (deletes.column !== column || deletes.values.length >= PER_STATEMENT))
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

/**
 * A keyed table's changes: those by key gathered until one touches a key already gathered (then
 * what was gathered is written first, so one key's changes keep their order); any other change
 * (a delete of a case's rows, say) writes what was gathered, then itself.
 */
async function applyKeyed(
  db: Knex,
  table: ProjectionTable,
  keyColumn: string,
  changes: readonly RowChange[],
): Promise<void> {
  const touched = new Set<string | number>();
  let inserts: Row[] = [];
  let deletes: (string | number)[] = [];
  /** Updates by the columns they set (`a,b`): one statement each on SQLite. */
  let updates = new Map<string, { key: string | number; set: Row }[]>();
  const flush = async () => {
    if (inserts.length > 0) await insertRows(db, table, inserts);
    for (const sameColumns of updates.values()) await updateByKey(db, table, keyColumn, sameColumns);
    for (let i = 0; i < deletes.length; i += PER_STATEMENT)
      await db(table)
        .whereIn(keyColumn, deletes.slice(i, i + PER_STATEMENT))
        .delete();
    touched.clear();
    inserts = [];
    deletes = [];
    updates = new Map();
  };
  for (const change of changes) {
    const key = change.op === 'insert' ? (change.row[keyColumn] ?? null) : byKey(change.where, keyColumn);
    if (key === null) {
      await flush();
      if (change.op === 'update') await db(table).where(change.where).update(change.set);
      else if (change.op === 'delete') await db(table).where(change.where).delete();
      else await insertRows(db, table, [change.row]);
      continue;
    }
    if (touched.has(key)) await flush();
    touched.add(key);
    if (change.op === 'insert') inserts.push(change.row);
    else if (change.op === 'delete') deletes.push(key);
    else {
      const columns = Object.keys(change.set).sort().join(',');
      const list = updates.get(columns);
      if (list) list.push({ key, set: change.set });
      else updates.set(columns, [{ key, set: change.set }]);
    }
  }
  await flush();
}

/**
 * Rows of one table set the same columns by key: on SQLite one `UPDATE … FROM (VALUES …)` a
 * hundred (update-rows.ts); on PostgreSQL one statement each.
 */
async function updateByKey(
  db: Knex,
  table: ProjectionTable,
  keyColumn: string,
  rows: readonly { key: string | number; set: Row }[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  if (db.client.config.client !== 'sqlite3' || rows.length === 1) {
    for (const { key, set } of rows) await db(table).where(keyColumn, key).update(set);
    return;
  }
  const set = Object.keys(first.set);
  for (let i = 0; i < rows.length; i += PER_STATEMENT) {
    const slice = rows.slice(i, i + PER_STATEMENT);
    await updateFromValues(
      db,
      table,
      { match: [keyColumn], set },
      slice.map((row) => [row.key, ...set.map((name) => row.set[name] ?? null)]),
    );
  }
}

/** The value of `where`'s only column when that column is `keyColumn`, else null. */
function byKey(where: Row, keyColumn: string): string | number | null {
  const key = singleKey(where);
  return key && key[0] === keyColumn ? key[1] : null;
}

/** The one column and value of a `where`, if it has exactly one non-null column. */
function singleKey(where: Row): [string, string | number] | null {
  const entries = Object.entries(where);
  if (entries.length !== 1) return null;
  const [entry] = entries;
  if (!entry || entry[1] === null) return null;
  return [entry[0], entry[1]];
}
