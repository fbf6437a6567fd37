/**
 * The kinds of events an administrator may subscribe a webhook to (受理, 补正, 办结, 预警 /
 * 黄牌 / 红牌, 差评 …): one declared table, read by the outbox writers (which events leave the
 * system at all: a case's, in engine/store's outbox projection; a rating's, in the ratings
 * store), the subscription API (which kinds exist, in Chinese) and the delivered body. An event
 * belongs to at most one kind; events of no kind never reach the outbox.
 */
import type { CaseEvent, CaseEventType } from '../case/index.js';
import type { RatingEvent, RatingEventType } from '../ratings/index.js';

export type WebhookKindDeclaration =
  | {
      /** Stable name a subscription lists (and the `kind` of a delivered body). */
      readonly kind: string;
      readonly zh: string;
      /** A case event, recorded in the case's stream. */
      readonly source: 'case';
      /** The event type the kind is made of. */
      readonly event: CaseEventType;
      /** Only events whose `data.level` is this (电子监察 signals: one kind per level). */
      readonly level?: string;
    }
  | {
      readonly kind: string;
      readonly zh: string;
      /** A 好差评 event, recorded in the rating's stream (engine/ratings). */
      readonly source: 'rating';
      readonly event: RatingEventType;
      readonly level?: undefined;
    };

/** Every kind, in the order the API lists them. */
export const WEBHOOK_KINDS = [
  { source: 'case', kind: 'case.received', zh: '收件', event: 'case.received' },
  { source: 'case', kind: 'case.accepted', zh: '受理', event: 'case.accepted' },
  { source: 'case', kind: 'case.acceptedWithTolerance', zh: '容缺受理', event: 'case.acceptedWithTolerance' },
  { source: 'case', kind: 'case.refused', zh: '不予受理', event: 'case.refused' },
  { source: 'case', kind: 'case.correctionNoticed', zh: '补正告知', event: 'case.correctionNoticed' },
  { source: 'case', kind: 'materials.supplied', zh: '补交材料', event: 'materials.supplied' },
  { source: 'case', kind: 'specialProcedure.started', zh: '特别程序开始', event: 'specialProcedure.started' },
  { source: 'case', kind: 'specialProcedure.ended', zh: '特别程序结束', event: 'specialProcedure.ended' },
  { source: 'case', kind: 'case.concluded', zh: '办结', event: 'case.concluded' },
  { source: 'case', kind: 'case.delivered', zh: '送达', event: 'case.delivered' },
  { source: 'case', kind: 'case.withdrawn', zh: '撤回申请', event: 'case.withdrawn' },
  { source: 'case', kind: 'case.revoked', zh: '撤销', event: 'case.revoked' },
  { source: 'case', kind: 'case.ended', zh: '终止', event: 'case.ended' },
  { source: 'case', kind: 'alert.warning', zh: '预警', event: 'alert.raised', level: '预警' },
  { source: 'case', kind: 'alert.yellow', zh: '黄牌', event: 'alert.raised', level: '黄牌' },
  { source: 'case', kind: 'alert.red', zh: '红牌', event: 'alert.raised', level: '红牌' },
  { source: 'case', kind: 'task.created', zh: '新待办', event: 'task.created' },
  { source: 'case', kind: 'incident.raised', zh: '异常', event: 'incident.raised' },
  { source: 'case', kind: 'incident.resolved', zh: '异常已处理', event: 'incident.resolved' },
  { source: 'rating', kind: 'rating.negative', zh: '差评', event: 'rectification.opened' },
  { source: 'rating', kind: 'rating.rectificationOverdue', zh: '差评整改超期', event: 'rectification.overdue' },
] as const satisfies readonly WebhookKindDeclaration[];

export type WebhookKind = (typeof WEBHOOK_KINDS)[number]['kind'];

const BY_EVENT = new Map<string, WebhookKindDeclaration[]>();
for (const declaration of WEBHOOK_KINDS as readonly WebhookKindDeclaration[]) {
  const key = `${declaration.source}:${declaration.event}`;
  BY_EVENT.set(key, [...(BY_EVENT.get(key) ?? []), declaration]);
}

function kindOf(source: 'case' | 'rating', event: { type: string; data: unknown }): WebhookKindDeclaration | null {
  const candidates = BY_EVENT.get(`${source}:${event.type}`);
  if (!candidates) return null;
  const level = (event.data as { level?: unknown }).level;
  return candidates.find((candidate) => candidate.level === undefined || candidate.level === level) ?? null;
}

/** The kind a case event belongs to, or null when it never leaves the system. */
export function webhookKindOf(event: CaseEvent): WebhookKindDeclaration | null {
  return kindOf('case', event);
}

/** The kind a 好差评 event belongs to (差评, its rectification overdue), or null. */
export function ratingWebhookKindOf(event: RatingEvent): WebhookKindDeclaration | null {
  return kindOf('rating', event);
}

/** The outbox stream of a rating's events (a case's stream is its case id). */
export function ratingStream(ratingId: string): string {
  return `rating:${ratingId}`;
}

/** The rating of a rating stream, or null for a case's stream. */
export function ratingOfStream(stream: string): string | null {
  return stream.startsWith('rating:') ? stream.slice('rating:'.length) : null;
}

/** The declaration of a kind by name, or undefined. */
export function webhookKind(kind: string): WebhookKindDeclaration | undefined {
  return (WEBHOOK_KINDS as readonly WebhookKindDeclaration[]).find((declaration) => declaration.kind === kind);
}
