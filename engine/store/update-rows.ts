/**
 * Many rows updated in one statement, each by its own key: `UPDATE t SET … FROM (VALUES (…), (…))
 * AS v WHERE t.key = v.column1 …`, for SQLite (3.33 and later). PostgreSQL's VALUES would need a
 * type for every column, so callers there write one UPDATE a row.
 */
import type { Knex } from 'knex';

type Value = string | number | null;

/**
 * Update `rows` of `table`, each `[...match values, ...set values]`: the row of `table` whose
 * `match` columns equal the first values gets the `set` columns. With `returning`, that column
 * of every row written.
 */
export async function updateFromValues(
  db: Knex,
  table: string,
  columns: { readonly match: readonly string[]; readonly set: readonly string[] },
  rows: readonly (readonly Value[])[],
  returning?: string,
): Promise<Record<string, unknown>[]> {
  const width = columns.match.length + columns.set.length;
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  const v = (index: number) => `v.column${index + 1}`;
  const result = (await db.raw(
    `UPDATE ${table} SET ${columns.set.map((name, index) => `${name} = ${v(columns.match.length + index)}`).join(', ')} ` +
      `FROM (VALUES ${rows.map(() => tuple).join(', ')}) AS v ` +
      `WHERE ${columns.match.map((name, index) => `${table}.${name} = ${v(index)}`).join(' AND ')}` +
      (returning ? ` RETURNING ${table}.${returning}` : ''),
    rows.flat(),
  )) as Record<string, unknown>[] | undefined;
  return result ?? [];
}
