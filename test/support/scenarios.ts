/**
 * The engine-neutral BPMN execution scenarios (test/fixtures/semantics, README there): load
 * them, and play one against a driver - the in-memory runtime host or the database store.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { CompiledProcess } from '../../engine/model/index.js';
import { SEMANTICS_DIR } from './fixtures.js';

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly spec?: string;
  readonly bpmn: string;
  readonly process: string;
  readonly clock?: string;
  readonly steps: readonly Step[];
  /** Folder the scenario was read from (its .bpmn is beside it). */
  readonly dir: string;
}

type Step =
  | { readonly do: 'start'; readonly variables?: Record<string, unknown> }
  | { readonly do: 'complete'; readonly element: string; readonly variables?: Record<string, unknown> }
  | {
      readonly do: 'message';
      readonly element: string;
      readonly name: string;
      readonly variables?: Record<string, unknown>;
    }
  | { readonly do: 'signal'; readonly name: string; readonly variables?: Record<string, unknown> }
  | { readonly do: 'advance'; readonly duration: string }
  | { readonly expect: Expectation };

interface Expectation {
  readonly state?: 'running' | 'completed' | 'terminated' | 'failed';
  readonly waiting?: readonly string[];
  readonly completed?: Readonly<Record<string, number>>;
  readonly notEntered?: readonly string[];
  readonly variables?: Readonly<Record<string, unknown>>;
}

/** What a driver shows of a case and every case it started. */
export interface Observation {
  readonly state: 'running' | 'completed' | 'terminated' | 'failed';
  readonly waiting: readonly string[];
  readonly completed: Readonly<Record<string, number>>;
  readonly entered: Readonly<Record<string, number>>;
  readonly variables: Readonly<Record<string, unknown>>;
}

export interface ScenarioDriver {
  setClock(instant: string): Promise<void>;
  deploy(bpmnPath: string): Promise<void>;
  /** Start `processId` through its none start event; returns the case id. */
  start(processId: string, variables: Record<string, unknown>): Promise<string>;
  /** Start `processId` through its message or signal start event named `name`. */
  startByEvent(
    processId: string,
    kind: 'message' | 'signal',
    name: string,
    variables: Record<string, unknown>,
  ): Promise<string>;
  setVariables(caseId: string, variables: Record<string, unknown>): Promise<void>;
  completeTask(caseId: string, elementId: string): Promise<void>;
  message(caseId: string, elementId: string, name: string, variables: Record<string, unknown>): Promise<void>;
  signal(name: string, variables: Record<string, unknown>): Promise<void>;
  advance(duration: string): Promise<void>;
  observe(caseId: string): Promise<Observation>;
  /** Assert replay == projection (and, where stored, the hash chain) for the case and its children. */
  checkConsistent(caseId: string): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(here, '..', '..');
/** The shared engine-neutral scenarios, copied into the repository (test/support/fixtures.ts). */
export const SHARED_SEMANTICS = SEMANTICS_DIR;

/** Matterflow's own scenarios, in the same format: every element kind the engine runs. */
const OWN_SCENARIOS = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios');

/** The scenario folders every engine test plays: shared, ours, and $MATTERFLOW_SCENARIOS when set. */
export function scenarioFolders(): string[] {
  return [SHARED_SEMANTICS, OWN_SCENARIOS, process.env.MATTERFLOW_SCENARIOS].filter((d): d is string => Boolean(d));
}

/** Every scenario of the given folders, in file order. */
export function loadScenarios(dirs: readonly string[] = scenarioFolders()): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new Error(`Scenario folder ${dir} does not exist`);
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const scenario = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Omit<Scenario, 'dir'>;
      scenarios.push({ ...scenario, dir });
    }
  }
  return scenarios;
}

/** The message or signal start event of a process with that name. */
export function findEventStart(process: CompiledProcess, kind: 'message' | 'signal', name: string): string {
  const startEventId = process.eventStarts.find((id) => {
    const start = process.elements.get(id);
    const event = start?.kind === 'startEvent' ? start.eventDefinition : null;
    return (
      (event?.type === 'message' && kind === 'message' && event.messageName === name) ||
      (event?.type === 'signal' && kind === 'signal' && event.signalName === name)
    );
  });
  if (!startEventId) throw new Error(`Process ${process.id} has no ${kind} start event '${name}'`);
  return startEventId;
}

/** Play a scenario step by step; every expectation is checked, and consistency at each. */
export async function playScenario(driver: ScenarioDriver, scenario: Scenario): Promise<void> {
  if (scenario.clock) await driver.setClock(scenario.clock);
  await driver.deploy(path.join(scenario.dir, scenario.bpmn));
  let caseId: string | null = null;
  const needCase = (): string => {
    if (!caseId) throw new Error(`Scenario ${scenario.id}: a step needs a started instance`);
    return caseId;
  };
  for (const [index, step] of scenario.steps.entries()) {
    const where = `${scenario.id} step ${index + 1}`;
    if ('expect' in step) {
      const seen = await driver.observe(needCase());
      checkExpectation(where, step.expect, seen);
      await driver.checkConsistent(needCase());
      continue;
    }
    switch (step.do) {
      case 'start':
        caseId = await driver.start(scenario.process, step.variables ?? {});
        break;
      case 'complete':
        if (step.variables) await driver.setVariables(needCase(), step.variables);
        await driver.completeTask(needCase(), step.element);
        break;
      case 'message':
        if (caseId) await driver.message(caseId, step.element, step.name, step.variables ?? {});
        else caseId = await driver.startByEvent(scenario.process, 'message', step.name, step.variables ?? {});
        break;
      case 'signal':
        if (caseId) await driver.signal(step.name, step.variables ?? {});
        else caseId = await driver.startByEvent(scenario.process, 'signal', step.name, step.variables ?? {});
        break;
      case 'advance':
        await driver.advance(step.duration);
        break;
    }
  }
}

function checkExpectation(where: string, expected: Expectation, seen: Observation): void {
  if (expected.state) expect(seen.state, `${where}: state`).to.equal(expected.state);
  if (expected.waiting) expect(seen.waiting, `${where}: waiting`).to.deep.equal([...expected.waiting].sort());
  for (const [elementId, times] of Object.entries(expected.completed ?? {})) {
    expect(seen.completed[elementId] ?? 0, `${where}: times '${elementId}' completed`).to.equal(times);
  }
  for (const elementId of expected.notEntered ?? []) {
    expect(seen.entered[elementId] ?? 0, `${where}: '${elementId}' must never have been entered`).to.equal(0);
  }
  for (const [name, value] of Object.entries(expected.variables ?? {})) {
    expect(seen.variables[name], `${where}: variable '${name}'`).to.deep.equal(value);
  }
}
