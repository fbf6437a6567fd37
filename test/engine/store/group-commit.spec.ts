import { expect } from 'chai';
import { CommandRejectedError } from '../../../engine/store/errors.js';
import { createStore, defaultEngine, type DispatchResult } from '../../../engine/store/index.js';
import { countRows } from '../../support/db-helpers.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

/** Each outcome, in order: the result or the error. */
async function settle<T>(promises: readonly Promise<T>[]): Promise<Array<{ value?: T; error?: unknown }>> {
  return (await Promise.allSettled(promises)).map((o) =>
    o.status === 'fulfilled' ? { value: o.value } : { error: o.reason as unknown },
  );
}

describe('store: group commit (commands arriving together share one transaction)', () => {
  let engine: TestEngine;

  beforeEach(async () => {
    engine = await TestEngine.create();
    await engine.deploy(fixture('dispatch.two-steps'));
  });

  afterEach(async () => {
    await engine.close();
  });

  /** `count` cases at their first task, each with that task's id. */
  async function casesAtFirst(count: number): Promise<Array<{ caseId: string; taskId: string }>> {
    const cases = [];
    for (let n = 0; n < count; n += 1) {
      const caseId = await engine.start('twoSteps');
      const [task] = await engine.store.listTasks({ caseId });
      cases.push({ caseId, taskId: task?.taskId ?? '' });
    }
    return cases;
  }

  const complete = (caseId: string, taskId: string) =>
    engine.store.dispatch(caseId, { type: 'task.complete', actor: 'officer', data: { taskId } });

  it('should commit the others of a batch when one command in it is refused', async () => {
    // given
    const cases = await casesAtFirst(6);
    const before = engine.store.commitStats();

    // when six commands arrive together, the fourth naming no open task
    const outcomes = await settle(
      cases.map(({ caseId, taskId }, index) => complete(caseId, index === 3 ? 'no-such-task' : taskId)),
    );

    // then they ran in one transaction: the refused one answered with its refusal, the rest committed
    const after = engine.store.commitStats();
    expect(after.batches - before.batches).to.equal(1);
    expect(after.units - before.units).to.equal(6);
    expect(outcomes[3]?.error).to.be.instanceOf(CommandRejectedError).and.include({ code: 'TASK_NOT_FOUND' });
    for (const [index, { caseId }] of cases.entries()) {
      const open = (await engine.store.listTasks({ caseId })).map((t) => t.elementId);
      expect(open, caseId).to.deep.equal(index === 3 ? ['first'] : ['second']);
      if (index !== 3) expect(outcomes[index]?.value?.state.seq).to.equal((await engine.state(caseId)).seq);
      await engine.expectConsistent(caseId);
    }
  });

  it('should roll back only its own command when a command in the batch throws mid-way', async () => {
    // given an engine whose runtime fails (a bug, not a refusal) on one case's second command
    await engine.close();
    let failOn = '';
    engine = await TestEngine.create({
      engine: {
        execute: (definition, state, command, ctx) => {
          if (state?.caseId === failOn && command.type === 'task.complete') throw new Error('injected fault');
          return defaultEngine.execute(definition, state, command, ctx);
        },
      },
    });
    await engine.deploy(fixture('dispatch.two-steps'));
    const cases = await casesAtFirst(4);
    failOn = cases[1]?.caseId ?? '';
    const seqBefore = (await engine.state(failOn)).seq;

    // when
    const outcomes = await settle(cases.map(({ caseId, taskId }) => complete(caseId, taskId)));

    // then the faulty command left nothing; the others committed
    expect(String(outcomes[1]?.error)).to.contain('injected fault');
    expect((await engine.state(failOn)).seq).to.equal(seqBefore);
    expect(await countRows(engine.store.database.knex, 'case_events', { case_id: failOn })).to.equal(seqBefore);
    for (const [index, { caseId }] of cases.entries()) {
      if (index !== 1) expect(outcomes[index]?.value, caseId).to.not.equal(undefined);
      await engine.expectConsistent(caseId);
    }
  });

  it('should keep the rows of the batch written under a command that then rolls back', async () => {
    // given a waiting case whose signal delivery fails (a bug), and a case at its first task
    await engine.close();
    let failOn = '';
    engine = await TestEngine.create({
      engine: {
        execute: (definition, state, command, ctx) => {
          if (state?.caseId === failOn && command.type === 'signal.receive') throw new Error('injected fault');
          return defaultEngine.execute(definition, state, command, ctx);
        },
      },
    });
    await engine.deploy(fixture('dispatch.two-steps'));
    await engine.deploy(fixture('signals'));
    const [{ caseId, taskId }] = (await casesAtFirst(1)) as [{ caseId: string; taskId: string }];
    failOn = await engine.start('waiter');
    const before = engine.store.commitStats();

    // when a completion and a start that throws the signal (its lookup writes the batch's rows so
    // far, under its savepoint, before its reaction fails) arrive together
    const [completed, thrown] = await settle<unknown>([
      complete(caseId, taskId),
      engine.store.startCase({ processId: 'thrower', actor: 'tester' }),
    ]);

    // then the start rolled back alone and the completion's rows were written again
    expect(engine.store.commitStats().batches - before.batches).to.equal(1);
    expect(String(thrown?.error)).to.contain('injected fault');
    expect(completed?.error).to.equal(undefined);
    expect(await engine.store.listCases({ processId: 'thrower' })).to.deep.equal([]);
    expect((await engine.store.listTasks({ caseId })).map((t) => t.elementId)).to.deep.equal(['second']);
    await engine.expectConsistent(caseId);
    await engine.expectConsistent(failOn);
  });

  it('should let the second of two completions of one task in one batch see the first, and refuse it', async () => {
    // given
    const [target, other] = await casesAtFirst(2);

    // when both officers complete the same task in the same batch, with a third command
    const outcomes = await settle([
      complete(target!.caseId, target!.taskId),
      complete(target!.caseId, target!.taskId),
      complete(other!.caseId, other!.taskId),
    ]);

    // then exactly one won; the other command in the batch committed
    expect(outcomes[0]?.value).to.not.equal(undefined);
    expect(outcomes[1]?.error).to.be.instanceOf(CommandRejectedError).and.include({ code: 'TASK_NOT_FOUND' });
    expect(outcomes[2]?.value).to.not.equal(undefined);
    expect((await engine.store.listTasks({ caseId: target!.caseId })).map((t) => t.elementId)).to.deep.equal([
      'second',
    ]);
    await engine.expectConsistent(target!.caseId);
    await engine.expectConsistent(other!.caseId);
  });

  it('should answer each caller only after the commit that holds its command', async () => {
    // given a second connection pool, which sees committed rows only
    const cases = await casesAtFirst(8);
    const reader = await engine.db.openAnother();

    // when
    const seen = await Promise.all(
      cases.map(({ caseId, taskId }) =>
        complete(caseId, taskId).then(async (result: DispatchResult) => ({
          expected: result.state.seq,
          committed: await countRows(reader.knex, 'case_events', { case_id: caseId }),
        })),
      ),
    );

    // then every answered command's events were already there for another connection to read
    for (const { expected, committed } of seen) expect(committed).to.equal(expected);
  });

  it('should run again on the stored row a command whose remembered case another writer moved on, and commit the others', async () => {
    // given cases at their first task, and a second store (another connection pool) that sets a
    // variable on one of them after this store last wrote it
    const cases = await casesAtFirst(4);
    const moved = cases[2]!.caseId;
    const other = await createStore(
      { database: await engine.db.openAnother(), clock: engine.clock, ids: () => engine.nextId() },
      defaultEngine,
    );
    try {
      await other.dispatch(moved, { type: 'variables.set', actor: 'other', data: { variables: { elsewhere: 1 } } });

      // when the four completions arrive together
      const outcomes = await settle(cases.map(({ caseId, taskId }) => complete(caseId, taskId)));

      // then every one committed, the moved case's on top of the other store's event
      expect(outcomes.map((o) => o.error)).to.deep.equal([undefined, undefined, undefined, undefined]);
      const types = (await engine.events(moved)).map((e) => e.type);
      expect(types.indexOf('variables.set')).to.be.lessThan(types.indexOf('task.completed'));
      for (const { caseId } of cases) {
        expect((await engine.store.listTasks({ caseId })).map((t) => t.elementId)).to.deep.equal(['second']);
        await engine.expectConsistent(caseId);
      }
    } finally {
      await other.close();
    }
  });

  it('should run a command on the row an earlier command of the same batch wrote', async () => {
    // given
    const [{ caseId, taskId }] = (await casesAtFirst(1)) as [{ caseId: string; taskId: string }];

    // when two commands on the case arrive together
    const both = await settle([
      complete(caseId, taskId),
      engine.store.dispatch(caseId, { type: 'variables.set', actor: 'officer', data: { variables: { late: 1 } } }),
    ]);

    // then both committed, in order, on one chain
    expect(both.map((o) => o.error)).to.deep.equal([undefined, undefined]);
    const types = (await engine.events(caseId)).map((e) => e.type);
    expect(types.indexOf('task.completed')).to.be.lessThan(types.lastIndexOf('variables.set'));
    expect(both[1]?.value?.state.seq).to.equal(types.length);
    await engine.expectConsistent(caseId);
  });
});
