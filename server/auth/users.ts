/**
 * Users and their bearer tokens. A token is 32 random bytes shown once when the user is
 * created; only its sha256 is stored, so a copy of the database grants nobody access.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Knex } from 'knex';
import { ROLES, type Principal, type Role } from '../../engine/domain/index.js';
import { MatterflowError } from '../../engine/errors.js';
import { applicantKey } from '../../engine/store/index.js';

export class UserInvalidError extends MatterflowError {
  constructor(message: string) {
    super('USER_INVALID', message);
  }
}

export interface NewUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** Required for department officers. */
  readonly department?: string;
  /** For applicants: their 证件号码; only its key (`applicantKey`) is stored, binding them to their cases. */
  readonly idNumber?: string;
  /** For the browser workspace: a password to log in with (stored as a salted scrypt hash). */
  readonly password?: string;
}

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Create a user; returns the bearer token, which is not stored and cannot be shown again. */
export async function createUser(knex: Knex, user: NewUser, options: { actor: string; at: string }): Promise<{ token: string }> {
  if (!/^[\p{L}\p{N}._@-]{1,100}$/u.test(user.id)) throw new UserInvalidError(`Expected a user id of letters, digits and ._@-, but got '${user.id}'`);
  const unknown = user.roles.filter((role) => !ROLES.includes(role));
  if (user.roles.length === 0 || unknown.length > 0) throw new UserInvalidError(`Expected roles among ${ROLES.join(', ')}, but got ${user.roles.join(', ') || 'none'}`);
  if (user.roles.includes('department') && !user.department) throw new UserInvalidError('A department officer needs a department');
  if (user.idNumber !== undefined && !user.roles.includes('applicant')) throw new UserInvalidError('Only an applicant is bound to a 证件号码');
  if (user.idNumber !== undefined && user.idNumber.trim() === '') throw new UserInvalidError('Expected a 证件号码, but got an empty one');
  if (user.password !== undefined) checkPassword(user.password);
  const token = randomBytes(32).toString('base64url');
  await knex('users').insert({
    user_id: user.id,
    name: user.name,
    roles: JSON.stringify(user.roles),
    department: user.department ?? null,
    applicant_key: user.idNumber === undefined ? null : applicantKey(user.idNumber),
    token_hash: hash(token),
    password_hash: user.password === undefined ? null : await hashPassword(user.password),
    created_at: options.at,
    created_by: options.actor,
  });
  return { token };
}

type UserRow = { user_id: string; name: string; roles: string; department: string | null };
const principalOf = (row: UserRow): Principal => ({ id: row.user_id, roles: JSON.parse(row.roles) as Role[], ...(row.department ? { department: row.department } : {}) });

/** The user a bearer token belongs to — an API token, or a login session's token that has not expired — or null. */
export async function principalForToken(knex: Knex, token: string, now: Date = new Date()): Promise<Principal | null> {
  const tokenHash = hash(token);
  const row = (await knex('users').where({ token_hash: tokenHash }).first()) as UserRow | undefined;
  if (row) return principalOf(row);
  const session = (await knex('sessions').join('users', 'users.user_id', 'sessions.user_id').where('sessions.token_hash', tokenHash).where('sessions.expires_at', '>', now.toISOString()).first('users.*')) as UserRow | undefined;
  return session ? principalOf(session) : null;
}

/** A user as the workspace shows them. */
export interface UserProfile extends Principal {
  readonly name: string;
}

export async function userProfile(knex: Knex, userId: string): Promise<UserProfile | null> {
  const row = (await knex('users').where({ user_id: userId }).first()) as UserRow | undefined;
  return row ? { ...principalOf(row), name: row.name } : null;
}

// ---- passwords and login sessions -------------------------------------------------------------

/** scrypt cost (N = 2^15, r = 8, p = 1: about 32 MB and tens of milliseconds a check). */
const SCRYPT = { N: 32_768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

const scrypt = (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCallback(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));

function checkPassword(password: string): void {
  if (password.length < 8 || password.length > 200) throw new UserInvalidError('Expected a password of 8 to 200 characters');
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64url: the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Set (or replace) a user's password; false when there is no such user. Their open sessions end. */
export async function setPassword(knex: Knex, userId: string, password: string): Promise<boolean> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  return knex.transaction(async (trx) => {
    const updated = await trx('users').where({ user_id: userId }).update({ password_hash: passwordHash });
    await trx('sessions').where({ user_id: userId }).delete();
    return updated > 0;
  });
}

/** A hash to compare against when the user does not exist, so that a wrong user id costs as long as a wrong password. */
let decoy: Promise<string> | undefined;

/**
 * Log in with a user id and password: a new session token (shown once; its sha256 is stored) that
 * expires after `ttlMs`, or null when the id or the password is wrong (the caller cannot tell which).
 */
export async function login(knex: Knex, userId: string, password: string, options: { now: Date; ttlMs: number }): Promise<{ token: string; expiresAt: string; user: UserProfile } | null> {
  const row = (await knex('users').where({ user_id: userId }).first()) as (UserRow & { password_hash: string | null }) | undefined;
  if (!row?.password_hash) {
    await verifyPassword(password, await (decoy ??= hashPassword(randomBytes(16).toString('hex'))));
    return null;
  }
  if (!(await verifyPassword(password, row.password_hash))) return null;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(options.now.getTime() + options.ttlMs).toISOString();
  await knex('sessions').where('expires_at', '<=', options.now.toISOString()).delete();
  await knex('sessions').insert({ token_hash: hash(token), user_id: row.user_id, created_at: options.now.toISOString(), expires_at: expiresAt });
  return { token, expiresAt, user: { ...principalOf(row), name: row.name } };
}

/** End the login session of `token` (an API token is not a session and is left alone). */
export async function logout(knex: Knex, token: string): Promise<void> {
  await knex('sessions').where({ token_hash: hash(token) }).delete();
}

/** The applicant key a user is bound to (role applicant), or null. */
export async function applicantKeyOf(knex: Knex, userId: string): Promise<string | null> {
  const row = (await knex('users').where({ user_id: userId }).first('applicant_key')) as { applicant_key: string | null } | undefined;
  return row?.applicant_key ?? null;
}

export async function countUsers(knex: Knex): Promise<number> {
  const row = (await knex('users').count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}
