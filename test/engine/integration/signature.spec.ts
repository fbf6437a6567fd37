import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { signBody, verifySignature } from '../../../engine/integration/index.js';

describe('integration: webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"case-1:3","kind":"case.accepted"}';
  const timestamp = 1_793_500_000;

  it('should sign `<timestamp>.<body>` with HMAC-SHA256 of the secret, as v1=<hex>', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(signBody(secret, timestamp, body)).to.equal(`v1=${expected}`);
  });

  it('should accept an authentic, recent delivery', () => {
    const signature = signBody(secret, timestamp, body);
    expect(verifySignature({ secret, body, signature, timestamp: String(timestamp), now: timestamp + 10 })).to.equal(
      null,
    );
  });

  it('should NOT accept a changed body, another secret, a stale timestamp or missing headers', () => {
    const signature = signBody(secret, timestamp, body);
    const check = { secret, body, signature, timestamp: String(timestamp), now: timestamp };
    expect(verifySignature({ ...check, body: body.replace('3', '4') })).to.equal('mismatch');
    expect(verifySignature({ ...check, secret: 'whsec_other' })).to.equal('mismatch');
    expect(verifySignature({ ...check, timestamp: String(timestamp + 1) })).to.equal('mismatch');
    expect(verifySignature({ ...check, now: timestamp + 301 })).to.equal('stale');
    expect(verifySignature({ ...check, signature: undefined })).to.equal('missing');
    expect(verifySignature({ ...check, timestamp: 'yesterday' })).to.equal('malformed');
  });
});
