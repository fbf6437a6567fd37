/**
 * Users, tokens and login sessions over knex (the `users` and `sessions` tables); the rules
 * (validation, password hashing) are engine/users.
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
export { UserInvalidError, type NewUser, type UserProfile } from '../users/index.js';
