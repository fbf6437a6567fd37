/**
 * A ratings service on a fresh migrated test database (SQLite, or PostgreSQL with
 * MATTERFLOW_TEST_DB=postgres), the real working-day calendar and a settable clock.
 */
import { expect } from 'chai';
import { LiveCalendar } from '../../../engine/calendar-store/index.js';
import { SettableClock } from '../../../engine/clock.js';
import type { RatingCommandOf } from '../../../engine/ratings/index.js';
import { openRatings, type RatingsService } from '../../../engine/ratings-store/index.js';
import { migrateLatest } from '../../../engine/store/index.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

export interface RatingsFixture {
  readonly db: TestDatabase;
  readonly clock: SettableClock;
  readonly calendar: LiveCalendar;
  readonly ratings: RatingsService;
  /** Another service on the same database (e.g. other options). */
  open(options?: { rectificationDays?: number }): RatingsService;
  /** The stored projection equals the state replayed from the events. */
  expectConsistent(ratingId: string): Promise<void>;
  close(): Promise<void>;
}

/** Tuesday 2026-09-29 10:00 Beijing time, just before National Day. */
const BEFORE_NATIONAL_DAY = '2026-09-29T02:00:00.000Z';

export async function ratingsFixture(start = BEFORE_NATIONAL_DAY): Promise<RatingsFixture> {
  const db = await openTestDatabase();
  await migrateLatest(db.database);
  const { knex } = db.database;
  const calendar = await LiveCalendar.open(knex, { warn: () => undefined });
  const clock = new SettableClock(start);
  let next = 0;
  const ids = () => `r-${String(++next).padStart(4, '0')}`;
  const open = (options: { rectificationDays?: number } = {}) =>
    openRatings(knex, { calendar, clock, ids, ...options });
  const ratings = open();
  return {
    db,
    clock,
    calendar,
    ratings,
    open,
    async expectConsistent(ratingId) {
      const stored = await ratings.get(ratingId);
      expect(stored, `rating ${ratingId}`).to.not.equal(null);
      expect(await ratings.replay(ratingId)).to.deep.equal(stored);
    },
    close: () => db.dispose(),
  };
}

/** A rating of 食品经营许可 at the 市场监管局 window, overridable field by field. */
export function rating(
  overrides: Partial<RatingCommandOf<'rating.submit'>['data']> = {},
): RatingCommandOf<'rating.submit'>['data'] {
  return {
    caseId: 'BJ-2026-0001',
    matterCode: '330100-FOOD-01',
    department: '市场监管局',
    officer: '窗口-李四',
    channel: '网上',
    mode: '一事一评',
    level: '满意',
    ...overrides,
  };
}
