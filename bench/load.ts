/**
 * npm run bench:load: the task-completion path over real HTTP, loopback only. Starts the app on
 * 127.0.0.1:0 over a fresh SQLite file, prepares one accepted 食品经营许可 case per request (its
 * 审查 task open), then has autocannon complete those tasks through
 * POST /api/cases/{id}/operations {operation: 'task.complete'} as the 许可科 officer, each
 * request a different case, for a fixed number of requests.
 *   MATTERFLOW_LOAD_REQUESTS     requests, one case each (default 2000)
 *   MATTERFLOW_LOAD_CONNECTIONS  concurrent connections (default 10)
 * Not part of npm run bench and never of the tests: a measurement, not an assertion.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { LiveCalendar } from '../engine/calendar-store/index.js';
import { systemClock } from '../engine/clock.js';
import { receiveApplication } from '../engine/domain-store/index.js';
import { migrateLatest, openDatabase, openStore } from '../engine/store/index.js';
import { loadShippedMatters } from '../processes/index.js';
import { createApp } from '../server/app.js';
import { createUser } from '../engine/users-store/index.js';
import { report } from './report.js';

const requests = Number(process.env.MATTERFLOW_LOAD_REQUESTS ?? 2_000);
const connections = Number(process.env.MATTERFLOW_LOAD_CONNECTIONS ?? 10);
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(connections) || connections < 1)
  throw new Error('MATTERFLOW_LOAD_REQUESTS and MATTERFLOW_LOAD_CONNECTIONS must be positive integers');

const form = {
  applicantName: '张三',
  idType: '居民身份证',
  idNumber: '330102199001011234',
  businessName: '杭州某某餐饮有限公司',
  businessAddress: '杭州市西湖区某某路88号',
  businessItems: ['热食类食品制售'],
  办理方式: '一般程序',
};
const materials = {
  application: true,
  'business-licence': true,
  'id-card': true,
  'premises-layout': true,
  'safety-rules': true,
};

function openTask(
  tasks: Readonly<Record<string, { readonly elementId: string }>>,
  caseId: string,
  elementId: string,
): string {
  const found = Object.entries(tasks).find(([, task]) => task.elementId === elementId);
  if (!found) throw new Error(`case ${caseId} has no open ${elementId} task`);
  return found[0];
}

const dir = mkdtempSync(path.join(process.env.MATTERFLOW_BENCH_DIR ?? tmpdir(), 'matterflow-load-'));
const database = await openDatabase({ client: 'sqlite', filename: path.join(dir, 'load.sqlite') });
try {
  await migrateLatest(database);
  const calendar = await LiveCalendar.open(database.knex, { warn: () => undefined });
  const store = await openStore({ database, clock: systemClock, calendar });
  try {
    await loadShippedMatters(store, database.knex, { actor: 'admin' });
    const at = new Date().toISOString();
    await createUser(database.knex, { id: 'window-li', name: '李', roles: ['window'] }, { actor: 'bench', at });
    const { token } = await createUser(
      database.knex,
      { id: 'food-zhao', name: '赵', roles: ['department'], department: '西湖区市场监督管理局行政许可科' },
      { actor: 'bench', at },
    );

    // One accepted case per request, prepared through the domain (not timed).
    console.log(
      `Matterflow load test - node ${process.version}: preparing ${requests.toLocaleString('en-US')} accepted cases …`,
    );
    const targets: Array<{ caseId: string; taskId: string }> = [];
    for (let n = 0; n < requests; n++) {
      const caseId = `BJ-LOAD-${String(n).padStart(6, '0')}`;
      const received = await receiveApplication(store, database.knex, {
        caseId,
        matterCode: '330106-SJ-000105013',
        applicant: { name: '张三', idType: '居民身份证', idNumber: '330102199001011234' },
        channel: '窗口',
        materials,
        form,
        actor: 'window-li',
      });
      const accepted = await store.dispatch(caseId, {
        type: 'case.accept',
        actor: 'window-li',
        data: { taskId: openTask(received.state.tasks, caseId, 'windowAcceptance') },
      });
      targets.push({ caseId, taskId: openTask(accepted.state.tasks, caseId, 'review') });
    }

    // The rate limit (per client address) is lifted: every request comes from 127.0.0.1.
    const app = createApp({
      db: database,
      store,
      logger: pino({ level: 'silent' }),
      calendar,
      rateLimit: 10 * requests,
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    try {
      const { port } = server.address() as AddressInfo;
      let next = 0;
      const result = await autocannon({
        url: `http://127.0.0.1:${port}`,
        connections,
        amount: requests,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const target = targets[next++ % targets.length]!;
              return {
                ...req,
                path: `/api/cases/${target.caseId}/operations`,
                body: JSON.stringify({
                  operation: 'task.complete',
                  data: { taskId: target.taskId, variables: { 需要现场核查: false } },
                }),
              };
            },
          },
        ],
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      console.log(
        `\nPOST /api/cases/{id}/operations task.complete (审查), ${connections} connections, ${result.requests.total.toLocaleString('en-US')} requests in ${result.duration.toFixed(1)} s\n`,
      );
      report('load: task.complete over HTTP', [
        { name: 'requests/s (mean)', value: result.requests.average, unit: 'req/s' },
        { name: 'latency p50', value: result.latency.p50, unit: 'ms' },
        { name: 'latency p99', value: result.latency.p99, unit: 'ms' },
        { name: 'latency max', value: result.latency.max, unit: 'ms' },
        { name: 'non-2xx responses', value: result.non2xx },
        { name: 'errors / timeouts', value: result.errors + result.timeouts },
      ]);
      const done = (await store.listTasks({ department: '西湖区市场监督管理局行政许可科' })).length;
      report('load: check', [{ name: '审查 tasks still open', value: done }]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  } finally {
    await store.close();
  }
} finally {
  await database.knex.destroy();
  rmSync(dir, { recursive: true, force: true });
}
