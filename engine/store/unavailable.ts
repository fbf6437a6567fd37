/**
 * Recognising "the database is unavailable" in a driver error, in one place: the server cannot
 * reach PostgreSQL or was cut off from it, the pool found no connection in time, PostgreSQL is
 * shutting down, starting up or read-only (a standby after failover), out of room; or the SQLite
 * file cannot be written, opened, read back, or stayed locked past the busy timeout. Such a
 * failure is the deployment's, not the request's: the server answers 503 and the client retries.
 */

/** Node socket errors meaning the database server could not be reached or dropped the connection. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * PostgreSQL SQLSTATEs: 08 connection exception; 53 insufficient resources (disk full, too many
 * connections); 57P01-57P03 shut down / cannot connect now; 25006 a read-only transaction (a hot
 * standby); 58030 I/O error.
 */
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '25006', '58030']);
const POSTGRES_CLASSES = ['08', '53'];

/** SQLite result codes (node-sqlite3 reports the primary code). */
const SQLITE_CODES = new Set([
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_PROTOCOL',
  'SQLITE_NOLFS',
  'SQLITE_PERM',
]);

/** Messages of errors that carry no code: pg's dropped connections, knex's pool timeout. */
const MESSAGES = [
  /^Connection terminated/i,
  /Client has encountered a connection error/i,
  /timeout exceeded when trying to connect/i,
  /Timeout acquiring a connection/i,
  /Unable to acquire a connection/i,
];

/** True when `error` (or an error it was caused by) means the database cannot serve the request now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    if (isUnavailable(current as DriverError)) return true;
    // A connection tried on several addresses fails with an AggregateError of each attempt.
    const { errors } = current as { errors?: unknown };
    if (
      Array.isArray(errors) &&
      errors.some((each) => typeof each === 'object' && each !== null && isUnavailable(each as DriverError))
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

interface DriverError {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
}

function isUnavailable({ name, code, message }: DriverError): boolean {
  if (name === 'KnexTimeoutError') return true;
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || SQLITE_CODES.has(code) || POSTGRES_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && POSTGRES_CLASSES.includes(code.slice(0, 2))) return true;
  }
  return typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message));
}
