/**
 * Preview grants: a page cannot send its bearer token with an <img> or <iframe>, so a user who
 * may read a case asks for a grant to one of its files (POST), valid for a few minutes, and the
 * page shows the file from the grant's address. Only a sha256 of each token is kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/** How long a grant lasts. */
export const PREVIEW_GRANT_MS = 5 * 60_000;

export interface PreviewGrant {
  readonly caseId: string;
  readonly sha256: string;
  readonly mediaType: string;
  readonly fileName: string;
}

interface GrantRow {
  token_hash: string;
  case_id: string;
  sha256: string;
  media_type: string;
  file_name: string;
  granted_to: string;
  expires_at: string;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new grant to `file` for `grantedTo`, and its token; grants past their time are removed. */
export async function grantPreview(
  knex: Knex,
  file: PreviewGrant,
  grantedTo: string,
  now: Date,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + PREVIEW_GRANT_MS).toISOString();
  await knex<GrantRow>('material_preview_grants').where('expires_at', '<', now.toISOString()).del();
  await knex<GrantRow>('material_preview_grants').insert({
    token_hash: hashOf(token),
    case_id: file.caseId,
    sha256: file.sha256,
    media_type: file.mediaType,
    file_name: file.fileName,
    granted_to: grantedTo,
    expires_at: expiresAt,
  });
  return { token, expiresAt };
}

/** The file a token grants now, or null (unknown or expired). */
export async function previewGranted(knex: Knex, token: string, now: Date): Promise<PreviewGrant | null> {
  const row = await knex<GrantRow>('material_preview_grants')
    .where({ token_hash: hashOf(token) })
    .first();
  if (!row || row.expires_at <= now.toISOString()) return null;
  return { caseId: row.case_id, sha256: row.sha256, mediaType: row.media_type, fileName: row.file_name };
}
