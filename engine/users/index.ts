/**
 * Users' rules: validation, password hashing, tokens, no lock-out. Their tables are in engine/users-store.
 */
export {
  UserInvalidError,
  UserExistsError,
  checkNewUser,
  checkUserFields,
  checkPassword,
  hashPassword,
  verifyPassword,
  newToken,
  tokenHash,
  type NewUser,
  type UserField,
  type UserFields,
  type UserProfile,
} from './users.js';
export { UserLockOutError, checkNoLockOut, type AdminChange } from './lock-out.js';
