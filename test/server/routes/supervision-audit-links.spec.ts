/**
 * The board's links and the audit search agree: for every kind of figure on the supervision board
 * the audit search, called with exactly the parameters of the figure's link (built by the board's
 * own code, designer/supervision/links.ts), lists the cases behind the figure.
 *
 * - Signals (bar per department and level, cell per department, matter and level): the figure
 *   counts time limits at their highest open level; the list holds the distinct cases those limits
 *   belong to (equal to the figure when each case has one such limit — asserted where it holds).
 * - Per matter (办件 limits finished in the period): 办结, 按时, 超时 — one 办件 limit per case, so
 *   the list has exactly the figure's number of cases.
 * - Per department (环节 limits finished in the period): 办结环节, 超时 — the figure counts steps;
 *   the list holds the distinct cases of those steps.
 *
 * Known data as in supervision-board.spec.ts: 食品经营许可 cases driven over HTTP on the test clock.
 */
import { expect } from 'chai';
import request from 'supertest';
import { auditSearchQuerySchema } from '../../../server/routes/audit.js';
import { AUDIT_PARAMS } from '../../../designer/audit/contract.js';
import { handlingLink, signalLink } from '../../../designer/supervision/links.js';
import { testServer, type TestServer } from '../support.js';
import { CaseDriver, type CaseBody } from '../../support/case-driver.js';
import { SHIPPED_SUPERVISION as supervision } from '../../support/supervision.js';

const FOOD = '西湖区市场监督管理局行政许可科';
const MATTER = '330106-SJ-000105013';
const LEVELS = ['预警', '黄牌', '红牌'] as const;
type Level = (typeof LEVELS)[number];

interface Group {
  department: string | null;
  matterCode: string | null;
  kind: 'case' | 'step';
  level: Level;
  clocks: number;
  cases: number;
}
interface Row {
  key: string | null;
  unit: '工作日' | '自然日' | '小时(工作日)' | '小时(自然日)';
  finished: number;
  onTime: number;
  late: number;
}
interface Performance {
  period: { from: string; to: string };
  kind: 'case' | 'step';
  rows: Row[];
}

