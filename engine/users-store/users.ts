/**
 * Users, their bearer tokens and login sessions in the `users` and `sessions` tables (the rules:
 * engine/users). A token is shown once when the user is created; only its sha256 is stored.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Principal, Role } from '../domain/index.js';
import { applicantKey } from '../store/index.js';
import {
  UserExistsError,
  checkNewUser,
  checkPassword,
  hashPassword,
  newToken,
  tokenHash as hash,
  verifyPassword,
  type NewUser,
  type UserProfile,
} from '../users/index.js';

/**
 * Create a user; returns the bearer token, which is not stored and cannot be shown again. An
 * applicant's `idNumber` is stored only as its key (`applicantKey`). Throws `UserInvalidError`
 * for a user that breaks a rule, `UserExistsError` for an id that is taken.
 */
export async function createUser(
  knex: Knex,
  user: NewUser,
  options: { actor: string; at: string },
): Promise<{ token: string }> {
  checkNewUser(user);
  const token = newToken();
  const passwordHash = user.password === undefined ? null : await hashPassword(user.password);
  if (await knex('users').where({ user_id: user.id }).first('user_id')) throw new UserExistsError(user.id);
  await knex('users')
    .insert({
      user_id: user.id,
      name: user.name,
      roles: JSON.stringify(user.roles),
      department: user.department ?? null,
      applicant_key: user.idNumber === undefined ? null : applicantKey(user.idNumber),
      token_hash: hash(token),
      password_hash: passwordHash,
      created_at: options.at,
      created_by: options.actor,
    })
    .catch(async (error: unknown) => {
      // Two creations of one id at once: the loser finds the winner's row.
      if (await knex('users').where({ user_id: user.id }).first('user_id')) throw new UserExistsError(user.id);
      throw error;
    });
  return { token };
}

/** The columns of `users` that make a principal. */
export type UserRow = {
  user_id: string;
  name: string;
  roles: string;
  department: string | null;
  applicant_key: string | null;
  deactivated_at: string | null;
};
const principalOf = (row: UserRow): Principal => ({
  id: row.user_id,
  roles: JSON.parse(row.roles) as Role[],
  ...(row.department ? { department: row.department } : {}),
  ...(row.applicant_key ? { applicantKey: row.applicant_key } : {}),
});

/**
 * The user a bearer token belongs to — an API token, or a login session's token that has not
 * expired — or null. A deactivated user's tokens are refused from the moment they are deactivated
 * (this is read on every request; nothing caches it).
 */
export async function principalForToken(knex: Knex, token: string, now: Date = new Date()): Promise<Principal | null> {
  const tokenHash = hash(token);
  const row = (await knex('users').where({ token_hash: tokenHash }).whereNull('deactivated_at').first()) as
    UserRow | undefined;
  if (row) return principalOf(row);
  const session = (await knex('sessions')
    .join('users', 'users.user_id', 'sessions.user_id')
    .where('sessions.token_hash', tokenHash)
    .where('sessions.expires_at', '>', now.toISOString())
    .whereNull('users.deactivated_at')
    .first('users.*')) as UserRow | undefined;
  return session ? principalOf(session) : null;
}

export async function userProfile(knex: Knex, userId: string): Promise<UserProfile | null> {
  const row = (await knex('users').where({ user_id: userId }).first()) as UserRow | undefined;
  return row ? { ...principalOf(row), name: row.name } : null;
}

// ---- passwords and login sessions -------------------------------------------------------------

/**
 * Set (or replace) a user's password — the user themselves at the command line, or an
 * administrator resetting it (`by`, stamped as the change) —; false when there is no such user.
 * Their open sessions end.
 */
export async function setPassword(
  knex: Knex,
  userId: string,
  password: string,
  by?: { actor: string; at: string },
): Promise<boolean> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  return knex.transaction(async (trx) => {
    const updated = await trx('users')
      .where({ user_id: userId })
      .update({ password_hash: passwordHash, ...(by ? { updated_at: by.at, updated_by: by.actor } : {}) });
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
export async function login(
  knex: Knex,
  userId: string,
  password: string,
  options: { now: Date; ttlMs: number },
): Promise<{ token: string; expiresAt: string; user: UserProfile } | null> {
  const row = (await knex('users').where({ user_id: userId }).first()) as
    (UserRow & { password_hash: string | null }) | undefined;
  if (!row?.password_hash || row.deactivated_at !== null) {
    await verifyPassword(password, await (decoy ??= hashPassword(randomBytes(16).toString('hex'))));
    return null;
  }
  if (!(await verifyPassword(password, row.password_hash))) return null;
  const token = newToken();
  const expiresAt = new Date(options.now.getTime() + options.ttlMs).toISOString();
  await knex('sessions').where('expires_at', '<=', options.now.toISOString()).delete();
  await knex('sessions').insert({
    token_hash: hash(token),
    user_id: row.user_id,
    created_at: options.now.toISOString(),
    expires_at: expiresAt,
  });
  return { token, expiresAt, user: { ...principalOf(row), name: row.name } };
}

/** End the login session of `token` (an API token is not a session and is left alone). */
export async function logout(knex: Knex, token: string): Promise<void> {
  await knex('sessions')
    .where({ token_hash: hash(token) })
    .delete();
}

/** The applicant key a user is bound to (role applicant), or null. */
export async function applicantKeyOf(knex: Knex, userId: string): Promise<string | null> {
  const row = (await knex('users').where({ user_id: userId }).first('applicant_key')) as
    { applicant_key: string | null } | undefined;
  return row?.applicant_key ?? null;
}

export async function countUsers(knex: Knex): Promise<number> {
  const row = (await knex('users').count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}
