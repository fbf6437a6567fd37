/**
 * Rows of the `matters` table and the records the catalogue returns.
 */
import { createHash } from 'node:crypto';
import type { Matter } from '../matters/index.js';
import { canonicalJson, readJson } from '../store/index.js';

/** One stored version of a matter. */
export interface StoredMatter {
  /** 实施编码 (implementationCode). */
  readonly matterCode: string;
  readonly version: number;
  /** sha256 of the matter's canonical JSON. */
  readonly hash: string;
  readonly processId: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly matter: Matter;
}

/** A row of the `matters` table (content is JSON text on SQLite, jsonb on PostgreSQL). */
export interface MatterRow {
  matter_code: string;
  version: number;
  hash: string;
  content: unknown;
  name: string;
  process_id: string;
  created_at: string;
  created_by: string;
}

/** sha256 (hex) of a matter's canonical JSON: equal content, equal hash, whatever the key order. */
export function matterHash(matter: Matter): string {
  return createHash('sha256').update(canonicalJson(matter)).digest('hex');
}

/** A row as a record (content parsed on either dialect). */
export function fromRow(row: MatterRow): StoredMatter {
  return {
    matterCode: row.matter_code,
    version: Number(row.version),
    hash: row.hash,
    processId: row.process_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    matter: readJson<Matter>(row.content),
  };
}
