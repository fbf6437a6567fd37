/**
 * engine/materials-store: material files kept content-addressed (sha256) behind one interface
 * (`MaterialStorage`: a folder of the data directory, or S3-compatible object storage), the
 * streamed intake of an upload (hashed and judged as it comes, never whole in memory, nothing
 * stored half), re-hashing for `store.verify`, and the tables around them: uploads, the
 * applicants' drafts (网上申报), the receipts' verification codes and preview grants.
 */
export type { MaterialStorage } from './storage.js';
export { FileStorage } from './file-storage.js';
export { S3Storage, type S3Config } from './s3-storage.js';
export { openMaterialStorage, type StorageConfig } from './open.js';
export { intake, UploadTooLargeError, type IntakeOptions, type IntakeResult, type StoredFile } from './intake.js';
export { fileCheck, rehash } from './rehash.js';
export { fileNameOf, recordUpload, uploadsOf, type Upload } from './uploads.js';
export {
  createDraft,
  deleteDraft,
  getDraft,
  listDrafts,
  markSubmitted,
  updateDraft,
  type Draft,
  type DraftApplicant,
  type DraftContent,
  type DraftFile,
} from './drafts.js';
export { caseByProgressCode, progressCode } from './progress-codes.js';
export { grantPreview, PREVIEW_GRANT_MS, previewGranted, type PreviewGrant } from './previews.js';
