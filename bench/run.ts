/**
 * npm run bench: prints the engine's figures. Benchmarks measure; tests never assert timings.
 *   MATTERFLOW_BENCH_CASES          cases for the in-memory runtime (default 20000)
 *   MATTERFLOW_BENCH_DURABLE_CASES  cases for the durable SQLite run (default 2000)
 *   MATTERFLOW_BENCH_TIMERS         pending timers for the timer benchmark (default 100000)
 *   MATTERFLOW_BENCH_WORKLIST_CASES open cases behind GET /api/tasks (default 2000)
 */
import { benchBundles } from './bundles.js';
import { benchDurable } from './durable.js';
import { benchModelWorkers } from './model-workers.js';
import { peakRssMiB, report } from './report.js';
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
console.log('\nTimers: pending timers on a SQLite file, the poller claiming and firing the due ones\n');
await benchTimers(Number(process.env.MATTERFLOW_BENCH_TIMERS ?? 100_000));
console.log('\nWorklist: GET /api/tasks over HTTP, one query a page\n');
await benchWorklist(Number(process.env.MATTERFLOW_BENCH_WORKLIST_CASES ?? 2_000));
report('process', [{ name: 'peak RSS', value: peakRssMiB(), unit: 'MiB' }]);
// After the peak RSS above: its in-thread comparison compiles a 2 MB model in this process.
console.log(
  '\nLarge BPMN: /healthz while the real server parses, compiles and lints a 2 MB model in its model workers\n',
);
await benchModelWorkers();
console.log('\nWorkspace: what each page downloads (minified, gzip)\n');
await benchBundles();
