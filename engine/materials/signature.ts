/**
 * What a file is, by the signature of its first bytes (its "magic number"), never by its name:
 * PDF, JPEG, PNG, and ZIP (an OFD file is a ZIP package with OFD.xml inside: ofd.ts). Other
 * common kinds are named only so that a refusal can say what the file really is.
 */

/** How many leading bytes `sniff` needs. */
export const SIGNATURE_BYTES = 16;

export type Sniffed =
  | { readonly kind: 'pdf' | 'jpeg' | 'png' | 'zip' }
  | { readonly kind: 'other'; readonly zh: string; readonly en: string };

const starts = (head: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  head.length >= at + bytes.length && bytes.every((byte, i) => head[at + i] === byte);
const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

/** Kinds named in refusals (never accepted). */
const OTHERS: ReadonlyArray<{ readonly bytes: readonly number[]; readonly zh: string; readonly en: string }> = [
  { bytes: ascii('GIF8'), zh: 'GIF 图片', en: 'a GIF image' },
  { bytes: [0x42, 0x4d], zh: 'BMP 图片', en: 'a BMP image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], zh: 'TIFF 图片', en: 'a TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], zh: 'TIFF 图片', en: 'a TIFF image' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    zh: 'Office 97-2003 文档',
    en: 'an Office 97-2003 document',
  },
  { bytes: ascii('Rar!'), zh: 'RAR 压缩包', en: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], zh: '7z 压缩包', en: 'a 7z archive' },
  { bytes: [0x1f, 0x8b], zh: 'gzip 压缩包', en: 'a gzip archive' },
  { bytes: ascii('MZ'), zh: 'Windows 可执行程序', en: 'a Windows executable' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], zh: '可执行程序', en: 'an executable' },
];

/** The kind of file whose first bytes are `head` (at least SIGNATURE_BYTES of them, unless the file is shorter). */
export function sniff(head: Uint8Array): Sniffed {
  if (starts(head, ascii('%PDF-'))) return { kind: 'pdf' };
  if (starts(head, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'zip' };
  if (starts(head, ascii('RIFF')) && starts(head, ascii('WEBP'), 8)) return other('WebP 图片', 'a WebP image');
  for (const known of OTHERS) if (starts(head, known.bytes)) return other(known.zh, known.en);
  if (head.length === 0) return other('空文件', 'an empty file');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<'))
    return other('HTML / XML 文本', 'HTML or XML text');
  return other('无法识别的内容', 'content of no known type');
}

const other = (zh: string, en: string): Sniffed => ({ kind: 'other', zh, en });
