/**
 * The electronic file types a material may be handed in as, by their content: what each is
 * called, the media type it is served with, and the limits a material declares (or the centre's
 * defaults).
 */
import { MATERIAL_FILE_TYPES, type MaterialFileType } from '../matters/index.js';

export { MATERIAL_FILE_TYPES, type MaterialFileType };

/** The media type each accepted file type is stored and served as. */
export const MEDIA_TYPES: { readonly [T in MaterialFileType]: string } = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
};

/** Every accepted type, when a material declares none. */
export const DEFAULT_FILE_TYPES: readonly MaterialFileType[] = ['pdf', 'jpeg', 'png', 'ofd'];

/** The largest file a material takes when it declares no limit, in MB (the centre may lower or raise it). */
export const DEFAULT_MAX_FILE_MB = 20;

/** What a material accepts: its file types and its largest file in bytes. */
export interface FileRules {
  readonly types: readonly MaterialFileType[];
  readonly maxBytes: number;
}

/**
 * A material's rules: what it declares, within the centre's limit (`capMb`: no material takes a
 * larger file than the centre allows, whatever it declares).
 */
export function fileRules(
  material: { readonly fileTypes?: readonly MaterialFileType[]; readonly maxFileSizeMb?: number },
  capMb: number = DEFAULT_MAX_FILE_MB,
): FileRules {
  const mb = Math.min(material.maxFileSizeMb ?? capMb, capMb);
  return {
    types: material.fileTypes && material.fileTypes.length > 0 ? [...material.fileTypes] : [...DEFAULT_FILE_TYPES],
    maxBytes: Math.floor(mb * 1024 * 1024),
  };
}

/** `20 MB`, `512 KB`: a limit as the pages and messages say it. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} 字节`;
}
