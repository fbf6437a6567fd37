/** 事项名称 by 实施编码 (the latest version's name), for views that show matter codes to people. */
import type { Knex } from 'knex';

/** Every matter's latest name, keyed by its code. */
export async function matterNames(db: Knex): Promise<Record<string, string>> {
  const rows = (await db('matters').select('matter_code', 'version', 'name')) as Array<{
    matter_code: string;
    version: number | string;
    name: string;
  }>;
  const latest = new Map<string, { version: number; name: string }>();
  for (const row of rows) {
    const version = Number(row.version);
    if ((latest.get(row.matter_code)?.version ?? -Infinity) < version)
      latest.set(row.matter_code, { version, name: row.name });
  }
  return Object.fromEntries([...latest].map(([code, { name }]) => [code, name]));
}
