/**
 * Rating events: the record of everything that happened to one rating. They carry decisions
 * (the rectification's due date, ids) so that replay never reads a calendar or a clock. A
 * released event type is never renamed or given a new meaning: change goes through `v`.
 */
import type { Channel, RatingMode } from './commands.js';
import type { Level } from './levels.js';

interface EventShape<T extends string, D> {
  readonly type: T;
  /** Payload version; appliers dispatch on it when a meaning changes. */
  readonly v: 1;
  /** ISO-8601 instant, from the injected clock. */
  readonly time: string;
  readonly actor: string;
  readonly data: D;
}

type RatingSubmitted = EventShape<
  'rating.submitted',
  {
    ratingId: string;
    caseId: string;
    matterCode: string;
    department: string;
    officer: string;
    channel: Channel;
    mode: RatingMode;
    visitId: string | null;
    level: Level;
    dimensions: Record<string, Level>;
    text: string | null;
  }
>;
/** A 差评 opened a rectification, due `workingDays` working days after the rating. */
type RectificationOpened = EventShape<
  'rectification.opened',
  { rectificationId: string; workingDays: number; dueAt: string; provisional: boolean }
>;
type RectificationFollowedUp = EventShape<
  'rectification.followedUp',
  { method: string; summary: string; level: Level | null }
>;
type RectificationCompleted = EventShape<'rectification.completed', { measures: string; onTime: boolean }>;
type RectificationOverdue = EventShape<'rectification.overdue', { dueAt: string }>;
type RectificationVoided = EventShape<'rectification.voided', { reason: string }>;
type AppealFiled = EventShape<'appeal.filed', { reason: string }>;
type AppealUpheld = EventShape<'appeal.upheld', { opinion: string }>;
type AppealRejected = EventShape<'appeal.rejected', { opinion: string }>;
/** The rating no longer counts (a malicious review, after an upheld appeal). */
type RatingVoided = EventShape<'rating.voided', { reason: string }>;

export type RatingEvent =
  | RatingSubmitted
  | RectificationOpened
  | RectificationFollowedUp
  | RectificationCompleted
  | RectificationOverdue
  | RectificationVoided
  | AppealFiled
  | AppealUpheld
  | AppealRejected
  | RatingVoided;
export type RatingEventType = RatingEvent['type'];
export type RatingEventOf<K extends RatingEventType> = Extract<RatingEvent, { type: K }>;

/** An event as stored: with the rating it belongs to and its position (1, 2, …) there. */
export type StoredRatingEvent = RatingEvent & { readonly ratingId: string; readonly seq: number };
