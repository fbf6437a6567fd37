/** The scenario driver over the real store: a database, a settable clock, the hash chain. */
import { readFileSync } from 'node:fs';
import { loadDefinition, type CompiledDefinition, type CompiledProcess } from '../../engine/model/index.js';
import { waitingElements } from '../../engine/runtime/index.js';
import { findEventStart, type Observation, type ScenarioDriver } from './scenarios.js';
import { TestEngine } from './test-engine.js';

export class StoreDriver implements ScenarioDriver {
  private readonly byHash = new Map<string, CompiledDefinition>();
  private readonly latest = new Map<string, CompiledProcess>();

  private constructor(readonly engine: TestEngine) {}

  static async create(): Promise<StoreDriver> {
    return new StoreDriver(await TestEngine.create());
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  async setClock(instant: string): Promise<void> {
    this.engine.clock.set(instant);
  }

  async deploy(bpmnPath: string): Promise<void> {
    const xml = readFileSync(bpmnPath, 'utf8');
    await this.engine.deploy(xml);
    const loaded = await loadDefinition(xml);
    if (!loaded.ok) throw new Error(`${bpmnPath} does not load`);
    this.byHash.set(loaded.definition.hash, loaded.definition);
    for (const [id, process] of loaded.definition.processes) this.latest.set(id, process);
  }

  start(processId: string, variables: Record<string, unknown>): Promise<string> {
    return this.engine.start(processId, variables);
  }

  startByEvent(
    processId: string,
    kind: 'message' | 'signal',
    name: string,
    variables: Record<string, unknown>,
  ): Promise<string> {
    const process = this.latest.get(processId);
    if (!process) throw new Error(`Process ${processId} is not deployed`);
    return this.engine.start(processId, variables, { startEventId: findEventStart(process, kind, name) });
  }

  async setVariables(caseId: string, variables: Record<string, unknown>): Promise<void> {
    await this.engine.store.dispatch(caseId, { type: 'variables.set', actor: 'tester', data: { variables } });
  }

  async completeTask(caseId: string, elementId: string): Promise<void> {
    await this.engine.completeTask(caseId, elementId);
  }

  async message(caseId: string, elementId: string, name: string, variables: Record<string, unknown>): Promise<void> {
    for (const id of await this.engine.family(caseId)) {
      const state = await this.engine.state(id);
      if (
        Object.values(state.subscriptions).some(
          (s) => s.kind === 'message' && s.name === name && s.elementId === elementId,
        )
      ) {
        await this.engine.correlate(id, name, { elementId, variables });
        return;
      }
    }
    throw new Error(`Nothing in case ${caseId} waits for message ${name} at ${elementId}`);
  }

  async signal(name: string, variables: Record<string, unknown>): Promise<void> {
    await this.engine.signal(name, variables);
  }

  async advance(duration: string): Promise<void> {
    await this.engine.advance(duration);
  }

  async observe(caseId: string): Promise<Observation> {
    const waiting: string[] = [];
    const completed: Record<string, number> = {};
    const entered: Record<string, number> = {};
    let incidents = 0;
    const root = await this.engine.state(caseId);
    for (const id of await this.engine.family(caseId)) {
      const state = await this.engine.state(id);
      const process = this.byHash.get(state.definitionHash)?.processes.get(state.processId);
      if (!process) throw new Error(`No definition ${state.definitionHash} for case ${id}`);
      if (state.status === 'active') waiting.push(...waitingElements(process, state));
      for (const [k, n] of Object.entries(state.stats.completed)) completed[k] = (completed[k] ?? 0) + n;
      for (const [k, n] of Object.entries(state.stats.entered)) entered[k] = (entered[k] ?? 0) + n;
      incidents += Object.keys(state.incidents).length;
    }
    return {
      state:
        root.status === 'active'
          ? incidents > 0
            ? 'failed'
            : 'running'
          : root.status === 'cancelled'
            ? 'terminated'
            : root.status,
      waiting: waiting.sort(),
      completed,
      entered,
      variables: root.variables[root.rootInstanceId] ?? {},
    };
  }

  checkConsistent(caseId: string): Promise<void> {
    return this.engine.expectConsistent(caseId);
  }
}
