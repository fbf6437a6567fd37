/**
 * The database going away, in-process: a driver error meaning "unavailable" answers 503
 * DATABASE_UNAVAILABLE with Retry-After (one recogniser: engine/store isDatabaseUnavailable),
 * /readyz proves the database takes a write, and both recover without a restart. SQLite is made
 * to refuse writes with `PRAGMA query_only` on the store's one connection (SQLITE_READONLY);
 * PostgreSQL is reached through a proxy that stops accepting connections (ECONNREFUSED).
 */
import { expect } from 'chai';
import request from 'supertest';
import { fromEngineError } from '../../../server/http/errors.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';
import { TcpProxy } from '../../support/tcp-proxy.js';
import { testDialect, testPostgresUrl } from '../../support/test-database.js';
import { testServer, type TestServer } from '../support.js';

describe('server: database unavailable', () => {
  describe('recognising it', () => {
    const unavailable: Array<[string, unknown]> = [
      [
        'PostgreSQL refusing connections',
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ],
      [
        'a connection tried on two addresses',
        new AggregateError(
          [Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })],
          'connect failed',
        ),
      ],
      ['a connection cut', new Error('Connection terminated unexpectedly')],
      [
        'no pooled connection in time',
        Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), {
          name: 'KnexTimeoutError',
        }),
      ],
      [
        'PostgreSQL shutting down (57P01)',
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ],
      [
        'PostgreSQL starting up (57P03)',
        Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      ],
      ['a connection failure (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
      ['too many connections (53300)', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
      [
        'a standby refusing writes (25006)',
        Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' }),
      ],
      [
        'a read-only SQLite file',
        Object.assign(new Error('SQLITE_READONLY: attempt to write a readonly database'), { code: 'SQLITE_READONLY' }),
      ],
      [
        'a SQLite file that cannot be opened',
        Object.assign(new Error('SQLITE_CANTOPEN: unable to open database file'), { code: 'SQLITE_CANTOPEN' }),
      ],
      ['a SQLite I/O error', Object.assign(new Error('SQLITE_IOERR: disk I/O error'), { code: 'SQLITE_IOERR' })],
      ['a full disk', Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' })],
      [
        'a SQLite lock held past the busy timeout',
        Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' }),
      ],
      [
        'a cause of a wrapping error',
        new Error('loading failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        }),
      ],
    ];
    for (const [what, error] of unavailable) {
      it(`should answer 503 DATABASE_UNAVAILABLE with Retry-After to ${what}`, () => {
        const mapped = fromEngineError(error);
        expect(mapped?.status).to.equal(503);
        expect(mapped?.body.code).to.equal('DATABASE_UNAVAILABLE');
        expect(mapped?.body.message.zh).to.match(/数据库/);
        expect(mapped?.body.message.en).to.match(/database/i);
        expect(mapped?.retryAfterSeconds).to.be.greaterThan(0);
      });
    }

    const others: Array<[string, unknown]> = [
      [
        'a unique key violated (23505)',
        Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
      ],
      [
        'a SQLite constraint',
        Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: cases.case_id'), {
          code: 'SQLITE_CONSTRAINT',
        }),
      ],
      ['a syntax error (42601)', Object.assign(new Error('syntax error at or near'), { code: '42601' })],
      ['a bug', new TypeError('Cannot read properties of undefined')],
    ];
    for (const [what, error] of others) {
      it(`should NOT call ${what} an unavailable database`, () => {
        expect(fromEngineError(error)).to.equal(null);
      });
    }
  });

  describe(`through the app (${testDialect()})`, () => {
    let server: TestServer;
    let proxy: TcpProxy | null = null;

    beforeEach(async () => {
      if (testDialect() === 'postgres') {
        // The test database's pools connect through the proxy (openTestDatabase reads the URL once, at open).
        proxy = await TcpProxy.start(testPostgresUrl());
        const direct = process.env['MATTERFLOW_TEST_PG_URL'];
        process.env['MATTERFLOW_TEST_PG_URL'] = proxy.url(testPostgresUrl());
        try {
          server = await testServer();
        } finally {
          if (direct === undefined) delete process.env['MATTERFLOW_TEST_PG_URL'];
          else process.env['MATTERFLOW_TEST_PG_URL'] = direct;
        }
      } else {
        server = await testServer();
      }
    });
    afterEach(async () => {
      await proxy?.restore();
      await server.close();
      await proxy?.close();
      proxy = null;
    });

    /** SQLite: the one connection refuses writes; PostgreSQL: the server is unreachable. */
    const takeAway = async () =>
      proxy ? proxy.refuse() : void (await server.db.database.knex.raw('PRAGMA query_only = ON'));
    const giveBack = async () =>
      proxy ? proxy.restore() : void (await server.db.database.knex.raw('PRAGMA query_only = OFF'));
    const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });

    it('should answer writes and /readyz with 503 DATABASE_UNAVAILABLE and Retry-After while the database is away, and 200 again once it is back', async () => {
      // given a ready server
      await request(server.app).get('/readyz').expect(200);
      // when the database stops taking writes
      await takeAway();
      // then a write, keyed or not, is refused with 503 and a time to retry, in Chinese and English
      for (const key of [null, 'receipt-outage-1']) {
        const refused = await (
          key
            ? request(server.app).post('/api/cases').set(as('window-li')).set('Idempotency-Key', key)
            : request(server.app).post('/api/cases').set(as('window-li'))
        )
          .send(application)
          .expect(503);
        expect(refused.body.code).to.equal('DATABASE_UNAVAILABLE');
        expect(refused.body.message.zh).to.match(/数据库/);
        expect(Number(refused.headers['retry-after'])).to.be.greaterThan(0);
      }
      // and readiness says so, while liveness does not
      const ready = await request(server.app).get('/readyz').expect(503);
      expect(ready.body.code).to.equal('DATABASE_UNAVAILABLE');
      expect(Number(ready.headers['retry-after'])).to.be.greaterThan(0);
      await request(server.app).get('/healthz').expect(200);
      // when it is back, then the same server is ready and the keyed retry is received, once
      await giveBack();
      await request(server.app).get('/readyz').expect(200);
      const received = await request(server.app)
        .post('/api/cases')
        .set(as('window-li'))
        .set('Idempotency-Key', 'receipt-outage-1')
        .send(application)
        .expect(201);
      expect((await server.store.listCases({})).map((summary) => summary.caseId)).to.deep.equal([received.body.caseId]);
    });

    it('should write to the database on every /readyz (a read is not proof of a write)', async () => {
      await request(server.app).get('/readyz').expect(200);
      const probe = (await server.db.database.knex('readiness_probe').select('probe_id')) as Array<{
        probe_id: string;
      }>;
      expect(probe.map((row) => row.probe_id)).to.deep.equal(['readyz']);
    });
  });
});
