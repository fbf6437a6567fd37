/**
 * Multi-row inserts written as `INSERT … VALUES (…), (…)`: one statement for many rows, on
 * SQLite and PostgreSQL alike. (knex writes a multi-row insert on SQLite as a compound
 * `SELECT … UNION ALL SELECT …`, which SQLite caps at 500 terms and parses and runs markedly
 * slower; building the statement here also skips knex's per-value formatting.) Rows whose columns
 * differ go in separate statements, so a column left out keeps its default.
 */
import type { Knex } from 'knex';

type Value = string | number | boolean | null;

/** Bound values a statement carries at most (SQLite allows 32,766; PostgreSQL 65,535). */
const MAX_VALUES = 30_000;
/** Rows a statement carries at most. */
const MAX_ROWS = 500;

/** Insert `rows` into `table`, in order, in as few statements as the limits allow. */
export async function insertRows(
  db: Knex,
  table: string,
  rows: readonly Readonly<Record<string, Value>>[],
): Promise<void> {
  let i = 0;
  while (i < rows.length) {
    const columns = Object.keys(rows[i] as Record<string, Value>);
    const shape = columns.join('\u0000');
    const limit = Math.min(MAX_ROWS, Math.max(1, Math.floor(MAX_VALUES / Math.max(1, columns.length))));
    let end = i + 1;
    while (
      end < rows.length &&
      end - i < limit &&
      Object.keys(rows[end] as Record<string, Value>).join('\u0000') === shape
    )
      end += 1;
    const slice = rows.slice(i, end);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const bindings: Value[] = [];
    for (const row of slice) for (const column of columns) bindings.push(row[column] ?? null);
    await db.raw(
      `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${slice.map(() => tuple).join(', ')}`,
      bindings,
    );
    i = end;
  }
}

/** A table or column name as an identifier (ours are plain snake_case). */
function quote(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Expected a plain identifier, but got ${name}`);
  return `"${name}"`;
}
