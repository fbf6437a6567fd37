/**
 * 好差评 (service ratings), the pure core: levels as labels, commands, events, handlers that
 * decide (`decideRating`) and appliers that record (`applyRatingEvent`, `replayRating`), and the
 * shapes of statistics and of the public view. Everything exported here is the public API; its
 * tables are engine/ratings-store.
 */
export {
  LEVELS,
  SATISFIED_LEVELS,
  BAD_LEVELS,
  isLevel,
  isBadLevel,
  levelToGbCode,
  levelFromGbCode,
  levelToReversedCode,
  levelFromReversedCode,
  type Level,
} from './levels.js';
export {
  CHANNELS,
  RATING_MODES,
  type Channel,
  type RatingMode,
  type RatingCommand,
  type RatingCommandType,
  type RatingCommandOf,
} from './commands.js';
export type { RatingEvent, RatingEventType, RatingEventOf, StoredRatingEvent } from './events.js';
export {
  onceKey,
  type RatingState,
  type RectificationState,
  type AppealState,
  type FollowUp,
  type RatingStatus,
  type RectificationStatus,
  type AppealStatus,
} from './state.js';
export {
  RATING_REJECTION_CODES,
  isRejection,
  type RatingContext,
  type RatingRejection,
  type RatingRejectionCode,
} from './decide.js';
export { decideRating } from './handle/index.js';
export { applyRatingEvent, replayRating } from './apply/index.js';
export {
  emptyLevelCounts,
  statisticsOf,
  publicRating,
  type PublicRating,
  type RatingStatistics,
  type StatisticsGroup,
  type PublicStatisticsGroup,
  type StatisticsQuery,
} from './statistics.js';
