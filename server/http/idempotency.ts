/**
 * Idempotency-Key for state-changing POSTs: the first request with a key reserves it, runs, and
 * stores its result; a retry with the same key and body gets that result back and changes
 * nothing; the same key with another body is refused; a retry while the first still runs gets a
 * 409. Results of client errors are kept too (a retry is refused the same way); a server error
 * frees the key, unless a command of it committed.
 *
 * Surviving a crash. A reservation belongs to one attempt (`owner`) for a lease, which the
 * attempt renews while it runs; when the process dies the lease runs out, and a retry takes the
 * key over. The case commands an attempt runs record what they committed in their own
 * transactions (engine/store `withCommandRecord`; a command commits only while its attempt still
 * owns the key), so the retry knows: it runs the route again, and each command that already
 * committed answers from its record instead of running a second time - one effect, and the retry
 * gets the response the first attempt would have sent. Writes that do not go through the case
 * dispatcher (drafts, matters, deployments, ratings, users, departments, calendar data) are only
 * protected by the takeover: after a crash they run again.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { CommandRecord, withCommandRecord, type CommandRecordEntry } from '../../engine/store/index.js';
import { ApiError, fromEngineError } from './errors.js';

type Result = { readonly status?: number; readonly body: unknown };

export interface IdempotencyOptions {
  /**
   * How long a reservation stands without its attempt renewing it (every third of this) before a
   * retry may take the key over (default 60 s): longer than a request can stall without dying.
   */
  readonly leaseMs?: number;
  /** The wall clock leases are measured on (default the system clock). */
  readonly now?: () => Date;
  /** TEST ONLY: awaited inside each command's transaction, before it records itself and commits. */
  readonly beforeCommit?: () => Promise<void>;
  /** TEST ONLY: awaited after the route returned (its commands committed), before the result is stored. */
  readonly beforeStore?: () => Promise<void>;
}

export interface IdempotentRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  /** Where a takeover is logged. */
  readonly log?: { info(details: object, message: string): void };
}

export const DEFAULT_IDEMPOTENCY_LEASE_MS = 60_000;

const KEYS = 'idempotency_keys';
const EFFECTS = 'idempotency_effects';

interface KeyRow {
  readonly request_hash: string;
  readonly status: number | string;
  readonly body: string | null;
  readonly owner: string | null;
  readonly lease_expires_at: string | null;
}

export async function idempotent(
  knex: Knex,
  userId: string,
  key: string,
  request: IdempotentRequest,
  run: () => Promise<Result>,
  options: IdempotencyOptions = {},
): Promise<Result> {
  if (key.length > 200)
    throw new ApiError(
      400,
      'INVALID_INPUT',
      'Idempotency-Key 过长（最多 200 字符）',
      'Idempotency-Key is longer than 200 characters',
      'header/Idempotency-Key',
    );
  const requestHash = createHash('sha256')
    .update(JSON.stringify([request.method, request.path, request.body ?? null]))
    .digest('hex');
  const reservation = new Reservation(knex, userId, key, options);
  const claimed = await reservation.claim(requestHash, request.log);
  if ('result' in claimed) return claimed.result;

  const record = new CommandRecord(claimed.committed, async (trx, entry, seq) => {
    await options.beforeCommit?.();
    if (!(await reservation.renew(trx))) {
      throw new ApiError(
        409,
        'IDEMPOTENCY_IN_PROGRESS',
        '该请求已由重试接手处理，本次未生效',
        'A retry with this Idempotency-Key took the request over; this attempt changed nothing',
      );
    }
    await trx(EFFECTS).insert({ user_id: userId, key, seq, entry: JSON.stringify(entry) });
  });
  const heartbeat = setInterval(() => void reservation.renew(knex).catch(() => false), reservation.leaseMs / 3);
  heartbeat.unref();
  try {
    const result = await withCommandRecord(record, run);
    await options.beforeStore?.();
    await reservation.finish(result.status ?? 200, result.body);
    return result;
  } catch (error) {
    const known = fromEngineError(error);
    // Bookkeeping may fail too (the database went away): the lease then frees the key.
    if (known && known.status < 500)
      await reservation.finish(known.status, { __error: known.body }).catch(() => undefined);
    else await reservation.abandon().catch(() => undefined);
    throw error;
  } finally {
    clearInterval(heartbeat);
    record.close();
  }
}

/** One attempt's hold on (user, key): claiming, renewing, finishing or giving it up. */
class Reservation {
  readonly leaseMs: number;
  readonly #knex: Knex;
  readonly #id: { readonly user_id: string; readonly key: string };
  readonly #now: () => Date;
  #owner = '';

  constructor(knex: Knex, userId: string, key: string, options: IdempotencyOptions) {
    this.#knex = knex;
    this.#id = { user_id: userId, key };
    this.#now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS;
  }

