/**
 * Material files in S3-compatible object storage (several server processes share one bucket):
 * the object `<prefix>ab/<sha256>`, put once from the complete upload (an existing object is
 * never replaced), read back as a stream. Uploads stream into a local folder first, so a broken
 * upload never reaches the bucket. Any S3 API works (MinIO, Ceph, the clouds' own); the client is
 * `minio`, path-style by default.
 */
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'minio';
import type { MaterialStorage } from './storage.js';

export interface S3Config {
  /** `http://127.0.0.1:9000`, `https://oss.example.cn`. */
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKey: string;
  readonly secretKey: string;
  /** Keys start with it (`matterflow/`); default none. */
  readonly prefix?: string;
  /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible servers want (default true). */
  readonly pathStyle?: boolean;
  /** The local folder uploads stream to before they are put. */
  readonly uploadDir: string;
}

export class S3Storage implements MaterialStorage {
  readonly kind = 's3' as const;
  readonly uploadDir: string;
  readonly #client: Client;
  readonly #bucket: string;
  readonly #prefix: string;

  private constructor(config: S3Config) {
    const url = new URL(config.endpoint);
    const useSSL = url.protocol === 'https:';
    this.#client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: config.accessKey,
      secretKey: config.secretKey,
      region: config.region,
      pathStyle: config.pathStyle ?? true,
    });
    this.#bucket = config.bucket;
    this.#prefix = config.prefix ?? '';
    this.uploadDir = path.resolve(config.uploadDir);
  }

  /** Connect and check that the bucket exists (a missing bucket is a configuration error, said at start). */
  static async open(config: S3Config): Promise<S3Storage> {
    const storage = new S3Storage(config);
    if (!(await storage.#client.bucketExists(storage.#bucket)))
      throw new Error(`The S3 bucket ${config.bucket} does not exist at ${config.endpoint}`);
    return storage;
  }

  keyOf(sha256: string): string {
    return `${this.#prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  async put(sha256: string, tempPath: string, file: { size: number; mediaType: string }): Promise<void> {
    try {
      if (await this.has(sha256)) return;
      // Streamed from the file under a presigned address: the client's putObject would read a file
      // smaller than its part size (5 MB at least) into memory whole to sign its body.
      const url = await this.#client.presignedPutObject(this.#bucket, this.keyOf(sha256), 15 * 60);
      await putStreamed(url, tempPath, file);
    } finally {
      await unlink(tempPath).catch(() => undefined);
    }
  }

  async open(sha256: string): Promise<{ stream: Readable; size: number } | null> {
    const size = await this.#size(sha256);
    if (size === null) return null;
    return { stream: await this.#client.getObject(this.#bucket, this.keyOf(sha256)), size };
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.#size(sha256)) !== null;
  }

  async #size(sha256: string): Promise<number | null> {
    try {
      return (await this.#client.statObject(this.#bucket, this.keyOf(sha256))).size;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'NotFound' || code === 'NoSuchKey') return null;
      throw error;
    }
  }
}

/** PUT the file at `path` to a presigned address, streamed: a 2xx or an error naming the status. */
async function putStreamed(url: string, path: string, file: { size: number; mediaType: string }): Promise<void> {
  const target = new URL(url);
  const request = (target.protocol === 'https:' ? https : http).request(target, {
    method: 'PUT',
    headers: { 'Content-Length': String(file.size), 'Content-Type': file.mediaType },
  });
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  await pipeline(createReadStream(path), request);
  const response = await answered;
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300)
    throw new Error(
      `The S3 storage refused the file (${status}): ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`,
    );
}
