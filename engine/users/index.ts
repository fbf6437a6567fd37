/**
 * Users' rules: validation, password hashing, tokens. Their tables are in engine/users-store.
 */
export {
  UserInvalidError,
  checkNewUser,
  checkPassword,
  hashPassword,
  verifyPassword,
  newToken,
  tokenHash,
  type NewUser,
  type UserProfile,
} from './users.js';
