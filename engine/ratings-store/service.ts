/**
 * The ratings service: each command one transaction that loads the rating's projected state,
 * decides (engine/ratings), appends the events and updates the projections. A lost race is a
 * RatingConflictError; a refusal is a RatingRejectedError.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import {
  applyRatingEvent,
  decideRating,
  isRejection,
  onceKey,
  publicRating,
  replayRating,
  type PublicRating,
  type PublicStatisticsGroup,
  type RatingCommand,
  type RatingCommandOf,
  type RatingState,
  type RatingStatistics,
  type StatisticsQuery,
  type StoredRatingEvent,
} from '../ratings/index.js';
import type { LimitCalendar } from '../supervision/index.js';
import { RatingConflictError, RatingRejectedError, isRatingWriteConflict } from './errors.js';
import { appendRatingEvents, loadRating, loadRatingEvents, ratingWithKey } from './repository.js';
import { overdueRectifications, ratingStatistics } from './queries.js';

export interface RatingsOptions {
  /** The working-day calendar (e.g. a LiveCalendar); only `due` is asked. */
  readonly calendar: Pick<LimitCalendar, 'due'>;
  readonly clock: Clock;
  /** Id generator for ratings and rectifications; default random UUIDs. */
  readonly ids?: () => string;
  /** Working days a 差评's rectification has; default 15. */
  readonly rectificationDays?: number;
}

type Data<K extends RatingCommand['type']> = RatingCommandOf<K>['data'];

/** What `openRatings` gives. Every command returns the rating's state after it. */
export interface RatingsService {
  submit(actor: string, data: Data<'rating.submit'>): Promise<RatingState>;
  followUp(actor: string, data: Data<'rectification.followUp'>): Promise<RatingState>;
  completeRectification(actor: string, data: Data<'rectification.complete'>): Promise<RatingState>;
  fileAppeal(actor: string, data: Data<'appeal.file'>): Promise<RatingState>;
  decideAppeal(actor: string, data: Data<'appeal.decide'>): Promise<RatingState>;
  /** Record `rectification.overdue` for every open rectification past its deadline at `now`; the rating ids marked. */
  markOverdue(now?: Date | string): Promise<string[]>;
  /** Open rectifications past their deadline at `now` (marked or not). */
  overdue(now?: Date | string): Promise<RatingState[]>;
  /** Any command, by type. */
  dispatch(command: RatingCommand): Promise<RatingState>;
  /** The projected state (null if unknown). */
  get(ratingId: string): Promise<RatingState | null>;
  /** The public view of a rating (no officer, case, visit or text). */
  getPublic(ratingId: string): Promise<PublicRating | null>;
  events(ratingId: string): Promise<StoredRatingEvent[]>;
  /** The state rebuilt from the events alone; must equal `get`. */
  replay(ratingId: string): Promise<RatingState | null>;
  /** Figures per department, matter or officer; overdue counted at `asOf` (default now). */
  statistics(query: StatisticsQuery, asOf?: Date | string): Promise<RatingStatistics[]>;
  /** The published figures: per department or matter only. */
  publicStatistics(query: StatisticsQuery<PublicStatisticsGroup>, asOf?: Date | string): Promise<RatingStatistics[]>;
}

/** Open the ratings service over a migrated database. */
export function openRatings(knex: Knex, options: RatingsOptions): RatingsService {
  const ids = options.ids ?? randomUUID;
  const rectificationDays = options.rectificationDays ?? 15;
  if (!(rectificationDays > 0)) throw new RangeError(`Expected rectificationDays > 0, but got ${rectificationDays}`);
  const instant = (at?: Date | string) => new Date(at ?? options.clock.now()).toISOString();

  async function execute(command: RatingCommand, now: string): Promise<RatingState> {
    const ratingId = command.type === 'rating.submit' ? null : command.data.ratingId;
    try {
      return await knex.transaction(async (trx) => {
        const state = ratingId === null ? null : await loadRating(trx, ratingId);
        const alreadyRated = command.type === 'rating.submit' ? await ratingWithKey(trx, keyOf(command)) : null;
        const decided = decideRating(
          { state, now, ids, calendar: options.calendar, rectificationDays, alreadyRated },
          command,
        );
        if (isRejection(decided)) throw new RatingRejectedError(command.type, decided);
        const before = state?.seq ?? 0;
        const after = decided.reduce<RatingState | null>(applyRatingEvent, state)!;
        if (!(await appendRatingEvents(trx, before, after, decided)))
          throw new RatingConflictError(command.type, ratingId);
        return after;
      });
    } catch (error) {
      if (isRatingWriteConflict(error)) throw new RatingConflictError(command.type, ratingId, { cause: error });
      throw error;
    }
  }

  const dispatch = (command: RatingCommand) => execute(command, instant());
  const command =
    <K extends RatingCommand['type']>(type: K) =>
    (actor: string, data: Data<K>) =>
      dispatch({ type, actor, data } as RatingCommand);

  return {
    submit: command('rating.submit'),
    followUp: command('rectification.followUp'),
    completeRectification: command('rectification.complete'),
    fileAppeal: command('appeal.file'),
    decideAppeal: command('appeal.decide'),
    dispatch,
    async markOverdue(now) {
      const at = instant(now);
      const marked: string[] = [];
      for (const ratingId of await overdueRectifications(knex, at, true)) {
        await execute({ type: 'rectification.markOverdue', actor: 'system', data: { ratingId } }, at);
        marked.push(ratingId);
      }
      return marked;
    },
    async overdue(now) {
      const states = await Promise.all(
        (await overdueRectifications(knex, instant(now), false)).map((id) => loadRating(knex, id)),
      );
      return states.filter((state): state is RatingState => state !== null);
    },
    get: (ratingId) => loadRating(knex, ratingId),
    getPublic: async (ratingId) => {
      const state = await loadRating(knex, ratingId);
      return state && publicRating(state);
    },
    events: (ratingId) => loadRatingEvents(knex, ratingId),
    replay: async (ratingId) => replayRating(await loadRatingEvents(knex, ratingId)),
    statistics: (query, asOf) => ratingStatistics(knex, query, instant(asOf)),
    publicStatistics: async (query, asOf) => {
      if ((query.groupBy as string) === 'officer')
        throw new RangeError('Expected a public grouping (department or matter), but got officer');
      return ratingStatistics(knex, query, instant(asOf));
    },
  };
}

function keyOf(command: RatingCommandOf<'rating.submit'>): string {
  return onceKey(command.data.mode, command.data.caseId, command.data.visitId ?? null);
}
