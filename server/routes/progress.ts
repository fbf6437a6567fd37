/**
 * 进度查询 (public, no login): a case's progress by its 办件编号 and the verification code printed
 * on its receipt — status, dates, the steps under way, the result's kind; nothing personal (no
 * names, 证件号码, officers or officers' words). A wrong number and a wrong code get the same
 * answer. Limited per client address (MATTERFLOW_PROGRESS_RATE_LIMIT a minute) and per number
 * (a few wrong codes in ten minutes lock the number's queries for the rest of them), in this
 * process's memory.
 */
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Knex } from 'knex';
import type { Clock } from '../../engine/clock.js';
import { isCaseNumber } from '../../engine/domain/index.js';
import { caseByProgressCode } from '../../engine/materials-store/index.js';
import type { Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { progressView } from '../views/applicant-view.js';

/** Wrong codes a number takes in ten minutes before its queries are refused for the rest of them. */
const WRONG_CODES_PER_NUMBER = 5;
const MINUTE = 60_000;

export function progressRoutes(
  routes: Routes,
  store: Store,
  knex: Knex,
  clock: Clock,
  options: { perMinute?: number } = {},
): void {
  const perAddress = new WindowCounter(options.perMinute ?? 10, MINUTE);
  const wrongCodes = new WindowCounter(WRONG_CODES_PER_NUMBER, 10 * MINUTE);

  routes.add<unknown, { number: string; code: string }>({
    method: 'get',
    path: '/api/public/progress',
    summary:
      '进度查询 without login: a case by its 办件编号 and the verification code on its receipt — status, dates (received, accepted, due), the steps under way, milestones and the result’s kind; nothing personal. Wrong number or code: the same 404. Rate-limited per address and per number (429 with Retry-After)',
    tags: ['applicant'],
    access: 'public',
    query: {
      type: 'object',
      required: ['number', 'code'],
      additionalProperties: false,
      properties: {
        number: { type: 'string', minLength: 13, maxLength: 40, title: '办件编号' },
        code: { type: 'string', minLength: 4, maxLength: 16, title: '查询码' },
      },
    },
    responses: {
      200: { description: 'The progress' },
      404: { description: 'PROGRESS_NOT_FOUND: no case with that number and code' },
      429: { description: 'Too many queries from this address, or too many wrong codes for this number' },
    },
    handler: async ({ req, query }) => {
      const now = clock.now().getTime();
      const number = query.number.trim();
      if (!perAddress.hit(addressOf(req), now))
        throw tooMany('查询过于频繁，请一分钟后再试', 'Too many progress queries from this address', 60);
      if (wrongCodes.full(number, now))
        throw tooMany('该办件编号查询码错误次数过多，请十分钟后再试', 'Too many wrong codes for this number', 600);
      const caseId = isCaseNumber(number) ? await caseByProgressCode(knex, number, query.code) : null;
      const state = caseId ? await store.getCase(caseId) : null;
      if (!caseId || !state?.domain) {
        wrongCodes.hit(number, now);
        throw new ApiError(
          404,
          'PROGRESS_NOT_FOUND',
          '办件编号或查询码不正确，请核对受理回执',
          'No case with that number and code',
        );
      }
      return { body: progressView(state, await store.getEvents(caseId)) };
    },
  });
}

const addressOf = (req: Request) => `address:${ipKeyGenerator(req.ip ?? '')}`;

const tooMany = (zh: string, en: string, retryAfterSeconds: number) =>
  new ApiError(429, 'TOO_MANY_REQUESTS', zh, en, undefined, undefined, retryAfterSeconds);

/** A fixed window per key: at most `limit` hits in `windowMs`. */
class WindowCounter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Count a hit; false when it is past the limit. */
  hit(key: string, now: number): boolean {
    const window = this.#current(key, now);
    window.count += 1;
    return window.count <= this.limit;
  }

  /** Has the key used its window up? */
  full(key: string, now: number): boolean {
    const window = this.#windows.get(key);
    return window !== undefined && now - window.start < this.windowMs && window.count >= this.limit;
  }

  #current(key: string, now: number): { start: number; count: number } {
    const window = this.#windows.get(key);
    if (window && now - window.start < this.windowMs) return window;
    if (this.#windows.size > 10_000)
      for (const [old, w] of this.#windows) if (now - w.start >= this.windowMs) this.#windows.delete(old);
    const fresh = { start: now, count: 0 };
    this.#windows.set(key, fresh);
    return fresh;
  }
}
