/**
 * Is a file acceptable as a material? Its type is what its content's signature says (the name is
 * shown, never trusted), within the material's declared types; its size within the material's
 * limit. A refusal names the material, what the file really is and what was expected, in
 * Chinese and English, with a stable code.
 */
import { formatSize, MATERIAL_FILE_TYPES, MEDIA_TYPES, type FileRules, type MaterialFileType } from './file-types.js';
import type { Sniffed } from './signature.js';

export type FileRefusalCode = 'FILE_TYPE_REFUSED' | 'FILE_TOO_LARGE' | 'FILE_EMPTY';

export interface FileRefusal {
  readonly code: FileRefusalCode;
  readonly zh: string;
  readonly en: string;
}

/** What the content is, once the whole file has been seen: its signature, and for a ZIP whether it is an OFD package. */
export interface SeenFile {
  readonly sniffed: Sniffed;
  /** For a ZIP: the package has OFD.xml at its root (ofd.ts). */
  readonly ofd?: boolean;
  readonly size: number;
}

export type Verdict =
  | { readonly accepted: true; readonly type: MaterialFileType; readonly mediaType: string }
  | { readonly accepted: false; readonly refusal: FileRefusal };

/** The type a file's content is, as far as the accepted types go (null: none of them). */
export function contentType(seen: Pick<SeenFile, 'sniffed' | 'ofd'>): MaterialFileType | null {
  const { kind } = seen.sniffed;
  if (kind === 'zip') return seen.ofd ? 'ofd' : null;
  return kind === 'other' ? null : kind;
}

/** What the content is, in words, for a refusal. */
function described(seen: Pick<SeenFile, 'sniffed' | 'ofd'>): { zh: string; en: string } {
  const type = contentType(seen);
  if (type) return { zh: MATERIAL_FILE_TYPES[type], en: type.toUpperCase() };
  if (seen.sniffed.kind === 'zip') return { zh: 'ZIP 压缩包（不是 OFD 文件）', en: 'a ZIP archive (not an OFD file)' };
  if (seen.sniffed.kind === 'other') return { zh: seen.sniffed.zh, en: seen.sniffed.en };
  return { zh: '无法识别的内容', en: 'content of no known type' };
}

/** Judge a whole file against a material's rules. */
export function judgeFile(material: { readonly name: string }, rules: FileRules, seen: SeenFile): Verdict {
  if (seen.size === 0)
    return refuse('FILE_EMPTY', `「${material.name}」的文件是空文件`, `The file for ${material.name} is empty`);
  if (seen.size > rules.maxBytes) return tooLarge(material, rules);
  const type = contentType(seen);
  if (type === null || !rules.types.includes(type)) {
    const what = described(seen);
    const allowed = rules.types.map((t) => MATERIAL_FILE_TYPES[t]).join('、');
    return refuse(
      'FILE_TYPE_REFUSED',
      `「${material.name}」只接受 ${allowed}，该文件的内容是${what.zh}（按文件内容识别，不看文件名）`,
      `${material.name} accepts ${rules.types.join(', ')} only, but the file's content is ${what.en} (judged by its content, not its name)`,
    );
  }
  return { accepted: true, type, mediaType: MEDIA_TYPES[type] };
}

/** The refusal of a file past the material's limit (also said while it streams in, before its end). */
export function tooLarge(material: { readonly name: string }, rules: FileRules): Verdict & { accepted: false } {
  return refuse(
    'FILE_TOO_LARGE',
    `「${material.name}」的文件不能超过 ${formatSize(rules.maxBytes)}`,
    `The file for ${material.name} may not exceed ${rules.maxBytes} bytes`,
  );
}

function refuse(code: FileRefusalCode, zh: string, en: string): Verdict & { accepted: false } {
  return { accepted: false, refusal: { code, zh, en } };
}