describe('server: every board figure links to exactly its cases in the audit search', () => {
  let server: TestServer;
  let driver: CaseDriver;
  beforeEach(async () => {
    server = await testServer({ supervision, testClock: true });
    driver = new CaseDriver(server);
    await driver.addChief();
  });
  afterEach(() => server.close());

  const as = (user: string) => driver.authorization(user);
  const operate = (user: string, caseId: string, operation: string, data: Record<string, unknown>) =>
    driver.operate(user, caseId, operation, data);
  const taskOf = (body: CaseBody, elementId: string) => driver.task(body, elementId);
  const moveTo = (at: string) => driver.moveTo(at);
  const accepted = () => driver.acceptedFoodCase();
  const review = (c: { caseId: string; review: string }) =>
    operate('food-zhao', c.caseId, 'task.complete', { taskId: c.review, variables: { 需要现场核查: false } });
  const finish = async (c: { caseId: string; review: string }, reviewed?: CaseBody) => {
    const body = reviewed ?? (await review(c));
    const concluded = await operate('chief-zhou', c.caseId, 'case.conclude', {
      kind: '出证',
      licence: { name: '食品经营许可证', number: `JY${c.caseId.slice(3, 11)}` },
      taskId: taskOf(body, 'decision'),
    });
    await operate('window-li', c.caseId, 'task.complete', { taskId: taskOf(concluded, 'deliverLicence') });
  };
  const get = async <T>(path: string) =>
    (await request(server.app).get(path).set(as('supervisor-sun')).expect(200)).body as T;
  /** The audit search with a board link's parameters, exactly as the audit page sends them. */
  const listOf = async (link: string) => {
    const url = new URL(link, 'http://board');
    expect(url.pathname).to.equal('/audit');
    return (await get<Array<{ caseId: string }>>(`/api/audit/cases${url.search}`)).map((row) => row.caseId).sort();
  };

  /** The distinct cases of the open limits (each at its highest open level) matching `where`, read straight from the projections. */
  const signalCases = async (
    where: { department: string | null; kind: 'case' | 'step' | null; matterCode?: string | null },
    level: Level,
  ) => {
    const rows = (await server.db.database
      .knex('alerts')
      .whereNull('cleared_at')
      .select('clock_id', 'case_id', 'level', 'kind', 'department', 'matter_code')) as Array<{
      clock_id: string;
      case_id: string;
      level: Level;
      kind: string;
      department: string | null;
      matter_code: string | null;
    }>;
    const highest = new Map<string, (typeof rows)[number]>();
    for (const row of rows)
      if (!highest.has(row.clock_id) || LEVELS.indexOf(row.level) > LEVELS.indexOf(highest.get(row.clock_id)!.level))
        highest.set(row.clock_id, row);
    const cases = [...highest.values()].filter(
      (row) =>
        row.level === level &&
        row.department === where.department &&
        (where.department !== null || where.kind === null || row.kind === where.kind) &&
        (where.matterCode === undefined || row.matter_code === where.matterCode),
    );
    return [...new Set(cases.map((row) => row.case_id))].sort();
  };
  /** The distinct cases of the limits finished in the period behind a handling figure. */
  const handlingCases = async (
    groupBy: 'matter' | 'department',
    kind: 'case' | 'step',
    row: Row,
    period: { fromInstant: string; toInstant: string },
    onTime?: boolean,
  ) => {
    const query = server.db.database
      .knex('clocks')
      .distinct('case_id')
      .where({ kind, unit: row.unit })
      .where('finished_at', '>=', period.fromInstant)
      .where('finished_at', '<', period.toInstant);
    const column = groupBy === 'matter' ? 'matter_code' : 'department';
    if (row.key === null) query.whereNull(column);
    else query.where(column, row.key);
    if (onTime !== undefined) query.where('on_time', onTime ? 1 : 0);
    return ((await query) as Array<{ case_id: string }>).map((r) => r.case_id).sort();
  };

  /** Every figure of the board now, each checked against the list its link opens; returns what was checked. */
  const checkEveryFigure = async (period: { from: string; to: string }) => {
    const checked: Array<{ figure: string; count: number; cases: string[] }> = [];
    const { groups } = await get<{ groups: Group[] }>('/api/supervision/signals/summary');
    // The chart's bars: one per department (a department's 办件 and 环节 limits together; without a department, one kind each) and level.
    const bars = new Map<
      string,
      { department: string | null; kind: 'case' | 'step' | null; counts: Record<Level, number> }
    >();
    const cells = new Map<
      string,
      {
        department: string | null;
        kind: 'case' | 'step' | null;
        matterCode: string | null;
        counts: Record<Level, number>;
      }
    >();
    for (const group of groups) {
      const kind = group.department === null ? group.kind : null;
      const bar = bars.get(JSON.stringify([group.department, kind])) ?? {
        department: group.department,
        kind,
        counts: { 预警: 0, 黄牌: 0, 红牌: 0 },
      };
      bar.counts[group.level] += group.clocks;
      bars.set(JSON.stringify([group.department, kind]), bar);
      const cell = cells.get(JSON.stringify([group.department, kind, group.matterCode])) ?? {
        department: group.department,
        kind,
        matterCode: group.matterCode,
        counts: { 预警: 0, 黄牌: 0, 红牌: 0 },
      };
      cell.counts[group.level] += group.clocks;
      cells.set(JSON.stringify([group.department, kind, group.matterCode]), cell);
    }
    for (const where of [...bars.values(), ...cells.values()]) {
      for (const level of LEVELS) {
        if (where.counts[level] === 0) continue;
        const cases = await listOf(signalLink(where, level));
        const figure = `${where.department ?? `（无部门，${where.kind ?? ''}）`} ${'matterCode' in where ? `${where.matterCode} ` : ''}${level}`;
        expect(cases, figure).to.deep.equal(await signalCases(where, level));
        expect(cases.length, figure).to.be.within(1, where.counts[level]);
        checked.push({ figure, count: where.counts[level], cases });
      }
    }
    for (const groupBy of ['matter', 'department'] as const) {
      const performance = await get<Performance & { period: { fromInstant: string; toInstant: string } }>(
        `/api/supervision/performance?groupBy=${groupBy}&from=${period.from}&to=${period.to}`,
      );
      for (const row of performance.rows) {
        for (const [name, count, onTime] of [
          ['办结', row.finished, undefined],
          ['按时', row.onTime, true],
          ['超时', row.late, false],
        ] as const) {
          if (count === 0) continue;
          const cases = await listOf(handlingLink(groupBy, performance.kind, row, performance.period, onTime));
          const figure = `${groupBy} ${row.key ?? '（无）'} ${row.unit} ${name}`;
          expect(cases, figure).to.deep.equal(
            await handlingCases(groupBy, performance.kind, row, performance.period, onTime),
          );
          // A case has one 办件 limit: a matter's figure is its number of cases. A department's counts steps (a case may have several).
          if (groupBy === 'matter') expect(cases.length, figure).to.equal(count);
          else expect(cases.length, figure).to.be.within(1, count);
          checked.push({ figure, count, cases });
        }
      }
    }
    return checked;
  };

  it('should use one set of parameter names: the audit page’s address is the audit search API’s query', () => {
    expect([...AUDIT_PARAMS, 'limit', 'after'].sort()).to.deep.equal(
      Object.keys(auditSearchQuerySchema.properties).sort(),
    );
  });

  it('should list, for every signal and handling figure, the cases behind it (a 黄牌 list leaves out a limit already at 红牌)', async () => {
    // Monday 2 November 09:30: a, b, c accepted (审查 by the 许可科, 4 working days: due Friday 6th 17:30).
    const a = await accepted();
    const b = await accepted();
    const c = await accepted();
    await moveTo('2026-11-03T17:30:00+08:00');
    const aReviewed = await review(a);
    await moveTo('2026-11-04T09:30:00+08:00');
    const d = await accepted();
    await moveTo('2026-11-06T09:30:00+08:00');
    const e = await accepted();
    await moveTo('2026-11-06T17:30:00+08:00');
    await finish(a, aReviewed);
    await moveTo('2026-11-09T17:30:00+08:00');
    const bReviewed = await review(b);

    // Thursday 12 November: c's 审查 is 3 working days over (红牌, its 预警 and 黄牌 still open), d's is over (黄牌), e's has a day left (预警).
    await moveTo('2026-11-12T09:30:00+08:00');
    const yellow = await listOf(signalLink({ department: FOOD, kind: null, matterCode: MATTER }, '黄牌'));
    expect(yellow).to.deep.equal([d.caseId]);
    expect(await listOf(signalLink({ department: FOOD, kind: null }, '红牌'))).to.deep.equal([c.caseId]);
    expect(await listOf(signalLink({ department: FOOD, kind: null }, '预警'))).to.deep.equal([e.caseId]);
    const early = await checkEveryFigure({ from: '2026-11-01', to: '2026-11-30' });
    expect(early.map((f) => f.figure)).to.include.members([
      `${FOOD} 黄牌`,
      `${FOOD} ${MATTER} 黄牌`,
      `${FOOD} 红牌`,
      `${FOOD} 预警`,
    ]);
    // Each of these is one limit of one case: the list has the figure's number.
    for (const figure of early.filter(
      (f) => f.figure.startsWith(FOOD) && !f.figure.includes(' 办结') && !f.figure.includes('超时'),
    ))
      expect(figure.cases.length, figure.figure).to.equal(figure.count);

    // Wednesday 18 November 17:30: b concluded late (12 working days for a promised 10); a was on time.
    await moveTo('2026-11-18T17:30:00+08:00');
    await finish(b, bReviewed);
    const checked = await checkEveryFigure({ from: '2026-11-01', to: '2026-11-30' });
    const figure = (name: string) => checked.find((f) => f.figure === name);
    expect(figure(`matter ${MATTER} 工作日 办结`)).to.deep.include({ count: 2, cases: [a.caseId, b.caseId].sort() });
    expect(figure(`matter ${MATTER} 工作日 按时`)).to.deep.include({ count: 1, cases: [a.caseId] });
    expect(figure(`matter ${MATTER} 工作日 超时`)).to.deep.include({ count: 1, cases: [b.caseId] });
    expect(figure(`department ${FOOD} 工作日 办结`)).to.deep.include({ count: 2, cases: [a.caseId, b.caseId].sort() });
    expect(figure(`department ${FOOD} 工作日 超时`)).to.deep.include({ count: 1, cases: [b.caseId] });
    // The window's steps: 受理 of five cases and 送达 of two — seven steps, five cases: the list has the cases of the steps.
    expect(checked.find((f) => f.figure.includes('综合窗口') && f.figure.endsWith('办结'))).to.deep.include({
      count: 7,
    });
    expect(checked.find((f) => f.figure.includes('综合窗口') && f.figure.endsWith('办结'))!.cases).to.have.length(5);
    // Still open now: the 审查 of c, d and e at 红牌 (the 许可科); the promised 10 working days of c and d
    // (办件总时限, no department: noDepartment with limitKind=case) past due at 黄牌.
    expect(figure(`${FOOD} 红牌`)).to.deep.include({ count: 3, cases: [c.caseId, d.caseId, e.caseId].sort() });
    expect(figure(`${FOOD} 黄牌`)).to.equal(undefined);
    expect(figure('（无部门，case） 黄牌')).to.deep.include({ count: 2, cases: [c.caseId, d.caseId].sort() });
    expect(new URL(signalLink({ department: null, kind: 'case' }, '黄牌'), 'http://board').search).to.equal(
      `?limitKind=case&noDepartment=true&signal=${encodeURIComponent('黄牌')}`,
    );
    // A period that holds none of it: the links of an earlier week list only what finished then.
    const firstWeek = await checkEveryFigure({ from: '2026-11-02', to: '2026-11-06' });
    expect(firstWeek.find((f) => f.figure === `matter ${MATTER} 工作日 办结`)).to.deep.include({
      count: 1,
      cases: [a.caseId],
    });
  });
});
