/**
 * One file coming in (an upload's file part, as a stream): written to the upload area while its
 * sha256 and size are counted and its first bytes kept, never held whole in memory; once it is
 * complete, judged by its content (engine/materials) and handed to the storage under its hash.
 * A file past the material's limit is read to its end and dropped (so that the client hears the
 * refusal), a refused or broken one (the client went away) is removed: nothing is stored half.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  isOfdPackage,
  judgeFile,
  sniff,
  SIGNATURE_BYTES,
  tooLarge,
  type FileRefusal,
  type FileRules,
} from '../materials/index.js';
import type { MaterialStorage } from './storage.js';
import { zipEntryNames } from './zip-entries.js';

/** A file kept by the storage. */
export interface StoredFile {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
}

export type IntakeResult =
  | { readonly stored: true; readonly file: StoredFile }
  | { readonly stored: false; readonly refusal: FileRefusal; readonly size: number };

export interface IntakeOptions {
  readonly material: { readonly name: string };
  readonly rules: FileRules;
  /**
   * Past this many bytes a file over its limit is no longer read to its end: the intake fails
   * (the server then drops the connection). Default twice the material's limit and 16 MB more.
   */
  readonly drainLimit?: number;
}

/** Thrown when a refused file keeps coming past `drainLimit`. */
export class UploadTooLargeError extends Error {
  readonly code = 'UPLOAD_TOO_LARGE';
}

export async function intake(
  storage: MaterialStorage,
  source: Readable,
  options: IntakeOptions,
): Promise<IntakeResult> {
  const { rules, material } = options;
  const drainLimit = options.drainLimit ?? rules.maxBytes * 2 + 16 * 1024 * 1024;
  const temp = path.join(storage.uploadDir, `${randomUUID()}.part`);
  await mkdir(storage.uploadDir, { recursive: true });
  const handle = await open(temp, 'wx', 0o600);
  let handed = false;
  try {
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headBytes = 0;
    let size = 0;
    for await (const data of source) {
      const chunk = data as Buffer;
      size += chunk.length;
      if (size > rules.maxBytes) {
        // Over the limit: nothing more is kept, the rest is read and dropped (up to drainLimit).
        if (size > drainLimit) throw new UploadTooLargeError(`The upload passed ${drainLimit} bytes`);
        continue;
      }
      if (headBytes < SIGNATURE_BYTES) {
        head.push(chunk.subarray(0, SIGNATURE_BYTES - headBytes));
        headBytes += Math.min(chunk.length, SIGNATURE_BYTES - headBytes);
      }
      hash.update(chunk);
      await handle.write(chunk);
    }
    if (size > rules.maxBytes) return { stored: false, refusal: tooLarge(material, rules).refusal, size };
    await handle.sync();
    await handle.close();
    const sniffed = sniff(Buffer.concat(head));
    const ofd = sniffed.kind === 'zip' ? isOfdPackage((await zipEntryNames(temp)) ?? []) : false;
    const verdict = judgeFile(material, rules, { sniffed, ofd, size });
    if (!verdict.accepted) return { stored: false, refusal: verdict.refusal, size };
    const sha256 = hash.digest('hex');
    handed = true;
    await storage.put(sha256, temp, { size, mediaType: verdict.mediaType });
    return { stored: true, file: { sha256, size, mediaType: verdict.mediaType } };
  } finally {
    await handle.close().catch(() => undefined);
    if (!handed) await unlink(temp).catch(() => undefined);
  }
}
