/**
 * Applicants and their material files through the running server (issue 19), on the test clock,
 * with each material storage (a folder of the data directory; S3-compatible storage, s3rver
 * started here), on SQLite or PostgreSQL: 网上申报 with files kept in a draft and submitted as
 * 网上 收件, each file filed under its sha256 in the hash chain; uploads refused by content
 * (wrong type, a name that lies, too large) or broken off store nothing; 补正 answered online
 * adds a version; 受理 → 办结 → 评价; the receipt and the public progress query by 办件编号 and
 * code; verification finds a stored file changed behind the server's back.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { FOOD_LICENCE_APPLICATION } from '../support/applications.js';
import { htmlPretendingToBePdf, samplePdf, samplePng, zipOf } from '../support/material-files.js';
import { ServerProcess, type HttpAnswer } from './support/server-process.js';
import { testMaterialStorage, type TestMaterialStorage } from './support/material-storage.js';
import { brokenUpload, uploadFile } from './support/uploads.js';

const MATTER = FOOD_LICENCE_APPLICATION.matterCode;
const PERMITS = '西湖区市场监督管理局行政许可科';
const BUREAU = '西湖区市场监督管理局';
const ID_NUMBER = '330102199001011234';
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface MaterialView {
  readonly id: string;
  readonly received: boolean;
  readonly files: ReadonlyArray<{ version: number; sha256: string; fileName: string; mediaType: string }>;
}
interface ApplicantCase {
  readonly caseId: string;
  readonly number: string;
  readonly verificationCode: string;
  readonly status: string;
  readonly channel: string;
  readonly answerBy: string | null;
  readonly asks: ReadonlyArray<{ kind: string; defects?: string[] }>;
  readonly materials: readonly MaterialView[];
  readonly limit: { dueAt: string } | null;
  readonly rating: { open: boolean; level: string | null; departments: string[] };
}
interface CaseBody {
  readonly caseId: string;
  readonly status: string;
  readonly tasks: ReadonlyArray<{ taskId: string; elementId: string }>;
}
interface AuditEvent {
  readonly seq: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

for (const kind of ['file', 's3'] as const) {
  describe(`system: applicants and their material files (${kind === 'file' ? 'data directory' : 'S3-compatible storage'})`, function () {
    this.timeout(180_000);
    let server: ServerProcess | undefined;
    let storage: TestMaterialStorage | undefined;
    const tokens = new Map<string, string>();
    /** The case the journey makes (it shares the server). */
    const journey: { caseId?: string; application?: Buffer } = {};

    before(async () => {
      storage = await testMaterialStorage(kind);
      server = await ServerProcess.start({
        testClock: true,
        env: { ...storage.env, MATTERFLOW_MATERIALS_MAX_FILE_MB: '0.05', MATTERFLOW_PROGRESS_RATE_LIMIT: '30' },
      });
      for (const user of [
        { id: 'zhang-san', name: '张三', roles: ['applicant'], idNumber: ID_NUMBER },
        { id: 'li-si', name: '李四', roles: ['applicant'], idNumber: '330102199202021236' },
        { id: 'window-li', name: '李窗口', roles: ['window'] },
        { id: 'permits-zhao', name: '赵审查', roles: ['department'], department: PERMITS },
        { id: 'bureau-qian', name: '钱局长', roles: ['department'], department: BUREAU },
        { id: 'auditor-wu', name: '吴审计', roles: ['auditor'] },
      ]) {
        const created = await server.request<{ token: string }>('/api/users', {
          token: server.admin!.token,
          body: user,
        });
        expect(created.status, created.text).to.equal(201);
        tokens.set(user.id, created.body.token);
      }
      // Monday 2026-03-02 09:30 Beijing (no holiday in March 2026).
      ok(await server.request('/api/test/clock', { body: { set: '2026-03-02T01:30:00.000Z' } }));
    });
    after(async () => {
      await server?.dispose();
      await storage?.close();
    });

    const s = () => server!;
    const token = (user: string) => tokens.get(user)!;
    const ok = <T>(answer: HttpAnswer<T>): T => {
      expect(answer.status, answer.text).to.be.within(200, 299);
      return answer.body;
    };
    const upload = (user: string, query: Record<string, string>, bytes: Buffer, name: string) =>
      uploadFile(s().url, token(user), query, bytes, name);
    const applicantCase = async (caseId: string) =>
      ok(await s().request<ApplicantCase>(`/api/applicant/cases/${caseId}`, { token: token('zhang-san') }));
    const events = async (caseId: string) =>
      ok(await s().request<AuditEvent[]>(`/api/audit/cases/${caseId}/events`, { token: token('auditor-wu') }));
    const operate = async (user: string, caseId: string, operation: string, data: Record<string, unknown>) =>
      ok(
        await s().request<CaseBody>(`/api/cases/${caseId}/operations`, {
          token: token(user),
          body: { operation, data },
        }),
      );
    const taskOf = async (caseId: string, elementId: string) => {
      const body = ok(await s().request<CaseBody>(`/api/cases/${caseId}`, { token: token('auditor-wu') }));
      return body.tasks.find((task) => task.elementId === elementId)!.taskId;
    };

    it('should apply online: files uploaded and kept in a draft, submitted as 网上 收件 with each file filed under its sha256', async () => {
      const application = samplePdf(20_000);
      const layout = samplePng();
      const first = await upload(
        'zhang-san',
        { matterCode: MATTER, materialId: 'application' },
        application,
        '食品经营许可申请书.pdf',
      );
      expect(first.status).to.equal(201);
      expect(first.body).to.deep.include({
        sha256: sha(application),
        size: application.length,
        mediaType: 'application/pdf',
        fileName: '食品经营许可申请书.pdf',
        materialId: 'application',
      });
      // A PNG named .pdf is a PNG: typed by its content, never its name.
      const second = await upload(
        'zhang-san',
        { matterCode: MATTER, materialId: 'premises-layout' },
        layout,
        '平面图.pdf',
      );
      expect(second.body).to.deep.include({ mediaType: 'image/png', sha256: sha(layout) });

      const rules = await upload(
        'zhang-san',
        { matterCode: MATTER, materialId: 'safety-rules' },
        samplePdf(3_000),
        '食品安全管理制度.pdf',
      );
      expect(rules.status).to.equal(201);

      const draft = ok(
        await s().request<{ draftId: string; files: unknown[] }>('/api/applicant/drafts', {
          token: token('zhang-san'),
          body: {
            matterCode: MATTER,
            applicant: { name: '张三', idType: '居民身份证' },
            form: FOOD_LICENCE_APPLICATION.form,
            files: [
              { materialId: 'application', uploadId: first.body.uploadId },
              { materialId: 'premises-layout', uploadId: second.body.uploadId },
              { materialId: 'safety-rules', uploadId: rules.body.uploadId },
            ],
          },
        }),
      );
      // The draft is kept: read back by its owner, by no one else.
      const kept = ok(
        await s().request<{ files: Array<{ sha256: string }> }>(`/api/applicant/drafts/${draft.draftId}`, {
          token: token('zhang-san'),
        }),
      );
      expect(kept.files.map((f) => f.sha256)).to.deep.equal([sha(application), sha(layout), sha(samplePdf(3_000))]);
      expect((await s().request(`/api/applicant/drafts/${draft.draftId}`, { token: token('li-si') })).status).to.equal(
        404,
      );

      // Only under the 证件号码 the account is bound to.
      const impostor = await s().request<{ code: string }>(`/api/applicant/drafts/${draft.draftId}/submission`, {
        token: token('zhang-san'),
        body: { idNumber: '330102199202021236' },
      });
      expect(impostor.status).to.equal(403);
      expect(impostor.body.code).to.equal('IDENTITY_MISMATCH');

      const submitted = await s().request<{
        caseId: string;
        number: string;
        verificationCode: string;
        case: ApplicantCase;
      }>(`/api/applicant/drafts/${draft.draftId}/submission`, {
        token: token('zhang-san'),
        body: { idNumber: ID_NUMBER },
      });
      expect(submitted.status, submitted.text).to.equal(201);
      const { caseId } = submitted.body;
      expect(submitted.body.number).to.match(/^20260302-\d{4}$/);
      expect(submitted.body.verificationCode).to.match(/^[2-9A-HJ-NP-Z]{8}$/);
      expect(submitted.body.case).to.deep.include({ status: '已收件', channel: '网上' });
      // §32: the window must answer within 5 working days (Monday 03-09 at the close of office).
      expect(submitted.body.case.answerBy).to.equal('2026-03-09T09:30:00.000Z');
      // Submitted once: asking again answers the same case.
      const again = await s().request<{ caseId: string }>(`/api/applicant/drafts/${draft.draftId}/submission`, {
        token: token('zhang-san'),
        body: { idNumber: ID_NUMBER },
      });
      expect(again.status).to.equal(200);
      expect(again.body.caseId).to.equal(caseId);

      // The case's events carry each file's hash, so the chain covers the files.
      const filed = (await events(caseId))
        .filter((event) => event.type === 'material.filed')
        .map((event) => event.data);
      expect(filed.slice(0, 2)).to.deep.equal([
        {
          materialId: 'application',
          version: 1,
          sha256: sha(application),
          size: application.length,
          mediaType: 'application/pdf',
          fileName: '食品经营许可申请书.pdf',
        },
        {
          materialId: 'premises-layout',
          version: 1,
          sha256: sha(layout),
          size: layout.length,
          mediaType: 'image/png',
          fileName: '平面图.pdf',
        },
      ]);
      expect(
        ok(await s().request(`/api/audit/cases/${caseId}/verification`, { token: token('auditor-wu') })),
      ).to.deep.equal({ ok: true });

      // The window reads the file back whole; another applicant may not.
      const read = await fetch(`${s().url}/api/cases/${caseId}/files/${sha(application)}`, {
        headers: { Authorization: `Bearer ${token('window-li')}` },
      });
      expect(read.status).to.equal(200);
      expect(read.headers.get('content-type')).to.equal('application/pdf');
      expect(Buffer.from(await read.arrayBuffer()).equals(application)).to.equal(true);
      expect(
        (await s().request(`/api/cases/${caseId}/files/${sha(application)}`, { token: token('li-si') })).status,
      ).to.equal(403);

      // A preview grant shows it without the token, for a while; nothing in it may run.
      const grant = ok(
        await s().request<{ url: string }>(`/api/cases/${caseId}/files/${sha(layout)}/preview`, {
          token: token('window-li'),
          method: 'POST',
        }),
      );
      const preview = await fetch(`${s().url}${grant.url}`);
      expect(preview.status).to.equal(200);
      expect(preview.headers.get('content-type')).to.equal('image/png');
      expect(preview.headers.get('content-security-policy')).to.contain('sandbox');
      expect(preview.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(Buffer.from(await preview.arrayBuffer()).equals(layout)).to.equal(true);
      // The grant's address is its credential: the request log does not keep it.
      const grantToken = grant.url.split('/').pop()!;
      await s().eventually(async () => (s().log.includes('/api/material-previews/') ? true : undefined));
      expect(s().log).to.not.contain(grantToken);
      journey.caseId = caseId;
      journey.application = application;
    });

    it('should refuse a wrong type, a name that lies about its type and an oversized file, storing nothing', async () => {
      const before = await storage!.objects();
      const html = await upload(
        'zhang-san',
        { matterCode: MATTER, materialId: 'application' },
        htmlPretendingToBePdf(),
        '申请书.pdf',
      );
      expect(html.status).to.equal(422);
      expect(html.body.code).to.equal('FILE_TYPE_REFUSED');
      expect(html.body.message?.zh).to.contain('HTML / XML 文本');
      const zip = await upload(
        'zhang-san',
        { matterCode: MATTER, materialId: 'application' },
        zipOf({ 'a.xml': '<a/>' }),
        '申请书.ofd',
      );
      expect(zip.status).to.equal(422);
      expect(zip.body.message?.zh).to.contain('ZIP 压缩包（不是 OFD 文件）');
      const big = await upload(
        'zhang-san',
        { matterCode: MATTER, materialId: 'application' },
        samplePdf(80_000),
        '申请书.pdf',
      );
      expect(big.status).to.equal(413);
      expect(big.body.code).to.equal('FILE_TOO_LARGE');
      expect(big.body.message?.zh).to.equal('「食品经营许可申请书」的文件不能超过 51.2 KB');
      const unknown = await upload('zhang-san', { matterCode: MATTER, materialId: 'no-such' }, samplePdf(), 'x.pdf');
      expect(unknown.status).to.equal(404);
      expect(await storage!.objects()).to.equal(before);
      expect(storage!.uploadsLeft()).to.deep.equal([]);
    });

    it('should store nothing of an upload broken off half way', async () => {
      const before = await storage!.objects();
      await brokenUpload(
        s().url,
        token('zhang-san'),
        { matterCode: MATTER, materialId: 'application' },
        samplePdf(40_000),
        15_000,
      );
      await s().eventually(async () => (storage!.uploadsLeft().length === 0 ? true : undefined), {
        what: 'the half upload to be removed',
      });
      expect(await storage!.objects()).to.equal(before);
      // The server is fine afterwards.
      expect(
        (await upload('zhang-san', { matterCode: MATTER, materialId: 'application' }, samplePdf(1_000), 'a.pdf'))
          .status,
      ).to.equal(201);
    });

    it('should answer a 补正 online with a new version, then 受理, 办结, 评价, the receipt and the public progress query', async () => {
      const caseId = journey.caseId!;
      // The window's one-time notice: each defect, once.
      await operate('window-li', caseId, 'case.noticeCorrection', { defects: ['申请书未签字', '平面图未标注面积'] });
      const noticed = await applicantCase(caseId);
      expect(noticed.status).to.equal('补正中');
      expect(noticed.asks.find((ask) => ask.kind === '补正')?.defects).to.deep.equal([
        '申请书未签字',
        '平面图未标注面积',
      ]);

      // The applicant answers it by uploading the corrected materials for the case.
      const signed = samplePdf(21_000);
      const layout = samplePng([10, 120, 10]);
      const uploads = [
        await upload('zhang-san', { caseId, materialId: 'application' }, signed, '申请书（已签字）.pdf'),
        await upload('zhang-san', { caseId, materialId: 'premises-layout' }, layout, '平面图（标注面积）.png'),
      ];
      expect(uploads.map((u) => u.status)).to.deep.equal([201, 201]);
      // Another applicant may not hand in for this case.
      expect((await upload('li-si', { caseId, materialId: 'application' }, signed, 'x.pdf')).status).to.equal(403);
      const corrected = ok(
        await s().request<ApplicantCase>(`/api/applicant/cases/${caseId}/corrections`, {
          token: token('zhang-san'),
          body: {
            files: [
              { materialId: 'application', uploadId: uploads[0]!.body.uploadId },
              { materialId: 'premises-layout', uploadId: uploads[1]!.body.uploadId },
            ],
          },
        }),
      );
      expect(corrected.status).to.equal('已收件');
      expect(corrected.asks).to.deep.equal([]);
      // Nothing overwritten: the application has versions 1 and 2.
      const application = corrected.materials.find((m) => m.id === 'application')!;
      expect(application.files.map((f) => [f.version, f.sha256])).to.deep.equal([
        [1, sha(journey.application!)],
        [2, sha(signed)],
      ]);
      // Corrected before 受理: the window has its 5 working days again.
      expect(corrected.answerBy).to.equal('2026-03-09T09:30:00.000Z');

      // The window fetches the shared licences itself (免证办), then 受理 → 审查 → 决定 (出证).
      await operate('window-li', caseId, 'materials.supply', { materials: ['business-licence', 'id-card'] });
      await operate('window-li', caseId, 'case.accept', { taskId: await taskOf(caseId, 'windowAcceptance') });
      const review = await taskOf(caseId, 'review');
      await operate('permits-zhao', caseId, 'task.claim', { taskId: review });
      await operate('permits-zhao', caseId, 'task.complete', {
        taskId: review,
        opinion: { decision: '通过', text: '材料齐全' },
      });
      const decision = await taskOf(caseId, 'decision');
      await operate('bureau-qian', caseId, 'task.claim', { taskId: decision });
      await operate('bureau-qian', caseId, 'case.conclude', {
        taskId: decision,
        kind: '出证',
        licence: { name: '食品经营许可证', number: 'JY13301060000001' },
      });
      const concluded = await applicantCase(caseId);
      expect(concluded.status).to.equal('已办结');
      expect(concluded.asks.map((ask) => ask.kind)).to.deep.equal(['评价']);
      expect(concluded.rating).to.deep.include({ open: true, level: null });
      expect(concluded.rating.departments).to.include(BUREAU);

      // 评价: a 差评 opens a rectification, and is not asked again.
      const rated = await s().request<{ level: string; rectification: unknown }>('/api/ratings', {
        token: token('zhang-san'),
        body: { caseId, department: BUREAU, mode: '一事一评', level: '不满意', text: '评价原因：办理时间长' },
      });
      expect(rated.status, rated.text).to.equal(201);
      expect(rated.body.rectification).to.not.equal(null);
      const after = await applicantCase(caseId);
      expect(after.rating).to.deep.include({ open: false, level: '不满意' });
      expect(after.asks).to.deep.equal([]);

      // The receipt: number, matter, limit, materials with their hashes, the verification code.
      const receipt = ok(
        await s().request<{
          title: string;
          number: string;
          verificationCode: string;
          materials: MaterialView[];
          promisedLimit: unknown;
        }>(`/api/cases/${caseId}/receipt`, { token: token('zhang-san') }),
      );
      expect(receipt).to.deep.include({
        title: '受理回执',
        number: after.number,
        verificationCode: after.verificationCode,
      });
      expect(receipt.promisedLimit).to.deep.equal({ amount: 10, unit: '工作日' });
      expect(receipt.materials.flatMap((m) => m.files.map((f) => f.sha256))).to.include.members([
        sha(signed),
        sha(layout),
      ]);
      const notice = ok(
        await s().request<{ result: { kind: string } }>(`/api/cases/${caseId}/result-notice`, {
          token: token('zhang-san'),
        }),
      );
      expect(notice.result.kind).to.equal('出证');

      // The public progress query: no login, nothing personal.
      const progress = await s().request<{ status: string; milestones: Array<{ kind: string }> }>(
        `/api/public/progress?number=${after.number}&code=${after.verificationCode.toLowerCase()}`,
        { token: null },
      );
      expect(progress.status).to.equal(200);
      expect(progress.body.status).to.equal('已办结');
      expect(progress.body.milestones.map((m) => m.kind)).to.include.members([
        '收件',
        '补正告知',
        '受理',
        '办结（出证）',
      ]);
      for (const secret of [
        '张三',
        ID_NUMBER,
        '********1234',
        'window-li',
        'bureau-qian',
        '材料齐全',
        'JY13301060000001',
      ])
        expect(progress.text).to.not.contain(secret);
      // The 查询码 is not kept in the request log.
      expect(s().log).to.not.contain(after.verificationCode);
      expect(s().log).to.not.contain(after.verificationCode.toLowerCase());
      const wrong = await s().request<{ code: string }>(`/api/public/progress?number=${after.number}&code=ABCDEFGH`, {
        token: null,
      });
      expect(wrong.status).to.equal(404);
      expect(wrong.body.code).to.equal('PROGRESS_NOT_FOUND');

      // Verification re-hashes the files: one changed behind the server's back breaks the chain at its event.
      expect(
        ok(await s().request(`/api/audit/cases/${caseId}/verification`, { token: token('auditor-wu') })),
      ).to.deep.equal({ ok: true });
      await storage!.tamper(sha(signed), samplePdf(21_001));
      const seq = (await events(caseId)).find(
        (e) => e.type === 'material.filed' && e.data['sha256'] === sha(signed),
      )!.seq;
      const verdict = ok(
        await s().request<{ ok: boolean; brokenAtSeq: number; reason: string }>(
          `/api/audit/cases/${caseId}/verification`,
          {
            token: token('auditor-wu'),
          },
        ),
      );
      expect(verdict).to.deep.include({ ok: false, brokenAtSeq: seq });
      expect(verdict.reason).to.contain('it was changed');
    });

    it('should limit the public progress query: five wrong codes in ten minutes lock the number for the rest of them', async () => {
      const { number, verificationCode } = await applicantCase(journey.caseId!);
      const query = (code: string) =>
        s().request(`/api/public/progress?number=${number}&code=${code}`, { token: null });
      // One wrong code was tried in the journey above: four more are answered, then the number is locked …
      const answers: number[] = [];
      for (let i = 0; i < 5; i += 1) answers.push((await query(`WRONG${i}XX`)).status);
      expect(answers).to.deep.equal([404, 404, 404, 404, 429]);
      // … even for the right code, until ten minutes have passed.
      const locked = await query(verificationCode);
      expect(locked.status).to.equal(429);
      expect(locked.headers.get('retry-after')).to.equal('600');
      ok(await s().request('/api/test/clock', { body: { advance: 'PT10M' } }));
      expect((await query(verificationCode)).status).to.equal(200);
    });
  });
}
