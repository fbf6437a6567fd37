/**
 * Projections of time limits and 电子监察 signals into `clocks` and `alerts`: a clock row lives
 * from its start to its finish (and stays, with its outcome, for the statistics); an alert row
 * from its raising to its clearing.
 */
import type { Projector } from './projections.js';

const instant = (iso: string): string => new Date(iso).toISOString();

type SupervisionEvent =
  | 'clock.started'
  | 'clock.paused'
  | 'clock.resumed'
  | 'clock.extended'
  | 'clock.dueChanged'
  | 'clock.finished'
  | 'alert.raised'
  | 'alert.cleared';

export const supervisionProjectors: { readonly [K in SupervisionEvent]: Projector<K> } = {
  'clock.started': ({ data, time }, { caseId }) => [
    {
      op: 'insert',
      table: 'clocks',
      row: {
        clock_id: data.clockId,
        case_id: caseId,
        kind: data.kind,
        process_id: data.processId,
        matter_code: data.matterCode,
        element_id: data.elementId,
        department: data.department,
        officer: data.officer,
        unit: data.limit.unit,
        budget: data.limit.amount,
        started_at: instant(data.startedAt ?? time),
        due_at: instant(data.dueAt),
        provisional: data.provisional ? 1 : 0,
        running: 1,
      },
    },
  ],
  'clock.paused': ({ data }) => [
    { op: 'update', table: 'clocks', where: { clock_id: data.clockId }, set: { running: 0 } },
  ],
  'clock.resumed': ({ data }) => [
    {
      op: 'update',
      table: 'clocks',
      where: { clock_id: data.clockId },
      set: { running: 1, due_at: instant(data.dueAt), provisional: data.provisional ? 1 : 0 },
    },
  ],
  'clock.extended': ({ data }) => [
    {
      op: 'update',
      table: 'clocks',
      where: { clock_id: data.clockId },
      set: { due_at: instant(data.dueAt), provisional: data.provisional ? 1 : 0 },
    },
  ],
  'clock.dueChanged': ({ data }) => [
    {
      op: 'update',
      table: 'clocks',
      where: { clock_id: data.clockId },
      set: { due_at: instant(data.dueAt), provisional: data.provisional ? 1 : 0 },
    },
  ],
  'clock.finished': ({ data, time }) => [
    {
      op: 'update',
      table: 'clocks',
      where: { clock_id: data.clockId },
      set: { running: 0, finished_at: instant(time), used: data.used, on_time: data.onTime ? 1 : 0 },
    },
  ],
  'alert.raised': ({ data, time }, { caseId }) => [
    {
      op: 'insert',
      table: 'alerts',
      row: {
        alert_id: data.alertId,
        case_id: caseId,
        clock_id: data.clockId,
        level: data.level,
        kind: data.kind,
        process_id: data.processId,
        matter_code: data.matterCode,
        element_id: data.elementId,
        department: data.department,
        officer: data.officer,
        due_at: instant(data.dueAt),
        raised_at: instant(time),
      },
    },
  ],
  'alert.cleared': ({ data, time }) => [
    {
      op: 'update',
      table: 'alerts',
      where: { alert_id: data.alertId },
      set: { cleared_at: instant(time), cleared_reason: data.reason },
    },
  ],
};
