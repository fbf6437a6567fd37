/**
 * Where material files are kept: content-addressed by their sha256, written once and never
 * overwritten. Two back ends behind this one interface: a folder of the data directory (the
 * embedded default, file-storage.ts) and S3-compatible object storage for several server
 * processes (s3-storage.ts). A file reaches the storage only whole: it is streamed into the
 * upload area first (intake.ts) and handed over complete.
 */
import type { Readable } from 'node:stream';

export interface MaterialStorage {
  /** 'file' or 's3', for logs and the readiness of the server. */
  readonly kind: 'file' | 's3';
  /** A local folder where uploads stream to before they are complete (made by the first upload; the storage's own, for the file back end). */
  readonly uploadDir: string;
  /**
   * Keep the complete file at `tempPath` (in `uploadDir`) as `sha256`, then remove `tempPath`.
   * A file already stored under that hash is kept as it is: nothing is ever overwritten.
   */
  put(sha256: string, tempPath: string, file: { readonly size: number; readonly mediaType: string }): Promise<void>;
  /** The stored file and its size, or null when there is none. */
  open(sha256: string): Promise<{ readonly stream: Readable; readonly size: number } | null>;
  /** Is a file stored under `sha256`? */
  has(sha256: string): Promise<boolean>;
}
