/**
 * The 电子监察 board's API over known data: open signals per department, matter and level (each
 * time limit once, at its highest open level), handling figures over a period of Beijing dates
 * (on-time rate, average and nearest-rank p90 in working days), and the 差评 rectifications due.
 * Cases are driven over HTTP with the store's test clock; every expected figure is worked out by
 * hand below.
 */
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { beijingPeriod, currentPeriod, nearestRank } from '../../../engine/store/index.js';
import { errorHandler } from '../../../server/http/errors.js';
import { Routes } from '../../../server/http/route.js';
import { supervisionRoutes } from '../../../server/routes/supervision.js';
import { pino } from 'pino';
import { testServer, type TestServer } from '../support.js';
import { CaseDriver, type CaseBody } from '../../support/case-driver.js';
import { SHIPPED_SUPERVISION as supervision } from '../../support/supervision.js';

const FOOD = '西湖区市场监督管理局行政许可科';
const WINDOW = '西湖区政务服务中心综合窗口';
const MATTER = '330106-SJ-000105013';
/** The shipped rules: 预警 1 working day before the due time, 黄牌 at it, 红牌 3 working days after. */

interface Group {
  department: string | null;
  matterCode: string | null;
  matterName: string | null;
  level: string;
  clocks: number;
  cases: number;
}
interface Row {
  key: string | null;
  name: string | null;
  unit: string;
  finished: number;
  onTime: number;
  late: number;
  onTimeRate: number;
  averageUsed: number;
  p90Used: number;
  maxUsed: number;
}
interface Performance {
  asOf: string;
  period: { from: string; to: string; timeZone: string; fromInstant: string; toInstant: string };
  groupBy: string;
  kind: string;
  percentile: string;
  rows: Row[];
}
interface Due {
  caseId: string;
  department: string;
  matterName: string | null;
  level: string;
  dueAt: string;
  overdue: boolean;
  followUps: number;
}

