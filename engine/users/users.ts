/**
 * The rules of users, without their tables (engine/users-store keeps those): what a valid new
 * user and password are, how a password is hashed (salted scrypt) and checked, and how a bearer
 * token is made and hashed (only its sha256 is stored, so a copy of the database grants nobody access).
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ROLES, type Principal, type Role } from '../domain/index.js';
import { MatterflowError } from '../errors.js';

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

/** A user as the workspace shows them. */
export interface UserProfile extends Principal {
  readonly name: string;
}

/** Throws `UserInvalidError` unless `user` may be created. */
export function checkNewUser(user: NewUser): void {
  if (!/^[\p{L}\p{N}._@-]{1,100}$/u.test(user.id))
    throw new UserInvalidError(`Expected a user id of letters, digits and ._@-, but got '${user.id}'`);
  const unknown = user.roles.filter((role) => !ROLES.includes(role));
  if (user.roles.length === 0 || unknown.length > 0)
    throw new UserInvalidError(`Expected roles among ${ROLES.join(', ')}, but got ${user.roles.join(', ') || 'none'}`);
  if (user.roles.includes('department') && !user.department)
    throw new UserInvalidError('A department officer needs a department');
  if (user.idNumber !== undefined && !user.roles.includes('applicant'))
    throw new UserInvalidError('Only an applicant is bound to a 证件号码');
  if (user.idNumber !== undefined && user.idNumber.trim() === '')
    throw new UserInvalidError('Expected a 证件号码, but got an empty one');
  if (user.password !== undefined) checkPassword(user.password);
}

/** Throws `UserInvalidError` unless `password` is long enough (and not absurdly long). */
export function checkPassword(password: string): void {
  if (password.length < 8 || password.length > 200)
    throw new UserInvalidError('Expected a password of 8 to 200 characters');
}

/** A new bearer token (API token or login session): 32 random bytes, shown once. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What is stored of a token: its sha256. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** scrypt cost (N = 2^15, r = 8, p = 1: about 32 MB and tens of milliseconds a check). */
const SCRYPT = { N: 32_768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

const scrypt = (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

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
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
