/** Shared set-up of the integration-store specs: an engine over an isolated database, worker tokens. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { createWorkerToken, workerForToken } from '../../../engine/integration-store/index.js';
import type { WorkerPrincipal, WorkerScope } from '../../../engine/integration/index.js';
import { migrateLatest } from '../../../engine/store/index.js';
import { TestEngine } from '../../support/test-engine.js';

const DIR = path.dirname(fileURLToPath(import.meta.url));

/** The XML of `<name>.bpmn` beside these specs. */
export function fixtureXml(name: string): string {
  return readFileSync(path.join(DIR, `${name}.bpmn`), 'utf8');
}

/** A fresh engine (migrated) with `fixtures` deployed. */
export async function engineWith(...fixtures: string[]): Promise<TestEngine> {
  const engine = await TestEngine.create();
  await migrateLatest(engine.store.database);
  for (const name of fixtures) await engine.deploy(fixtureXml(name));
  return engine;
}

/** A worker token of `name` with `scope`, as the API would authenticate it. */
export async function worker(
  engine: TestEngine,
  name: string,
  scope: Partial<WorkerScope> = {},
): Promise<WorkerPrincipal & { token: string }> {
  const { token } = await createWorkerToken(
    engine.store.database.knex,
    { name, topics: scope.topics ?? [], messages: scope.messages ?? [], signals: scope.signals ?? [] },
    { actor: 'admin', at: '2025-01-01T00:00:00.000Z' },
  );
  const principal = await workerForToken(engine.store.database.knex, token);
  if (!principal) throw new Error('the new token does not authenticate');
  return { ...principal, token };
}
