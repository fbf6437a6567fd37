/**
 * Material files in a folder (the embedded default, `$MATTERFLOW_DATA_DIR/materials`):
 * `objects/ab/<sha256>`, read-only, created by a hard link from the complete upload, which fails
 * rather than replace a file already there; `uploads/` holds the uploads still streaming in
 * (same file system, so handing one over moves no bytes).
 */
import { createReadStream } from 'node:fs';
import { chmod, link, mkdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { MaterialStorage } from './storage.js';

export class FileStorage implements MaterialStorage {
  readonly kind = 'file' as const;
  readonly uploadDir: string;
  readonly #objects: string;

  private constructor(readonly root: string) {
    this.uploadDir = path.join(root, 'uploads');
    this.#objects = path.join(root, 'objects');
  }

  /** The storage in `root` (its folders made when the first file comes). */
  static async open(root: string): Promise<FileStorage> {
    return new FileStorage(path.resolve(root));
  }

  /** Where the file `sha256` is (or would be) kept. */
  pathOf(sha256: string): string {
    return path.join(this.#objects, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, tempPath: string): Promise<void> {
    const target = this.pathOf(sha256);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await link(tempPath, target);
      await chmod(target, 0o444);
    } catch (error) {
      // Stored before (the same content): it stays as it is.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(tempPath).catch(() => undefined);
    }
  }

  async open(sha256: string): Promise<{ stream: ReturnType<typeof createReadStream>; size: number } | null> {
    const file = this.pathOf(sha256);
    const size = await sizeOf(file);
    return size === null ? null : { stream: createReadStream(file), size };
  }

  async has(sha256: string): Promise<boolean> {
    return (await sizeOf(this.pathOf(sha256))) !== null;
  }
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
