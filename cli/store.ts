/**
 * The store a command works through, opened as the server opens it (the calendar from the
 * database, the system clock) and closed afterwards. Writing commands migrate first, as the
 * server does; reading ones (audits on a copy) change nothing and need the tables to exist.
 */
import { LiveCalendar } from '../engine/calendar-store/index.js';
import { systemClock } from '../engine/clock.js';
import { migrateLatest, openStore, type DatabaseConfig, type Store } from '../engine/store/index.js';
import { withDatabase } from './database.js';

export interface StoreUse {
  /** Read only: no migration, no calendar, the database must exist and be migrated. */
  readonly readOnly: boolean;
  /** Re-hashes a stored material file for `verify` (engine/materials-store `fileCheck`). */
  readonly materialFiles?: (sha256: string) => Promise<string | null>;
}

/** What a writing command gets: the store and the calendar it counts with. */
export interface OpenedStore {
  readonly store: Store;
  /** The stored calendar (not seeded: a command changes no year it was not asked to); null when read only. */
  readonly calendar: LiveCalendar | null;
}

/** Run `work` with a store over the database of `config`; everything is closed afterwards. */
export function withStore<T>(
  config: DatabaseConfig,
  use: StoreUse,
  work: (opened: OpenedStore) => Promise<T>,
): Promise<T> {
  return withDatabase(config, { mustExist: use.readOnly, mustBeMigrated: use.readOnly }, async (database) => {
    if (!use.readOnly) await migrateLatest(database);
    const calendar = use.readOnly
      ? null
      : await LiveCalendar.open(database.knex, { seed: false, warn: () => undefined });
    const store = await openStore({
      database,
      clock: systemClock,
      migrate: false,
      ...(calendar ? { calendar } : {}),
      ...(use.materialFiles ? { materialFiles: use.materialFiles } : {}),
    });
    try {
      return await work({ store, calendar });
    } finally {
      await store.close();
    }
  });
}
