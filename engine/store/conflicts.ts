/**
 * Recognizing a lost race in a driver error: a duplicate (case_id, seq) or case id, or (SQLite)
 * a write refused because another connection committed since this transaction's read.
 */

/** True when `error` means another writer got to the case first. */
export function isWriteConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, table, constraint, message } = error as { code?: unknown; table?: unknown; constraint?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (code === '23505') return table === 'case_events' || table === 'cases' || /case_events|cases_pkey/.test(String(constraint ?? ''));
  if (code === '40001' || code === '40P01') return true;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT') return true;
  if (code === 'SQLITE_CONSTRAINT') return /UNIQUE constraint failed: (case_events\.|cases\.case_id)/.test(text);
  return false;
}

/**
 * True when a deploy lost a race: another deploy stored the same XML, or took the version
 * number this one computed (`definitions (process_id, version)` and `(process_id, hash)` are
 * unique). Running the deploy again then sees the winner's rows.
 */
export function isDeployConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, table, constraint, message } = error as { code?: unknown; table?: unknown; constraint?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (code === '23505') return table === 'definitions' || table === 'deployments' || /^(definitions|deployments)_/.test(String(constraint ?? ''));
  if (code === '40001' || code === '40P01') return true;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT') return true;
  if (code === 'SQLITE_CONSTRAINT') return /UNIQUE constraint failed: (definitions|deployments)\./.test(text);
  return false;
}
