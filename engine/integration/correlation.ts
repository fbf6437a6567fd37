/**
 * Message correlation decides on exactly one receiver: a case waiting for the message (receive
 * task, intermediate catch, boundary event, event sub-process start) or, when no case waits and
 * no correlation key names one, a process with a message start event. None or several is a
 * refusal the caller can act on, never a guess.
 */

/** A case waiting for a message at an element. */
export interface WaitingCase {
  readonly caseId: string;
  readonly elementId: string;
}

/** The latest version of a process that a message starts. */
export interface MessageStart {
  readonly processId: string;
  readonly hash: string;
  readonly startEventId: string;
}

export type CorrelationDecision =
  | { readonly ok: true; readonly target: { readonly kind: 'case'; readonly waiting: WaitingCase } }
  | { readonly ok: true; readonly target: { readonly kind: 'start'; readonly start: MessageStart } }
  | { readonly ok: false; readonly reason: 'none' }
  | {
      readonly ok: false;
      readonly reason: 'several';
      readonly waiting: readonly WaitingCase[];
      readonly starts: readonly MessageStart[];
    };

/**
 * The one receiver among the waiting cases and message starts, given whether a correlation key
 * was sent (a key names a case, so it never starts one).
 */
export function decideCorrelation(
  waiting: readonly WaitingCase[],
  starts: readonly MessageStart[],
  keyed: boolean,
): CorrelationDecision {
  const startCandidates = keyed || waiting.length > 0 ? [] : starts;
  const total = waiting.length + startCandidates.length;
  if (total === 0) return { ok: false, reason: 'none' };
  if (total > 1) return { ok: false, reason: 'several', waiting, starts: startCandidates };
  const [one] = waiting;
  if (one) return { ok: true, target: { kind: 'case', waiting: one } };
  return { ok: true, target: { kind: 'start', start: startCandidates[0]! } };
}
