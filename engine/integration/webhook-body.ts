/**
 * The JSON body of a webhook delivery: the event as recorded (type, version, time, actor, data)
 * with the case it belongs to, personal data masked unless the subscription was granted it.
 * `id` names the event (the same for every subscription and every retry, so a receiver can drop
 * a duplicate of an at-least-once delivery); `seq` orders a case's events.
 */
import { maskPersonalDataForExport } from './personal-data.js';
import type { WebhookKindDeclaration } from './webhook-kinds.js';

/** The case an event belongs to, as a receiver needs it to find its own record. */
export interface WebhookCase {
  readonly caseId: string;
  /** 办件编号 (null for a case run without the 办件 domain). */
  readonly number: string | null;
  readonly processId: string;
  readonly matter: { readonly code: string; readonly name: string; readonly version: number } | null;
}

/** An event as recorded: a case's (engine/case) or a rating's (engine/ratings). */
export interface RecordedEvent {
  readonly type: string;
  readonly v: number;
  readonly time: string;
  readonly actor: string;
  readonly data: unknown;
}

export interface WebhookBodyInput {
  readonly deliveryId: string;
  readonly kind: WebhookKindDeclaration;
  readonly case: WebhookCase;
  /** The event's position in its stream (the case's seq, or the rating's). */
  readonly seq: number;
  /** `<caseId>`, or `rating:<ratingId>` for a 好差评 event. */
  readonly stream?: string;
  readonly event: RecordedEvent;
  /** The subscription may see personal data in clear. */
  readonly personalData: boolean;
}

export interface WebhookBody {
  readonly id: string;
  readonly deliveryId: string;
  readonly kind: string;
  readonly kindZh: string;
  readonly type: string;
  readonly v: number;
  readonly time: string;
  readonly actor: string;
  readonly seq: number;
  readonly case: WebhookCase;
  readonly data: unknown;
}

/** The body delivered for one event to one subscription. */
export function webhookBody(input: WebhookBodyInput): WebhookBody {
  const { event } = input;
  // The matter's snapshot at 收件 is the whole catalogue entry: `case.matter` names it instead.
  const { matter: _matter, ...data } = event.data as Record<string, unknown>;
  return {
    id: `${input.stream ?? input.case.caseId}:${input.seq}`,
    deliveryId: input.deliveryId,
    kind: input.kind.kind,
    kindZh: input.kind.zh,
    type: event.type,
    v: event.v,
    time: event.time,
    actor: event.actor,
    seq: input.seq,
    case: input.case,
    data: input.personalData ? data : maskPersonalDataForExport(data),
  };
}
