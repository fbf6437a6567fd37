import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { SettableClock } from '../../../engine/clock.js';
import { dropSchema } from '../../../engine/store/database.js';
import { openStore, type DatabaseConfig } from '../../../engine/store/index.js';
import { testDialect, testPostgresUrl } from '../../support/test-database.js';
import { fixture } from './fixture.js';

const CHILD = fileURLToPath(new URL('./support/crash-mid-batch.ts', import.meta.url));
const CASES = 40;

describe('store: group commit across a crash', function () {
  this.timeout(60_000);
  let config: DatabaseConfig;
  let cleanup: () => Promise<void>;

  beforeEach(() => {
    if (testDialect() === 'postgres') {
      const schema = `mf_crash_${randomBytes(6).toString('hex')}`;
      config = { client: 'postgres', connectionString: testPostgresUrl(), schema };
      cleanup = () => dropSchema(testPostgresUrl(), schema);
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-crash-'));
      config = { client: 'sqlite', filename: path.join(dir, 'crash.sqlite') };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  afterEach(async () => {
    await cleanup();
  });

  it('should lose no acknowledged command, and keep nothing of the batch in flight, when the process dies mid-batch', async () => {
    // given a process that completes 40 tasks at once and is killed during its 25th completion
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, JSON.stringify(config), String(CASES), '25', fixture('dispatch.two-steps')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

    // when it dies
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, sig) => resolve(sig)),
    );
    expect(signal, output).to.equal('SIGKILL');

    // then every answered command is in the store, none of the batch in flight, every case whole
    const answered = (what: string) =>
      new Map([...output.matchAll(new RegExp(`^${what} (\\S+) (\\d+)$`, 'gm'))].map((m) => [m[1] ?? '', Number(m[2])]));
    const started = answered('start');
    const done = answered('done');
    expect(started.size, output).to.equal(CASES);
    expect(done.size, 'the waves answered before the crash').to.equal(20);
    const store = await openStore({ database: config, clock: new SettableClock('2025-01-06T01:00:00.000Z') });
    try {
      for (const [caseId, seq] of started) {
        const state = await store.getCase(caseId);
        expect(state?.seq, caseId).to.equal(done.get(caseId) ?? seq);
        expect(await store.verify(caseId), caseId).to.deep.equal({ ok: true });
      }
    } finally {
      await store.close();
    }
  });
});
