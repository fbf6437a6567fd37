/**
 * The worklist query (engine/store/worklist-query.ts): open tasks with the worklist columns of
 * their case row (projections-worklist.ts), a page at a time in (created_at, case_id, task_id)
 * order, and the migration that fills those columns for cases that already exist.
 */
import { expect } from 'chai';
import {
  decodeWorklistCursor,
  encodeWorklistCursor,
  listWorklist,
  type WorklistFilter,
  type WorklistRow,
} from '../../../engine/store/index.js';
import { migrationSource } from '../../../migrations/index.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

const WORKLIST_COLUMNS = [
  'case_id',
  'received_by',
  'received_at',
  'matter_name',
  'applicant_name_masked',
  'applicant_id_masked',
  'worklist_timings',
];

describe('store: the worklist query', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.create();
    await engine.deploy(fixture('task-query-worklist'));
  });
  afterEach(() => engine.close());

  const knex = () => engine.store.database.knex;
  const everything = async (filter: WorklistFilter = {}) => (await listWorklist(knex(), filter, { limit: 500 })).rows;
  /** Follow `next` from the first page to the last, `limit` rows a page. */
  const pages = async (limit: number, filter: WorklistFilter = {}) => {
    const seen: WorklistRow[][] = [];
    let page = await listWorklist(knex(), filter, { limit });
    seen.push([...page.rows]);
    while (page.next) {
      page = await listWorklist(knex(), filter, { limit, after: page.next });
      seen.push([...page.rows]);
    }
    return seen;
  };
  /** A case with five open tasks (审查, two 会签, 技术审查 in its stage, 登记) and a 20-day case limit. */
  const start = async () => {
    const caseId = await engine.start('worklist', { signers: ['officer-a', 'officer-b'] });
    await engine.store.dispatch(caseId, {
      type: 'clock.start',
      actor: 'tester',
      data: { limit: { amount: 20, unit: '自然日' } },
    });
    return caseId;
  };

  it('should give each task its own step limit, its multi-instance body’s, or its stage sub-process’s, none without one, and the case’s limit', async () => {
    // given
    const caseId = await start();

    // when
    const rows = await everything({ caseId });

    // then
    const of = (elementId: string) => rows.filter((row) => row.elementId === elementId);
    expect(rows).to.have.length(5);
    expect(of('own')[0]!.step).to.deep.include({
      limit: { amount: 3, unit: '自然日' },
      clock: 'running',
      stoppedFor: null,
      signal: null,
      provisional: false,
    });
    expect(of('sign').map((row) => row.step?.limit)).to.deep.equal([
      { amount: 5, unit: '自然日' },
      { amount: 5, unit: '自然日' },
    ]);
    expect(of('sign')[0]!.step?.dueAt).to.be.a('string').and.equal(of('sign')[1]!.step?.dueAt);
    expect(of('inner')[0]!.step?.limit).to.deep.equal({ amount: 10, unit: '自然日' });
    expect(of('plain')[0]!.step).to.equal(null);
    for (const row of rows) expect(row.case?.limit, row.elementId).to.deep.equal({ amount: 20, unit: '自然日' });
    // a bare process run: no 办件 columns
    expect(rows[0]).to.deep.include({ caseStatus: null, matter: null, applicant: null, receivedAt: null });
    await engine.expectConsistent(caseId);
  });

  it('should show a stopped clock with the kind of its stop', async () => {
    // given
    const caseId = await start();

    // when
    await engine.store.dispatch(caseId, {
      type: 'clock.pause',
      actor: 'tester',
      data: { kind: '特别程序', reason: '现场勘验' },
    });

    // then
    const own = (await everything({ caseId })).find((row) => row.elementId === 'own')!;
    expect(own.step).to.deep.include({ clock: 'stopped', stoppedFor: '特别程序' });
    expect(own.case).to.deep.include({ clock: 'stopped', stoppedFor: '特别程序' });
  });

  it('should page through every task once, in (created_at, case_id, task_id) order, tasks of one instant by case and task id', async () => {
    // given 15 tasks: two cases started in the same instant, one a minute later
    await start();
    await start();
    engine.clock.advance(60_000);
    await start();

    // when
    const seen = await pages(4);

    // then
    expect(seen.map((page) => page.length)).to.deep.equal([4, 4, 4, 3]);
    const flat = seen.flat();
    const sorted = [...flat].sort(
      (a, b) =>
        a.createdAt.localeCompare(b.createdAt) || a.caseId.localeCompare(b.caseId) || a.taskId.localeCompare(b.taskId),
    );
    expect(flat.map((row) => row.taskId)).to.deep.equal(sorted.map((row) => row.taskId));
    expect(flat.map((row) => row.taskId)).to.deep.equal((await everything()).map((row) => row.taskId));
    expect(new Set(flat.map((row) => row.taskId)).size).to.equal(15);
  });

  it('should page within a filter: a department’s tasks, an assignee’s', async () => {
    // given
    await start();
    await start();
    await start();

    // when
    const fire = await pages(2, { department: '消防' });
    const signerA = await pages(1, { assignee: 'officer-a' });

    // then
    expect(fire.map((page) => page.length)).to.deep.equal([2, 1]);
    expect(fire.flat().every((row) => row.department === '消防' && row.elementId === 'inner')).to.equal(true);
    expect(signerA.flat().map((row) => row.assignee)).to.deep.equal(['officer-a', 'officer-a', 'officer-a']);
  });

  it('should read back the cursors it makes, and NOT accept anything else', () => {
    const position = { createdAt: '2025-01-06T01:00:00.000Z', caseId: 'BJ-2025-0001', taskId: 'id-7' };
    expect(decodeWorklistCursor(encodeWorklistCursor(position))).to.deep.equal(position);
    for (const bad of [
      '',
      'not a cursor',
      Buffer.from('["yesterday","a","b"]').toString('base64url'),
      Buffer.from('["2025-01-06T01:00:00.000Z","a"]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
    ]) {
      expect(decodeWorklistCursor(bad), bad).to.equal(null);
    }
  });

  it('should fill the worklist columns of the cases that exist when it migrates, as the store writes them', async () => {
    // given cases written with the columns
    await start();
    await start();
    const written = await knex()('cases').select(WORKLIST_COLUMNS).orderBy('case_id');
    const listed = await everything();
    const config = {
      migrationSource,
      name: '20260111000000_worklist',
      ...(engine.store.database.schema ? { schemaName: engine.store.database.schema } : {}),
    };

    // when the migration is undone and done again
    await knex().migrate.down(config);
    await knex().migrate.up(config);

    // then
    expect(await knex()('cases').select(WORKLIST_COLUMNS).orderBy('case_id')).to.deep.equal(written);
    expect(await everything()).to.deep.equal(listed);
  });
});
