import { expect } from 'chai';
import type { CaseEvent } from '../../../engine/case/index.js';
import { projectEvent } from '../../../engine/store/projections.js';

const at = { caseId: 'c1', seq: 7 };
const envelope = { v: 1, time: '2025-01-06T01:00:00.000Z', actor: 'tester' } as const;

describe('store: projections', () => {
  it('should insert a timer job with a normalized due time', () => {
    // given
    const event: CaseEvent = {
      ...envelope,
      type: 'timer.scheduled',
      data: { timerId: 't1', instanceId: 'i1', elementId: 'late', dueAt: '2025-01-06T03:00:00Z', repeat: null },
    };

    // when
    const [change] = projectEvent(event, at);

    // then
    expect(change).to.deep.include({ op: 'insert', table: 'jobs' });
    expect(change && change.op === 'insert' ? change.row : null).to.include({
      job_id: 't1',
      case_id: 'c1',
      kind: 'timer',
      due_at: '2025-01-06T03:00:00.000Z',
      created_seq: 7,
    });
  });

  it('should block a job that raised an incident and clear every open row when a case ends', () => {
    // given
    const incident: CaseEvent = {
      ...envelope,
      type: 'incident.raised',
      data: {
        incidentId: 'x1',
        instanceId: 'i1',
        elementId: 'check',
        jobId: 'j1',
        kind: 'job-failed',
        resume: 'activate',
        message: 'boom',
      },
    };
    const ended: CaseEvent = { ...envelope, type: 'case.cancelled', data: { reason: 'test' } };

    // then
    expect(projectEvent(incident, at)).to.deep.include({
      op: 'update',
      table: 'jobs',
      where: { job_id: 'j1' },
      set: { incident_id: 'x1' },
    });
    expect(projectEvent(ended, at).map((change) => change.table)).to.have.members([
      'tasks',
      'jobs',
      'subscriptions',
      'incidents',
    ]);
  });

  it('should NOT touch any table for flow events', () => {
    const event: CaseEvent = {
      ...envelope,
      type: 'flow.taken',
      data: { flowId: 'f', sourceId: 'a', targetId: 'b', scopeInstanceId: 'r' },
    };
    expect(projectEvent(event, at)).to.deep.equal([]);
  });
});
