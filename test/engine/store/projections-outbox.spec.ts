/** The outbox projection: events of a webhook kind write an outbox row beside their other rows; the rest none. */
import { expect } from 'chai';
import type { CaseEvent } from '../../../engine/case/index.js';
import { projectEvents } from '../../../engine/store/projections.js';

const event = (type: string, data: Record<string, unknown>) =>
  ({ type, v: 1, time: '2026-11-02T09:30:00+08:00', actor: 'window-li', data }) as unknown as CaseEvent;

describe('store: outbox projection', () => {
  it('should write an outbox row (case, seq, kind) for an event of a webhook kind, after its own rows', () => {
    const changes = projectEvents('case-1', 7, [
      event('flow.taken', { flowId: 'f1' }),
      event('case.accepted', { officer: 'window-li', documentNo: null, auto: false }),
      event('alert.raised', { alertId: 'a', level: '黄牌', dueAt: '2026-11-20T09:30:00.000Z', kind: 'case' }),
    ]);
    const outbox = changes.filter((change) => change.table === 'outbox');
    expect(outbox).to.deep.equal([
      {
        op: 'insert',
        table: 'outbox',
        row: {
          case_id: 'case-1',
          seq: 8,
          kind: 'case.accepted',
          event_type: 'case.accepted',
          created_at: '2026-11-02T01:30:00.000Z',
        },
      },
      {
        op: 'insert',
        table: 'outbox',
        row: {
          case_id: 'case-1',
          seq: 9,
          kind: 'alert.yellow',
          event_type: 'alert.raised',
          created_at: '2026-11-02T01:30:00.000Z',
        },
      },
    ]);
    expect(changes.indexOf(outbox[1]!)).to.equal(changes.length - 1);
  });

  it('should write none for the engine’s inner events', () => {
    expect(
      projectEvents('case-1', 1, [event('flow.taken', { flowId: 'f1' })]).filter((c) => c.table === 'outbox'),
    ).to.deep.equal([]);
  });
});
