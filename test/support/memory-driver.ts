/** The scenario driver over the in-memory runtime host. */
import { expect } from 'chai';
import { waitingElements } from '../../engine/runtime/index.js';
import { MemoryEngine } from './memory-engine.js';
import { findEventStart, type Observation, type ScenarioDriver } from './scenarios.js';

export class MemoryDriver implements ScenarioDriver {
  /** Every command runs on deep-frozen input and is followed by replay == state. */
  readonly engine = new MemoryEngine({ checkEveryCommand: true });

  async setClock(instant: string): Promise<void> {
    this.engine.now = new Date(instant);
  }

  async deploy(bpmnPath: string): Promise<void> {
    await this.engine.deploy(bpmnPath);
  }

  async start(processId: string, variables: Record<string, unknown>): Promise<string> {
    return this.engine.start(processId, variables);
  }

  async startByEvent(
    processId: string,
    kind: 'message' | 'signal',
    name: string,
    variables: Record<string, unknown>,
  ): Promise<string> {
    const startEventId = findEventStart(this.engine.latestProcess(processId), kind, name);
    return this.engine.start(processId, variables, { startEventId });
  }

  async setVariables(caseId: string, variables: Record<string, unknown>): Promise<void> {
    this.engine.run(caseId, { type: 'variables.set', actor: 'tester', data: { variables } });
  }

  async completeTask(caseId: string, elementId: string): Promise<void> {
    this.engine.completeTask(caseId, elementId);
  }

  async message(caseId: string, elementId: string, name: string, variables: Record<string, unknown>): Promise<void> {
    this.engine.message(caseId, name, { elementId, variables });
  }

  async signal(name: string, variables: Record<string, unknown>): Promise<void> {
    this.engine.signal(name, variables);
  }

  async advance(duration: string): Promise<void> {
    this.engine.advance(duration);
  }

  async observe(caseId: string): Promise<Observation> {
    const root = this.engine.get(caseId).state;
    const waiting: string[] = [];
    const completed: Record<string, number> = {};
    const entered: Record<string, number> = {};
    let incidents = 0;
    for (const id of this.engine.family(caseId)) {
      const { state } = this.engine.get(id);
      if (state.status === 'active') waiting.push(...waitingElements(this.engine.process(id), state));
      for (const [k, n] of Object.entries(state.stats.completed)) completed[k] = (completed[k] ?? 0) + n;
      for (const [k, n] of Object.entries(state.stats.entered)) entered[k] = (entered[k] ?? 0) + n;
      incidents += Object.keys(state.incidents).length;
    }
    const status = root.status;
    return {
      state:
        status === 'active' ? (incidents > 0 ? 'failed' : 'running') : status === 'cancelled' ? 'terminated' : status,
      waiting: waiting.sort(),
      completed,
      entered,
      variables: root.variables[root.rootInstanceId] ?? {},
    };
  }

  async checkConsistent(caseId: string): Promise<void> {
    for (const id of this.engine.family(caseId)) {
      const { equal, replayed, state } = this.engine.replayMatches(id);
      if (!equal) expect(replayed, `replay of case ${id}`).to.deep.equal(state);
    }
  }
}
