/**
 * The applicants' API in-process (both dialects): drafts reach only their owner and change no
 * more once submitted; a submission is refused without a bound 证件号码, for another's, without a
 * name, without a required material's file, with an upload not the applicant's, or with a form
 * its schema refuses; a 补正 answered when none is asked is refused in Chinese; the papers and the
 * public progress query.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { FileStorage } from '../../../engine/materials-store/index.js';
import { FOOD_LICENCE_APPLICATION } from '../../support/applications.js';
import { samplePdf } from '../../support/material-files.js';
import { testServer, type TestServer } from '../support.js';

const MATTER = FOOD_LICENCE_APPLICATION.matterCode;
const ID_NUMBER = '330102199001011234';

describe('server: applicants (网上申报, 我的办件, 补正, papers, progress)', () => {
  let server: TestServer;
  let root: string;
  const tokens: Record<string, string> = {};
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-routes-applicant-'));
    server = await testServer({ materials: { storage: await FileStorage.open(root), maxFileMb: 1 } });
    for (const user of [
      { id: 'zhang-san', name: '张三', roles: ['applicant'], idNumber: ID_NUMBER },
      { id: 'li-si', name: '李四', roles: ['applicant'], idNumber: '330102199202021236' },
      { id: 'wang-wu', name: '王五', roles: ['applicant'] },
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
  const uploadAs = async (user: string, materialId = 'application') =>
    (
      await request(server.app)
        .post(`/api/materials/uploads?matterCode=${MATTER}&materialId=${materialId}`)
        .set(as(user))
        .attach('file', samplePdf(), `${materialId}.pdf`)
        .expect(201)
    ).body.uploadId as string;
  const draftOf = async (user: string, body: Record<string, unknown> = {}) =>
    (
      await request(server.app)
        .post('/api/applicant/drafts')
        .set(as(user))
        .send({
          matterCode: MATTER,
          applicant: { name: '张三', idType: '居民身份证' },
          form: FOOD_LICENCE_APPLICATION.form,
          files: [{ materialId: 'application', uploadId: await uploadAs(user) }],
          ...body,
        })
        .expect(201)
    ).body.draftId as string;
  const submit = (user: string, draftId: string, idNumber = ID_NUMBER) =>
    request(server.app).post(`/api/applicant/drafts/${draftId}/submission`).set(as(user)).send({ idNumber });

  it('should give the online application of a matter in use: its form and what each material takes', async () => {
    const answer = await request(server.app).get(`/api/applicant/matters/${MATTER}/application`).expect(200);
    expect(answer.body).to.deep.include({ matterCode: MATTER, name: '食品经营许可（新办）' });
    const application = (answer.body.materials as Array<Record<string, unknown>>).find(
      (m) => m['id'] === 'application',
    );
    expect(application).to.deep.include({
      upload: true,
      fileTypes: ['pdf', 'jpeg', 'png', 'ofd'],
      maxBytes: 1024 * 1024,
    });
    await request(server.app).get('/api/applicant/matters/NO-SUCH/application').expect(404);
  });

  it('should keep a draft to its owner, and change it no more once submitted', async () => {
    const draftId = await draftOf('zhang-san');
    await request(server.app).get(`/api/applicant/drafts/${draftId}`).set(as('li-si')).expect(404);
    await request(server.app).get(`/api/applicant/drafts/${draftId}`).set(as('window-li')).expect(403);
    await request(server.app)
      .put(`/api/applicant/drafts/${draftId}`)
      .set(as('zhang-san'))
      .send({ applicant: { name: '张三', idType: '护照' }, form: { businessName: '改过的名称' } })
      .expect(200);
    const read = await request(server.app).get(`/api/applicant/drafts/${draftId}`).set(as('zhang-san')).expect(200);
    expect(read.body).to.deep.include({ applicant: { name: '张三', idType: '护照' }, files: [] });
    await request(server.app)
      .put(`/api/applicant/drafts/${draftId}`)
      .set(as('zhang-san'))
      .send({
        applicant: { name: '张三', idType: '居民身份证' },
        form: FOOD_LICENCE_APPLICATION.form,
        files: [{ materialId: 'application', uploadId: await uploadAs('zhang-san') }],
      })
      .expect(200);
    const submitted = await submit('zhang-san', draftId).expect(201);
    const changed = await request(server.app)
      .put(`/api/applicant/drafts/${draftId}`)
      .set(as('zhang-san'))
      .send({})
      .expect(409);
    expect(changed.body.code).to.equal('DRAFT_SUBMITTED');
    await request(server.app).delete(`/api/applicant/drafts/${draftId}`).set(as('zhang-san')).expect(409);
    const listed = await request(server.app).get('/api/applicant/drafts').set(as('zhang-san')).expect(200);
    expect(listed.body[0]).to.deep.include({ draftId, caseId: submitted.body.caseId });
    // Discarding one not submitted.
    const other = await draftOf('zhang-san');
    await request(server.app).delete(`/api/applicant/drafts/${other}`).set(as('zhang-san')).expect(200);
    await request(server.app).get(`/api/applicant/drafts/${other}`).set(as('zhang-san')).expect(404);
  });

  it('should refuse a submission without a bound 证件号码, a name, a required file, one’s own upload or a valid form', async () => {
    expect((await submit('wang-wu', await draftOf('wang-wu')).expect(403)).body.code).to.equal('NOT_BOUND');
    const unnamed = await draftOf('zhang-san', { applicant: { name: ' ', idType: '居民身份证' } });
    expect((await submit('zhang-san', unnamed).expect(422)).body).to.deep.include({
      code: 'DRAFT_INCOMPLETE',
      field: '/applicant/name',
    });
    const bare = await draftOf('zhang-san', { files: [] });
    const missing = await submit('zhang-san', bare).expect(422);
    expect(missing.body.code).to.equal('MATERIALS_MISSING');
    expect(missing.body.message.zh).to.equal('请上传必要材料：食品经营许可申请书');
    const borrowed = await draftOf('zhang-san', {
      files: [{ materialId: 'application', uploadId: await uploadAs('li-si') }],
    });
    expect((await submit('zhang-san', borrowed).expect(422)).body.code).to.equal('UPLOAD_NOT_FOUND');
    const mislabelled = await draftOf('zhang-san', {
      files: [{ materialId: 'application', uploadId: await uploadAs('zhang-san', 'safety-rules') }],
    });
    expect((await submit('zhang-san', mislabelled).expect(422)).body.code).to.equal('UPLOAD_NOT_FOUND');
    const badForm = await draftOf('zhang-san', { form: { ...FOOD_LICENCE_APPLICATION.form, phone: '12345' } });
    expect((await submit('zhang-san', badForm).expect(400)).body.code).to.equal('APPLICATION_INVALID');
    expect((await request(server.app).get('/api/applicant/cases').set(as('zhang-san')).expect(200)).body).to.deep.equal(
      [],
    );
  });

  it('should refuse a 补正 when none is asked, in Chinese, and the papers to strangers', async () => {
    const caseId = (await submit('zhang-san', await draftOf('zhang-san')).expect(201)).body.caseId as string;
    const accepted = await request(server.app).get(`/api/cases/${caseId}`).set(as('window-li')).expect(200);
    const task = (accepted.body.tasks as Array<{ taskId: string; elementId: string }>).find(
      (t) => t.elementId === 'windowAcceptance',
    )!;
    await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('window-li'))
      .send({
        operation: 'materials.supply',
        data: { materials: ['business-licence', 'id-card', 'safety-rules', 'premises-layout'] },
      })
      .expect(200);
    await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('window-li'))
      .send({ operation: 'case.accept', data: { taskId: task.taskId } })
      .expect(200);
    const uploadId = (
      await request(server.app)
        .post(`/api/materials/uploads?caseId=${caseId}&materialId=application`)
        .set(as('zhang-san'))
        .attach('file', samplePdf(900), 'b.pdf')
        .expect(201)
    ).body.uploadId as string;
    // Handed in after 受理 without a notice: taken (补交 is allowed), as the material's next version.
    const supplied = await request(server.app)
      .post(`/api/applicant/cases/${caseId}/corrections`)
      .set(as('zhang-san'))
      .send({ files: [{ materialId: 'application', uploadId }] })
      .expect(200);
    const versions = (supplied.body.materials as Array<{ id: string; files: Array<{ version: number }> }>)
      .find((m) => m.id === 'application')!
      .files.map((f) => f.version);
    expect(versions).to.deep.equal([1, 2]);
    // Another applicant may not.
    await request(server.app)
      .post(`/api/applicant/cases/${caseId}/corrections`)
      .set(as('li-si'))
      .send({ files: [{ materialId: 'application', uploadId }] })
      .expect(403);
    await request(server.app).get(`/api/cases/${caseId}/receipt`).set(as('li-si')).expect(403);
    const receipt = await request(server.app).get(`/api/cases/${caseId}/receipt`).set(as('zhang-san')).expect(200);
    expect(receipt.body).to.deep.include({ title: '受理回执' });
    expect(receipt.body.applicant.idNumber).to.equal('330102********1234');
    const notice = await request(server.app).get(`/api/cases/${caseId}/result-notice`).set(as('window-li')).expect(409);
    expect(notice.body.code).to.equal('NOT_CONCLUDED');
    // Withdrawn, it waits for nothing: a 补交 now is refused in the domain's words.
    await request(server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(as('zhang-san'))
      .send({ operation: 'case.withdraw', data: { reason: '不再经营' } })
      .expect(200);
    const refused = await request(server.app)
      .post(`/api/applicant/cases/${caseId}/corrections`)
      .set(as('zhang-san'))
      .send({ files: [{ materialId: 'application', uploadId }] })
      .expect(422);
    expect(refused.body.message.zh).to.match(/[\u4e00-\u9fff]/);
    expect(refused.body.message.zh).to.contain('已撤回');
  });

  it('should stop the clock for a 补正 after 受理 and run it again once the applicant answers it online', async () => {
    const caseId = (await submit('zhang-san', await draftOf('zhang-san')).expect(201)).body.caseId as string;
    const operate = (operation: string, data: Record<string, unknown>) =>
      request(server.app)
        .post(`/api/cases/${caseId}/operations`)
        .set(as('window-li'))
        .send({ operation, data })
        .expect(200);
    const view = async () =>
      (await request(server.app).get(`/api/applicant/cases/${caseId}`).set(as('zhang-san')).expect(200)).body as {
        status: string;
        limit: { dueAt: string; running: boolean; stoppedFor: string | null };
        asks: Array<{ kind: string; defects?: string[] }>;
      };
    const acceptance = (
      (await request(server.app).get(`/api/cases/${caseId}`).set(as('window-li')).expect(200)).body.tasks as Array<{
        taskId: string;
        elementId: string;
      }>
    ).find((t) => t.elementId === 'windowAcceptance')!;
    await operate('materials.supply', {
      materials: ['business-licence', 'id-card', 'safety-rules', 'premises-layout'],
    });
    await operate('case.accept', { taskId: acceptance.taskId });
    const accepted = await view();
    expect(accepted.limit.running).to.equal(true);
    await operate('case.noticeCorrection', { defects: ['平面图未标注面积'] });
    const waiting = await view();
    expect(waiting).to.deep.include({ status: '补正中' });
    expect(waiting.limit).to.deep.include({ running: false, stoppedFor: '补正' });
    expect(waiting.asks.map((ask) => ask.kind)).to.deep.equal(['补正']);
    // Two working days later the applicant answers it online.
    server.clock.advance('P2D');
    const uploadId = (
      await request(server.app)
        .post(`/api/materials/uploads?caseId=${caseId}&materialId=premises-layout`)
        .set(as('zhang-san'))
        .attach('file', samplePdf(700), '平面图.pdf')
        .expect(201)
    ).body.uploadId as string;
    await request(server.app)
      .post(`/api/applicant/cases/${caseId}/corrections`)
      .set(as('zhang-san'))
      .send({ files: [{ materialId: 'premises-layout', uploadId }], cures: ['平面图未标注面积'] })
      .expect(200);
    const resumed = await view();
    expect(resumed.status).to.equal('已受理');
    expect(resumed.limit.running).to.equal(true);
    expect(resumed.asks).to.deep.equal([]);
    // The time stood still moved the due date later.
    expect(resumed.limit.dueAt > accepted.limit.dueAt).to.equal(true);
  });

  it('should answer the public progress query by number and code, the same 404 for a wrong one', async () => {
    const submitted = (await submit('zhang-san', await draftOf('zhang-san')).expect(201)).body;
    const found = await request(server.app)
      .get(`/api/public/progress?number=${submitted.number}&code=${submitted.verificationCode}`)
      .expect(200);
    expect(found.body).to.deep.include({ number: submitted.number, status: '已收件' });
    expect(JSON.stringify(found.body)).to.not.contain('张三');
    const wrongCode = await request(server.app)
      .get(`/api/public/progress?number=${submitted.number}&code=XXXXXXXX`)
      .expect(404);
    const wrongNumber = await request(server.app)
      .get(`/api/public/progress?number=20990101-0001&code=${submitted.verificationCode}`)
      .expect(404);
    expect(wrongCode.body).to.deep.equal(wrongNumber.body);
  });
});
