/**
 * The kinds of case events an administrator may subscribe a webhook to (受理, 补正, 办结, 预警 /
 * 黄牌 / 红牌 …): one declared table, read by the outbox projection (which events leave the
 * system at all), the subscription API (which kinds exist, in Chinese) and the delivered body.
 * An event belongs to at most one kind; events of no kind never reach the outbox.
 */
import type { CaseEvent, CaseEventType } from '../case/index.js';

export interface WebhookKindDeclaration {
  /** Stable name a subscription lists (and the `kind` of a delivered body). */
  readonly kind: string;
  readonly zh: string;
  /** The event type the kind is made of. */
  readonly event: CaseEventType;
  /** Only events whose `data.level` is this (电子监察 signals: one kind per level). */
  readonly level?: string;
}

/** Every kind, in the order the API lists them. */
export const WEBHOOK_KINDS = [
  { kind: 'case.received', zh: '收件', event: 'case.received' },
  { kind: 'case.accepted', zh: '受理', event: 'case.accepted' },
  { kind: 'case.acceptedWithTolerance', zh: '容缺受理', event: 'case.acceptedWithTolerance' },
  { kind: 'case.refused', zh: '不予受理', event: 'case.refused' },
  { kind: 'case.correctionNoticed', zh: '补正告知', event: 'case.correctionNoticed' },
  { kind: 'materials.supplied', zh: '补交材料', event: 'materials.supplied' },
  { kind: 'specialProcedure.started', zh: '特别程序开始', event: 'specialProcedure.started' },
  { kind: 'specialProcedure.ended', zh: '特别程序结束', event: 'specialProcedure.ended' },
  { kind: 'case.concluded', zh: '办结', event: 'case.concluded' },
  { kind: 'case.delivered', zh: '送达', event: 'case.delivered' },
  { kind: 'case.withdrawn', zh: '撤回申请', event: 'case.withdrawn' },
  { kind: 'case.revoked', zh: '撤销', event: 'case.revoked' },
  { kind: 'case.ended', zh: '终止', event: 'case.ended' },
  { kind: 'alert.warning', zh: '预警', event: 'alert.raised', level: '预警' },
  { kind: 'alert.yellow', zh: '黄牌', event: 'alert.raised', level: '黄牌' },
  { kind: 'alert.red', zh: '红牌', event: 'alert.raised', level: '红牌' },
  { kind: 'task.created', zh: '新待办', event: 'task.created' },
  { kind: 'incident.raised', zh: '异常', event: 'incident.raised' },
  { kind: 'incident.resolved', zh: '异常已处理', event: 'incident.resolved' },
] as const satisfies readonly WebhookKindDeclaration[];

export type WebhookKind = (typeof WEBHOOK_KINDS)[number]['kind'];

const BY_EVENT = new Map<string, WebhookKindDeclaration[]>();
for (const declaration of WEBHOOK_KINDS as readonly WebhookKindDeclaration[]) {
  BY_EVENT.set(declaration.event, [...(BY_EVENT.get(declaration.event) ?? []), declaration]);
}

/** The kind an event belongs to, or null when it never leaves the system. */
export function webhookKindOf(event: CaseEvent): WebhookKindDeclaration | null {
  const candidates = BY_EVENT.get(event.type);
  if (!candidates) return null;
  const level = (event.data as { level?: unknown }).level;
  return candidates.find((candidate) => candidate.level === undefined || candidate.level === level) ?? null;
}

/** The declaration of a kind by name, or undefined. */
export function webhookKind(kind: string): WebhookKindDeclaration | undefined {
  return (WEBHOOK_KINDS as readonly WebhookKindDeclaration[]).find((declaration) => declaration.kind === kind);
}
