/**
 * What a domain handler decides: domain events (without time and actor: the case layer stamps
 * them) and the runtime commands that move the BPMN flow, before or after them - or a refusal.
 */
import type { Command, WorkingCalendar } from '../runtime/index.js';
import type { DomainEvent } from './events.js';
import type { Applicant, DomainState } from './types.js';

export type DomainEventDraft = {
  [K in DomainEvent['type']]: { readonly type: K; readonly data: Extract<DomainEvent, { type: K }>['data'] };
}[DomainEvent['type']];

export interface DomainDecision {
  /** Runtime commands before the events (收件 starts the process first). */
  readonly before?: readonly Command[];
  readonly events: readonly DomainEventDraft[];
  /** Runtime commands after the events. */
  readonly then?: readonly Command[];
}

/** Codes of the domain's refusals (HTTP 422 in the server). */
export type DomainRejectionCode =
  | 'ILLEGAL_TRANSITION'
  | 'ONE_TIME_NOTICE'
  | 'MATERIALS_MISSING'
  | 'TOLERANCE_REFUSED'
  | 'MATERIALS_OWED'
  | 'ALREADY_DELIVERED'
  | 'INVALID_ARGUMENT'
  | 'CASE_NOT_FOUND'
  | 'CASE_EXISTS';

export interface DomainRejection {
  readonly code: DomainRejectionCode;
  readonly message: string;
}

export type DomainOutcome = DomainDecision | { readonly rejected: DomainRejection };

/** What handlers may consult besides the case. */
export interface DomainContext {
  readonly now: string;
  readonly calendar?: WorkingCalendar;
  /** A centre's credit check: false excludes the applicant from 容缺受理 (blacklist). */
  readonly creditCheck?: (applicant: Applicant) => boolean;
}

export type DomainHandler<C> = (domain: DomainState | null, command: C, ctx: DomainContext) => DomainOutcome;

export function refuse(code: DomainRejectionCode, message: string): { rejected: DomainRejection } {
  return { rejected: { code, message } };
}
