/** Small database helpers for tests. */
import type { Knex } from 'knex';

/** How many rows of `table` match `where` (drivers differ on the type of COUNT). */
export async function countRows(knex: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const row = (await knex(table).where(where).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}
