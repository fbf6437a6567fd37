/**
 * The rules of users, without their tables (engine/users-store keeps those): what a valid new
 * user and password are, how a password is hashed (salted scrypt) and checked, and how a bearer
 * token is made and hashed (only its sha256 is stored, so a copy of the database grants nobody access).
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ROLES, type Principal, type Role } from '../domain/index.js';
import { MatterflowError } from '../errors.js';

/** A user id that is taken already (creating a user never replaces one). */
export class UserExistsError extends MatterflowError {
  constructor(readonly userId: string) {
    super('USER_EXISTS', `A user ${userId} exists already`);
  }
}

/** The fields of a user that a refusal can name (as they are called in the API's bodies). */
export type UserField = 'id' | 'name' | 'roles' | 'department' | 'idNumber' | 'password';

/** A user, or a change to one, that breaks a rule: names the field, in English (`message`) and Chinese (`zh`). */
export class UserInvalidError extends MatterflowError {
  constructor(
    readonly field: UserField,
    message: string,
    readonly zh: string,
  ) {
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
    throw new UserInvalidError(
      'id',
      `Expected a user id of letters, digits and ._@-, but got '${user.id}'`,
      '用户名只能由字母、数字和 ._@- 组成（1 至 100 个字符）',
    );
  checkUserFields(user);
  if (user.password !== undefined) checkPassword(user.password);
}

/** What a user is once created or changed: the fields the rules look at together. */
export interface UserFields {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly department?: string | undefined;
  /** A new 证件号码 to bind (a change), or undefined. */
  readonly idNumber?: string | undefined;
  /** Whether the user stays bound to a 证件号码 they were bound to before (a change that keeps it). */
  readonly bound?: boolean;
}

/** Throws `UserInvalidError` unless name, roles, department and bound identity fit together. */
export function checkUserFields(user: UserFields): void {
  if (user.name.trim() === '' || user.name.length > 200)
    throw new UserInvalidError('name', 'Expected a name of 1 to 200 characters', '姓名不能为空，且不超过 200 个字符');
  const unknown = user.roles.filter((role) => !ROLES.includes(role));
  if (user.roles.length === 0 || unknown.length > 0)
    throw new UserInvalidError(
      'roles',
      `Expected roles among ${ROLES.join(', ')}, but got ${user.roles.join(', ') || 'none'}`,
      user.roles.length === 0 ? '请至少选择一个角色' : `未知的角色：${unknown.join('、')}`,
    );
  if (new Set(user.roles).size !== user.roles.length)
    throw new UserInvalidError('roles', 'Expected each role at most once', '角色不能重复');
  if (user.roles.includes('department') && !user.department?.trim())
    throw new UserInvalidError('department', 'A department officer needs a department', '部门审批人员必须选择所属部门');
  if (user.department !== undefined && user.department.length > 200)
    throw new UserInvalidError(
      'department',
      'Expected a department of at most 200 characters',
      '部门名称不超过 200 个字符',
    );
  if (user.idNumber !== undefined && user.idNumber.trim() === '')
    throw new UserInvalidError('idNumber', 'Expected a 证件号码, but got an empty one', '证件号码不能为空');
  if (user.idNumber !== undefined && user.idNumber.trim().length > 50)
    throw new UserInvalidError('idNumber', 'Expected a 证件号码 of at most 50 characters', '证件号码不超过 50 个字符');
  if (user.idNumber !== undefined && !user.roles.includes('applicant'))
    throw new UserInvalidError('idNumber', 'Only an applicant is bound to a 证件号码', '只有申请人可以绑定证件号码');
  if (user.bound && user.idNumber === undefined && !user.roles.includes('applicant'))
    throw new UserInvalidError(
      'roles',
      'A user bound to a 证件号码 stays an applicant (unbind it first: idNumber null)',
      '该用户已绑定证件号码，须保留申请人角色（或先解除绑定）',
    );
}

/** Throws `UserInvalidError` unless `password` is long enough (and not absurdly long). */
export function checkPassword(password: string): void {
  if (password.length < 8 || password.length > 200)
    throw new UserInvalidError('password', 'Expected a password of 8 to 200 characters', '密码须为 8 至 200 个字符');
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
