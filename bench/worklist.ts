/**
 * GET /api/tasks over real HTTP (loopback) with `cases` accepted 食品经营许可 cases open (default
 * 2,000: each its 审查 task for the 许可科, with the step's and the case's clocks), on a SQLite
 * file: the latency of the first page, of a page in the middle (cursor), of the whole list walked
 * page by page, as the 许可科 officer, the admin and a window officer (`mine`: the cases they
 * received, one in 20), each request one at a time. For comparison, what the route did before
 * (every task, then each listed case's snapshot loaded one by one), timed in-process. And the
 * query plan of a department's page, which must read the (department, created_at, case_id,
 * task_id) index.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { LiveCalendar } from '../engine/calendar-store/index.js';
import { SettableClock } from '../engine/clock.js';
import { receiveApplication } from '../engine/domain-store/index.js';
import { migrateLatest, openDatabase, openStore, type Store } from '../engine/store/index.js';
import { loadShippedMatters } from '../processes/index.js';
import { createApp } from '../server/app.js';
import { createUser } from '../engine/users-store/index.js';
import { report, type Figure } from './report.js';

const DEPARTMENT = '西湖区市场监督管理局行政许可科';
const WINDOW_OFFICERS = 20;
const materials = {
  application: true,
  'business-licence': true,
  'id-card': true,
  'premises-layout': true,
  'safety-rules': true,
};
const form = {
  applicantName: '张三',
  idType: '居民身份证',
  idNumber: '330102199001011234',
  businessName: '杭州某某餐饮有限公司',
  businessAddress: '杭州市西湖区某某路88号',
  businessItems: ['热食类食品制售'],
  办理方式: '一般程序',
};

interface Page {
  tasks: unknown[];
  next: string | null;
}

export async function benchWorklist(cases: number): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(process.env.MATTERFLOW_BENCH_DIR ?? tmpdir(), 'matterflow-worklist-'));
  const database = await openDatabase({ client: 'sqlite', filename: path.join(dir, 'worklist.sqlite') });
  try {
    await migrateLatest(database);
    const calendar = await LiveCalendar.open(database.knex, { warn: () => undefined });
    // A Monday in a year the calendar knows; a second between cases.
    const clock = new SettableClock('2026-03-02T01:30:00.000Z');
    const store = await openStore({ database, clock, calendar });
    try {
      await loadShippedMatters(store, database.knex, { actor: 'admin' });
      const at = clock.now().toISOString();
      const officer = (
        await createUser(
          database.knex,
          { id: 'food-zhao', name: '赵', roles: ['department'], department: DEPARTMENT },
          { actor: 'bench', at },
        )
      ).token;
      const admin = (
        await createUser(database.knex, { id: 'admin', name: '管理员', roles: ['admin'] }, { actor: 'bench', at })
      ).token;
      const window = (
        await createUser(database.knex, { id: 'window-li', name: '李', roles: ['window'] }, { actor: 'bench', at })
      ).token;
      const started = performance.now();
      for (let n = 0; n < cases; n++) {
        clock.advance(1_000);
        const caseId = `BJ-WL-${String(n).padStart(6, '0')}`;
        // 20 window officers take turns: window-li received one case in 20.
        const windowOfficer = n % WINDOW_OFFICERS === 0 ? 'window-li' : `window-${n % WINDOW_OFFICERS}`;
        const received = await receiveApplication(store, database.knex, {
          caseId,
          matterCode: '330106-SJ-000105013',
          applicant: { name: '张三', idType: '居民身份证', idNumber: '330102199001011234' },
          channel: '窗口',
          materials,
          form,
          actor: windowOfficer,
        });
        const [taskId] = Object.keys(received.state.tasks);
        await store.dispatch(caseId, { type: 'case.accept', actor: windowOfficer, data: { taskId: taskId ?? '' } });
      }
      console.log(
        `(${cases.toLocaleString('en-US')} accepted cases prepared in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );

      const before = await timeOldWay(store, 3);
      const plan = (await database.knex.raw(
        'EXPLAIN QUERY PLAN SELECT tasks.*, cases.worklist_timings FROM tasks JOIN cases ON cases.case_id = tasks.case_id WHERE tasks.department = ? ORDER BY tasks.created_at, tasks.case_id, tasks.task_id LIMIT 101',
        [DEPARTMENT],
      )) as Array<{ detail: string }>;
      console.log(`(department page plan: ${plan.map((row) => row.detail).join('; ')})`);

      const app = createApp({ db: database, store, logger: pino({ level: 'silent' }), calendar, rateLimit: 1_000_000 });
      const server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
      try {
        const { port } = server.address() as AddressInfo;
        const get = async (token: string, query: string): Promise<Page> => {
          const response = await fetch(`http://127.0.0.1:${port}/api/tasks${query}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          if (!response.ok) throw new Error(`GET /api/tasks${query}: ${response.status} ${await response.text()}`);
          return (await response.json()) as Page;
        };
        let middle: string | null = null;
        for (let seen = 0; seen < cases / 2;) {
          const page = await get(
            officer,
            `?limit=${Math.min(500, Math.ceil(cases / 2) - seen)}${middle ? `&cursor=${middle}` : ''}`,
          );
          seen += page.tasks.length;
          middle = page.next;
          if (middle === null) break;
        }
        await get(officer, ''); // warm-up: the first request compiles the query schema
        const firstPage = await latencies(50, () => get(officer, ''));
        const bigPage = await latencies(20, () => get(officer, '?limit=500'));
        const middlePage = await latencies(50, () => get(officer, `?cursor=${middle ?? ''}`));
        const minePage = await latencies(50, () => get(window, '?mine=true'));
        let pages = 0;
        const walk = await latencies(5, async () => {
          pages = 0;
          for (let page = await get(admin, '?limit=500'); ; page = await get(admin, `?limit=500&cursor=${page.next}`)) {
            pages += 1;
            if (page.next === null) break;
          }
        });
        console.log(`GET /api/tasks with ${cases.toLocaleString('en-US')} open cases, one request at a time:`);
        return report('worklist: GET /api/tasks', [
          { name: 'first page (100), 许可科 p50', value: firstPage.p50, unit: 'ms' },
          { name: 'first page (100), 许可科 p99', value: firstPage.p99, unit: 'ms' },
          { name: 'page of 500, 许可科 p50', value: bigPage.p50, unit: 'ms' },
          { name: 'middle page (cursor), 许可科 p50', value: middlePage.p50, unit: 'ms' },
          { name: 'mine, window officer (1 case in 20) p50', value: minePage.p50, unit: 'ms' },
          { name: `whole list, ${pages} pages of 500, p50`, value: walk.p50, unit: 'ms' },
          { name: 'before: tasks, then each case loaded', value: before, unit: 'ms' },
        ]);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      await store.close();
    }
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The route as it was: every matching task, then each listed case's snapshot, one by one (median of `runs`, ms). */
async function timeOldWay(store: Store, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const tasks = await store.listTasks({ department: DEPARTMENT });
    for (const caseId of new Set(tasks.map((task) => task.caseId))) await store.getCase(caseId);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Run `work` `count` times one after another: the 50th and 99th percentile (nearest rank), ms. */
async function latencies(count: number, work: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let n = 0; n < count; n++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const rank = (p: number) => times[Math.max(0, Math.ceil((p / 100) * times.length) - 1)] ?? 0;
  return { p50: rank(50), p99: rank(99) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
