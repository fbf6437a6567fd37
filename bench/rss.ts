/**
 * Memory of the real server process with `open` cases open (default 100,000), each waiting at a
 * user task under an interrupting 30-day timer, so `open` pending timers too:
 * - the store is filled on a SQLite file through the real command path (the store's Dispatcher,
 *   1,000 case starts a transaction: runtime, hash-chained events, the task and job rows);
 * - then `server/main.ts` is spawned on that folder as `npm start` runs it (real clock, the
 *   heartbeat ticking every second) and its resident set read from /proc at moments a deployed
 *   server lives through: listening, after ten heartbeats, after the worklist's pages and after
 *   reading 2,000 of the cases (which fills the case snapshots it keeps);
 * - the same server on the same database with no case opened, for comparison.
 * The timers fall due 30 days after the store was filled, by the real clock, so none fires here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../engine/clock.js';
import { DefinitionCache } from '../engine/store/definition-cache.js';
import { Dispatcher } from '../engine/store/dispatcher.js';
import { defaultEngine, openStore } from '../engine/store/index.js';
import type { CommandRequest } from '../engine/store/requests.js';
import { ServerProcess } from '../test/system/support/server-process.js';
import { report, type Figure } from './report.js';

const PER_TRANSACTION = 1_000;
const READ_CASES = 2_000;

const WAIT_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="https://matterflow.cn/bench">
  <bpmn:process id="reviewWithDeadline" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审查" />
    <bpmn:boundaryEvent id="deadline" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="done" />
    <bpmn:sequenceFlow id="f3" sourceRef="deadline" targetRef="lapsed" />
    <bpmn:endEvent id="done" />
    <bpmn:endEvent id="lapsed" />
  </bpmn:process>
</bpmn:definitions>`;

/** Resident set and its peak of process `pid`, MiB (Linux /proc). */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Fill a SQLite folder with `open` cases waiting at their task and timer. */
async function fill(dataDir: string, open: number): Promise<number> {
  let ids = 0;
  const newId = () => `r${(ids += 1)}`;
  const store = await openStore({
    database: { client: 'sqlite', filename: path.join(dataDir, 'matterflow.sqlite') },
    clock: systemClock,
    ids: newId,
  });
  try {
    const [deployed] = (await store.deploy(WAIT_XML, { actor: 'bench' })).processes;
    if (!deployed) throw new Error('the benchmark process did not deploy');
    const dispatcher = new Dispatcher(store.database.knex, {
      engine: defaultEngine,
      cache: new DefinitionCache(defaultEngine),
      clock: systemClock,
      ids: newId,
    });
    const start = (n: number): CommandRequest => ({
      caseId: `open-${n}`,
      definitionHash: deployed.hash,
      command: { type: 'case.start', actor: 'bench', data: { caseId: `open-${n}`, processId: 'reviewWithDeadline' } },
    });
    const began = performance.now();
    for (let n = 0; n < open; n += PER_TRANSACTION) {
      const requests = Array.from({ length: Math.min(PER_TRANSACTION, open - n) }, (_, k) => start(n + k));
      await dispatcher.transact(async () => requests);
    }
    const seconds = (performance.now() - began) / 1000;
    const { knex } = store.database;
    const [timers] = await knex('jobs').where({ kind: 'timer' }).count({ n: '*' });
    const [tasks] = await knex('tasks').count({ n: '*' });
    if (Number(timers?.n) !== open || Number(tasks?.n) !== open)
      throw new Error(`expected ${open} tasks and timers, found ${String(tasks?.n)} and ${String(timers?.n)}`);
    return open / seconds;
  } finally {
    await store.close();
  }
}

/** The server on `dataDir`: its RSS listening, after ten heartbeats, the worklist and case reads. */
async function measure(dataDir: string, open: number, label: string): Promise<Figure[]> {
  // The bench's reads would pass the per-token rate limit (1,200 a minute).
  const server = await ServerProcess.start({
    database: { client: 'sqlite', dataDir },
    env: { MATTERFLOW_RATE_LIMIT: '1000000' },
    startTimeoutMs: 120_000,
  });
  try {
    const pid = server.pid;
    if (pid === undefined) throw new Error('the server has no pid');
    const figures: { name: string; value: number; unit: string }[] = [];
    const sample = (moment: string) => figures.push({ name: `${moment}: RSS`, value: rssOf(pid).rss, unit: 'MiB' });
    sample('listening');
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    sample('after 10 heartbeats');
    const token = server.admin?.token ?? (await server.login('admin', process.env.MATTERFLOW_ADMIN_PASSWORD ?? ''));
    let cursor: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
      const answer = await server.request<{ next?: string | null }>(`/api/tasks${query}`, { token });
      if (answer.status !== 200) throw new Error(`GET /api/tasks answered ${answer.status}: ${answer.text}`);
      cursor = answer.body.next ?? null;
      if (!cursor) break;
    }
    sample('after 20 worklist pages');
    for (let n = 0; n < Math.min(READ_CASES, open); n += 1) {
      const answer = await server.request(`/api/cases/open-${n}`, { token });
      if (answer.status !== 200) throw new Error(`GET /api/cases/open-${n} answered ${answer.status}: ${answer.text}`);
    }
    if (open > 0) sample(`after reading ${Math.min(READ_CASES, open).toLocaleString('en-US')} cases`);
    figures.push({ name: 'peak RSS', value: rssOf(pid).peak, unit: 'MiB' });
    return report(label, figures);
  } finally {
    await server.dispose();
  }
}

export async function benchRss(open = 100_000): Promise<Figure[]> {
  const root = mkdtempSync(path.join(process.env.MATTERFLOW_BENCH_DIR ?? tmpdir(), 'matterflow-rss-'));
  try {
    const empty = path.join(root, 'empty');
    const full = path.join(root, 'full');
    await fill(empty, 0);
    const rate = await fill(full, open);
    const figures = report('rss: fill the store', [{ name: 'cases started through commands / s', value: rate }]);
    figures.push(...(await measure(empty, 0, 'rss: server, no case open')));
    figures.push(...(await measure(full, open, `rss: server, ${open.toLocaleString('en-US')} open + timers`)));
    return figures;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
