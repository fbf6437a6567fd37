import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { loadDefinition, type CompiledDefinition } from '../../../engine/model/index.js';
import { execute, replay, type Command, type ExecuteResult, type RuntimeState } from '../../../engine/runtime/index.js';

const xml = fileURLToPath(new URL('./execute.fixture.bpmn', import.meta.url));

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}

describe('runtime: execute is pure and deterministic', () => {
  let definition: CompiledDefinition;
  const counter = () => {
    let n = 0;
    return () => `id-${++n}`;
  };
  const start: Command = {
    type: 'case.start',
    actor: '窗口-张三',
    data: { caseId: 'c1', processId: 'review', variables: { score: 75 } },
  };

  before(async () => {
    const { readFileSync } = await import('node:fs');
    const loaded = await loadDefinition(readFileSync(xml, 'utf8'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.findings));
    definition = loaded.definition;
  });

  it('should give the same events and state for the same input', () => {
    const a = execute(definition, null, start, { now: '2026-03-02T01:00:00.000Z', ids: counter() });
    const b = execute(definition, null, start, { now: '2026-03-02T01:00:00.000Z', ids: counter() });
    expect(a).to.deep.equal(b);
  });

  it('should NOT change the state it is given', () => {
    const started = execute(definition, null, start, { now: '2026-03-02T01:00:00.000Z', ids: counter() });
    if (!started.ok) throw new Error(started.rejection.message);
    const frozen = deepFreeze(structuredClone(started.state));
    const taskId = Object.keys(frozen.tasks)[0]!;
    const next = execute(
      definition,
      frozen,
      { type: 'task.complete', actor: 'officer', data: { taskId } },
      { now: '2026-03-02T02:00:00.000Z', ids: () => 'x' },
    );
    expect(next.ok).to.equal(true);
    expect(frozen.tasks[taskId]).to.not.equal(undefined);
  });

  it('should stamp every event with the injected time and the command actor', () => {
    const result = execute(definition, null, start, { now: '2026-03-02T01:00:00.000Z', ids: counter() });
    if (!result.ok) throw new Error(result.rejection.message);
    for (const event of result.events)
      expect(event).to.include({ time: '2026-03-02T01:00:00.000Z', actor: '窗口-张三', v: 1 });
  });

  it('should record element-level history: entered, flows taken, task created, timer scheduled', () => {
    const result = execute(definition, null, start, { now: '2026-03-02T01:00:00.000Z', ids: counter() });
    if (!result.ok) throw new Error(result.rejection.message);
    const types = result.events.map((e) => e.type);
    expect(types).to.include.members([
      'case.started',
      'element.activated',
      'element.completed',
      'flow.taken',
      'task.created',
      'timer.scheduled',
    ]);
    const timer = result.events.find((e) => e.type === 'timer.scheduled');
    expect(timer?.data).to.include({ elementId: 'wait', dueAt: '2026-03-03T01:00:00.000Z' });
    const flows = result.events.flatMap((e) => (e.type === 'flow.taken' ? [e.data.flowId] : []));
    expect(flows).to.deep.equal(['f1', 'a1', 'b1']);
  });

  it('should rebuild the same state by replaying the events, without the definition', () => {
    let state: RuntimeState | null = null;
    const events = [];
    const ids = counter();
    for (const [command, now] of [
      [start, '2026-03-02T01:00:00.000Z'],
      [{ type: 'variables.set', actor: 'x', data: { variables: { score: 40 } } }, '2026-03-02T02:00:00.000Z'],
    ] as const) {
      const result: ExecuteResult = execute(definition, state, command as Command, { now, ids });
      if (!result.ok) throw new Error(result.rejection.message);
      state = result.state;
      events.push(...result.events);
    }
    const taskId = Object.keys(state!.tasks)[0]!;
    const done = execute(
      definition,
      state,
      { type: 'task.complete', actor: 'o', data: { taskId } },
      { now: '2026-03-02T03:00:00.000Z', ids },
    );
    if (!done.ok) throw new Error(done.rejection.message);
    events.push(...done.events);
    expect(replay(events)).to.deep.equal(done.state);
    expect(done.state.stats.flows['c2']).to.equal(1);
  });

  describe('refusals', () => {
    it('should refuse to start a case twice', () => {
      const first = execute(definition, null, start, { now: '2026-03-02T01:00:00.000Z', ids: counter() });
      if (!first.ok) throw new Error();
      const again = execute(definition, first.state, start, { now: '2026-03-02T01:00:00.000Z', ids: counter() });
      expect(again).to.deep.include({ ok: false });
      expect(!again.ok && again.rejection.code).to.equal('CASE_EXISTS');
    });

    it('should refuse to complete a task that is not open, naming it', () => {
      const first = execute(definition, null, start, { now: '2026-03-02T01:00:00.000Z', ids: counter() });
      if (!first.ok) throw new Error();
      const result = execute(
        definition,
        first.state,
        { type: 'task.complete', actor: 'o', data: { taskId: 'ghost' } },
        { now: '2026-03-02T01:00:00.000Z', ids: counter() },
      );
      expect(!result.ok && result.rejection).to.deep.include({ code: 'TASK_NOT_FOUND' });
      expect(!result.ok && result.rejection.message).to.contain("'ghost'");
    });

    it('should refuse any command on a case that has ended', () => {
      const first = execute(definition, null, start, { now: '2026-03-02T01:00:00.000Z', ids: counter() });
      if (!first.ok) throw new Error();
      const cancelled = execute(
        definition,
        first.state,
        { type: 'case.cancel', actor: 'a', data: { reason: 'r' } },
        { now: '2026-03-02T01:00:00.000Z', ids: counter() },
      );
      if (!cancelled.ok) throw new Error();
      expect(cancelled.state.tasks).to.deep.equal({});
      expect(cancelled.state.timers).to.deep.equal({});
      const result = execute(
        definition,
        cancelled.state,
        { type: 'variables.set', actor: 'a', data: { variables: {} } },
        { now: '2026-03-02T01:00:00.000Z', ids: counter() },
      );
      expect(!result.ok && result.rejection.code).to.equal('CASE_NOT_ACTIVE');
    });

    it('should refuse an unknown start event', () => {
      const result = execute(definition, null, { ...start, data: { ...start.data, startEventId: 'nope' } } as Command, {
        now: '2026-03-02T01:00:00.000Z',
        ids: counter(),
      });
      expect(!result.ok && result.rejection.code).to.equal('START_EVENT_NOT_FOUND');
    });
  });
});
