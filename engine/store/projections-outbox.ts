/**
 * The transactional outbox: an event of a webhook kind (engine/integration `WEBHOOK_KINDS`:
 * 受理, 补正, 办结, 预警 / 黄牌 / 红牌 …) also writes an `outbox` row, in the transaction of the
 * command that recorded it, so an event leaves the system exactly when it is committed. The row
 * points at the event (case, seq); the webhook dispatcher (engine/integration-store) fans it out
 * to the subscriptions and deletes it, and reads the event itself from `case_events`.
 */
import type { CaseEvent } from '../case/index.js';
import { webhookKindOf } from '../integration/index.js';
import type { EventPosition } from './projections.js';
import type { RowChange } from './row-changes.js';

/** The outbox row of an event, if it is of a webhook kind. */
export function outboxRows(event: CaseEvent, { caseId, seq }: EventPosition): RowChange[] {
  const kind = webhookKindOf(event);
  if (!kind) return [];
  return [
    {
      op: 'insert',
      table: 'outbox',
      row: {
        case_id: caseId,
        seq,
        kind: kind.kind,
        event_type: event.type,
        created_at: new Date(event.time).toISOString(),
      },
    },
  ];
}
