import { expect } from 'chai';
import { createStore, defaultEngine } from '../../../engine/store/index.js';
import { CommandRejectedError, ConcurrencyConflictError } from '../../../engine/store/errors.js';
import { countRows } from '../../support/db-helpers.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

describe('store: dispatch', () => {
  let engine: TestEngine;

  afterEach(async () => {
    await engine.close();
  });

  it('should append the events at seq version+1.. and keep the version equal to the event count', async () => {
    // given
    engine = await TestEngine.create();
    await engine.deploy(fixture('dispatch.two-steps'));
    const caseId = await engine.start('twoSteps');
    const before = (await engine.events(caseId)).length;

    // when
    const result = await engine.completeTask(caseId, 'first');

    // then
    const rows = await engine.store.database
      .knex('case_events')
      .where({ case_id: caseId })
      .orderBy('seq')
      .select('seq');
    expect(rows.map((r: { seq: number | string }) => Number(r.seq))).to.deep.equal(
      Array.from({ length: rows.length }, (_, i) => i + 1),
    );
    expect(rows.length).to.equal(before + result.events.length);
    const [caseRow] = await engine.store.database.knex('cases').where({ case_id: caseId }).select('version');
    expect(Number(caseRow.version)).to.equal(rows.length);
    expect((await engine.store.listTasks({ caseId })).map((t) => t.elementId)).to.deep.equal(['second']);
    await engine.expectConsistent(caseId);
  });

  it('should let exactly one of two concurrent completions of the same task win', async () => {
    // given two stores (two connection pools) on the same database
    engine = await TestEngine.create();
    await engine.deploy(fixture('dispatch.two-steps'));
    const caseId = await engine.start('twoSteps');
    const [task] = await engine.store.listTasks({ caseId });
    const other = await createStore(
      { database: await engine.db.openAnother(), clock: engine.clock, ids: () => engine.nextId() },
      defaultEngine,
    );
    const complete = { type: 'task.complete', actor: 'officer', data: { taskId: task?.taskId ?? '' } } as const;

    // when
    const outcomes = await Promise.allSettled([
      engine.store.dispatch(caseId, complete),
      other.dispatch(caseId, complete),
    ]);

    // then
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    const loser = lost[0];
    expect(
      loser instanceof ConcurrencyConflictError ||
        (loser instanceof CommandRejectedError && loser.code === 'TASK_NOT_FOUND'),
      String(loser),
    ).to.equal(true);
    const state = await engine.state(caseId);
    expect(await countRows(engine.store.database.knex, 'case_events', { case_id: caseId })).to.equal(state.seq);
    expect((await engine.store.listTasks({ caseId })).map((t) => t.elementId)).to.deep.equal(['second']);
    await engine.expectConsistent(caseId);
    await other.close();
  });

  it('should reject a command that read a stale version with ConcurrencyConflictError', async () => {
    // given a second store whose command pauses (compiling the definition) after reading the case
    engine = await TestEngine.create();
    await engine.deploy(fixture('dispatch.two-steps'));
    const caseId = await engine.start('twoSteps');
    const [task] = await engine.store.listTasks({ caseId });
    let release: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => (release = resolve));
    let reached: () => void = () => undefined;
    const readDone = new Promise<void>((resolve) => (reached = resolve));
    const slow = await createStore(
      { database: await engine.db.openAnother(), clock: engine.clock, ids: () => engine.nextId() },
      {
        ...defaultEngine,
        loadDefinition: async (xml, options) => {
          reached();
          await paused;
          return defaultEngine.loadDefinition(xml, options);
        },
      },
    );
    const stale = slow.dispatch(caseId, {
      type: 'variables.set',
      actor: 'officer',
      data: { variables: { late: true } },
    });
    const staleOutcome = stale.then(
      () => null,
      (e: unknown) => e,
    );

    // when another command commits meanwhile
    await readDone;
    await engine.store.dispatch(caseId, {
      type: 'task.complete',
      actor: 'officer',
      data: { taskId: task?.taskId ?? '' },
    });
    release();

    // then
    const error = await staleOutcome;
    expect(error).to.be.instanceOf(ConcurrencyConflictError);
    expect(error).to.include({ code: 'CONFLICT', caseId });
    expect((await engine.state(caseId)).variables).to.not.have.nested.property('late');
    await engine.expectConsistent(caseId);
    await slow.close();
  });

  it('should leave no events when a command is rejected', async () => {
    // given
    engine = await TestEngine.create();
    await engine.deploy(fixture('dispatch.two-steps'));
    const caseId = await engine.start('twoSteps');
    const before = await engine.events(caseId);

    // when
    const error = await engine.store
      .dispatch(caseId, { type: 'task.complete', actor: 'officer', data: { taskId: 'no-such-task' } })
      .then(
        () => null,
        (e: unknown) => e,
      );

    // then
    expect(error).to.be.instanceOf(CommandRejectedError);
    expect(error).to.include({ code: 'TASK_NOT_FOUND' });
    expect(await engine.events(caseId)).to.deep.equal(before);
  });

  it('should leave nothing half-written when a command throws mid-way', async () => {
    // given a runtime that throws when the child reports back to its parent (a reaction)
    engine = await TestEngine.create({
      engine: {
        execute: (definition, state, command, ctx) => {
          if (command.type === 'call.complete') throw new Error('injected fault');
          return defaultEngine.execute(definition, state, command, ctx);
        },
      },
    });
    await engine.deploy(fixture('call-activity.child'));
    await engine.deploy(fixture('call-activity.parent'));
    const parentId = await engine.start('parent');
    const [childId] = await engine.childCases(parentId);
    const childBefore = await engine.events(childId ?? '');
    const parentBefore = await engine.events(parentId);

    // when the child's task completes (child events appended, then the reaction throws)
    const error = await engine.completeTask(parentId, 'childTask').then(
      () => null,
      (e: unknown) => e,
    );

    // then
    expect(String(error)).to.contain('injected fault');
    expect(await engine.events(childId ?? '')).to.deep.equal(childBefore);
    expect(await engine.events(parentId)).to.deep.equal(parentBefore);
    expect((await engine.store.listTasks({ caseId: childId ?? '' })).map((t) => t.elementId)).to.deep.equal([
      'childTask',
    ]);
    await engine.expectConsistent(parentId);
  });
});