  /**
   * Reserve the key (exactly one insert of (user, key) succeeds), or take over a reservation
   * whose lease ran out, with what its attempts committed; or the stored result of a finished
   * request. Throws when the key belongs to another request or a live attempt still runs it.
   */
  async claim(
    requestHash: string,
    log?: IdempotentRequest['log'],
  ): Promise<{ committed: CommandRecordEntry[] } | { result: Result }> {
    for (let round = 0; round < 3; round += 1) {
      this.#owner = randomUUID();
      const now = this.#now();
      if (await this.#insert(requestHash, now)) return { committed: [] };
      const row = (await this.#knex(KEYS).where(this.#id).first()) as KeyRow | undefined;
      if (!row) continue; // freed meanwhile: reserve it again
      if (row.request_hash !== requestHash) {
        throw new ApiError(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          '该幂等键已用于另一个请求',
          'This Idempotency-Key was used for a different request',
          'header/Idempotency-Key',
        );
      }
      if (Number(row.status) !== 0) return { result: storedResult(row) };
      if (row.lease_expires_at !== null && row.lease_expires_at > now.toISOString())
        throw inProgress(Date.parse(row.lease_expires_at) - now.getTime());
      if (await this.#takeOver(row, now)) {
        const effects = (await this.#knex(EFFECTS).where(this.#id).orderBy('seq')) as Array<{ entry: string }>;
        const committed = effects.map((effect) => JSON.parse(effect.entry) as CommandRecordEntry);
        log?.info(
          { idempotencyKey: this.#id.key, committedCommands: committed.length },
          'idempotency: took over a reservation whose lease ran out',
        );
        return { committed };
      }
    }
    throw inProgress(this.leaseMs);
  }

  /** Extend the lease while this attempt still owns the key (in `db`: the command's transaction, say). */
  async renew(db: Knex): Promise<boolean> {
    const renewed = await db(KEYS)
      .where({ ...this.#id, owner: this.#owner, status: 0 })
      .update({ lease_expires_at: this.#expiry(this.#now()) });
    return renewed === 1;
  }

  /** Store the result (when this attempt still owns the key); the command record is no longer needed. */
  async finish(status: number, body: unknown): Promise<void> {
    await this.#knex.transaction(async (trx) => {
      const stored = await trx(KEYS)
        .where({ ...this.#id, owner: this.#owner, status: 0 })
        .update({ status, body: JSON.stringify(body ?? null) });
      if (stored === 1) await trx(EFFECTS).where(this.#id).delete();
    });
  }

  /** After a server error: free the key when nothing committed; else let a retry take over at once. */
  async abandon(): Promise<void> {
    await this.#knex.transaction(async (trx) => {
      const mine = trx(KEYS).where({ ...this.#id, owner: this.#owner, status: 0 });
      if (await trx(EFFECTS).where(this.#id).first())
        await mine.update({ lease_expires_at: this.#now().toISOString() });
      else await mine.delete();
    });
  }

  async #insert(requestHash: string, now: Date): Promise<boolean> {
    try {
      await this.#knex(KEYS).insert({
        ...this.#id,
        request_hash: requestHash,
        status: 0,
        body: null,
        created_at: now.toISOString(),
        owner: this.#owner,
        lease_expires_at: this.#expiry(now),
      });
      return true;
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      if (code === '23505' || code === 'SQLITE_CONSTRAINT' || /UNIQUE constraint/i.test(message ?? '')) return false;
      throw error;
    }
  }

  /** Become the owner, if the reservation is still the expired one read (a live attempt renews its lease as it commits). */
  async #takeOver(row: KeyRow, now: Date): Promise<boolean> {
    const taken = await this.#knex(KEYS)
      .where({ ...this.#id, status: 0 })
      .andWhere((q) => (row.owner === null ? q.whereNull('owner') : q.where('owner', row.owner)))
      .andWhere((q) => q.whereNull('lease_expires_at').orWhere('lease_expires_at', '<=', now.toISOString()))
      .update({ owner: this.#owner, lease_expires_at: this.#expiry(now) });
    return taken === 1;
  }

  #expiry(now: Date): string {
    return new Date(now.getTime() + this.leaseMs).toISOString();
  }
}

function inProgress(remainingMs: number): ApiError {
  return new ApiError(
    409,
    'IDEMPOTENCY_IN_PROGRESS',
    '相同请求正在处理中，请稍后重试',
    'A request with this Idempotency-Key is in progress',
    undefined,
    undefined,
    Math.max(1, Math.ceil(remainingMs / 1000)),
  );
}

/** The result a finished request stored: its response, or its client error thrown again. */
function storedResult(row: KeyRow): Result {
  const body = JSON.parse(row.body ?? 'null') as unknown;
  if (body && typeof body === 'object' && '__error' in body) {
    const error = (body as { __error: { code: string; message: { zh: string; en: string }; field?: string } }).__error;
    throw new ApiError(Number(row.status), error.code, error.message.zh, error.message.en, error.field);
  }
  return { status: Number(row.status), body };
}
