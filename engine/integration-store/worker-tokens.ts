/**
 * Worker tokens (`worker_tokens`): bearer tokens for external task workers and other systems,
 * each scoped to topics, message names and signal names. A token is shown once when it is made;
 * only its sha256 is kept. A token starts with `mfw_` so the server tells it from a user's
 * without a second lookup. Revoking stops it at once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { tokenHash } from '../users/index.js';
import { isInsertRaceOn, readJson, writeJson } from '../store/index.js';
import type { WorkerPrincipal, WorkerScope } from '../integration/index.js';
import { IntegrationError } from './errors.js';

/** Every worker token starts with this. */
export const WORKER_TOKEN_PREFIX = 'mfw_';

export interface WorkerTokenRecord extends WorkerScope {
  readonly id: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedBy: string | null;
  readonly revokedAt: string | null;
}

export interface NewWorkerToken extends WorkerScope {
  readonly name: string;
}

/** Make a token; returns it once, with its record. */
export async function createWorkerToken(
  knex: Knex,
  input: NewWorkerToken,
  by: { actor: string; at: string },
): Promise<{ token: string; record: WorkerTokenRecord }> {
  const token = `${WORKER_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const scope = normalizeScope(input);
  try {
    await knex('worker_tokens').insert({
      token_id: id,
      name: input.name.trim(),
      token_hash: tokenHash(token),
      topics: writeJson(scope.topics),
      messages: writeJson(scope.messages),
      signals: writeJson(scope.signals),
      created_by: by.actor,
      created_at: by.at,
    });
  } catch (error) {
    if (isInsertRaceOn(error, ['worker_tokens']))
      throw new IntegrationError(
        'WORKER_TOKEN_EXISTS',
        `已有名为“${input.name}”的接入令牌`,
        `A worker token named ${input.name} exists`,
        undefined,
        '/body/name',
      );
    throw error;
  }
  const record = await getWorkerToken(knex, id);
  return { token, record: record! };
}

export async function listWorkerTokens(knex: Knex): Promise<WorkerTokenRecord[]> {
  return ((await knex('worker_tokens').orderBy('created_at').orderBy('name')) as TokenRow[]).map(toRecord);
}

export async function getWorkerToken(knex: Knex, id: string): Promise<WorkerTokenRecord | null> {
  const row = (await knex('worker_tokens').where({ token_id: id }).first()) as TokenRow | undefined;
  return row ? toRecord(row) : null;
}

/** Revoke a token (again is a no-op); throws WORKER_TOKEN_NOT_FOUND. */
export async function revokeWorkerToken(
  knex: Knex,
  id: string,
  by: { actor: string; at: string },
): Promise<WorkerTokenRecord> {
  await knex('worker_tokens')
    .where({ token_id: id })
    .whereNull('revoked_at')
    .update({ revoked_at: by.at, revoked_by: by.actor });
  const record = await getWorkerToken(knex, id);
  if (!record)
    throw new IntegrationError(
      'WORKER_TOKEN_NOT_FOUND',
      '接入令牌不存在',
      `No worker token ${id}`,
      undefined,
      '/params/id',
    );
  return record;
}

/** The worker a bearer token belongs to, or null (unknown, revoked, or not a worker token). */
export async function workerForToken(knex: Knex, token: string): Promise<WorkerPrincipal | null> {
  if (!token.startsWith(WORKER_TOKEN_PREFIX)) return null;
  const row = (await knex('worker_tokens')
    .where({ token_hash: tokenHash(token) })
    .whereNull('revoked_at')
    .first()) as TokenRow | undefined;
  if (!row) return null;
  const record = toRecord(row);
  return {
    tokenId: record.id,
    name: record.name,
    topics: record.topics,
    messages: record.messages,
    signals: record.signals,
  };
}

interface TokenRow {
  token_id: string;
  name: string;
  topics: unknown;
  messages: unknown;
  signals: unknown;
  created_by: string;
  created_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
}

function toRecord(row: TokenRow): WorkerTokenRecord {
  return {
    id: row.token_id,
    name: row.name,
    topics: readJson<string[]>(row.topics),
    messages: readJson<string[]>(row.messages),
    signals: readJson<string[]>(row.signals),
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedBy: row.revoked_by ?? null,
    revokedAt: row.revoked_at ?? null,
  };
}

function normalizeScope(scope: WorkerScope): WorkerScope {
  const unique = (names: readonly string[]) => [...new Set(names.map((name) => name.trim()))].sort();
  return { topics: unique(scope.topics), messages: unique(scope.messages), signals: unique(scope.signals) };
}
