/**
 * Administering users in the `users` table: the list (paged, searched), one user, changing roles,
 * department, name and bound identity, deactivating and reactivating. The rules are engine/users
 * (checkUserFields, checkNoLockOut); what is returned never holds a hash or a 证件号码 (only
 * whether one is bound). A deactivated user's login sessions are deleted with the deactivation,
 * and principalForToken refuses their API token from then on.
 */
import type { Knex } from 'knex';
import type { Role } from '../domain/index.js';
import { applicantKey } from '../store/index.js';
import { checkNoLockOut, checkUserFields } from '../users/index.js';
import type { UserRow } from './users.js';

/** A user as administrators see them: no token or password hash, no 证件号码. */
export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly department?: string;
  /** Whether the user is an applicant bound to a 证件号码 (which is stored only as its key). */
  readonly boundIdentity: boolean;
  /** Whether they can log in to the workspace (a password is set). */
  readonly hasPassword: boolean;
  readonly active: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
  readonly deactivatedAt?: string;
  readonly deactivatedBy?: string;
}

export interface UserQuery {
  /** Part of the id, name or department (case-insensitive), or a role's id. */
  readonly q?: string;
  readonly role?: Role;
  readonly department?: string;
  /** true: active users only; false: deactivated ones only; absent: both. */
  readonly active?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

/** A change to a user; absent fields stay. `department: null` removes it; `idNumber: null` unbinds the 证件号码. */
export interface UserChange {
  readonly name?: string;
  readonly roles?: readonly Role[];
  readonly department?: string | null;
  readonly idNumber?: string | null;
}

/** Who changes a user, and when. */
export interface Stamp {
  readonly actor: string;
  readonly at: string;
}

type FullRow = UserRow & {
  password_hash: string | null;
  created_at: string;
  created_by: string;
  updated_at: string | null;
  updated_by: string | null;
  deactivated_by: string | null;
};

/** The columns read: never the token or password hash themselves. */
const COLUMNS = [
  'user_id',
  'name',
  'roles',
  'department',
  'applicant_key',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deactivated_at',
  'deactivated_by',
] as const;

function recordOf(row: Omit<FullRow, 'password_hash'> & { has_password: number | boolean | string }): UserRecord {
  return {
    id: row.user_id,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    ...(row.department ? { department: row.department } : {}),
    boundIdentity: row.applicant_key !== null,
    hasPassword: Number(row.has_password) === 1 || row.has_password === true,
    active: row.deactivated_at === null,
    createdAt: row.created_at,
    createdBy: row.created_by,
    ...(row.updated_at ? { updatedAt: row.updated_at } : {}),
    ...(row.updated_by ? { updatedBy: row.updated_by } : {}),
    ...(row.deactivated_at ? { deactivatedAt: row.deactivated_at } : {}),
    ...(row.deactivated_by ? { deactivatedBy: row.deactivated_by } : {}),
  };
}

const selectRecords = (db: Knex | Knex.Transaction) =>
  db('users').select(...COLUMNS, db.raw('case when password_hash is null then 0 else 1 end as has_password'));

/** LIKE pattern of `text` anywhere, with %, _ and \ taken literally (`escape '\'`). */
const containing = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Users matching `query`, ordered by id, with how many match in all. */
export async function listUsers(
  knex: Knex,
  query: UserQuery = {},
): Promise<{ users: UserRecord[]; total: number; limit: number; offset: number }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const offset = Math.max(query.offset ?? 0, 0);
  const filter = (builder: Knex.QueryBuilder) => {
    const q = query.q?.trim();
    if (q) {
      builder.where((or) => {
        for (const column of ['user_id', 'name', 'department'])
          or.orWhereRaw(`lower(${column}) like ? escape '\\'`, [containing(q)]);
        or.orWhere('roles', 'like', `%"${q.replace(/[\\%_"]/g, '')}"%`);
      });
    }
    if (query.role) builder.where('roles', 'like', `%"${query.role}"%`);
    if (query.department) builder.where('department', query.department);
    if (query.active === true) builder.whereNull('deactivated_at');
    if (query.active === false) builder.whereNotNull('deactivated_at');
    return builder;
  };
  const rows = (await filter(selectRecords(knex)).orderBy('user_id').limit(limit).offset(offset)) as Parameters<
    typeof recordOf
  >[0][];
  const counted = (await filter(knex('users')).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return { users: rows.map(recordOf), total: Number(counted?.n ?? 0), limit, offset };
}

/** One user, or null. */
export async function getUser(knex: Knex | Knex.Transaction, userId: string): Promise<UserRecord | null> {
  const row = (await selectRecords(knex).where({ user_id: userId }).first()) as
    Parameters<typeof recordOf>[0] | undefined;
  return row ? recordOf(row) : null;
}

/**
 * Change a user's name, roles, department or bound 证件号码 (`stamp.actor` is the administrator);
 * null when there is no such user. Throws `UserInvalidError` when the result breaks a rule and
 * `UserLockOutError` when it would leave the actor or the system without an administrator.
 * Roles and department take effect on the user's next request (nothing caches them).
 */
export async function updateUser(
  knex: Knex,
  userId: string,
  change: UserChange,
  stamp: Stamp,
): Promise<UserRecord | null> {
  return knex.transaction(async (trx) => {
    const row = await lockedRow(trx, userId);
    if (!row) return null;
    const rolesBefore = JSON.parse(row.roles) as Role[];
    const roles = change.roles ?? rolesBefore;
    const department =
      change.department === undefined ? (row.department ?? undefined) : (change.department ?? undefined);
    checkUserFields({
      name: change.name ?? row.name,
      roles,
      department,
      ...(typeof change.idNumber === 'string' ? { idNumber: change.idNumber } : {}),
      bound: change.idNumber === undefined && row.applicant_key !== null,
    });
    if (change.roles)
      checkNoLockOut({
        actor: stamp.actor,
        target: userId,
        rolesBefore,
        rolesAfter: roles,
        targetActive: row.deactivated_at === null,
        activeAdmins: await activeAdmins(trx),
      });
    await trx('users')
      .where({ user_id: userId })
      .update({
        ...(change.name === undefined ? {} : { name: change.name.trim() }),
        ...(change.roles === undefined ? {} : { roles: JSON.stringify(change.roles) }),
        ...(change.department === undefined ? {} : { department: change.department?.trim() || null }),
        ...(change.idNumber === undefined
          ? {}
          : { applicant_key: change.idNumber === null ? null : applicantKey(change.idNumber) }),
        updated_at: stamp.at,
        updated_by: stamp.actor,
      });
    return getUser(trx, userId);
  });
}

/**
 * Deactivate a user: their API token is refused and their login sessions end at once; null when
 * there is no such user. Deactivating a deactivated user changes nothing. Throws
 * `UserLockOutError` for the actor themselves and for the last active administrator.
 */
export async function deactivateUser(knex: Knex, userId: string, stamp: Stamp): Promise<UserRecord | null> {
  return knex.transaction(async (trx) => {
    const row = await lockedRow(trx, userId);
    if (!row) return null;
    if (row.deactivated_at !== null) return getUser(trx, userId);
    checkNoLockOut({
      actor: stamp.actor,
      target: userId,
      rolesBefore: JSON.parse(row.roles) as Role[],
      rolesAfter: 'deactivated',
      targetActive: true,
      activeAdmins: await activeAdmins(trx),
    });
    await trx('users').where({ user_id: userId }).update({
      deactivated_at: stamp.at,
      deactivated_by: stamp.actor,
      updated_at: stamp.at,
      updated_by: stamp.actor,
    });
    await trx('sessions').where({ user_id: userId }).delete();
    return getUser(trx, userId);
  });
}

/** Reactivate a deactivated user: their API token works again (their ended sessions stay ended); null when there is no such user. */
export async function reactivateUser(knex: Knex, userId: string, stamp: Stamp): Promise<UserRecord | null> {
  return knex.transaction(async (trx) => {
    const row = await lockedRow(trx, userId);
    if (!row) return null;
    if (row.deactivated_at !== null)
      await trx('users').where({ user_id: userId }).update({
        deactivated_at: null,
        deactivated_by: null,
        updated_at: stamp.at,
        updated_by: stamp.actor,
      });
    return getUser(trx, userId);
  });
}

const isPostgres = (trx: Knex.Transaction): boolean =>
  (trx.client as { config: { client: string } }).config.client === 'pg';

/** The user's row, locked until the transaction ends on PostgreSQL (SQLite has one writer anyway). */
async function lockedRow(trx: Knex.Transaction, userId: string): Promise<UserRow | undefined> {
  const query = trx('users').where({ user_id: userId });
  return (await (isPostgres(trx) ? query.forUpdate() : query).first()) as UserRow | undefined;
}

/**
 * How many administrators are active, their rows locked on PostgreSQL so that two administrators
 * demoting each other at once cannot both succeed.
 */
async function activeAdmins(trx: Knex.Transaction): Promise<number> {
  const query = trx('users').whereNull('deactivated_at').where('roles', 'like', '%"admin"%').select('user_id');
  return (await (isPostgres(trx) ? query.forUpdate() : query)).length;
}
