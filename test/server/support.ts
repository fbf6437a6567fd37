/** The real app over an isolated database, with the shipped matters and users of every role. */
import { pino } from 'pino';
import type { Express } from 'express';
import { LiveCalendar } from '../../engine/calendar-store/index.js';
import { SettableClock } from '../../engine/clock.js';
import { migrateLatest, openStore, type Store } from '../../engine/store/index.js';
import type { Role } from '../../engine/domain/index.js';
import type { SupervisionPolicy } from '../../engine/supervision/index.js';
import { loadShippedMatters } from '../../processes/index.js';
import { createApp } from '../../server/app.js';
import type { IdempotencyOptions } from '../../server/http/idempotency.js';
import type { MaterialServices } from '../../server/routes/materials.js';
import { createUser } from '../../engine/users-store/index.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

export interface TestServer {
  readonly app: Express;
  readonly store: Store;
  readonly db: TestDatabase;
  /** The store's clock (starts at 2026-11-02T01:30Z): set or advance it, then jobsOf(store).fireDueTimers. */
  readonly clock: SettableClock;
  /** The calendar the store counts with (reloaded by the calendar routes). */
  readonly calendar: LiveCalendar;
  /** Bearer tokens by user id. */
  readonly tokens: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

const USERS: ReadonlyArray<{ id: string; roles: Role[]; department?: string }> = [
  { id: 'admin', roles: ['admin'] },
  { id: 'window-li', roles: ['window'] },
  { id: 'food-zhao', roles: ['department'], department: '西湖区市场监督管理局行政许可科' },
  { id: 'fire-qian', roles: ['department'], department: '消防救援' },
  { id: 'auditor-wu', roles: ['auditor'] },
  { id: 'supervisor-sun', roles: ['supervisor'] },
];

/** The password each user gets with `testServer({ passwords: true })`. */
export const passwordOf = (userId: string): string => `${userId}-密码-2026`;

export async function testServer(
  options: {
    rateLimit?: number;
    loginRateLimit?: number;
    sessionTtlMs?: number;
    supervision?: SupervisionPolicy;
    testClock?: boolean;
    passwords?: boolean;
    idempotency?: IdempotencyOptions;
    /** Material files (default none: uploads and files answer 503). */
    materials?: MaterialServices;
  } = {},
): Promise<TestServer> {
  const db = await openTestDatabase();
  await migrateLatest(db.database);
  const calendar = await LiveCalendar.open(db.database.knex, { warn: () => undefined });
  const { supervision, testClock, passwords, ...appOptions } = options;
  const clock = new SettableClock('2026-11-02T01:30:00.000Z');
  const store = await openStore({ database: db.database, clock, calendar, ...(supervision ? { supervision } : {}) });
  await loadShippedMatters(store, db.database.knex, { actor: 'admin' });
  const tokens: Record<string, string> = {};
  for (const user of USERS)
    tokens[user.id] = (
      await createUser(
        db.database.knex,
        { ...user, name: user.id, ...(passwords ? { password: passwordOf(user.id) } : {}) },
        { actor: 'test', at: '2026-11-01T00:00:00.000Z' },
      )
    ).token;
  const app = createApp({
    db: db.database,
    store,
    logger: pino({ level: 'silent' }),
    calendar,
    clock,
    ...(testClock ? { testClock: clock } : {}),
    ...appOptions,
  });
  return {
    app,
    store,
    db,
    clock,
    calendar,
    tokens,
    close: async () => {
      await store.close();
      await db.dispose();
    },
  };
}

/**
 * Add chief-zhou, the officer who signs the 决定 of the 市场监督管理局 (none of the shared test
 * users, so a spec that needs the 决定 adds them): their token.
 */
export async function addChief(server: TestServer, name = '周'): Promise<string> {
  return (
    await createUser(
      server.db.database.knex,
      { id: 'chief-zhou', name, roles: ['department'], department: '西湖区市场监督管理局' },
      { actor: 'test', at: '2026-11-01T00:00:00.000Z' },
    )
  ).token;
}