describe('server: supervision board figures', () => {
  describe('nearest-rank percentile and Beijing periods (pure)', () => {
    it('should take the ⌈0.9·n⌉-th smallest value as p90', () => {
      expect(nearestRank([1, 1, 2, 2, 3, 3, 4, 4, 5, 7], 90)).to.equal(5);
      expect(nearestRank([7], 90)).to.equal(7);
      expect(nearestRank([1, 2], 90)).to.equal(2);
      expect(nearestRank([], 90)).to.equal(null);
      // 0.9 × 70 is 63.000000000000001 in floating point: the 63rd value, not the 64th.
      const seventy = Array.from({ length: 70 }, (_, i) => i + 1);
      expect(nearestRank(seventy, 90)).to.equal(63);
      expect(nearestRank(seventy, 100)).to.equal(70);
      expect(() => nearestRank(seventy, 0)).to.throw(RangeError);
    });

    it('should turn Beijing dates into the half-open instant range and find 本月 / 本季度 / 本年 in Beijing time', () => {
      expect(beijingPeriod('2026-11-01', '2026-11-30')).to.deep.equal({
        from: '2026-10-31T16:00:00.000Z',
        to: '2026-11-30T16:00:00.000Z',
      });
      // 2026-11-30T16:30Z is already 1 December in Beijing.
      const late = new Date('2026-11-30T16:30:00.000Z');
      expect(currentPeriod('month', late)).to.deep.equal({ from: '2026-12-01', to: '2026-12-31' });
      expect(currentPeriod('month', new Date('2026-02-10T00:00:00Z'))).to.deep.equal({
        from: '2026-02-01',
        to: '2026-02-28',
      });
      expect(currentPeriod('quarter', new Date('2026-11-02T01:30:00Z'))).to.deep.equal({
        from: '2026-10-01',
        to: '2026-12-31',
      });
      expect(currentPeriod('quarter', new Date('2026-03-31T15:59:00Z'))).to.deep.equal({
        from: '2026-01-01',
        to: '2026-03-31',
      });
      expect(currentPeriod('year', late)).to.deep.equal({ from: '2026-01-01', to: '2026-12-31' });
    });
  });

  describe('over HTTP with the test clock', () => {
    let server: TestServer;
    let board: express.Express;
    let driver: CaseDriver;
    beforeEach(async () => {
      server = await testServer({ supervision, testClock: true });
      driver = new CaseDriver(server);
      await driver.addChief();
      // The supervision routes with the store's clock, as the server mounts them (their "now" is the test clock's).
      const routes = new Routes();
      supervisionRoutes(routes, server.db.database.knex, server.clock);
      board = express();
      routes.mount(board, server.db.database.knex);
      board.use(errorHandler(pino({ level: 'silent' })));
    });
    afterEach(() => server.close());

    const as = (user: string) => driver.authorization(user);
    const operate = (user: string, caseId: string, operation: string, data: Record<string, unknown>) =>
      driver.operate(user, caseId, operation, data);
    const taskOf = (body: CaseBody, elementId: string) => driver.task(body, elementId);
    /** Move the test clock forward to `at` (Beijing time given with +08:00), firing the timers on the way. */
    const moveTo = (at: string) => driver.moveTo(at);
    /** Receive and accept a case now; its 审查 step (4 working days, 许可科) starts. Returns the case and the review task. */
    const accepted = () => driver.acceptedFoodCase();
    const review = (c: { caseId: string; review: string }) =>
      operate('food-zhao', c.caseId, 'task.complete', { taskId: c.review, variables: { 需要现场核查: false } });
    const get = async <T>(user: string, path: string) =>
      (await request(board).get(path).set(as(user)).expect(200)).body as T;

    it('should give the on-time rate, the average and the nearest-rank p90 of the 审查 steps in working days, per department', async () => {
      // Ten cases accepted Monday 2 November 09:30; 审查 is due Friday 6 November 17:30 (4 working days).
      const cases = [];
      for (let i = 0; i < 10; i += 1) cases.push(await accepted());
      // Reviewed at the close (17:30) of the 1st, 1st, 2nd, 2nd, 3rd, 3rd, 4th, 4th working day after (on time), the 5th
      // and the 7th (late: Monday 9th, Wednesday 11th). A working-day clock does not count the day it starts on.
      const done: Array<[string, number[]]> = [
        ['2026-11-03T17:30:00+08:00', [0, 1]],
        ['2026-11-04T17:30:00+08:00', [2, 3]],
        ['2026-11-05T17:30:00+08:00', [4, 5]],
        ['2026-11-06T17:30:00+08:00', [6, 7]],
        ['2026-11-09T17:30:00+08:00', [8]],
        ['2026-11-11T17:30:00+08:00', [9]],
      ];
      for (const [at, which] of done) {
        await moveTo(at);
        for (const index of which) await review(cases[index]!);
      }

      const november = await get<Performance>(
        'supervisor-sun',
        '/api/supervision/performance?groupBy=department&from=2026-11-01&to=2026-11-30',
      );
      expect(november).to.deep.include({ groupBy: 'department', kind: 'step', percentile: 'nearest-rank' });
      expect(november.period).to.deep.equal({
        from: '2026-11-01',
        to: '2026-11-30',
        timeZone: 'Asia/Shanghai',
        fromInstant: '2026-10-31T16:00:00.000Z',
        toInstant: '2026-11-30T16:00:00.000Z',
      });
      const food = november.rows.find((row) => row.key === FOOD)!;
      expect(food).to.deep.include({
        name: FOOD,
        unit: '工作日',
        finished: 10,
        onTime: 8,
        late: 2,
        onTimeRate: 0.8,
        p90Used: 5,
        maxUsed: 7,
      });
      expect(food.averageUsed).to.be.closeTo(3.2, 1e-9);
      // The window's 受理 steps were finished at once (0 working days, all on time).
      expect(november.rows.find((row) => row.key === WINDOW)).to.deep.include({
        finished: 10,
        onTime: 10,
        onTimeRate: 1,
        averageUsed: 0,
        p90Used: 0,
      });

      // 本月 is November by the test clock (now Wednesday 11 November 17:30); 本季度 and 本年 hold the same clocks.
      const month = await get<Performance>(
        'auditor-wu',
        '/api/supervision/performance?groupBy=department&period=month',
      );
      expect(month.period).to.deep.include({ from: '2026-11-01', to: '2026-11-30' });
      expect(month.asOf).to.equal('2026-11-11T09:30:00.000Z');
      expect(month.rows).to.deep.equal(november.rows);
      expect(
        (await get<Performance>('admin', '/api/supervision/performance?groupBy=department&period=quarter')).period,
      ).to.deep.include({ from: '2026-10-01', to: '2026-12-31' });
      // Only the clocks finished within the dates count: up to Thursday 5 November, the first six.
      const early = await get<Performance>(
        'supervisor-sun',
        '/api/supervision/performance?groupBy=department&from=2026-11-01&to=2026-11-05',
      );
      expect(early.rows.find((row) => row.key === FOOD)).to.deep.include({
        finished: 6,
        onTime: 6,
        onTimeRate: 1,
        averageUsed: 2,
        p90Used: 3,
        maxUsed: 3,
      });
      // A department officer reads their own department only.
      const own = await get<Performance>('food-zhao', '/api/supervision/performance?groupBy=department&period=month');
      expect(own.rows.map((row) => row.key)).to.deep.equal([FOOD]);
      await request(board)
        .get(`/api/supervision/performance?groupBy=department&period=month&department=${encodeURIComponent(WINDOW)}`)
        .set(as('food-zhao'))
        .expect(403);
    });

    it('should count a clock by the Beijing date it finished on (the last evening of the month is still that month)', async () => {
      await moveTo('2026-11-26T09:30:00+08:00');
      const a = await accepted();
      const b = await accepted();
      await moveTo('2026-11-30T23:30:00+08:00');
      await review(a);
      await moveTo('2026-12-01T00:30:00+08:00');
      await review(b);
      const november = await get<Performance>(
        'supervisor-sun',
        '/api/supervision/performance?groupBy=department&from=2026-11-01&to=2026-11-30',
      );
      const december = await get<Performance>(
        'supervisor-sun',
        '/api/supervision/performance?groupBy=department&period=month',
      );
      expect(december.period).to.deep.include({ from: '2026-12-01', to: '2026-12-31' });
      expect(november.rows.find((row) => row.key === FOOD)?.finished).to.equal(1);
      expect(december.rows.find((row) => row.key === FOOD)?.finished).to.equal(1);
    });

    it('should give each matter’s 办件 figures by default when grouped by matter, with the matter’s name', async () => {
      // Two cases decided by the 局 and delivered (the case's clock ends with its process): one within its promised
      // 10 working days (4), one after 12.
      const quick = await accepted();
      const slow = await accepted();
      const finish = async (c: { caseId: string; review: string }) => {
        const reviewed = await review(c);
        const concluded = await operate('chief-zhou', c.caseId, 'case.conclude', {
          kind: '出证',
          licence: { name: '食品经营许可证', number: `JY${c.caseId.slice(0, 8)}` },
          taskId: taskOf(reviewed, 'decision'),
        });
        await operate('window-li', c.caseId, 'task.complete', { taskId: taskOf(concluded, 'deliverLicence') });
      };
      await moveTo('2026-11-06T17:30:00+08:00');
      await finish(quick);
      await moveTo('2026-11-18T17:30:00+08:00');
      await finish(slow);
      const byMatter = await get<Performance>(
        'supervisor-sun',
        '/api/supervision/performance?groupBy=matter&period=month',
      );
      expect(byMatter.kind).to.equal('case');
      expect(byMatter.rows).to.have.length(1);
      expect(byMatter.rows[0]).to.deep.include({
        key: MATTER,
        name: '食品经营许可（新办）',
        unit: '工作日',
        finished: 2,
        onTime: 1,
        late: 1,
        onTimeRate: 0.5,
        averageUsed: 8,
        p90Used: 12,
        maxUsed: 12,
      });
    });

    it('should refuse a period that is missing, doubled or backwards, naming the field in Chinese', async () => {
      const refused = async (query: string, field: string) => {
        const body = (
          await request(board).get(`/api/supervision/performance?${query}`).set(as('supervisor-sun')).expect(400)
        ).body as { field: string; message: { zh: string } };
        expect(body.field).to.equal(field);
        expect(body.message.zh).to.match(/[\u4e00-\u9fff]/);
        return body.message.zh;
      };
      expect(await refused('groupBy=matter', '/query/from')).to.contain('统计周期');
      expect(await refused('groupBy=matter&from=2026-11-01', '/query/to')).to.contain('结束日期');
      expect(await refused('groupBy=matter&from=2026-11-30&to=2026-11-01', '/query/to')).to.contain('不能早于');
      expect(await refused('groupBy=matter&period=month&from=2026-11-01', '/query/period')).to.contain('不能同时');
      await refused('groupBy=matter&from=2026-02-30&to=2026-03-01', '/query/from');
      await refused('groupBy=matter&period=week', '/query/period');
    });

    it('should count each overdue step once at its highest open level, per department, matter and level', async () => {
      const red = await accepted();
      await moveTo('2026-11-04T09:30:00+08:00');
      const yellow = await accepted();
      await moveTo('2026-11-06T09:30:00+08:00');
      const warned = await accepted();
      // Thursday 12 November: red's 审查 (due Fri 6th) is 3 working days over: 红牌 (and its 预警, 黄牌 still open);
      // yellow's (due Tue 10th) is over: 黄牌; warned's (due Thu 12th 17:30) has 1 day left: 预警. The 决定 has none yet.
      await moveTo('2026-11-12T09:30:00+08:00');
      const signals = (await request(server.app).get('/api/supervision/signals').set(as('supervisor-sun')).expect(200))
        .body as Array<{ caseId: string; level: string }>;
      expect(
        signals
          .filter((s) => s.caseId === red.caseId)
          .map((s) => s.level)
          .sort(),
      ).to.deep.equal(['红牌', '预警', '黄牌'].sort());
      expect(
        signals
          .filter((s) => s.caseId === yellow.caseId)
          .map((s) => s.level)
          .sort(),
      ).to.deep.equal(['预警', '黄牌'].sort());

      const summary = await get<{ asOf: string; groups: Group[] }>(
        'supervisor-sun',
        '/api/supervision/signals/summary',
      );
      expect(summary.asOf).to.equal('2026-11-12T01:30:00.000Z');
      const food = summary.groups.filter((g) => g.department === FOOD);
      expect(
        food.map(({ level, clocks, cases, matterCode, matterName }) => ({
          level,
          clocks,
          cases,
          matterCode,
          matterName,
        })),
      ).to.deep.equal([
        { level: '预警', clocks: 1, cases: 1, matterCode: MATTER, matterName: '食品经营许可（新办）' },
        { level: '黄牌', clocks: 1, cases: 1, matterCode: MATTER, matterName: '食品经营许可（新办）' },
        { level: '红牌', clocks: 1, cases: 1, matterCode: MATTER, matterName: '食品经营许可（新办）' },
      ]);
      // Done: the signals clear and the step leaves the board.
      await review(red);
      const after = await get<{ groups: Group[] }>('supervisor-sun', '/api/supervision/signals/summary');
      expect(after.groups.filter((g) => g.department === FOOD).map((g) => g.level)).to.deep.equal(['预警', '黄牌']);
      expect(warned.caseId).to.be.a('string');
      // A department officer: their own department only; another is 403; a window officer may not read it.
      expect(
        (await get<{ groups: Group[] }>('food-zhao', '/api/supervision/signals/summary')).groups.every(
          (g) => g.department === FOOD,
        ),
      ).to.equal(true);
      expect((await get<{ groups: Group[] }>('fire-qian', '/api/supervision/signals/summary')).groups).to.deep.equal(
        [],
      );
      await request(board)
        .get(`/api/supervision/signals/summary?department=${encodeURIComponent(FOOD)}`)
        .set(as('fire-qian'))
        .expect(403);
      await request(board).get('/api/supervision/signals/summary').set(as('window-li')).expect(403);
      expect(
        (await get<{ groups: Group[] }>('admin', '/api/supervision/signals/summary?kind=case')).groups,
      ).to.deep.equal([]);
    });

    it('should list the open 差评 rectifications with their deadlines, the overdue ones first', async () => {
      const first = await accepted();
      const second = await accepted();
      const rate = async (caseId: string, level: string) =>
        (
          await request(server.app)
            .post('/api/ratings')
            .set(as('window-li'))
            .send({ caseId, department: FOOD, mode: '一事一评', level })
            .expect(201)
        ).body as { ratingId: string };
      // 2 November: 非常不满意 on the first case (15 working days: due Monday 23 November 17:30).
      await rate(first.caseId, '非常不满意');
      // 16 November: 不满意 on the second (due Monday 7 December).
      await moveTo('2026-11-16T10:00:00+08:00');
      const second_ = await rate(second.caseId, '不满意');
      await moveTo('2026-11-25T10:00:00+08:00');
      const due = await get<{ asOf: string; rectifications: Due[] }>(
        'supervisor-sun',
        '/api/supervision/rectifications',
      );
      expect(due.asOf).to.equal('2026-11-25T02:00:00.000Z');
      expect(
        due.rectifications.map(({ caseId, level, dueAt, overdue, department, matterName, followUps }) => ({
          caseId,
          level,
          dueAt,
          overdue,
          department,
          matterName,
          followUps,
        })),
      ).to.deep.equal([
        {
          caseId: first.caseId,
          level: '非常不满意',
          dueAt: '2026-11-23T09:30:00.000Z',
          overdue: true,
          department: FOOD,
          matterName: '食品经营许可（新办）',
          followUps: 0,
        },
        {
          caseId: second.caseId,
          level: '不满意',
          dueAt: '2026-12-07T09:30:00.000Z',
          overdue: false,
          department: FOOD,
          matterName: '食品经营许可（新办）',
          followUps: 0,
        },
      ]);
      // Rectified: it leaves the list.
      await request(server.app)
        .post(`/api/ratings/${second_.ratingId}/follow-ups`)
        .set(as('food-zhao'))
        .send({ method: '电话', summary: '已致电申请人说明情况' })
        .expect(200);
      await request(server.app)
        .post(`/api/ratings/${second_.ratingId}/completion`)
        .set(as('food-zhao'))
        .send({ measures: '加强窗口培训' })
        .expect(200);
      const left = await get<{ rectifications: Due[] }>('supervisor-sun', '/api/supervision/rectifications');
      expect(left.rectifications.map((r) => r.caseId)).to.deep.equal([first.caseId]);
      expect(
        (await get<{ rectifications: Due[] }>('fire-qian', '/api/supervision/rectifications')).rectifications,
      ).to.deep.equal([]);
      await request(board)
        .get(`/api/supervision/rectifications?department=${encodeURIComponent(FOOD)}`)
        .set(as('fire-qian'))
        .expect(403);
    });

    it('should be mounted on the server itself', async () => {
      await request(server.app).get('/api/supervision/signals/summary').set(as('supervisor-sun')).expect(200);
      await request(server.app)
        .get('/api/supervision/performance?groupBy=matter&period=year')
        .set(as('supervisor-sun'))
        .expect(200);
      await request(server.app).get('/api/supervision/rectifications').set(as('supervisor-sun')).expect(200);
      await request(server.app).get('/api/supervision/rectifications').set(as('window-li')).expect(403);
    });
  });
});
