/**
 * npm run bench: prints the engine's figures. Benchmarks measure; tests never assert timings.
 *   MATTERFLOW_BENCH_CASES          cases for the in-memory runtime (default 20000)
 *   MATTERFLOW_BENCH_DURABLE_CASES  cases for each durable SQLite run, 1 and 16 clients (default 2000)
 *   MATTERFLOW_BENCH_GROWTH_EVENTS  events already in the larger store of the growth run (default 1000000)
 *   MATTERFLOW_BENCH_PG_CASES       cases for each PostgreSQL run, 1 / 2 / 4 processes (default 600)
 *   MATTERFLOW_BENCH_LOAD_REQUESTS  task completions over HTTP with 16 connections (default 2000)
 *   MATTERFLOW_BENCH_TIMERS         pending timers for the timer benchmark (default 100000)
 *   MATTERFLOW_BENCH_WORKLIST_CASES open cases behind GET /api/tasks (default 2000)
 *   MATTERFLOW_BENCH_COMPARE_CASES  cases for each contender, ours against bpmn-engine (default 4000)
 *   MATTERFLOW_BENCH_RSS_CASES      open cases (and pending timers) behind the server's RSS (default 100000)
 */
import { benchBundles } from './bundles.js';
import { benchCompareBpmnEngine } from './compare-bpmn-engine.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchDurable } from './durable.js';
import { benchGrowth } from './growth.js';
import { benchPgScale } from './pg-scale.js';
import { benchModelWorkers } from './model-workers.js';
import { peakRssMiB, report } from './report.js';
import { benchRss } from './rss.js';
import { benchRuntime } from './runtime.js';
import { benchTimers } from './timers.js';
import { benchWorklist } from './worklist.js';

const inMemory = Number(process.env.MATTERFLOW_BENCH_CASES ?? 20_000);
const durable = Number(process.env.MATTERFLOW_BENCH_DURABLE_CASES ?? 2_000);
console.log(`Matterflow benchmarks - node ${process.version}\n`);
console.log(
  'Process: start -> parallel split to 3 user tasks -> join -> exclusive gateway -> end (4 commands a case)\n',
);
await benchRuntime(Math.min(2_000, inMemory)).then(() => console.log('(warm-up above)\n'));
await benchRuntime(inMemory);
await benchDurable(durable);
await benchGrowth(Math.min(durable, 1_000), [10_000, Number(process.env.MATTERFLOW_BENCH_GROWTH_EVENTS ?? 1_000_000)]);
console.log('\nPostgreSQL: server processes on one database (127.0.0.1:5432, MATTERFLOW_BENCH_PG_URL)\n');
await benchPgScale(Number(process.env.MATTERFLOW_BENCH_PG_CASES ?? 600));
console.log('\nTimers: pending timers on a SQLite file, the poller claiming and firing the due ones\n');
await benchTimers(Number(process.env.MATTERFLOW_BENCH_TIMERS ?? 100_000));
console.log('\nWorklist: GET /api/tasks over HTTP, one query a page\n');
await benchWorklist(Number(process.env.MATTERFLOW_BENCH_WORKLIST_CASES ?? 2_000));
console.log('\nRSS: the real server process (npm start) on a SQLite file with open cases and pending timers\n');
await benchRss(Number(process.env.MATTERFLOW_BENCH_RSS_CASES ?? 100_000));
report('process', [{ name: 'peak RSS', value: peakRssMiB(), unit: 'MiB' }]);
console.log('\nHTTP: task completions over loopback, 16 connections (bench/load.ts in its own process)\n');
spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./load.ts', import.meta.url))], {
  stdio: 'inherit',
  env: {
    ...process.env,
    MATTERFLOW_LOAD_CONNECTIONS: '16',
    MATTERFLOW_LOAD_REQUESTS: process.env.MATTERFLOW_BENCH_LOAD_REQUESTS ?? '2000',
  },
});
// After the peak RSS above: bpmn-engine's open cases take about 1 MB of heap each.
console.log('\nIn memory against bpmn-engine 25 (the same process; contenders interleaved in one run)\n');
await benchCompareBpmnEngine(Number(process.env.MATTERFLOW_BENCH_COMPARE_CASES ?? 4_000));
// After the peak RSS above: its in-thread comparison compiles a 2 MB model in this process.
console.log(
  '\nLarge BPMN: /healthz while the real server parses, compiles and lints a 2 MB model in its model workers\n',
);
await benchModelWorkers();
console.log('\nWorkspace: what each page downloads (minified, gzip)\n');
await benchBundles();
