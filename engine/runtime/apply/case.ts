/** Appliers of the case-level events: how a case ends. */
import type { RuntimeState } from '../state.js';
import type { ApplierTable } from './index.js';

function end(state: RuntimeState, status: RuntimeState['status'], time: string): void {
  state.status = status;
  state.endedAt = time;
  for (const id of Object.keys(state.instances)) {
    if (id !== state.rootInstanceId) delete state.variables[id];
  }
  state.instances = {};
}

export const caseAppliers: ApplierTable<'case.completed' | 'case.terminated' | 'case.failed' | 'case.cancelled'> = {
  'case.completed': (state, event) => end(state, 'completed', event.time),
  'case.terminated': (state, event) => end(state, 'terminated', event.time),
  'case.cancelled': (state, event) => end(state, 'cancelled', event.time),
  'case.failed': (state, event) => {
    end(state, 'failed', event.time);
    state.failure = { elementId: event.data.elementId, message: event.data.message };
  },
};
