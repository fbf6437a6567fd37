/**
 * The two material storages pass the same tests: a file streams in, is judged by its content and
 * kept under its sha256, read back whole; nothing is overwritten; a refused, oversized or broken
 * upload leaves nothing behind; re-hashing finds a changed file.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Client } from 'minio';
import { fileRules } from '../../../engine/materials/index.js';
import {
  FileStorage,
  fileCheck,
  intake,
  S3Storage,
  UploadTooLargeError,
  type MaterialStorage,
} from '../../../engine/materials-store/index.js';
import { htmlPretendingToBePdf, sampleOfd, samplePdf, samplePng, zipOf } from '../../support/material-files.js';
import { startTestS3, type TestS3 } from '../../support/s3-server.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const material = { name: '营业执照' };
const rules = fileRules({});

/** A stream of `bytes` in chunks of `chunk` bytes. */
const streamOf = (bytes: Buffer, chunk = 1000) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
    })(),
  );

async function readAll(storage: MaterialStorage, sha256: string): Promise<Buffer | null> {
  const stored = await storage.open(sha256);
  if (!stored) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface BackEnd {
  readonly storage: MaterialStorage;
  /** Change the stored bytes of `sha256` behind the storage's back (an intruder on the disk or the bucket). */
  tamper(sha256: string, bytes: Buffer): Promise<void>;
  /** How many objects the back end holds. */
  objects(): Promise<number>;
  close(): Promise<void>;
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-materials-'));

async function fileBackEnd(): Promise<BackEnd> {
  const root = tempDir();
  const storage = await FileStorage.open(root);
  return {
    storage,
    tamper: async (sha256, bytes) => {
      const file = storage.pathOf(sha256);
      fs.chmodSync(file, 0o644);
      fs.writeFileSync(file, bytes);
    },
    objects: async () =>
      fs.existsSync(path.join(root, 'objects'))
        ? fs.readdirSync(path.join(root, 'objects'), { recursive: true }).filter((name) => String(name).length > 60)
            .length
        : 0,
    close: async () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

async function s3BackEnd(): Promise<BackEnd> {
  const s3: TestS3 = await startTestS3();
  const uploads = tempDir();
  const config = {
    endpoint: s3.endpoint,
    bucket: s3.bucket,
    region: 'us-east-1',
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    prefix: 'materials/',
    uploadDir: uploads,
  };
  const storage = await S3Storage.open(config);
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
  return {
    storage,
    tamper: async (sha256, bytes) => {
      await client.putObject(s3.bucket, storage.keyOf(sha256), bytes, bytes.length);
    },
    objects: async () => {
      let count = 0;
      for await (const _object of client.listObjectsV2(s3.bucket, '', true)) count += 1;
      return count;
    },
    close: async () => {
      await s3.close();
      fs.rmSync(uploads, { recursive: true, force: true });
    },
  };
}

for (const [name, open] of [
  ['the data directory', fileBackEnd],
  ['S3-compatible storage (s3rver)', s3BackEnd],
] as const) {
  describe(`engine/materials-store: ${name}`, () => {
    let backEnd: BackEnd;
    beforeEach(async () => {
      backEnd = await open();
    });
    afterEach(() => backEnd.close());

    const leftovers = () => fs.readdirSync(backEnd.storage.uploadDir);

    it('should keep an accepted file under its sha256 and give it back whole', async () => {
      const pdf = samplePdf(300_000);
      const result = await intake(backEnd.storage, streamOf(pdf, 64 * 1024), { material, rules });
      expect(result).to.deep.equal({
        stored: true,
        file: { sha256: sha(pdf), size: pdf.length, mediaType: 'application/pdf' },
      });
      expect((await readAll(backEnd.storage, sha(pdf)))?.equals(pdf)).to.equal(true);
      expect(await backEnd.storage.has(sha(pdf))).to.equal(true);
      expect(await backEnd.storage.open('0'.repeat(64))).to.equal(null);
      expect(leftovers()).to.deep.equal([]);
    });

    it('should accept an OFD document and a PNG, each typed by its content', async () => {
      const ofd = await intake(backEnd.storage, streamOf(sampleOfd()), { material, rules });
      expect(ofd).to.deep.include({ stored: true });
      expect(ofd.stored && ofd.file.mediaType).to.equal('application/ofd');
      const png = await intake(backEnd.storage, streamOf(samplePng()), { material, rules });
      expect(png.stored && png.file.mediaType).to.equal('image/png');
      expect(await backEnd.objects()).to.equal(2);
    });

    it('should NOT overwrite a stored file: the same content again leaves the first', async () => {
      const pdf = samplePdf();
      await intake(backEnd.storage, streamOf(pdf), { material, rules });
      await intake(backEnd.storage, streamOf(pdf), { material, rules });
      expect(await backEnd.objects()).to.equal(1);
      expect(leftovers()).to.deep.equal([]);
    });

    it('should NOT store a file whose content is not an accepted type, whatever its name said', async () => {
      for (const bytes of [htmlPretendingToBePdf(), zipOf({ 'word/document.xml': '<w/>' })]) {
        const result = await intake(backEnd.storage, streamOf(bytes), { material, rules });
        expect(result).to.deep.include({ stored: false });
        expect(!result.stored && result.refusal.code).to.equal('FILE_TYPE_REFUSED');
      }
      expect(await backEnd.objects()).to.equal(0);
      expect(leftovers()).to.deep.equal([]);
    });

    it('should NOT store a file past the material’s limit: read to its end and dropped', async () => {
      const small = fileRules({ maxFileSizeMb: 0.01 }); // 10,485 bytes
      const result = await intake(backEnd.storage, streamOf(samplePdf(50_000)), { material, rules: small });
      expect(result).to.deep.include({ stored: false, size: 50_000 });
      expect(!result.stored && result.refusal.code).to.equal('FILE_TOO_LARGE');
      expect(await backEnd.objects()).to.equal(0);
      expect(leftovers()).to.deep.equal([]);
    });

    it('should stop reading a refused file that keeps coming past the drain limit, storing nothing', async () => {
      const small = fileRules({ maxFileSizeMb: 0.01 });
      const error = await intake(backEnd.storage, streamOf(samplePdf(200_000)), {
        material,
        rules: small,
        drainLimit: 100_000,
      }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(UploadTooLargeError);
      expect(await backEnd.objects()).to.equal(0);
      expect(leftovers()).to.deep.equal([]);
    });

    it('should store nothing of an upload broken off half way', async () => {
      const source = new PassThrough();
      const pending = intake(backEnd.storage, source, { material, rules });
      source.write(samplePdf(40_000).subarray(0, 20_000));
      await new Promise((resolve) => setTimeout(resolve, 20));
      source.destroy(new Error('the client went away'));
      const error = await pending.catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error);
      expect(await backEnd.objects()).to.equal(0);
      expect(leftovers()).to.deep.equal([]);
    });

    it('should find by re-hashing that a stored file was changed, or is gone', async () => {
      const pdf = samplePdf();
      await intake(backEnd.storage, streamOf(pdf), { material, rules });
      const check = fileCheck(backEnd.storage);
      expect(await check(sha(pdf))).to.equal(null);
      await backEnd.tamper(sha(pdf), samplePdf(700));
      expect(await check(sha(pdf))).to.match(/^the stored file now hashes to [0-9a-f]{64}: it was changed$/);
      expect(await check('f'.repeat(64))).to.equal(`the ${backEnd.storage.kind} storage holds no such file`);
    });
  });
}
