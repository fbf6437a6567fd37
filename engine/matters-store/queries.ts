/**
 * Reading the catalogue: one version of a matter (the latest by default), the latest version of
 * every matter, and all versions of one. Old versions stay readable: cases keep theirs.
 */
import type { Knex } from 'knex';
import { fromRow, type MatterRow, type StoredMatter } from './rows.js';

/** One version of a matter (the latest when `version` is omitted), or null. */
export async function getMatter(knex: Knex, matterCode: string, version?: number): Promise<StoredMatter | null> {
  return knex.transaction(async (trx) => {
    const query = trx<MatterRow>('matters').where({ matter_code: matterCode });
    const row =
      version === undefined
        ? await query.orderBy('version', 'desc').first()
        : await query.andWhere({ version }).first();
    return row ? fromRow(row) : null;
  });
}

/** The latest version of every matter, by matter code. */
export async function listMatters(knex: Knex): Promise<StoredMatter[]> {
  return knex.transaction(async (trx) => {
    const latest = trx('matters').select('matter_code').max({ latest: 'version' }).groupBy('matter_code').as('latest');
    const rows = await trx<MatterRow>('matters as m')
      .join(latest, function joinLatest() {
        this.on('m.matter_code', '=', 'latest.matter_code').andOn('m.version', '=', 'latest.latest');
      })
      .select('m.*')
      .orderBy('m.matter_code');
    return (rows as MatterRow[]).map(fromRow);
  });
}

/** Every version of one matter, oldest first (empty when unknown). */
export async function listMatterVersions(knex: Knex, matterCode: string): Promise<StoredMatter[]> {
  return knex.transaction(async (trx) => {
    const rows = await trx<MatterRow>('matters').where({ matter_code: matterCode }).orderBy('version');
    return rows.map((row) => fromRow(row as MatterRow));
  });
}
