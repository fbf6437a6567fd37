import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { MemoryEngine } from '../../../../support/memory-engine.js';
import { expectReplayMatches } from '../../helpers.js';

const bpmn = fileURLToPath(new URL('./call-activity.mapping.bpmn', import.meta.url));

describe('runtime: call activity (child case with variable mapping)', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine();
    await engine.deploy(bpmn);
  });

  const child = (caseId: string) => engine.family(caseId)[1]!;
  const form = { companyName: '杭州某某科技有限公司', idNumber: '330102199001011234' };

  it('should give the child only its input mappings, not every parent variable', () => {
    const caseId = engine.start('package', { form });
    const childState = engine.get(child(caseId)).state;
    expect(childState.parent?.caseId).to.equal(caseId);
    expect(childState.variables[childState.rootInstanceId]).to.deep.equal({ companyName: '杭州某某科技有限公司' });
  });

  it('should bring back only the output mappings when the child completes', () => {
    const caseId = engine.start('package', { form });
    engine.completeTask(caseId, 'register', { passed: true, licenceNo: '91330100MA2XXXXX0X', internalNote: '内部' });
    const { state } = engine.get(caseId);
    expect(engine.get(child(caseId)).state.status).to.equal('completed');
    expect(state.variables[state.rootInstanceId]).to.deep.equal({ form, businessLicenceNo: '91330100MA2XXXXX0X' });
    expect(Object.values(state.tasks).map((t) => t.elementId)).to.deep.equal(['seal']);
    expectReplayMatches(engine, caseId);
  });

  it('should catch an error the child does not catch on the call activity boundary', () => {
    const caseId = engine.start('package', { form });
    engine.completeTask(caseId, 'register', { passed: false });
    expect(engine.get(child(caseId)).state.status).to.equal('failed');
    const { state } = engine.get(caseId);
    expect(Object.values(state.tasks).map((t) => t.elementId)).to.deep.equal(['notifyRejection']);
    expect(state.stats.completed['licenceRejected']).to.equal(1);
    expectReplayMatches(engine, caseId);
  });

  it('should cancel the child case when the parent case is cancelled', () => {
    const caseId = engine.start('package', { form });
    engine.run(caseId, { type: 'case.cancel', actor: 'admin', data: { reason: '申请人撤回' } });
    expect(engine.get(caseId).state.status).to.equal('cancelled');
    const childState = engine.get(child(caseId)).state;
    expect(childState.status).to.equal('cancelled');
    expect(childState.tasks).to.deep.equal({});
    expectReplayMatches(engine, caseId);
  });
});
