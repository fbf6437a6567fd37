/**
 * The HTTP edge of the real server process (issue 12 §3), configured through its environment:
 * an oversized login body of 100,000 keys is refused while /healthz keeps answering, deep JSON is
 * refused, /assets and broken paths answer 404/400, and behind a trusted proxy the rate limit
 * tells clients apart by X-Forwarded-For.
 */
import { expect } from 'chai';
import { ServerProcess } from './support/server-process.js';

const manyKeys = (count: number): string => `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',')}}`;

describe('system: the HTTP edge holds in the running server', function () {
  this.timeout(90_000);
  let server: ServerProcess | undefined;
  before(async () => {
    server = await ServerProcess.start({
      dialect: 'sqlite',
      env: { MATTERFLOW_BODY_LIMIT_LOGIN: '2kb', MATTERFLOW_RATE_LIMIT: '4', MATTERFLOW_TRUST_PROXY: 'loopback' },
    });
  });
  after(async () => {
    await server?.dispose();
  });

  it('should refuse 1.5 MB login bodies of 100,000 keys (413, naming the configured limit) while /healthz answers 200 throughout', async () => {
    const s = server!;
    const body = manyKeys(100_000);
    const logins = Array.from({ length: 4 }, (_, i) =>
      s.request<{ code: string; message: { en: string } }>('/api/auth/login', {
        token: null,
        raw: body,
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `192.0.2.${i + 1}` },
      }),
    );
    const probes = Array.from({ length: 10 }, () => s.request('/healthz', { token: null }));
    const [refused, health] = await Promise.all([Promise.all(logins), Promise.all(probes)]);
    for (const answer of refused) {
      expect(answer.status, answer.text.slice(0, 300)).to.equal(413);
      expect(answer.body.code).to.equal('PAYLOAD_TOO_LARGE');
      expect(answer.body.message.en).to.contain('2kb');
    }
    expect(health.map((answer) => answer.status)).to.deep.equal(Array.from({ length: 10 }, () => 200));
    expect((await s.request('/healthz', { token: null })).status).to.equal(200);
  });

  it('should answer 400 to deep JSON and to broken percent-encoding, and 404 to /assets outside the workspace', async () => {
    const s = server!;
    const deep = await s.request<{ code: string }>('/api/matters', {
      raw: `{"matter":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(deep.status, deep.text.slice(0, 300)).to.equal(400);
    expect(deep.body.code).to.equal('BODY_TOO_DEEP');
    const malformed = await s.request<{ code: string }>('/api/cases/%E0%A4%A');
    expect(malformed.status).to.equal(400);
    expect(malformed.body.code).to.equal('MALFORMED_URL');
    for (const url of ['/assets/no-such-file.js', '/assets/.env', '/assets/..%2f..%2fpackage.json']) {
      const answer = await s.request<{ code: string }>(url, { token: null });
      expect(answer.status, url).to.equal(404);
      expect(answer.body.code, url).to.equal('NOT_FOUND');
    }
  });

  it('should count anonymous calls per forwarded client address behind a trusted proxy (MATTERFLOW_TRUST_PROXY)', async () => {
    const s = server!;
    const from = (address: string) =>
      s.request('/api/openapi.json', { token: null, headers: { 'X-Forwarded-For': address } });
    for (let i = 0; i < 4; i++) expect((await from('198.51.100.7')).status).to.equal(200);
    expect((await from('198.51.100.7')).status).to.equal(429);
    expect((await from('198.51.100.8')).status).to.equal(200);
  });
});
