/**
 * Errors the ratings service throws, each with a stable `code`: a refused command (the
 * rejection's code, e.g. ALREADY_RATED) and a lost race (CONFLICT).
 */
import { MatterflowError } from '../errors.js';
import type { RatingRejection, RatingRejectionCode } from '../ratings/index.js';

/** A rating command was refused; nothing was written. `code` is the rejection's code. */
export class RatingRejectedError extends MatterflowError {
  declare readonly code: RatingRejectionCode;
  readonly commandType: string;
  readonly rejection: RatingRejection;

  constructor(commandType: string, rejection: RatingRejection) {
    super(rejection.code, `${commandType} was rejected: ${rejection.message}`);
    this.commandType = commandType;
    this.rejection = rejection;
  }
}

/**
 * Another command changed the rating (or rated the same case or visit) between this command's
 * read and its write. Nothing of the losing command was written; retrying re-reads.
 */
export class RatingConflictError extends MatterflowError {
  override readonly code = 'CONFLICT' as const;
  readonly ratingId: string | null;

  constructor(commandType: string, ratingId: string | null, options?: { cause?: unknown }) {
    super(
      'CONFLICT',
      `Expected ${commandType} to find ${ratingId ? `rating ${ratingId}` : 'the rating'} unchanged, but another command changed it first`,
      options,
    );
    this.ratingId = ratingId;
  }
}

/** True when a driver error means another writer got there first. */
export function isRatingWriteConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, table, message } = error as { code?: unknown; table?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (code === '23505') return table === 'rating_events' || table === 'ratings' || table === 'rectifications';
  if (code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT') return true;
  if (code === 'SQLITE_CONSTRAINT')
    return /UNIQUE constraint failed: (rating_events|ratings|rectifications)\./.test(text);
  return false;
}
