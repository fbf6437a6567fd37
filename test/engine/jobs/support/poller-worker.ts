/**
 * A "server process" for the multi-process timer test: opens the store on the database named by
 * MF_WORKER_DB (a DatabaseConfig as JSON), with a clock fixed at MF_WORKER_NOW, prints `ready`,
 * waits for `go` on stdin, then runs a TimerPoller until no timer job is left, and prints what it
 * fired as one JSON line: `{"id", "fired": [jobId…], "gone", "failed", "released", "ms"}`.
 */
import { once } from 'node:events';
import { SettableClock } from '../../../../engine/clock.js';
import { jobsOf, type PolledTimer, type TickResult } from '../../../../engine/jobs/index.js';
import { openStore, type DatabaseConfig } from '../../../../engine/store/index.js';

const config = JSON.parse(process.env['MF_WORKER_DB'] ?? 'null') as DatabaseConfig;
const id = process.env['MF_WORKER_ID'] ?? `worker-${process.pid}`;
const store = await openStore({
  database: config,
  clock: new SettableClock(process.env['MF_WORKER_NOW'] ?? new Date().toISOString()),
  migrate: false,
});
const polled: PolledTimer[] = [];
const record = (result: TickResult) => polled.push(...result.timers);
const poller = jobsOf(store).createPoller({
  id,
  batchSize: 20,
  leaseMs: 30_000,
  retryDelayMs: 100,
  serviceJobs: false,
  onTick: record,
});

process.stdout.write('ready\n');
await once(process.stdin, 'data');
const started = performance.now();
record(await poller.start());
const deadline = Date.now() + 50_000;
while (Date.now() < deadline && (await pendingTimers()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
await poller.stop();
const ms = performance.now() - started;
const count = (outcome: PolledTimer['outcome']) => polled.filter((t) => t.outcome === outcome).length;
const fired = polled.filter((t) => t.outcome === 'fired').map((t) => t.jobId);
process.stdout.write(
  `${JSON.stringify({ id, fired, gone: count('gone'), failed: count('failed'), released: count('released'), ms })}\n`,
);
await store.close();
process.stdin.destroy();

async function pendingTimers(): Promise<number> {
  const row = (await store.database.knex('jobs').where({ kind: 'timer' }).count({ n: '*' }).first()) as
    { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}
