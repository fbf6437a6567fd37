/**
 * Seeding from the `chinese-days` package: every year it has official data for (2004–2026 in
 * 1.5.7) that the database does not cover officially yet. Idempotent: a second run, or a run
 * after an administrator imported a year from holiday-cn, writes nothing for those years.
 */
import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import { parseChineseDays } from '../calendar/index.js';
import { importParsed, type ImportResult } from './import-official.js';
import { officialYears } from './queries.js';

const require = createRequire(import.meta.url);

export interface SeedOptions {
  /** Recorded as the actor; default `system:chinese-days`. */
  readonly actor?: string;
  /** The instant recorded, ISO-8601 UTC; default now. */
  readonly at?: string;
  /** The package's JSON (tests); default node_modules/chinese-days/dist/chinese-days.json. */
  readonly data?: unknown;
}

/** Seed the years the package has and the database lacks; returns what was written. */
export async function seedFromChineseDays(knex: Knex, options: SeedOptions = {}): Promise<ImportResult> {
  const data: unknown = options.data ?? require('chinese-days/dist/chinese-days.json');
  const all = parseChineseDays(data);
  return knex.transaction(async (trx) => {
    const covered = await officialYears(trx);
    const wanted = [...all.officialYears].filter((year) => !covered.has(year));
    return importParsed(trx, parseChineseDays(data, { years: wanted }), {
      actor: options.actor ?? 'system:chinese-days',
      reason: 'seed from the chinese-days package',
      ...(options.at ? { at: options.at } : {}),
    });
  });
}
