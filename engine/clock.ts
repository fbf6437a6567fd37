/**
 * The one source of "now" for the engine.
 *
 * The runtime never reads a clock: the store asks a `Clock` and passes the instant in. Production
 * uses `systemClock`; tests (and the test-clock endpoint) use a `SettableClock` so that timers,
 * deadlines and event times are reproducible. Only this file and engine/store|jobs|server may
 * read the real clock.
 */
import { addDurationText } from './time/index.js';

/** Anything that can say what time it is. */
export interface Clock {
  now(): Date;
}

/** The real wall clock. */
export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that only moves when told to: for tests and simulations. */
export class SettableClock implements Clock {
  #current: number;

  constructor(start: Date | string = '2025-01-06T01:00:00.000Z') {
    this.#current = toMillis(start);
  }

  now(): Date {
    return new Date(this.#current);
  }

  /** Jump to an instant (forwards or backwards). */
  set(instant: Date | string): void {
    this.#current = toMillis(instant);
  }

  /** Move forwards by milliseconds or an ISO-8601 duration (`PT10S`, `P1DT2H`, `P1M`). */
  advance(by: number | string): Date {
    this.#current = typeof by === 'number' ? this.#current + by : addDuration(this.now(), by).getTime();
    return this.now();
  }
}

/** True for clocks the job runners may move to a timer's due time (duck-typed `set`). */
export function isSettable(clock: Clock): clock is Clock & { set(instant: Date | string): void } {
  return typeof (clock as { set?: unknown }).set === 'function';
}

/** `from` plus an ISO-8601 duration given as text (see engine/time/iso8601). */
export const addDuration = addDurationText;

function toMillis(instant: Date | string): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Expected an ISO-8601 instant, but got "${String(instant)}"`);
  return ms;
}
