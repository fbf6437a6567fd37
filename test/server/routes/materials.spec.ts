/**
 * Material files over HTTP (in-process, both dialects): who may upload and read, what an upload
 * that is no multipart, carries no file or is far too large gets, the preview grant's lifetime,
 * and the answer without a storage.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { FileStorage } from '../../../engine/materials-store/index.js';
import { FOOD_LICENCE_APPLICATION } from '../../support/applications.js';
import { samplePdf, samplePng } from '../../support/material-files.js';
import { testServer, type TestServer } from '../support.js';

const MATTER = FOOD_LICENCE_APPLICATION.matterCode;
const ID_NUMBER = '330102199001011234';

describe('server: material files', () => {
  let server: TestServer;
  let root: string;
  const tokens: Record<string, string> = {};
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-routes-materials-'));
    server = await testServer({ materials: { storage: await FileStorage.open(root), maxFileMb: 0.05 } });
    for (const user of [
      { id: 'zhang-san', name: '张三', roles: ['applicant'], idNumber: ID_NUMBER },
      { id: 'li-si', name: '李四', roles: ['applicant'], idNumber: '330102199202021236' },
    ]) {
      const created = await request(server.app).post('/api/users').set(as('admin')).send(user).expect(201);
      tokens[user.id] = created.body.token as string;
    }
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user] ?? server.tokens[user]}` });
  const upload = (user: string, query: string, bytes: Buffer, name = 'a.pdf') =>
    request(server.app).post(`/api/materials/uploads?${query}`).set(as(user)).attach('file', bytes, name);

  /** An online application by zhang-san with one PNG; its case id and the PNG's hash. */
  async function filedCase(): Promise<{ caseId: string; sha256: string }> {
    const png = await upload(
      'zhang-san',
      `matterCode=${MATTER}&materialId=application`,
      samplePng(),
      '申请书.png',
    ).expect(201);
    const draft = await request(server.app)
      .post('/api/applicant/drafts')
      .set(as('zhang-san'))
      .send({
        matterCode: MATTER,
        applicant: { name: '张三', idType: '居民身份证' },
        form: FOOD_LICENCE_APPLICATION.form,
        files: [{ materialId: 'application', uploadId: png.body.uploadId }],
      })
      .expect(201);
    const submitted = await request(server.app)
      .post(`/api/applicant/drafts/${draft.body.draftId}/submission`)
      .set(as('zhang-san'))
      .send({ idNumber: ID_NUMBER })
      .expect(201);
    return { caseId: submitted.body.caseId as string, sha256: png.body.sha256 as string };
  }

  it('should take an upload from an applicant or the window, and not from a department officer (403)', async () => {
    await upload('zhang-san', `matterCode=${MATTER}&materialId=application`, samplePdf()).expect(201);
    await upload('window-li', `matterCode=${MATTER}&materialId=application`, samplePdf()).expect(201);
    await upload('food-zhao', `matterCode=${MATTER}&materialId=application`, samplePdf()).expect(403);
    await request(server.app).post(`/api/materials/uploads?matterCode=${MATTER}&materialId=application`).expect(401);
  });

  it('should refuse what is no multipart (415), carries no file (400), names no matter or material (400, 404)', async () => {
    const json = await request(server.app)
      .post(`/api/materials/uploads?matterCode=${MATTER}&materialId=application`)
      .set(as('zhang-san'))
      .send({ file: 'x' })
      .expect(415);
    expect(json.body.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    const empty = await request(server.app)
      .post(`/api/materials/uploads?matterCode=${MATTER}&materialId=application`)
      .set(as('zhang-san'))
      .field('note', '没有文件')
      .expect(400);
    expect(empty.body.code).to.equal('NO_FILE');
    expect((await upload('zhang-san', 'materialId=application', samplePdf()).expect(400)).body.field).to.equal(
      '/query',
    );
    expect(
      (await upload('zhang-san', `matterCode=NO-SUCH&materialId=application`, samplePdf()).expect(404)).body.code,
    ).to.equal('MATTER_NOT_FOUND');
    expect(
      (await upload('zhang-san', `matterCode=${MATTER}&materialId=nope`, samplePdf()).expect(404)).body.code,
    ).to.equal('MATERIAL_NOT_FOUND');
  });

  it('should refuse at once a body far past the limit (413, the connection closed), storing nothing', async () => {
    const far = await upload(
      'zhang-san',
      `matterCode=${MATTER}&materialId=application`,
      samplePdf(17 * 1024 * 1024),
    ).catch((error: unknown) => error);
    // Either the answer came before the client finished sending, or the connection was closed on it.
    const answered = far as { status?: number; headers?: Record<string, string> };
    if (typeof answered.status === 'number') {
      expect(answered.status).to.equal(413);
      expect(answered.headers?.['connection']).to.equal('close');
    } else expect(String(far)).to.match(/EPIPE|ECONNRESET|socket hang up/);
    expect(fs.existsSync(path.join(root, 'objects'))).to.equal(false);
  });

  it('should serve a case’s file to its readers only, and a preview grant for five minutes', async () => {
    const { caseId, sha256 } = await filedCase();
    const read = await request(server.app).get(`/api/cases/${caseId}/files/${sha256}`).set(as('window-li')).expect(200);
    expect(read.headers['content-type']).to.equal('image/png');
    expect(read.headers['content-disposition']).to.match(/^inline; filename="___\.png"; filename\*=UTF-8''%E7%94%B3/);
    expect(read.headers['x-content-type-options']).to.equal('nosniff');
    await request(server.app).get(`/api/cases/${caseId}/files/${sha256}`).set(as('li-si')).expect(403);
    await request(server.app)
      .get(`/api/cases/${caseId}/files/${'0'.repeat(64)}`)
      .set(as('window-li'))
      .expect(404);
    await request(server.app).get(`/api/cases/${caseId}/files/not-a-hash`).set(as('window-li')).expect(400);
    const download = await request(server.app)
      .get(`/api/cases/${caseId}/files/${sha256}?download=true`)
      .set(as('zhang-san'))
      .expect(200);
    expect(download.headers['content-disposition']).to.match(/^attachment;/);

    const grant = await request(server.app)
      .post(`/api/cases/${caseId}/files/${sha256}/preview`)
      .set(as('auditor-wu'))
      .expect(201);
    await request(server.app)
      .get(grant.body.url as string)
      .expect(200);
    server.clock.advance(4 * 60_000);
    await request(server.app)
      .get(grant.body.url as string)
      .expect(200);
    server.clock.advance(2 * 60_000);
    const expired = await request(server.app)
      .get(grant.body.url as string)
      .expect(404);
    expect(expired.body.code).to.equal('PREVIEW_EXPIRED');
    await request(server.app).post(`/api/cases/${caseId}/files/${sha256}/preview`).set(as('li-si')).expect(403);
  });

  it('should take for a material only the file types its matter declares, judged by content', async () => {
    const food = JSON.parse(fs.readFileSync('processes/food-licence.matter.json', 'utf8')) as {
      materials: Array<Record<string, unknown>>;
    };
    food.materials = food.materials.map((m) => (m['id'] === 'application' ? { ...m, fileTypes: ['pdf', 'ofd'] } : m));
    await request(server.app).post('/api/matters').set(as('admin')).send(food).expect(201);
    const png = await upload(
      'zhang-san',
      `matterCode=${MATTER}&materialId=application`,
      samplePng(),
      '申请书.pdf',
    ).expect(422);
    expect(png.body).to.deep.include({ code: 'FILE_TYPE_REFUSED', field: '/body/file' });
    expect(png.body.message.zh).to.equal(
      '「食品经营许可申请书」只接受 PDF、OFD 版式文件，该文件的内容是PNG 图片（按文件内容识别，不看文件名）',
    );
    await upload('zhang-san', `matterCode=${MATTER}&materialId=application`, samplePdf(), '申请书.png').expect(201);
    // Other materials keep every type.
    await upload('zhang-san', `matterCode=${MATTER}&materialId=safety-rules`, samplePng(), 'x.png').expect(201);
  });

  it('should answer 503 without a material storage', async () => {
    const bare = await testServer();
    try {
      const answer = await request(bare.app)
        .post(`/api/materials/uploads?matterCode=${MATTER}&materialId=application`)
        .set({ Authorization: `Bearer ${bare.tokens['window-li']}` })
        .attach('file', samplePdf(), 'a.pdf')
        .expect(503);
      expect(answer.body.code).to.equal('MATERIALS_UNAVAILABLE');
    } finally {
      await bare.close();
    }
  });
});
