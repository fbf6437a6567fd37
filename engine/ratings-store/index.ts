/**
 * 好差评 persistence (tables rating_events, ratings, rectifications; migration
 * 20260105000000_ratings): the ratings service, one transaction per command.
 */
export { openRatings, type RatingsOptions, type RatingsService } from './service.js';
export { RatingConflictError, RatingRejectedError, isRatingWriteConflict } from './errors.js';
