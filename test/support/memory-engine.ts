/**
 * An in-memory host for the pure runtime: cases in maps, a settable clock, counter ids, and the
 * cross-case reactions (call activities, signals) the store performs in a database. Used by the
 * runtime specs, the property test and the in-memory benchmark; the store has its own
 * TestEngine over a real database.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { deepFreeze } from '../../engine/model/deep-freeze.js';
import { loadDefinition, type CompiledDefinition, type CompiledProcess } from '../../engine/model/index.js';
import { executeCase, type CaseCommand } from '../../engine/case/index.js';
import { type WorkingCalendar } from '../../engine/runtime/index.js';
import { replay, type CaseEvent, type CaseState } from '../../engine/case/index.js';
import { addDuration, parseDuration } from '../../engine/time/iso8601.js';
import type { SupervisionPolicy } from '../../engine/supervision/index.js';

export interface MemoryCase {
  readonly definition: CompiledDefinition;
  state: CaseState;
  readonly events: CaseEvent[];
}

export class CommandRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'CommandRefused';
  }
}

export class MemoryEngine {
  readonly cases = new Map<string, MemoryCase>();
  private readonly latest = new Map<string, CompiledDefinition>();
  private readonly timerOrder = new Map<string, number>();
  private nextId = 0;
  private timerCount = 0;
  now: Date;

  /**
   * `checkEveryCommand`: each command gets a deep-frozen copy of the case state and of itself (a
   * command that changes its input throws), the definition must be frozen, and after each
   * command replay of the case's events must deep-equal its state (the scenario runner's check).
   */
  constructor(
    options: {
      clock?: string;
      calendar?: WorkingCalendar;
      supervision?: SupervisionPolicy;
      keepEvents?: boolean;
      checkEveryCommand?: boolean;
    } = {},
  ) {
    this.now = new Date(options.clock ?? '2026-03-02T01:00:00.000Z');
    this.calendar = options.calendar;
    this.supervision = options.supervision;
    this.keepEvents = options.keepEvents ?? true;
    this.checkEveryCommand = options.checkEveryCommand ?? false;
  }

  private readonly checkEveryCommand: boolean;

  private readonly calendar: WorkingCalendar | undefined;
  private readonly supervision: SupervisionPolicy | undefined;
  private readonly keepEvents: boolean;

  /** Deploy a BPMN file (path or XML); throws with the findings when it is not deployable. */
  async deploy(source: string): Promise<CompiledDefinition> {
    const xml = source.trimStart().startsWith('<') ? source : readFileSync(source, 'utf8');
    const result = await loadDefinition(xml, { knownProcessIds: new Set(this.latest.keys()) });
    if (!result.ok)
      throw new Error(
        `Not deployable: ${result.findings.map((f) => `${f.elementId}: ${f.rule}: ${f.message}`).join('; ')}`,
      );
    for (const processId of result.definition.processes.keys()) this.latest.set(processId, result.definition);
    return result.definition;
  }

  /** The latest deployed version of a process. */
  latestProcess(processId: string): CompiledProcess {
    const process = this.latest.get(processId)?.processes.get(processId);
    if (!process) throw new CommandRefused('PROCESS_NOT_FOUND', `Process ${processId} is not deployed`);
    return process;
  }

  process(caseId: string): CompiledProcess {
    const entry = this.get(caseId);
    const process = entry.definition.processes.get(entry.state.processId);
    if (!process) throw new Error(`No process ${entry.state.processId}`);
    return process;
  }

  get(caseId: string): MemoryCase {
    const entry = this.cases.get(caseId);
    if (!entry) throw new Error(`No case ${caseId}`);
    return entry;
  }

  start(
    processId: string,
    variables: Record<string, unknown> = {},
    options: { startEventId?: string; actor?: string } = {},
  ): string {
    const caseId = `case-${++this.nextId}`;
    this.run(caseId, {
      type: 'case.start',
      actor: options.actor ?? 'tester',
      data: { caseId, processId, variables, ...(options.startEventId ? { startEventId: options.startEventId } : {}) },
    });
    return caseId;
  }

  /** Run a command and every cross-case reaction it causes; throws CommandRefused on rejection. */
  run(caseId: string, command: CaseCommand): CaseEvent[] {
    return this.execute(caseId, command, false);
  }

  private execute(caseId: string, command: CaseCommand, optional: boolean): CaseEvent[] {
    const existing = this.cases.get(caseId);
    const definition =
      existing?.definition ??
      (command.type === 'case.start' || command.type === 'case.receive'
        ? this.latest.get(command.data.processId)
        : undefined);
    if (!definition) throw new CommandRefused('PROCESS_NOT_FOUND', `No deployed definition for ${caseId}`);
    const before = existing?.state ?? null;
    if (this.checkEveryCommand) expect(Object.isFrozen(definition), 'the definition is frozen').to.equal(true);
    const input = this.checkEveryCommand && before ? deepFreeze(structuredClone(before)) : before;
    const result = executeCase(
      definition,
      input,
      this.checkEveryCommand ? deepFreeze(structuredClone(command)) : command,
      {
        now: this.now.toISOString(),
        ids: () => `id-${++this.nextId}`,
        ...(this.calendar ? { calendar: this.calendar } : {}),
        ...(this.supervision ? { supervision: this.supervision } : {}),
      },
    );
    if (!result.ok) {
      if (optional) return [];
      throw new CommandRefused(result.rejection.code, result.rejection.message);
    }
    const entry = existing ?? { definition, state: result.state, events: [] };
    entry.state = result.state;
    if (this.keepEvents) entry.events.push(...result.events);
    this.cases.set(caseId, entry);
    if (this.checkEveryCommand) {
      if (before) expect(input, `case ${caseId}: ${command.type} left its input state as it was`).to.deep.equal(before);
      expect(
        replay(entry.events.map((e) => structuredClone(e))),
        `case ${caseId}: replay after ${command.type} equals the state`,
      ).to.deep.equal(result.state);
    }
    for (const event of result.events) {
      if (event.type === 'timer.scheduled') this.timerOrder.set(event.data.timerId, ++this.timerCount);
    }
    this.react(caseId, before, result.events);
    return [...result.events];
  }

  /** Cross-case consequences of events, as the store performs them in its transaction. */
  private react(caseId: string, before: CaseState | null, events: readonly CaseEvent[]): void {
    const state = this.get(caseId).state;
    for (const event of events) {
      switch (event.type) {
        case 'call.started':
          this.execute(
            event.data.childCaseId,
            {
              type: 'case.start',
              actor: `case:${caseId}`,
              data: {
                caseId: event.data.childCaseId,
                processId: event.data.processId,
                variables: event.data.variables,
                parent: { caseId, instanceId: event.data.instanceId },
              },
            },
            false,
          );
          break;
        case 'case.completed':
        case 'case.terminated':
          if (state.parent) {
            this.execute(
              state.parent.caseId,
              {
                type: 'call.complete',
                actor: `case:${caseId}`,
                data: {
                  instanceId: state.parent.instanceId,
                  childCaseId: caseId,
                  variables: { ...state.variables[state.rootInstanceId] },
                },
              },
              true,
            );
          }
          break;
        case 'case.failed':
          if (state.parent) {
            this.execute(
              state.parent.caseId,
              {
                type: 'call.fail',
                actor: `case:${caseId}`,
                data: {
                  instanceId: state.parent.instanceId,
                  childCaseId: caseId,
                  errorCode: event.data.errorCode ?? null,
                  message: event.data.message,
                },
              },
              true,
            );
          }
          break;
        case 'element.terminated': {
          const child =
            before?.instances[event.data.instanceId]?.childCaseId ??
            state.instances[event.data.instanceId]?.childCaseId;
          if (child && this.cases.get(child)?.state.status === 'active') {
            this.execute(
              child,
              { type: 'case.cancel', actor: `case:${caseId}`, data: { reason: 'call activity terminated' } },
              true,
            );
          }
          break;
        }
        case 'signal.thrown':
          for (const [otherId, other] of this.cases) {
            if (otherId !== caseId && other.state.status === 'active') {
              this.execute(
                otherId,
                { type: 'signal.receive', actor: `case:${caseId}`, data: { name: event.data.signalName } },
                true,
              );
            }
          }
          break;
        default:
          break;
      }
    }
  }

  /** The case and every case it started, depth first. */
  family(caseId: string): string[] {
    const result = [caseId];
    for (const [id, entry] of this.cases) {
      if (entry.state.parent?.caseId === caseId) result.push(...this.family(id));
    }
    return result;
  }

  /** Complete one open task of `elementId` in the case or a case it started. */
  completeTask(caseId: string, elementId: string, variables: Record<string, unknown> = {}, actor = 'tester'): void {
    for (const id of this.family(caseId)) {
      const task = Object.values(this.get(id).state.tasks).find((t) => t.elementId === elementId);
      if (task) {
        this.run(id, { type: 'task.complete', actor, data: { taskId: task.id, variables } });
        return;
      }
    }
    throw new CommandRefused('TASK_NOT_FOUND', `No open task at ${elementId} in case ${caseId}`);
  }

  /** Deliver a message to the subscription of `elementId` in the case or a case it started. */
  message(
    caseId: string,
    name: string,
    options: { elementId?: string; variables?: Record<string, unknown> } = {},
  ): void {
    for (const id of this.family(caseId)) {
      const waits = Object.values(this.get(id).state.subscriptions).some(
        (s) =>
          s.kind === 'message' &&
          s.name === name &&
          (options.elementId === undefined || s.elementId === options.elementId),
      );
      if (waits) {
        this.run(id, { type: 'message.correlate', actor: 'tester', data: { name, ...options } });
        return;
      }
    }
    throw new CommandRefused('NO_SUBSCRIPTION', `Nothing in case ${caseId} waits for message ${name}`);
  }

  signal(name: string, variables: Record<string, unknown> = {}): void {
    for (const [id, entry] of [...this.cases]) {
      if (entry.state.status !== 'active') continue;
      if (Object.values(entry.state.subscriptions).some((s) => s.kind === 'signal' && s.name === name)) {
        this.run(id, { type: 'signal.receive', actor: 'tester', data: { name, variables } });
      }
    }
  }

  /** Move the clock; every timer due in the window fires in due order, the clock at its due time. */
  advance(duration: string | number): void {
    const target =
      typeof duration === 'number'
        ? new Date(this.now.getTime() + duration)
        : addDuration(this.now, parseDuration(duration) ?? fail(duration));
    // A suspended case (挂起) refuses its BPMN timers; like the poller, try them again later.
    const heldBack = new Set<string>();
    for (;;) {
      let due: { caseId: string; timerId: string; at: number; order: number } | null = null;
      for (const [caseId, entry] of this.cases) {
        if (entry.state.status !== 'active') continue;
        for (const timer of Object.values(entry.state.timers)) {
          if (heldBack.has(timer.id)) continue;
          const at = Date.parse(timer.dueAt);
          const order = this.timerOrder.get(timer.id) ?? 0;
          if (at <= target.getTime() && (!due || at < due.at || (at === due.at && order < due.order)))
            due = { caseId, timerId: timer.id, at, order };
        }
      }
      if (!due) break;
      this.now = new Date(Math.max(this.now.getTime(), due.at));
      try {
        this.run(due.caseId, { type: 'timer.fire', actor: 'timer', data: { timerId: due.timerId } });
      } catch (error) {
        if (!(error instanceof CommandRefused) || error.code !== 'CASE_SUSPENDED') throw error;
        heldBack.add(due.timerId);
      }
    }
    this.now = target;
  }

  /** Replay every case from its events and compare with the state commands produced. */
  replayMatches(caseId: string): { equal: boolean; replayed: CaseState | null; state: CaseState } {
    const entry = this.get(caseId);
    const replayed = replay(entry.events.map((e) => structuredClone(e)));
    return { equal: JSON.stringify(replayed) === JSON.stringify(entry.state), replayed, state: entry.state };
  }
}

function fail(duration: string): never {
  throw new Error(`Not an ISO-8601 duration: ${duration}`);
}
