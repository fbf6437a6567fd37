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
});
