/**
 * npm run bench: prints the engine's figures. Benchmarks measure; tests never assert timings.
 *   MATTERFLOW_BENCH_CASES  cases per section (default 20000 in memory, 2000 durable)
 */
import { peakRssMiB, report } from './report.js';
import { benchRuntime } from './runtime.js';

const inMemory = Number(process.env.MATTERFLOW_BENCH_CASES ?? 20_000);
console.log(`Matterflow benchmarks - node ${process.version}, ${new Date().toISOString()}\n`);
await benchRuntime(Math.min(2_000, inMemory)); // warm-up, not reported separately
await benchRuntime(inMemory);
report('process', [{ name: 'peak RSS', value: peakRssMiB(), unit: 'MiB' }]);
