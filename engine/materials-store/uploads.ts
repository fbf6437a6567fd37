/**
 * `material_uploads`: the files a user uploaded for a material of a matter, kept by the storage
 * under their sha256. An upload belongs to its owner, who alone may file it with an application
 * or a 补正 (the case's `material.filed` event then records it).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { maskIdNumber } from '../matters/index.js';

export interface Upload {
  readonly uploadId: string;
  readonly owner: string;
  readonly matterCode: string;
  readonly materialId: string;
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly fileName: string;
  readonly uploadedAt: string;
}

interface UploadRow {
  upload_id: string;
  owner: string;
  matter_code: string;
  material_id: string;
  sha256: string;
  size: number | string;
  media_type: string;
  file_name: string;
  uploaded_at: string;
}

/** Record a stored file as an upload of `owner`'s. */
export async function recordUpload(knex: Knex, upload: Omit<Upload, 'uploadId'>): Promise<Upload> {
  const recorded: Upload = { uploadId: randomUUID(), ...upload, fileName: fileNameOf(upload.fileName) };
  await knex<UploadRow>('material_uploads').insert(toRow(recorded));
  return recorded;
}

/** `owner`'s uploads with these ids (those of others, and unknown ids, are left out). */
export async function uploadsOf(knex: Knex, owner: string, uploadIds: readonly string[]): Promise<Upload[]> {
  if (uploadIds.length === 0) return [];
  const rows = await knex<UploadRow>('material_uploads')
    .where({ owner })
    .whereIn('upload_id', [...uploadIds]);
  return rows.map(fromRow);
}

/**
 * A file name as kept and shown: its last path segment, without control characters, a 证件号码 in
 * it masked (the name goes into the case's events, which are shown and exported), at most 200
 * characters.
 */
export function fileNameOf(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const clean = last
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/\d{17}[\dXx]|\d{15,}/g, (found) => maskIdNumber(found))
    .trim();
  return (clean || '未命名文件').slice(0, 200);
}

function toRow(upload: Upload): UploadRow {
  return {
    upload_id: upload.uploadId,
    owner: upload.owner,
    matter_code: upload.matterCode,
    material_id: upload.materialId,
    sha256: upload.sha256,
    size: upload.size,
    media_type: upload.mediaType,
    file_name: upload.fileName,
    uploaded_at: upload.uploadedAt,
  };
}

function fromRow(row: UploadRow): Upload {
  return {
    uploadId: row.upload_id,
    owner: row.owner,
    matterCode: row.matter_code,
    materialId: row.material_id,
    sha256: row.sha256,
    size: Number(row.size),
    mediaType: row.media_type,
    fileName: row.file_name,
    uploadedAt: row.uploaded_at,
  };
}
