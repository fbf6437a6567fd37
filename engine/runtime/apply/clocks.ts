/** Appliers of time limits and 电子监察 signals. */
import type { ApplierTable } from './index.js';

export const clockAppliers: ApplierTable<
  | 'clock.started'
  | 'clock.paused'
  | 'clock.resumed'
  | 'clock.extended'
  | 'clock.dueChanged'
  | 'clock.finished'
  | 'alert.raised'
  | 'alert.cleared'
> = {
  'clock.started': (state, { data, time }) => {
    state.clocks[data.clockId] = {
      id: data.clockId,
      kind: data.kind,
      instanceId: data.instanceId,
      elementId: data.elementId,
      department: data.department,
      officer: data.officer,
      limit: data.limit,
      startedAt: data.startedAt ?? time,
      budget: data.limit.amount,
      paused: 0,
      running: true,
      stops: [],
      extensions: [],
      dueAt: data.dueAt,
      provisional: data.provisional,
    };
  },
  'clock.paused': (state, { data, time }) => {
    const clock = state.clocks[data.clockId];
    if (!clock) return;
    clock.running = false;
    clock.stops.push({ kind: data.kind, reason: data.reason, approver: data.approver, from: time, to: null });
  },
  'clock.resumed': (state, { data, time }) => {
    const clock = state.clocks[data.clockId];
    if (!clock) return;
    clock.running = true;
    clock.paused += data.pausedFor;
    clock.dueAt = data.dueAt;
    clock.provisional = data.provisional;
    const open = clock.stops[clock.stops.length - 1];
    if (open && open.to === null) open.to = time;
  },
  'clock.extended': (state, { data, time }) => {
    const clock = state.clocks[data.clockId];
    if (!clock) return;
    clock.budget += data.amount;
    clock.extensions.push({ amount: data.amount, approver: data.approver, reason: data.reason, at: time });
    clock.dueAt = data.dueAt;
    clock.provisional = data.provisional;
  },
  'clock.dueChanged': (state, { data }) => {
    const clock = state.clocks[data.clockId];
    if (!clock) return;
    clock.dueAt = data.dueAt;
    clock.provisional = data.provisional;
  },
  'clock.finished': (state, { data }) => {
    delete state.clocks[data.clockId];
  },
  'alert.raised': (state, { data, time }) => {
    state.alerts[data.alertId] = {
      id: data.alertId,
      clockId: data.clockId,
      level: data.level,
      department: data.department,
      officer: data.officer,
      raisedAt: time,
    };
  },
  'alert.cleared': (state, { data }) => {
    delete state.alerts[data.alertId];
  },
};
