/**
 * The working-day calendar a running store counts with: loaded from the database, and loaded
 * again when administrators import a year or correct a day, without restarting anything.
 */
import type { Knex } from 'knex';
import { WorkingDayCalendar, type CalendarOptions, type LimitResult } from '../calendar/index.js';
import type { TimeLimit, TimeLimitUnit } from '../model/index.js';
import type { WorkingCalendar } from '../runtime/index.js';
import { loadCalendar } from './queries.js';
import { seedFromChineseDays } from './seed.js';

export class LiveCalendar implements WorkingCalendar {
  #current: WorkingDayCalendar;

  private constructor(
    current: WorkingDayCalendar,
    private readonly options: CalendarOptions,
  ) {
    this.#current = current;
  }

  /** Seed the official years the database lacks (chinese-days), then load. */
  static async open(knex: Knex, options: CalendarOptions & { readonly seed?: boolean } = {}): Promise<LiveCalendar> {
    if (options.seed !== false) await seedFromChineseDays(knex);
    return new LiveCalendar(new WorkingDayCalendar(await loadCalendar(knex), options), options);
  }

  /** Load the days again (after an import or a correction). */
  async reload(knex: Knex): Promise<void> {
    this.#current = new WorkingDayCalendar(await loadCalendar(knex), this.options);
  }

  get calendar(): WorkingDayCalendar {
    return this.#current;
  }

  addLimit(from: string, limit: TimeLimit): string {
    return this.#current.addLimit(from, limit);
  }

  due(from: string, amount: number, unit: TimeLimitUnit): LimitResult {
    return this.#current.due(from, amount, unit);
  }

  elapsed(from: string, to: string, unit: TimeLimitUnit): number {
    return this.#current.elapsed(from, to, unit);
  }

  between(from: string, to: string, unit: TimeLimitUnit): number {
    return this.#current.between(from, to, unit);
  }
}
