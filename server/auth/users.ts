/**
 * Users and their bearer tokens. A token is 32 random bytes shown once when the user is
 * created; only its sha256 is stored, so a copy of the database grants nobody access.
 */
import { createHash, randomBytes } from 'node:crypto';
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
  const token = randomBytes(32).toString('base64url');
  await knex('users').insert({
    user_id: user.id,
    name: user.name,
    roles: JSON.stringify(user.roles),
    department: user.department ?? null,
    applicant_key: user.idNumber === undefined ? null : applicantKey(user.idNumber),
    token_hash: hash(token),
    created_at: options.at,
    created_by: options.actor,
  });
  return { token };
}

/** The user a bearer token belongs to, or null. */
export async function principalForToken(knex: Knex, token: string): Promise<Principal | null> {
  const row = (await knex('users').where({ token_hash: hash(token) }).first()) as { user_id: string; roles: string; department: string | null } | undefined;
  if (!row) return null;
  return { id: row.user_id, roles: JSON.parse(row.roles) as Role[], ...(row.department ? { department: row.department } : {}) };
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
