/**
 * Recognizing a lost race in a driver error: a duplicate (case_id, seq) or case id, or (SQLite)
 * a write refused because another connection committed since this transaction's read.
 */

/** True when `error` means another writer got to the case first. */
export function isWriteConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, table, constraint, message } = error as {
    code?: unknown;
    table?: unknown;
    constraint?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' ? message : '';
  if (code === '23505')
    return table === 'case_events' || table === 'cases' || /case_events|cases_pkey/.test(String(constraint ?? ''));
  if (code === '40001' || code === '40P01') return true;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT') return true;
  if (code === 'SQLITE_CONSTRAINT') return /UNIQUE constraint failed: (case_events\.|cases\.case_id)/.test(text);
  return false;
}

/**
 * True when an insert lost a race on one of `tables`: another transaction committed the row
 * (same key or same unique value) since this one read, or (SQLite) wrote since its snapshot.
 * Running the transaction again then sees the winner's rows.
 */
export function isInsertRaceOn(error: unknown, tables: readonly string[]): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, table, constraint, message } = error as {
    code?: unknown;
    table?: unknown;
    constraint?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' ? message : '';
  if (code === '23505')
    return tables.includes(String(table)) || tables.some((name) => String(constraint ?? '').startsWith(`${name}_`));
  if (code === '40001' || code === '40P01') return true;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT') return true;
  if (code === 'SQLITE_CONSTRAINT') return tables.some((name) => text.includes(`UNIQUE constraint failed: ${name}.`));
  return false;
}

/** A deploy lost a race: the same XML stored, or the version number taken, by another deploy. */
export const isDeployConflict = (error: unknown): boolean => isInsertRaceOn(error, ['definitions', 'deployments']);
