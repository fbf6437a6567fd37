/**
 * Rating commands: what officers, applicants, reviewers and the overdue sweep ask of one rating
 * (its own small aggregate). Imperative `noun.verb`; the events they produce are in events.ts.
 */
import type { Level } from './levels.js';

/** Where the service was rated (DOMAIN.md, Case: channel). */
export const CHANNELS = ['窗口', '网上', '掌上', '自助'] as const;
export type Channel = (typeof CHANNELS)[number];

/** 一事一评: once per case; 一次一评: once per counter visit (needs a visitId). */
export const RATING_MODES = ['一事一评', '一次一评'] as const;
export type RatingMode = (typeof RATING_MODES)[number];

interface CommandShape<T extends string, D> {
  readonly type: T;
  /** Who asks: the applicant, an officer, a reviewer, or `system` (the overdue sweep). */
  readonly actor: string;
  readonly data: D;
}

type SubmitRating = CommandShape<
  'rating.submit',
  {
    caseId: string;
    matterCode: string;
    department: string;
    officer: string;
    channel: Channel;
    mode: RatingMode;
    /** Required for 一次一评, refused for 一事一评. */
    visitId?: string;
    level: Level;
    /** Optional named scores (e.g. 服务态度, 办事效率), each a level label. */
    dimensions?: Record<string, Level>;
    text?: string;
  }
>;
/** 回访: the office contacts the applicant about the rectification. */
type FollowUpRectification = CommandShape<
  'rectification.followUp',
  {
    ratingId: string;
    method: string;
    summary: string;
    /** The applicant's level after the contact, if asked. */ level?: Level;
  }
>;
type CompleteRectification = CommandShape<'rectification.complete', { ratingId: string; measures: string }>;
type MarkRectificationOverdue = CommandShape<'rectification.markOverdue', { ratingId: string }>;
/** 申诉: the officer or department asks for a 差评 to be reviewed. */
type FileAppeal = CommandShape<'appeal.file', { ratingId: string; reason: string }>;
/** 复核: a reviewer decides an appeal; uphold voids the rating as malicious. */
type DecideAppeal = CommandShape<'appeal.decide', { ratingId: string; decision: 'uphold' | 'reject'; opinion: string }>;

export type RatingCommand =
  SubmitRating | FollowUpRectification | CompleteRectification | MarkRectificationOverdue | FileAppeal | DecideAppeal;
export type RatingCommandType = RatingCommand['type'];
export type RatingCommandOf<K extends RatingCommandType> = Extract<RatingCommand, { type: K }>;
