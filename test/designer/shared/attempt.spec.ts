/** The idempotency key of a form's submit (designer/shared/attempt.ts): kept for a retry without an answer, freed by an answer. */
import { expect } from 'chai';
import { ApiFailure } from '../../../designer/shared/api-failure.js';
import { Attempt } from '../../../designer/shared/attempt.js';

describe('designer: a submit’s idempotency key (Attempt)', () => {
  const body = { operation: 'case.conclude', data: { kind: '出证' } };

  it('should keep the key for the same body retried after no answer (network, server error, still running)', () => {
    const attempt = new Attempt();
    const key = attempt.keyFor(body);
    for (const failure of [
      new ApiFailure(0, 'NETWORK', '无法连接服务器'),
      new ApiFailure(503, 'DATABASE_UNAVAILABLE', '数据库不可用'),
      new ApiFailure(409, 'IDEMPOTENCY_IN_PROGRESS', '相同请求正在处理中'),
    ]) {
      attempt.failed(failure);
      expect(attempt.keyFor({ ...body })).to.equal(key);
    }
  });

  it('should give a new key after a refusal, even for the same body', () => {
    const attempt = new Attempt();
    const key = attempt.keyFor(body);
    attempt.failed(new ApiFailure(422, 'MATERIALS_OWED', '容缺材料尚未补齐'));
    expect(attempt.keyFor(body)).to.not.equal(key);
  });

  it('should give a new key for a changed body, and after success', () => {
    const attempt = new Attempt();
    const key = attempt.keyFor(body);
    const changed = attempt.keyFor({ ...body, data: { kind: '不予许可', reason: '不符合条件' } });
    expect(changed).to.not.equal(key);
    attempt.answered();
    expect(attempt.keyFor({ ...body, data: { kind: '不予许可', reason: '不符合条件' } })).to.not.equal(changed);
  });
});
