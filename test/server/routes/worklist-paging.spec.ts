/**
 * GET /api/tasks a page at a time: `limit` (default 100, at most 500) and the `next` cursor,
 * oldest first; nothing listed twice or skipped while tasks come and go between pages; every
 * filter and the department scoping on every page; and one query a page, however many cases.
 */
import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../../engine/users-store/index.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';
import { testServer, type TestServer } from '../support.js';

/** Two open tasks a case: 审批 for 审批科, 消防审查 for 消防救援 (fire-qian's department). */
const PAGING_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="defs-paging" targetNamespace="urn:matterflow:test">
  <bpmn:process id="paging" name="分页" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split" />
    <bpmn:parallelGateway id="split"><bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>a1</bpmn:outgoing><bpmn:outgoing>b1</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:sequenceFlow id="a1" sourceRef="split" targetRef="approve" />
    <bpmn:userTask id="approve" name="审批" gov:department="审批科"><bpmn:incoming>a1</bpmn:incoming><bpmn:outgoing>a2</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="a2" sourceRef="approve" targetRef="join" />
    <bpmn:sequenceFlow id="b1" sourceRef="split" targetRef="fire" />
    <bpmn:userTask id="fire" name="消防审查" gov:department="消防救援"><bpmn:incoming>b1</bpmn:incoming><bpmn:outgoing>b2</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="b2" sourceRef="fire" targetRef="join" />
    <bpmn:parallelGateway id="join"><bpmn:incoming>a2</bpmn:incoming><bpmn:incoming>b2</bpmn:incoming><bpmn:outgoing>f9</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:sequenceFlow id="f9" sourceRef="join" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f9</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

interface Row {
  taskId: string;
  caseId: string;
  elementId: string;
  department: string | null;
  assignee: string | null;
  createdAt: string;
}
interface Page {
  tasks: Row[];
  next: string | null;
}

