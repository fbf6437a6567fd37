/**
 * The state of one rating, as its events built it (and as the projections hold it).
 */
import type { Channel, RatingMode } from './commands.js';
import type { Level } from './levels.js';

/** 有效: counts in statistics; 已作废: voided after an upheld appeal. */
export type RatingStatus = '有效' | '已作废';
/** 整改中: open; 已整改: completed; 已作废: closed as void with its rating. */
export type RectificationStatus = '整改中' | '已整改' | '已作废';
/** 复核中: filed, not decided; 申诉成立: upheld; 申诉驳回: rejected. */
export type AppealStatus = '复核中' | '申诉成立' | '申诉驳回';

/** One 回访 (follow-up contact) of a rectification. */
export interface FollowUp {
  readonly at: string;
  readonly by: string;
  readonly method: string;
  readonly summary: string;
  readonly level: Level | null;
}

export interface RectificationState {
  rectificationId: string;
  openedAt: string;
  workingDays: number;
  dueAt: string;
  provisional: boolean;
  status: RectificationStatus;
  /** When the overdue sweep recorded it past its deadline (null: not recorded). */
  overdueAt: string | null;
  followUps: FollowUp[];
  completedAt: string | null;
  completedBy: string | null;
  measures: string | null;
  onTime: boolean | null;
}

export interface AppealState {
  status: AppealStatus;
  reason: string;
  filedAt: string;
  filedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  opinion: string | null;
}

export interface RatingState {
  ratingId: string;
  /** Number of events applied (the seq of the last one). */
  seq: number;
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
  ratedAt: string;
  ratedBy: string;
  status: RatingStatus;
  voidedAt: string | null;
  voidedReason: string | null;
  rectification: RectificationState | null;
  appeal: AppealState | null;
}

/**
 * The key that makes a rating unique: 一事一评 once per case, 一次一评 once per visit. Two
 * ratings with the same key are refused (and the projection's unique index guards races).
 */
export function onceKey(mode: RatingMode, caseId: string, visitId: string | null): string {
  return mode === '一事一评' ? `一事一评:${caseId}` : `一次一评:${visitId ?? ''}`;
}
