/**
 * The material storage a spawned server is given, seen from outside it: a fresh folder (the
 * file back end) or an S3 server started here (s3rver), with a look at what it holds, the
 * uploads still in its upload folder, and a way to change a stored file behind the server's back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'minio';
import { startTestS3 } from '../../support/s3-server.js';

export interface TestMaterialStorage {
  readonly kind: 'file' | 's3';
  /** The server's environment for it. */
  readonly env: Readonly<Record<string, string>>;
  /** How many files it keeps. */
  objects(): Promise<number>;
  /** Files left in the upload folder (uploads still streaming in, or left half). */
  uploadsLeft(): string[];
  /** Replace the bytes kept for `sha256`. */
  tamper(sha256: string, bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

export async function testMaterialStorage(kind: 'file' | 's3'): Promise<TestMaterialStorage> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-system-materials-'));
  if (kind === 'file') {
    const objects = path.join(root, 'objects');
    return {
      kind,
      env: { MATTERFLOW_MATERIALS_STORAGE: 'file', MATTERFLOW_MATERIALS_DIR: root },
      objects: async () =>
        fs.existsSync(objects)
          ? fs.readdirSync(objects, { recursive: true }).filter((name) => path.basename(String(name)).length === 64)
              .length
          : 0,
      uploadsLeft: () => (fs.existsSync(path.join(root, 'uploads')) ? fs.readdirSync(path.join(root, 'uploads')) : []),
      tamper: async (sha256, bytes) => {
        const file = path.join(objects, sha256.slice(0, 2), sha256);
        fs.chmodSync(file, 0o644);
        fs.writeFileSync(file, bytes);
      },
      close: async () => fs.rmSync(root, { recursive: true, force: true }),
    };
  }
  const s3 = await startTestS3();
  const url = new URL(s3.endpoint);
  const client = new Client({
    endPoint: url.hostname,
    port: Number(url.port),
    useSSL: false,
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    region: 'us-east-1',
    pathStyle: true,
  });
  const uploads = path.join(root, 'uploads');
  return {
    kind,
    env: { ...s3.env, MATTERFLOW_MATERIALS_UPLOAD_DIR: uploads },
    objects: async () => {
      let count = 0;
      for await (const _object of client.listObjectsV2(s3.bucket, '', true)) count += 1;
      return count;
    },
    uploadsLeft: () => (fs.existsSync(uploads) ? fs.readdirSync(uploads) : []),
    tamper: async (sha256, bytes) => {
      await client.putObject(s3.bucket, `${sha256.slice(0, 2)}/${sha256}`, bytes, bytes.length);
    },
    close: async () => {
      await s3.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
