/**
 * Idempotency-Key for state-changing POSTs: the first request with a key reserves it, runs, and
 * stores its result; a retry with the same key and body gets that result back and changes
 * nothing; the same key with another body is refused; a retry while the first still runs gets
 * a 409. Results of client errors are kept too (a retry is refused the same way); a server
 * error frees the key.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { ApiError, fromEngineError } from './errors.js';

type Result = { readonly status?: number; readonly body: unknown };

export async function idempotent(knex: Knex, userId: string, key: string, request: { method: string; path: string; body: unknown }, run: () => Promise<Result>): Promise<Result> {
  if (key.length > 200) throw new ApiError(400, 'INVALID_INPUT', 'Idempotency-Key 过长（最多 200 字符）', 'Idempotency-Key is longer than 200 characters', 'header/Idempotency-Key');
  const requestHash = createHash('sha256').update(JSON.stringify([request.method, request.path, request.body ?? null])).digest('hex');
  // The primary key decides who runs: exactly one insert of (user, key) succeeds.
  if (!(await reserve(knex, userId, key, requestHash))) return replay(knex, userId, key, requestHash);
  try {
    const result = await run();
    await store(knex, userId, key, result.status ?? 200, result.body);
    return result;
  } catch (error) {
    const known = fromEngineError(error);
    if (known && known.status < 500) await store(knex, userId, key, known.status, { __error: known.body });
    else await knex('idempotency_keys').where({ user_id: userId, key }).delete();
    throw error;
  }
}

async function reserve(knex: Knex, userId: string, key: string, requestHash: string): Promise<boolean> {
  try {
    await knex('idempotency_keys').insert({ user_id: userId, key, request_hash: requestHash, status: 0, body: null, created_at: new Date().toISOString() });
    return true;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === '23505' || code === 'SQLITE_CONSTRAINT' || /UNIQUE constraint/i.test(message ?? '')) return false;
    throw error;
  }
}

async function store(knex: Knex, userId: string, key: string, status: number, body: unknown): Promise<void> {
  await knex('idempotency_keys').where({ user_id: userId, key }).update({ status, body: JSON.stringify(body ?? null) });
}

async function replay(knex: Knex, userId: string, key: string, requestHash: string): Promise<Result> {
  const row = (await knex('idempotency_keys').where({ user_id: userId, key }).first()) as { request_hash: string; status: number; body: string | null } | undefined;
  if (!row) throw new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS', '相同请求正在处理中，请稍后重试', 'A request with this Idempotency-Key is in progress');
  if (row.request_hash !== requestHash) {
    throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', '该幂等键已用于另一个请求', 'This Idempotency-Key was used for a different request', 'header/Idempotency-Key');
  }
  if (Number(row.status) === 0) throw new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS', '相同请求正在处理中，请稍后重试', 'A request with this Idempotency-Key is in progress');
  const body = JSON.parse(row.body ?? 'null') as unknown;
  if (body && typeof body === 'object' && '__error' in body) {
    const error = (body as { __error: { code: string; message: { zh: string; en: string }; field?: string } }).__error;
    throw new ApiError(Number(row.status), error.code, error.message.zh, error.message.en, error.field);
  }
  return { status: Number(row.status), body };
}
