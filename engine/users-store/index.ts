/**
 * Users, tokens and login sessions over knex (the `users` and `sessions` tables); the rules
 * (validation, password hashing, no lock-out) are engine/users.
 */
export {
  createUser,
  principalForToken,
  userProfile,
  setPassword,
  login,
  logout,
  applicantKeyOf,
  countUsers,
} from './users.js';
export {
  listUsers,
  getUser,
  updateUser,
  deactivateUser,
  reactivateUser,
  type UserRecord,
  type UserQuery,
  type UserChange,
} from './user-admin.js';
export {
  UserInvalidError,
  UserExistsError,
  UserLockOutError,
  type NewUser,
  type UserField,
  type UserProfile,
} from '../users/index.js';
