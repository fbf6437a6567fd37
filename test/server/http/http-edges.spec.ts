/**
 * The HTTP edge holds: JSON bodies are limited by size, depth and keys per route, /assets never
 * answers 500 nor serves outside its folder, broken percent-encoding is a 400, rate limits count
 * per token and honour `trust proxy`, and the request log carries no credential and no
 * 证件号码 in clear.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { PERSONAL_DATA_REDACTION } from '../../../engine/matters/index.js';
import type { AppDependencies } from '../../../server/app.js';
import { serverConfigFromEnv } from '../../../server/config.js';
import { jsonShapeViolation } from '../../../server/http/body-limits.js';
import { redactError } from '../../../server/http/log-redaction.js';
import { testServer, type TestServer } from '../support.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const processesDir = path.resolve(here, '../../../processes');

/** testServer passes its remaining options on to createApp; these are the app options the edge tests set. */
type EdgeOptions = NonNullable<Parameters<typeof testServer>[0]> &
  Partial<Pick<AppDependencies, 'bodyLimits' | 'trustProxy' | 'logger' | 'workspace'>>;
const edgeServer = (options: EdgeOptions): Promise<TestServer> => testServer(options);

/** `{"k0":0,"k1":1,…}` with `count` keys. */
const manyKeys = (count: number): string => `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',')}}`;
/** `[[[…]]]` nested `depth` levels. */
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('server: JSON body limits per route', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer();
  });
  after(() => server.close());
  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });

  it('should answer 413 to a 1.5 MB login body of 100,000 keys, naming the login limit', async () => {
    const body = manyKeys(100_000);
    expect(body.length).to.be.greaterThan(1_400_000);
    const answer = await request(server.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(413);
    expect(answer.body.code).to.equal('PAYLOAD_TOO_LARGE');
    expect(answer.body.message.en).to.contain('8kb');
    expect(answer.body.message.zh).to.contain('8kb');
  });

  it('should answer 400 BODY_TOO_DEEP to 100,000-level nested JSON on POST /api/matters (not a stack overflow)', async () => {
    const answer = await request(server.app)
      .post('/api/matters')
      .set(as('admin'))
      .set('Content-Type', 'application/json')
      .send(`{"matter":${nested(100_000)}}`)
      .expect(400);
    expect(answer.body).to.deep.include({ code: 'BODY_TOO_DEEP', field: '/body' });
    expect(answer.body.message.en).to.contain('64');
    expect(answer.body.message).to.have.keys(['zh', 'en']);
  });

  it('should answer 400 BODY_TOO_MANY_KEYS to a small login body with more keys than a login has', async () => {
    const answer = await request(server.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(manyKeys(100))
      .expect(400);
    expect(answer.body.code).to.equal('BODY_TOO_MANY_KEYS');
    expect(answer.body.message.en).to.contain('32');
  });

  it('should keep case operations small (413 past 256kb) while a BPMN draft of 3 MB is accepted', async () => {
    const operation = await request(server.app)
      .post('/api/cases/BJ-none/operations')
      .set(as('window-li'))
      .send({ operation: 'accept', data: { note: 'x'.repeat(300_000) } })
      .expect(413);
    expect(operation.body.message.en).to.contain('256kb');
    const food = fs.readFileSync(path.join(processesDir, 'food-licence.bpmn'), 'utf8');
    const xml = food.replace('?>', `?>\n<!-- ${'大'.repeat(1_000_000)} -->`);
    expect(Buffer.byteLength(xml)).to.be.greaterThan(3_000_000);
    await request(server.app).post('/api/drafts').set(as('admin')).send({ name: '大模型', xml }).expect(201);
  });

  it('should answer 415 to a charset JSON does not come in, and 400 to a body that does not decompress (never 500)', async () => {
    const charset = await request(server.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{}')
      .expect(415);
    expect(charset.body.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    const gzip = await request(server.app)
      .post('/api/auth/login')
      .set({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      .send('{"not":"gzip"}')
      .expect(400);
    expect(gzip.body.code).to.equal('MALFORMED_BODY');
  });

  it('should count brackets and colons inside strings as text, not structure', async () => {
    expect(
      jsonShapeViolation(JSON.stringify({ user: 'a', password: '{[{[:::]}]}\\"{{{{' }), { depth: 1, keys: 2 }),
    ).to.equal(null);
    expect(jsonShapeViolation('{"a":{"b":1}}', { depth: 1, keys: 10 })).to.deep.equal({ limit: 'depth', max: 1 });
    expect(jsonShapeViolation('[{"a":1},{"b":2},{"c":3}]', { depth: 5, keys: 2 })).to.deep.equal({
      limit: 'keys',
      max: 2,
    });
    const answer = await request(server.app)
      .post('/api/auth/login')
      .send({ user: 'admin', password: '{[{[:::]}]}'.repeat(10) })
      .expect(401);
    expect(answer.body.code).to.not.match(/^BODY_/);
  });

  it('should take the limits it is given (standard: 10 keys)', async () => {
    const small = await edgeServer({
      bodyLimits: {
        login: { size: '8kb', depth: 4, keys: 32 },
        standard: { size: '1kb', depth: 8, keys: 10 },
        large: { size: '4mb', depth: 64, keys: 20_000 },
      },
    });
    try {
      const refused = await request(small.app)
        .post('/api/cases/BJ-none/operations')
        .set({ Authorization: `Bearer ${small.tokens['window-li']}` })
        .set('Content-Type', 'application/json')
        .send(manyKeys(11))
        .expect(400);
      expect(refused.body.code).to.equal('BODY_TOO_MANY_KEYS');
      expect(
        (
          await request(small.app)
            .post('/api/cases')
            .set({ Authorization: `Bearer ${small.tokens['window-li']}` })
            .send({ ...application, form: { note: 'x'.repeat(2_000) } })
            .expect(413)
        ).body.message.en,
      ).to.contain('1kb');
    } finally {
      await small.close();
    }
  });
});

describe('server: /assets and malformed paths', () => {
  let server: TestServer;
  before(async () => {
    server = await edgeServer({ workspace: path.join(here, 'http-edges/workspace') });
  });
  after(() => server.close());

  it('should serve a built file, and answer 404 in the error shape for a missing file, a dotfile and a path out of the folder', async () => {
    expect((await request(server.app).get('/assets/app.js').expect(200)).text).to.contain('served');
    for (const url of [
      '/assets/missing.js',
      '/assets/.env',
      '/assets/..%2foutside.txt',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/assets/%2e%2e/outside.txt',
      '/assets/chunks/..%2f..%2f.env',
    ]) {
      const answer = await request(server.app).get(url);
      expect(answer.status, url).to.equal(404);
      expect(answer.body, url).to.deep.include({ code: 'NOT_FOUND' });
      expect(answer.text, url).to.not.match(/never-served|outside the workspace|"name":\s*"matterflow"/);
    }
  });

  it('should answer 400 MALFORMED_URL to broken percent-encoding in a path, with or without a token', async () => {
    const admin = { Authorization: `Bearer ${server.tokens['admin']}` };
    const attempts: Array<[string, string, boolean]> = [
      ['get', '/api/cases/%E0%A4%A', true],
      ['get', '/api/cases/%E0%A4%A', false],
      ['post', '/api/cases/%E0%A4%A/operations', true],
      ['get', '/api/matters/%ZZ', true],
      ['get', '/api/tasks/%E4%B8', true],
      ['get', '/assets/%E0%A4%A', false],
    ];
    for (const [method, url, withToken] of attempts) {
      const call =
        method === 'post' ? request(server.app).post(url).send({ operation: 'accept' }) : request(server.app).get(url);
      const answer = await (withToken ? call.set(admin) : call);
      expect(answer.status, `${method} ${url}`).to.equal(400);
      expect(answer.body.code, `${method} ${url}`).to.equal('MALFORMED_URL');
      expect(answer.body.message).to.have.keys(['zh', 'en']);
    }
  });
});

describe('server: API rate limit', () => {
  it('should count calls per bearer token, calls without one per address, and invented tokens per address', async () => {
    const server = await testServer({ rateLimit: 3 });
    try {
      const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
      for (let i = 0; i < 3; i++) await request(server.app).get('/api/auth/me').set(as('admin')).expect(200);
      expect((await request(server.app).get('/api/auth/me').set(as('admin')).expect(429)).body.code).to.equal(
        'TOO_MANY_REQUESTS',
      );
      // Another user from the same address has their own allowance, and so has an anonymous caller.
      await request(server.app).get('/api/auth/me').set(as('window-li')).expect(200);
      await request(server.app).get('/api/openapi.json').expect(200);
      // Tokens that do not work are counted by address: a fresh invented token buys nothing.
      for (let i = 0; i < 3; i++)
        await request(server.app)
          .get('/api/auth/me')
          .set({ Authorization: `Bearer invented-${i}` })
          .expect(401);
      await request(server.app).get('/api/auth/me').set({ Authorization: 'Bearer invented-3' }).expect(429);
    } finally {
      await server.close();
    }
  });

  it('should tell clients apart by X-Forwarded-For only when trust proxy is set', async () => {
    const server = await edgeServer({ rateLimit: 2, trustProxy: 'loopback' });
    try {
      const from = (address: string) => request(server.app).get('/api/openapi.json').set('X-Forwarded-For', address);
      await from('203.0.113.1').expect(200);
      await from('203.0.113.1').expect(200);
      await from('203.0.113.1').expect(429);
      await from('203.0.113.2').expect(200);
    } finally {
      await server.close();
    }
  });

  it('should read the limits and trust proxy from the environment, with documented defaults', () => {
    const defaults = serverConfigFromEnv({}).http;
    expect(defaults).to.deep.equal({
      bodyLimits: {
        login: { size: '8kb', depth: 4, keys: 32 },
        standard: { size: '256kb', depth: 32, keys: 5000 },
        large: { size: '4mb', depth: 64, keys: 20000 },
      },
      rateLimit: 1200,
      loginRateLimit: 10,
      trustProxy: false,
    });
    const set = serverConfigFromEnv({
      MATTERFLOW_RATE_LIMIT: '50',
      MATTERFLOW_LOGIN_RATE_LIMIT: '5',
      MATTERFLOW_TRUST_PROXY: '1',
      MATTERFLOW_BODY_LIMIT_LARGE: '8mb',
      MATTERFLOW_BODY_DEPTH_STANDARD: '16',
      MATTERFLOW_BODY_KEYS_LOGIN: '8',
    }).http;
    expect(set).to.deep.include({ rateLimit: 50, loginRateLimit: 5, trustProxy: 1 });
    expect(set.bodyLimits.large.size).to.equal('8mb');
    expect(set.bodyLimits.standard.depth).to.equal(16);
    expect(set.bodyLimits.login.keys).to.equal(8);
    expect(serverConfigFromEnv({ MATTERFLOW_TRUST_PROXY: 'true' }).http.trustProxy).to.equal(true);
    expect(serverConfigFromEnv({ MATTERFLOW_TRUST_PROXY: '10.0.0.0/8, loopback' }).http.trustProxy).to.equal(
      '10.0.0.0/8, loopback',
    );
    expect(() => serverConfigFromEnv({ MATTERFLOW_RATE_LIMIT: 'many' })).to.throw(/MATTERFLOW_RATE_LIMIT/);
    expect(() => serverConfigFromEnv({ MATTERFLOW_BODY_LIMIT_LOGIN: 'big' })).to.throw(/MATTERFLOW_BODY_LIMIT_LOGIN/);
    expect(() => serverConfigFromEnv({ MATTERFLOW_BODY_KEYS_LARGE: '0' })).to.throw(/MATTERFLOW_BODY_KEYS_LARGE/);
  });
});

describe('server: the request log', () => {
  const ID = '330102199001011234';
  const OLD_ID = '330102900101123';
  const ID_X = '11010519491231002X';

  it('should log no bearer token, no cookie and no 证件号码 in clear, wherever in the URL', async () => {
    let text = '';
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => ((text += chunk.toString('utf8')), done()),
    });
    const server = await edgeServer({ logger: pino({ level: 'info', redact: PERSONAL_DATA_REDACTION }, sink) });
    try {
      const token = server.tokens['admin'] ?? '';
      await request(server.app)
        .get(`/api/cases/${ID}`)
        .set({
          Authorization: `Bearer ${token}`,
          Cookie: 'session=cookie-secret-1',
          Referer: `http://example.test/cases/${ID_X}`,
        })
        .expect(404);
      await request(server.app)
        .get(`/api/cases?applicantIdNumber=${ID}&matterCode=${OLD_ID}`)
        .set({ Authorization: `Bearer ${token}` })
        .expect(200);
      await request(server.app)
        .get(`/api/audit/cases/${ID_X}/events?note=${OLD_ID}`)
        .set({ Authorization: `bearer ${token}` });
      expect(text).to.contain('GET');
      for (const secret of [token, 'cookie-secret-1', ID, OLD_ID, ID_X]) expect(text, secret).to.not.contain(secret);
      expect(text).to.contain('330102********1234');
      expect(text).to.contain(`Bearer ${'[已屏蔽]'}`);
    } finally {
      await server.close();
    }
  });

  it('should mask 证件号码 in logged errors and drop the request body body-parser attaches to them', () => {
    const error = Object.assign(new Error(`no applicant ${ID}`), {
      body: '{"password":"secret-1"}',
      details: { idNumber: ID_X },
    });
    const serialized = JSON.stringify(redactError(error));
    expect(serialized).to.contain('330102********1234');
    for (const secret of [ID, ID_X, 'secret-1']) expect(serialized).to.not.contain(secret);
    // pino-http hands over pino's own serialization: the same holds.
    const again = JSON.stringify(redactError(pino.stdSerializers.err(error)));
    for (const secret of [ID, ID_X, 'secret-1']) expect(again).to.not.contain(secret);
  });
});
