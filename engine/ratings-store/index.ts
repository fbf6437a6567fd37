/**
 * 好差评 tables over knex (rating_events, ratings, rectifications; migration
 * 20260105000000_ratings); the rules are engine/ratings. Public API: `openRatings`, the ratings
 * service (one transaction per command), and its errors. Everything else here is internal.
 */
export { openRatings, type RatingsOptions, type RatingsService } from './service.js';
export { RatingConflictError, RatingRejectedError } from './errors.js';
