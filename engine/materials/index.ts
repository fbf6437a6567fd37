/**
 * engine/materials: the rules of material files (pure). Which file types a material accepts and
 * how large (declared per material in the matter file, within the centre's limit); what a file
 * is, by its content's signature, never its name (PDF, JPEG, PNG, and OFD — a ZIP package with
 * OFD.xml); the verdict on a file, in Chinese and English. Storing files is
 * engine/materials-store.
 */
export {
  DEFAULT_FILE_TYPES,
  DEFAULT_MAX_FILE_MB,
  fileRules,
  formatSize,
  MATERIAL_FILE_TYPES,
  MEDIA_TYPES,
  type FileRules,
  type MaterialFileType,
} from './file-types.js';
export { sniff, SIGNATURE_BYTES, type Sniffed } from './signature.js';
export { isOfdPackage } from './ofd.js';
export {
  contentType,
  judgeFile,
  tooLarge,
  type FileRefusal,
  type FileRefusalCode,
  type SeenFile,
  type Verdict,
} from './judge.js';
export { isSha256 } from './sha256.js';
