/**
 * What a rating handler gets and gives: a read-only state and a command in, events or a typed
 * rejection out. Handlers decide (validation, the calendar, ids, the clock's `now`); appliers
 * only record.
 */
import type { LimitCalendar } from '../supervision/index.js';
import type { RatingCommandOf, RatingCommandType } from './commands.js';
import type { RatingEvent, RatingEventOf, RatingEventType } from './events.js';
import type { RatingState } from './state.js';

/** Stable codes of expected refusals (HTTP would map them to 404/409/422). */
export const RATING_REJECTION_CODES = [
  'INVALID_ARGUMENT',
  'RATING_NOT_FOUND',
  'ALREADY_RATED',
  'RATING_VOIDED',
  'NOT_A_BAD_RATING',
  'RECTIFICATION_NOT_OPEN',
  'FOLLOW_UP_MISSING',
  'NOT_OVERDUE',
  'APPEAL_EXISTS',
  'APPEAL_NOT_PENDING',
  'REVIEWER_IS_APPELLANT',
] as const;
export type RatingRejectionCode = (typeof RATING_REJECTION_CODES)[number];

/** An expected refusal: nothing was emitted. Messages read "Expected …, but …". */
export interface RatingRejection {
  readonly code: RatingRejectionCode;
  readonly message: string;
}

/** Everything a handler may consult; nothing else (no I/O, no ambient time). */
export interface RatingContext {
  /** The rating's current state; null before `rating.submit`. */
  readonly state: Readonly<RatingState> | null;
  /** ISO-8601 UTC instant from the injected clock. */
  readonly now: string;
  readonly ids: () => string;
  /** Only `due` is asked (working days). */
  readonly calendar: Pick<LimitCalendar, 'due'>;
  /** Working days a rectification has (default 15, set on the ratings service). */
  readonly rectificationDays: number;
  /** For `rating.submit`: the id of an earlier rating with the same once-key, if any. */
  readonly alreadyRated: string | null;
}

/** A handler: events to append, or a rejection. */
export type RatingHandler<K extends RatingCommandType> = (
  context: RatingContext,
  command: RatingCommandOf<K>,
) => RatingEvent[] | RatingRejection;

/** A table with one handler per command type (a missing one fails to compile). */
export type RatingHandlerTable = { readonly [K in RatingCommandType]: RatingHandler<K> };

/** A rejection value. */
export function reject(code: RatingRejectionCode, message: string): RatingRejection {
  return { code, message };
}

/** Whether a handler's answer is a rejection. */
export function isRejection(value: RatingEvent[] | RatingRejection): value is RatingRejection {
  return !Array.isArray(value);
}

/** An event of `type` at the context's `now`, by the command's actor. */
export function event<T extends RatingEventType>(
  context: RatingContext,
  actor: string,
  type: T,
  data: RatingEventOf<T>['data'],
): RatingEventOf<T> {
  return { type, v: 1, time: context.now, actor, data } as RatingEventOf<T>;
}

/** The rating a command targets, or RATING_NOT_FOUND. */
export function existing(context: RatingContext, ratingId: string): Readonly<RatingState> | RatingRejection {
  const { state } = context;
  if (!state || state.ratingId !== ratingId)
    return reject('RATING_NOT_FOUND', `Expected a rating with id '${ratingId}', but there is none`);
  return state;
}

/** A non-empty string, or INVALID_ARGUMENT naming the field. */
export function requireText(name: string, value: unknown): RatingRejection | undefined {
  if (typeof value === 'string' && value.trim() !== '') return undefined;
  return reject(
    'INVALID_ARGUMENT',
    `Expected ${name} to be a non-empty string, but got ${JSON.stringify(value) ?? 'nothing'}`,
  );
}
