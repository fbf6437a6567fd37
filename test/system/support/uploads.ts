/**
 * Uploading material files to a running server, as a browser does (multipart/form-data with the
 * file in a part named `file`), and breaking an upload off half way (the client goes away with
 * the body half sent).
 */
import http from 'node:http';

export interface UploadAnswer {
  readonly status: number;
  readonly body: {
    readonly uploadId: string;
    readonly sha256: string;
    readonly size: number;
    readonly mediaType: string;
    readonly fileName: string;
    readonly materialId: string;
    readonly code?: string;
    readonly message?: { readonly zh: string; readonly en: string };
  };
}

/** POST /api/materials/uploads?… with `bytes` as the file `fileName`. */
export async function uploadFile(
  base: string,
  token: string,
  query: Readonly<Record<string, string>>,
  bytes: Buffer,
  fileName: string,
  type = 'application/octet-stream',
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), fileName);
  const response = await fetch(`${base}/api/materials/uploads?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as UploadAnswer['body'] };
}

/** Send the head of an upload of `bytes` (declaring all of it), then drop the connection. */
export async function brokenUpload(
  base: string,
  token: string,
  query: Readonly<Record<string, string>>,
  bytes: Buffer,
  sendBytes: number,
): Promise<void> {
  const boundary = '----matterflow-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="申请书.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(`${base}/api/materials/uploads?${new URLSearchParams(query)}`);
  await new Promise<void>((resolve) => {
    const request = http.request(url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + bytes.length + tail.length),
      },
    });
    request.on('error', () => resolve());
    request.on('close', () => resolve());
    request.write(Buffer.concat([head, bytes.subarray(0, sendBytes)]), () => {
      setTimeout(() => request.destroy(), 200);
    });
  });
}
