/**
 * One "server process" of the PostgreSQL scale benchmark (pg-scale.ts): opens a store on the
 * schema it is given, waits for "go" on stdin, drives its share of cases with its clients, and
 * prints `done <cases> <commands>`.
 */
import { createInterface } from 'node:readline';
import { systemClock } from '../engine/clock.js';
import { openStore } from '../engine/store/index.js';
import { driveCases } from './durable.js';

const [url, schema, cases, clients] = process.argv.slice(2);
const store = await openStore({
  database: { client: 'postgres', connectionString: url ?? '', schema: schema ?? 'public' },
  clock: systemClock,
  migrate: false,
});
console.log('ready');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line !== 'go') continue;
  const run = await driveCases(store, Number(cases), Number(clients));
  console.log(`done ${run.cases} ${run.commands}`);
  break;
}
lines.close();
await store.close();
