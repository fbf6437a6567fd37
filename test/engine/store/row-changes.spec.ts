import { expect } from 'chai';
import { applyRowChanges, type RowChange } from '../../../engine/store/row-changes.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

describe('store: row changes (projection writes merged into few statements)', () => {
  let engine: TestEngine;
  let caseId: string;

  beforeEach(async () => {
    engine = await TestEngine.create();
    await engine.deploy(fixture('dispatch.two-steps'));
    caseId = await engine.start('twoSteps');
    await engine.store.database.knex('tasks').where({ case_id: caseId }).delete();
  });

  afterEach(async () => {
    await engine.close();
  });

  const task = (taskId: string): RowChange => ({
    op: 'insert',
    table: 'tasks',
    row: {
      task_id: taskId,
      case_id: caseId,
      instance_id: `i-${taskId}`,
      element_id: 'first',
      kind: 'userTask',
      name: null,
      assignee: null,
      candidate_groups: '[]',
      department: null,
      created_at: '2025-01-06T01:00:00.000Z',
    },
  });
  const done = (taskId: string): RowChange => ({ op: 'delete', table: 'tasks', where: { task_id: taskId } });

  /** Apply `changes`, counting the statements sent. */
  async function apply(changes: readonly RowChange[]): Promise<number> {
    const { knex } = engine.store.database;
    let statements = 0;
    const count = () => (statements += 1);
    knex.on('query', count);
    try {
      await knex.transaction((trx) => applyRowChanges(trx, changes));
    } finally {
      knex.removeListener('query', count);
    }
    return statements;
  }

  const openTasks = async () =>
    (await engine.store.database.knex('tasks').where({ case_id: caseId }).orderBy('task_id').select('task_id')).map(
      (row: { task_id: string }) => row.task_id,
    );

  it('should write the completions and creations of many commands as one delete and one insert', async () => {
    // given tasks a1..a4 open
    await apply(['a1', 'a2', 'a3', 'a4'].map(task));

    // when four commands each complete one task and open the next
    const statements = await apply(['1', '2', '3', '4'].flatMap((n) => [done(`a${n}`), task(`b${n}`)]));

    // then (BEGIN, insert, delete, COMMIT)
    expect(statements).to.equal(4);
    expect(await openTasks()).to.deep.equal(['b1', 'b2', 'b3', 'b4']);
  });

  it('should keep a task created and completed in one batch out, and one completed then reopened in', async () => {
    // given
    await apply([task('x')]);

    // when x is completed and created again, and y is created and completed
    await apply([done('x'), task('y'), task('x'), done('y')]);

    // then
    expect(await openTasks()).to.deep.equal(['x']);
  });

  const clock = (clockId: string): RowChange => ({
    op: 'insert',
    table: 'clocks',
    row: {
      clock_id: clockId,
      case_id: caseId,
      kind: 'step',
      process_id: 'twoSteps',
      matter_code: null,
      element_id: 'first',
      department: '许可科',
      officer: null,
      unit: 'workingDays',
      budget: 5,
      started_at: '2025-01-06T01:00:00.000Z',
      due_at: '2025-01-13T09:00:00.000Z',
      provisional: 0,
      running: 1,
    },
  });
  const finished = (clockId: string, used: number): RowChange => ({
    op: 'update',
    table: 'clocks',
    where: { clock_id: clockId },
    set: { running: 0, finished_at: '2025-01-07T01:00:00.000Z', used, on_time: 1 },
  });
  const paused = (clockId: string): RowChange => ({
    op: 'update',
    table: 'clocks',
    where: { clock_id: clockId },
    set: { running: 0 },
  });
  const clocks = async () =>
    (await engine.store.database
      .knex('clocks')
      .where({ case_id: caseId })
      .orderBy('clock_id')
      .select('clock_id', 'running', 'used')) as { clock_id: string; running: number; used: number | null }[];

  it('should finish the step clocks of many commands in one UPDATE on SQLite, and start the next ones in one INSERT', async () => {
    // given step clocks s1..s4 running
    await apply(['s1', 's2', 's3', 's4'].map(clock));

    // when four commands each finish a step's clock and start the next step's
    const statements = await apply(['1', '2', '3', '4'].flatMap((n) => [finished(`s${n}`, Number(n)), clock(`t${n}`)]));

    // then (BEGIN, insert, then one update on SQLite or four on PostgreSQL, COMMIT)
    expect(statements).to.equal(engine.store.database.dialect === 'sqlite' ? 4 : 7);
    expect(await clocks()).to.deep.equal([
      { clock_id: 's1', running: 0, used: 1 },
      { clock_id: 's2', running: 0, used: 2 },
      { clock_id: 's3', running: 0, used: 3 },
      { clock_id: 's4', running: 0, used: 4 },
      { clock_id: 't1', running: 1, used: null },
      { clock_id: 't2', running: 1, used: null },
      { clock_id: 't3', running: 1, used: null },
      { clock_id: 't4', running: 1, used: null },
    ]);
  });

  it('should keep the order of one clock’s changes: started then paused in one batch stays paused, and finished after', async () => {
    // when u is started and paused, v started, then u finished, in one batch
    await apply([clock('u'), paused('u'), clock('v'), finished('u', 2)]);

    // then
    expect(await clocks()).to.deep.equal([
      { clock_id: 'u', running: 0, used: 2 },
      { clock_id: 'v', running: 1, used: null },
    ]);
  });
});
