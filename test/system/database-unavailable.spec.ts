/**
 * The database going away under the real server process, and coming back: writes and /readyz
 * answer 503 DATABASE_UNAVAILABLE with Retry-After meanwhile, /healthz stays 200, and the same
 * process serves again once the database is back, without a restart.
 *
 * PostgreSQL: the server reaches it through a TCP proxy (test/support/tcp-proxy.ts) that the test
 * stops - connections are cut and new ones refused (ECONNREFUSED), as when PostgreSQL goes down -
 * and restarts on the same port. Roles and databases shared with other tests are left alone.
 *
 * SQLite: the database file and its WAL are made immutable (`chattr +i`): tests run as root, for
 * whom chmod does not stop writes, while the immutable flag does, even through the descriptors
 * the server already holds (a write fails with EPERM, SQLite reports SQLITE_IOERR); reads go on.
 * It needs a filesystem with the flag (ext4, xfs, btrfs; not tmpfs): elsewhere the test is skipped
 * and says why.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { FOOD_LICENCE_APPLICATION as application } from '../support/applications.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { freshDatabase, removeDatabase, ServerProcess, type HttpAnswer } from './support/server-process.js';

describe('system: the database becomes unavailable', function () {
  this.timeout(120_000);

  /** While the database is away: writes and readiness 503 with Retry-After; liveness 200. */
  async function expectUnavailable(server: ServerProcess): Promise<void> {
    for (const key of [null, 'receipt-outage']) {
      const refused = await server.request<{ code: string; message: { zh: string; en: string } }>('/api/cases', {
        body: application,
        ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
      });
      expectRetryLater(refused);
    }
    expectRetryLater(await server.request<{ code: string; message: { zh: string; en: string } }>('/readyz'));
    expect((await server.request('/healthz')).status).to.equal(200);
  }

  /** Once it is back: the same process is ready and receives (the keyed request refused meanwhile too). */
  async function expectServing(server: ServerProcess): Promise<void> {
    await server.eventually(async () => ((await server.request('/readyz')).status === 200 ? true : undefined), {
      what: '/readyz to answer 200 again',
    });
    for (const key of [null, 'receipt-outage']) {
      const received = await server.request('/api/cases', {
        body: application,
        ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
      });
      expect(received.status, received.text).to.equal(201);
    }
  }

  it('should answer 503 DATABASE_UNAVAILABLE while PostgreSQL refuses connections, and serve again once it accepts them', async () => {
    const direct = freshDatabase('postgres');
    if (direct.client !== 'postgres') throw new Error('Expected a PostgreSQL database');
    const proxy = await TcpProxy.start(direct.url);
    const server = await ServerProcess.start({ database: { ...direct, url: proxy.url(direct.url) } });
    try {
      // given a ready server
      expect((await server.request('/readyz')).status).to.equal(200);
      // when PostgreSQL goes away
      await proxy.refuse();
      // then
      await expectUnavailable(server);
      expect(server.log).to.contain('database unavailable');
      // when it is back, then without a restart
      await proxy.restore();
      await expectServing(server);
    } finally {
      await proxy.restore();
      await server.dispose();
      await proxy.close();
      await removeDatabase(direct);
    }
  });

  it('should answer 503 DATABASE_UNAVAILABLE while the SQLite files cannot be written, and serve again once they can', async function () {
    const server = await ServerProcess.start({ dialect: 'sqlite' });
    const dataDir = server.database.client === 'sqlite' ? server.database.dataDir : '';
    const files = ['matterflow.sqlite', 'matterflow.sqlite-wal'].map((name) => path.join(dataDir, name));
    let immutable = false;
    try {
      // given a ready server
      expect((await server.request('/readyz')).status).to.equal(200);
      // when its database files are made unwritable
      try {
        execFileSync('chattr', ['+i', ...files], { stdio: 'pipe' });
        immutable = true;
      } catch {
        this.skip(); // chattr +i is not supported here (e.g. tmpfs, or no CAP_LINUX_IMMUTABLE)
      }
      // then
      await expectUnavailable(server);
      // when they can be written again, then without a restart
      execFileSync('chattr', ['-i', ...files]);
      immutable = false;
      await expectServing(server);
    } finally {
      if (immutable) execFileSync('chattr', ['-i', ...files]);
      await server.dispose();
    }
  });
});

function expectRetryLater(answer: HttpAnswer<{ code: string; message: { zh: string; en: string } }>): void {
  expect(answer.status, answer.text).to.equal(503);
  expect(answer.body.code).to.equal('DATABASE_UNAVAILABLE');
  expect(answer.body.message.zh).to.match(/数据库/);
  expect(answer.body.message.en).to.match(/database/i);
  expect(Number(answer.headers.get('retry-after'))).to.be.greaterThan(0);
}
