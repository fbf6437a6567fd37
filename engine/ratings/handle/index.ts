/**
 * The rating command handlers, one per command type (a missing one fails to compile), and
 * `decideRating`, which runs the one a command names.
 */
import type { RatingCommand } from '../commands.js';
import type { RatingContext, RatingHandler, RatingHandlerTable, RatingRejection } from '../decide.js';
import type { RatingEvent } from '../events.js';
import { decideAppeal, fileAppeal } from './appeal.js';
import { completeRectification, followUpRectification, markRectificationOverdue } from './rectification.js';
import { submitRating } from './submit.js';

const handlers: RatingHandlerTable = {
  'rating.submit': submitRating,
  'rectification.followUp': followUpRectification,
  'rectification.complete': completeRectification,
  'rectification.markOverdue': markRectificationOverdue,
  'appeal.file': fileAppeal,
  'appeal.decide': decideAppeal,
};

/** Decide a command against a rating: the events to append, or a typed rejection. */
export function decideRating(context: RatingContext, command: RatingCommand): RatingEvent[] | RatingRejection {
  const handler = handlers[command.type] as RatingHandler<typeof command.type>;
  return handler(context, command as never);
}
