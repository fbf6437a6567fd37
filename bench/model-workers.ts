/**
 * /healthz while large BPMN files arrive. Starts the real server process (server/main.ts under
 * tsx, as npm start does, on a fresh SQLite folder) with 1 and with 2 model workers, and for each
 * request below probes GET /healthz every 10 ms from this process, printing the request's time
 * and the probes' latency (p50, p99, max) while it ran:
 *   - POST /api/definitions: a deployable model of 5,000 XML elements (the limit) and about 2 MB;
 *   - POST /api/drafts: the same size, saved as a draft;
 *   - POST /api/definitions: 5,001 elements (refused unparsed, xml-too-many-elements);
 *   - POST /api/definitions: the 100,000-element file of issue 12 (refused likewise);
 *   - POST /api/definitions: the costliest compile under the limits, a chain of 1,990 tasks
 *     without a diagram (reachability of about two million pairs, crossing back from the worker).
 * For comparison, the first deploy again with the work on the event loop (createApp in this
 * process with the in-process models, as before the workers): the probe then waits for the loop.
 * Issue 12 asks for /healthz under 100 ms while a 2 MB model is deployed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { LiveCalendar } from '../engine/calendar-store/index.js';
import { systemClock } from '../engine/clock.js';
import { migrateLatest, openDatabase, openStore } from '../engine/store/index.js';
import { createApp } from '../server/app.js';
import { createUser } from '../engine/users-store/index.js';
import { bareChainModel, chainModel, manyTasksModel } from '../test/support/large-models.js';
import { ServerProcess } from '../test/system/support/server-process.js';
import { report, type Figure } from './report.js';

const LIMIT = 5_000;
const BARE_TASKS = 1_990;

interface Probed {
  readonly status: number;
  readonly ms: number;
  readonly latencies: readonly number[];
}

export async function benchModelWorkers(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const workers of [1, 2]) {
    const server = await ServerProcess.start({
      env: { MATTERFLOW_MODEL_WORKERS: String(workers), MATTERFLOW_POLLER: 'off' },
    });
    try {
      const token = server.admin?.token ?? '';
      // Warm the workers (their first task loads the model code's caches) and the connection.
      await post(server.url, token, '/api/drafts', {
        name: 'warm-up',
        xml: chainModel({ elements: 200, processId: 'warmUp' }),
      });
      const requests: Array<[string, string, Record<string, unknown>]> = [
        [
          `deploy ${LIMIT.toLocaleString('en-US')} elements`,
          '/api/definitions',
          { xml: chainModel({ elements: LIMIT, bytes: 2_000_000, processId: `large${workers}` }) },
        ],
        [
          `draft ${LIMIT.toLocaleString('en-US')} elements`,
          '/api/drafts',
          { name: '大型流程', xml: chainModel({ elements: LIMIT, bytes: 2_000_000, processId: `draft${workers}` }) },
        ],
        [
          `deploy ${(LIMIT + 1).toLocaleString('en-US')} elements`,
          '/api/definitions',
          { xml: chainModel({ elements: LIMIT + 1, bytes: 2_000_000, processId: `over${workers}` }) },
        ],
        ['deploy 100,000 elements', '/api/definitions', { xml: manyTasksModel(100_000) }],
        [
          `deploy ${BARE_TASKS.toLocaleString('en-US')}-task bare chain`,
          '/api/definitions',
          { xml: bareChainModel(BARE_TASKS, `bare${workers}`) },
        ],
      ];
      const section = `model workers: real server, ${workers} worker${workers > 1 ? 's' : ''}`;
      for (const [label, route, body] of requests) {
        const probed = await whileProbing(server.url, () => post(server.url, token, route, body));
        figures.push(...report(section, rows(`${label} (${mib(body)} MiB)`, probed)));
      }
    } finally {
      await server.dispose();
    }
  }
  figures.push(...(await inThread()));
  return figures;
}

/** The first deploy with the work on the event loop: createApp in this process, in-process models. */
async function inThread(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(process.env.MATTERFLOW_BENCH_DIR ?? tmpdir(), 'matterflow-model-'));
  const database = await openDatabase({ client: 'sqlite', filename: path.join(dir, 'model.sqlite') });
  try {
    await migrateLatest(database);
    const calendar = await LiveCalendar.open(database.knex, { warn: () => undefined });
    const store = await openStore({ database, clock: systemClock, calendar });
    const { token } = await createUser(
      database.knex,
      { id: 'admin', name: '管理员', roles: ['admin'] },
      { actor: 'bench', at: new Date().toISOString() },
    );
    const listener = createApp({ db: database, store, logger: pino({ level: 'silent' }), calendar }).listen(
      0,
      '127.0.0.1',
    );
    await new Promise((resolve) => listener.once('listening', resolve));
    const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    try {
      await post(url, token, '/api/drafts', {
        name: 'warm-up',
        xml: chainModel({ elements: 200, processId: 'warmUp' }),
      });
      const section = 'model workers: none (work on the loop)';
      const large = { xml: chainModel({ elements: LIMIT, bytes: 2_000_000, processId: 'inThread' }) };
      const bare = { xml: bareChainModel(BARE_TASKS, 'bareInThread') };
      return [
        ...report(
          section,
          rows(
            `deploy ${LIMIT.toLocaleString('en-US')} elements (${mib(large)} MiB)`,
            await whileProbing(url, () => post(url, token, '/api/definitions', large)),
          ),
        ),
        ...report(
          section,
          rows(
            `deploy ${BARE_TASKS.toLocaleString('en-US')}-task bare chain (${mib(bare)} MiB)`,
            await whileProbing(url, () => post(url, token, '/api/definitions', bare)),
          ),
        ),
      ];
    } finally {
      await new Promise((resolve) => listener.close(resolve));
      await store.close();
    }
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function post(url: string, token: string, route: string, body: unknown): Promise<number> {
  const response = await fetch(url + route, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

/** `work` while GET /healthz is sent every 10 ms (each probe on its own, so a stalled server collects several). */
async function whileProbing(url: string, work: () => Promise<number>): Promise<Probed> {
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const probe = () => {
    const sent = performance.now();
    const done = fetch(`${url}/healthz`).then(async (response) => {
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };
  const timer = setInterval(probe, 10);
  const started = performance.now();
  const status = await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  await Promise.all(inFlight);
  return { status, ms, latencies };
}

function rows(label: string, { status, ms, latencies }: Probed): Array<Omit<Figure, 'section'>> {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return [
    { name: `${label}: HTTP ${status}`, value: ms, unit: 'ms' },
    { name: `  /healthz p50 (${sorted.length} probes)`, value: at(0.5), unit: 'ms' },
    { name: '  /healthz p99', value: at(0.99), unit: 'ms' },
    { name: '  /healthz max', value: sorted.at(-1) ?? Number.NaN, unit: 'ms' },
  ];
}

function mib(body: unknown): string {
  return (Buffer.byteLength(JSON.stringify(body)) / 1024 / 1024).toFixed(1);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchModelWorkers();
