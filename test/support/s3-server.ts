/**
 * An S3 API server for tests: s3rver on 127.0.0.1 (a free port), its objects in a fresh temp
 * folder, one bucket made; `close` stops it and removes the folder. The server process of a
 * system test is pointed at it through MATTERFLOW_MATERIALS_S3_* (`env`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface TestS3 {
  readonly endpoint: string;
  readonly bucket: string;
  /** The credentials s3rver takes (any signature is accepted; these are its defaults). */
  readonly accessKey: string;
  readonly secretKey: string;
  /** The server's environment for this S3 (MATTERFLOW_MATERIALS_STORAGE=s3 and the rest). */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'matterflow-materials'): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const accessKey = 'S3RVER';
  const secretKey = 'S3RVER';
  return {
    endpoint,
    bucket,
    accessKey,
    secretKey,
    env: {
      MATTERFLOW_MATERIALS_STORAGE: 's3',
      MATTERFLOW_MATERIALS_S3_ENDPOINT: endpoint,
      MATTERFLOW_MATERIALS_S3_BUCKET: bucket,
      MATTERFLOW_MATERIALS_S3_REGION: 'us-east-1',
      MATTERFLOW_MATERIALS_S3_ACCESS_KEY_ID: accessKey,
      MATTERFLOW_MATERIALS_S3_SECRET_ACCESS_KEY: secretKey,
    },
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