describe('server: the worklist a page at a time', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer();
    await server.store.deploy(PAGING_BPMN, { actor: 'admin' });
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const get = async (user: string, query: Record<string, string | number | boolean> = {}) =>
    (await request(server.app).get('/api/tasks').query(query).set(as(user)).expect(200)).body as Page;
  /** Every page from the first to the one without `next`. */
  const allPages = async (user: string, query: Record<string, string | number | boolean>) => {
    const pages = [await get(user, query)];
    for (let last = pages[0]!; last.next !== null;)
      pages.push((last = await get(user, { ...query, cursor: last.next })));
    return pages;
  };
  /** `count` cases of the paging process, a second apart (their tasks in that order). */
  const startCases = async (count: number) => {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      server.clock.advance(1_000);
      ids.push((await server.store.startCase({ processId: 'paging', actor: 'admin' })).caseId);
    }
    return ids;
  };
  const ids = (rows: readonly Row[]) => rows.map((row) => row.taskId);

  it('should answer the first page with a next cursor and follow it to the last page (next null), each task once, oldest first', async () => {
    // given 14 open tasks
    await startCases(7);

    // when
    const pages = await allPages('admin', { limit: 5 });

    // then
    expect(pages.map((page) => page.tasks.length)).to.deep.equal([5, 5, 4]);
    expect(pages.map((page) => page.next === null)).to.deep.equal([false, false, true]);
    const whole = await get('admin', { limit: 500 });
    expect(whole.next).to.equal(null);
    expect(ids(pages.flatMap((page) => page.tasks))).to.deep.equal(ids(whole.tasks));
    expect(new Set(ids(whole.tasks)).size).to.equal(14);
    const created = whole.tasks.map((row) => row.createdAt);
    expect(created).to.deep.equal([...created].sort());
  });

  it('should give 100 tasks a page unless asked for another size', async () => {
    // given 102 open tasks
    await startCases(51);

    // when
    const first = await get('admin');
    const second = await get('admin', { cursor: first.next! });

    // then
    expect(first.tasks).to.have.length(100);
    expect(second.tasks).to.have.length(2);
    expect(second.next).to.equal(null);
  });

  it('should NOT list a task twice or skip one when tasks are completed and created between pages', async () => {
    // given 12 open tasks and the first page of 4
    await startCases(6);
    const first = await get('admin', { limit: 4 });
    const before = (await get('admin', { limit: 500 })).tasks;

    // when one listed task and one not yet listed are completed, and two cases start
    const listedDone = first.tasks[0]!;
    const unlistedDone = before[7]!;
    for (const task of [listedDone, unlistedDone])
      await server.store.dispatch(task.caseId, {
        type: 'task.complete',
        actor: 'admin',
        data: { taskId: task.taskId },
      });
    const added = await startCases(2);
    const rest: Row[] = [];
    for (let page: Page = first; page.next !== null;)
      rest.push(...(page = await get('admin', { limit: 4, cursor: page.next })).tasks);

    // then every task open throughout is listed once, the new ones at the end
    const listed = ids([...first.tasks, ...rest]);
    expect(new Set(listed).size).to.equal(listed.length);
    const expected = [
      ...ids(before).filter((id) => id !== unlistedDone.taskId),
      ...ids((await get('admin', { limit: 500 })).tasks.filter((row) => added.includes(row.caseId))),
    ];
    expect(listed).to.deep.equal(expected);
    expect(rest.slice(-4).map((row) => row.caseId)).to.have.members([added[0], added[0], added[1], added[1]]);
  });

  it('should keep a department officer to their department on every page, whatever department they ask for', async () => {
    // given
    await startCases(5);

    // when
    const own = (await allPages('fire-qian', { limit: 2 })).flatMap((page) => page.tasks);
    const asked = (await allPages('fire-qian', { limit: 2, department: '审批科' })).flatMap((page) => page.tasks);
    const admin = (await allPages('admin', { limit: 2, department: '审批科' })).flatMap((page) => page.tasks);

    // then
    expect(own.map((row) => row.department)).to.deep.equal(Array(5).fill('消防救援'));
    expect(ids(asked)).to.deep.equal(ids(own));
    expect(admin.map((row) => row.elementId)).to.deep.equal(Array(5).fill('approve'));
  });

  it('should filter by assignee and by case on every page', async () => {
    // given
    const [firstCase, secondCase] = await startCases(3);
    const held = (await get('admin', { caseId: secondCase!, limit: 500 })).tasks.find(
      (row) => row.elementId === 'fire',
    )!;
    await server.store.dispatch(secondCase!, { type: 'task.claim', actor: 'fire-qian', data: { taskId: held.taskId } });

    // when
    const byCase = (await allPages('admin', { caseId: firstCase!, limit: 1 })).flatMap((page) => page.tasks);
    const byAssignee = (await allPages('supervisor-sun', { assignee: 'fire-qian', limit: 1 })).flatMap(
      (page) => page.tasks,
    );

    // then
    expect(byCase.map((row) => row.elementId).sort()).to.deep.equal(['approve', 'fire']);
    expect(byCase.every((row) => row.caseId === firstCase)).to.equal(true);
    expect(byAssignee.map((row) => row.taskId)).to.deep.equal([held.taskId]);
  });

  it('should give a window officer with `mine` the tasks of the cases they received, and the ones they hold, page by page', async () => {
    // given three cases received by window-li, two by the admin, and a task of the admin's held by window-li
    const theirs: string[] = [];
    for (let n = 0; n < 3; n++)
      theirs.push(
        (
          (await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201)).body as {
            caseId: string;
          }
        ).caseId,
      );
    const others: string[] = [];
    for (let n = 0; n < 2; n++)
      others.push(
        (
          (await request(server.app).post('/api/cases').set(as('admin')).send(application).expect(201)).body as {
            caseId: string;
          }
        ).caseId,
      );
    const [paging] = await startCases(1);
    const held = (await get('admin', { caseId: paging!, limit: 500 })).tasks[0]!;
    await server.store.dispatch(paging!, { type: 'task.claim', actor: 'window-li', data: { taskId: held.taskId } });

    // when
    const mine = (await allPages('window-li', { mine: true, limit: 1 })).flatMap((page) => page.tasks);

    // then
    expect(mine.map((row) => row.caseId)).to.have.members([...theirs, paging!]);
    expect(mine.map((row) => row.caseId)).to.not.include.members(others);
  });

  it('should give a window officer of a department with `mine` also its unclaimed tasks, each task once', async () => {
    // given a window officer of the 综合窗口, two cases they received (受理 of their department too),
    // two received by the admin (受理 of the 综合窗口), one of them claimed by another officer, and
    // a task of another process they hold
    const knex = server.db.database.knex;
    const token = (
      await createUser(
        knex,
        { id: 'window-zhou', name: 'window-zhou', roles: ['window'], department: '西湖区政务服务中心综合窗口' },
        { actor: 'test', at: '2026-11-01T00:00:00.000Z' },
      )
    ).token;
    const receive = async (auth: Record<string, string>) =>
      (await request(server.app).post('/api/cases').set(auth).send(application).expect(201)).body as {
        caseId: string;
        tasks: Array<{ taskId: string }>;
      };
    const theirs = [
      await receive({ Authorization: `Bearer ${token}` }),
      await receive({ Authorization: `Bearer ${token}` }),
    ];
    const offered = await receive(as('admin'));
    const taken = await receive(as('admin'));
    await server.store.dispatch(taken.caseId, {
      type: 'task.claim',
      actor: 'window-li',
      data: { taskId: taken.tasks[0]!.taskId },
    });
    const [paging] = await startCases(1);
    const held = (await get('admin', { caseId: paging!, limit: 500 })).tasks.find(
      (row) => row.elementId === 'approve',
    )!;
    await server.store.dispatch(paging!, { type: 'task.claim', actor: 'window-zhou', data: { taskId: held.taskId } });

    // when
    const pages: Page[] = [];
    for (let page: Page | null = null; page === null || page.next !== null;) {
      page = (
        await request(server.app)
          .get('/api/tasks')
          .query({ mine: true, limit: 1, ...(page ? { cursor: page.next! } : {}) })
          .set({ Authorization: `Bearer ${token}` })
          .expect(200)
      ).body as Page;
      pages.push(page);
    }

    // then
    const listed = pages.flatMap((page) => page.tasks);
    expect(listed.map((row) => row.taskId)).to.have.members(
      [...theirs, offered].map((body) => body.tasks[0]!.taskId).concat(held.taskId),
    );
    expect(listed.map((row) => row.createdAt)).to.deep.equal(listed.map((row) => row.createdAt).sort());
  });

  it('should answer from one query whatever the number of tasks (no case loaded one by one)', async () => {
    // given
    const knex = server.db.database.knex;
    const sql: string[] = [];
    const record = (query: { sql: string }) => void sql.push(query.sql);
    const queriesOf = async (query: Record<string, string | number | boolean> = {}) => {
      sql.length = 0;
      knex.on('query', record);
      try {
        await get('admin', query);
      } finally {
        knex.removeListener('query', record);
      }
      return [...sql];
    };
    await startCases(2);
    const few = await queriesOf();

    // when
    await startCases(30);
    const many = await queriesOf();
    const paged = await queriesOf({ limit: 10, cursor: (await get('admin', { limit: 10 })).next! });

    // then
    expect(many.length).to.equal(few.length);
    expect(paged.length).to.equal(few.length);
    expect(many.filter((text) => /\btasks\b/.test(text))).to.have.length(1);
    expect(many.filter((text) => /"state"|`state`|\bstate\b/.test(text))).to.deep.equal([]);
  });

  it('should refuse a cursor it did not give and a page size past 500 (400, the field named)', async () => {
    const cursor = await request(server.app)
      .get('/api/tasks')
      .query({ cursor: 'not-a-cursor' })
      .set(as('admin'))
      .expect(400);
    expect(cursor.body).to.deep.include({ code: 'INVALID_INPUT', field: '/query/cursor' });
    expect(cursor.body.message.zh).to.contain('翻页位置无效');
    const big = await request(server.app).get('/api/tasks').query({ limit: 501 }).set(as('admin')).expect(400);
    expect(big.body).to.deep.include({ code: 'INVALID_INPUT', field: '/query/limit' });
    await request(server.app).get('/api/tasks').query({ limit: 0 }).set(as('admin')).expect(400);
  });
});
