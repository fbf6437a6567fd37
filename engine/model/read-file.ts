import { readFile, stat } from 'node:fs/promises';
import type { BilingualText, Finding } from './types.js';
import { MODEL_LIMITS } from './limits.js';

/** The text of a BPMN file, or the finding that says why it could not be read. */
export type ReadResult =
  { readonly ok: true; readonly xml: string } | { readonly ok: false; readonly finding: Finding };

/**
 * Reads a BPMN file and decodes it by the encoding its XML prolog declares (UTF-8 when none;
 * ISO-8859-1 as several MIWG reference files use, GBK/GB18030 as older Chinese tools write).
 * A missing, unreadable, oversized or undecodable file is a finding, never a throw.
 */
export async function readBpmnFile(path: string): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return failure('file-unreadable', { zh: `${path} 不是文件`, en: `${path} is not a file` });
    if (info.size > MODEL_LIMITS.maxFileBytes) {
      return failure('xml-too-large', {
        zh: `文件有 ${info.size} 字节，超过上限 ${MODEL_LIMITS.maxFileBytes} 字节`,
        en: `file has ${info.size} bytes, more than the limit of ${MODEL_LIMITS.maxFileBytes}`,
      });
    }
    return decodeBpmn(await readFile(path));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failure('file-unreadable', { zh: `无法读取 ${path}：${reason}`, en: `cannot read ${path}: ${reason}` });
  }
}

/** Decodes the bytes of a BPMN file by its byte-order mark or declared encoding. */
export function decodeBpmn(bytes: Uint8Array): ReadResult {
  const label = byteOrderMark(bytes) ?? declaredEncoding(bytes) ?? 'utf-8';
  try {
    const decoder = new TextDecoder(normalise(label), { fatal: false });
    return { ok: true, xml: decoder.decode(bytes) };
  } catch {
    return failure('xml-encoding', {
      zh: `不支持文件声明的编码“${label}”`,
      en: `unsupported document encoding "${label}"`,
    });
  }
}

function byteOrderMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const match = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1] ?? null;
}

/** WHATWG maps ISO-8859-1 to windows-1252, a superset for every printable character. */
function normalise(label: string): string {
  return label.trim().toLowerCase();
}

function failure(rule: string, message: BilingualText): ReadResult {
  return { ok: false, finding: { severity: 'error', rule, elementId: null, message } };
}
