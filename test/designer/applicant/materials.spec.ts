/**
 * Material files in the browser against the real server process: the window officer previews an
 * online application's files from the task page (an image drawn, a PDF framed), an auditor sees a
 * file in the replay at the event that filed it, and an upload the
 * browser breaks off half way (the page closed while the file is still going up a slow line, a
 * proxy in front of the server) leaves nothing in the storage.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { FOOD_LICENCE_APPLICATION } from '../../support/applications.js';
import { samplePdf, samplePng } from '../../support/material-files.js';
import { uploadFile } from '../../system/support/uploads.js';
import { ID_NUMBER, imageShown, useApplicantWorkspace } from './support.js';
import { startSlowProxy } from './slow-proxy.js';

const MATTER = FOOD_LICENCE_APPLICATION.matterCode;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('Material files in the browser: officers preview them on the task page; a broken-off upload stores nothing', function () {
  this.timeout(180_000);
  const web = useApplicantWorkspace();

  /** An online application with these files, submitted through the API as the applicant's page does. */
  async function applyOnline(files: Array<{ materialId: string; bytes: Buffer; name: string }>): Promise<string> {
    const uploads = [];
    for (const f of files) {
      const answer = await uploadFile(
        web.server.url,
        web.token('zhang-san'),
        { matterCode: MATTER, materialId: f.materialId },
        f.bytes,
        f.name,
      );
      expect(answer.status).to.equal(201);
      uploads.push({ materialId: f.materialId, uploadId: answer.body.uploadId });
    }
    const draft = await web.server.request<{ draftId: string }>('/api/applicant/drafts', {
      token: web.token('zhang-san'),
      body: {
        matterCode: MATTER,
        applicant: { name: '张三', idType: '居民身份证' },
        form: FOOD_LICENCE_APPLICATION.form,
        files: uploads,
      },
    });
    const submitted = await web.server.request<{ caseId: string }>(
      `/api/applicant/drafts/${draft.body.draftId}/submission`,
      {
        token: web.token('zhang-san'),
        body: { idNumber: ID_NUMBER },
      },
    );
    expect(submitted.status, submitted.text).to.equal(201);
    return submitted.body.caseId;
  }

  it('should let the window officer preview an online application’s files from the task page', async () => {
    const pdf = samplePdf(4_000);
    const png = samplePng([200, 120, 0]);
    const caseId = await applyOnline([
      { materialId: 'application', bytes: pdf, name: '申请书.pdf' },
      { materialId: 'premises-layout', bytes: png, name: '平面图.png' },
    ]);
    const tasks = await web.server.request<{ tasks: Array<{ taskId: string; elementId: string }> }>(
      `/api/cases/${caseId}`,
      {
        token: web.token('window-li'),
      },
    );
    const acceptance = tasks.body.tasks.find((task) => task.elementId === 'windowAcceptance')!;

    const page = await web.loginAs('window-li');
    await page.goto(web.url(`/worklist/tasks/${acceptance.taskId}`));
    const materials = page.getByRole('region', { name: '申请材料' });
    await materials.getByText('平面图.png').waitFor();
    expect(await materials.locator(`li[data-sha256="${sha(pdf)}"]`).count()).to.equal(1);

    await materials.getByRole('button', { name: '预览 平面图.png' }).click();
    await page.getByRole('img', { name: '平面图.png' }).waitFor();
    await imageShown(page, '平面图.png');
    await materials.getByRole('button', { name: '预览 申请书.pdf' }).click();
    const frame = page.locator('iframe[title="申请书.pdf"]');
    await frame.waitFor();
    const src = (await frame.getAttribute('src'))!;
    expect(src).to.match(/^\/api\/material-previews\/[A-Za-z0-9_-]+$/);
    // The frame's address serves the PDF itself, for a few minutes, without a token.
    const served = await fetch(web.url(src));
    expect(served.headers.get('content-type')).to.equal('application/pdf');
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).to.equal(true);
  });

  it('should show an auditor the file in the replay, at the event that filed it', async () => {
    const png = samplePng([0, 160, 90]);
    const caseId = await applyOnline([
      { materialId: 'application', bytes: samplePdf(3_000), name: '申请书.pdf' },
      { materialId: 'premises-layout', bytes: png, name: '布局图.png' },
    ]);
    const events = await web.server.request<Array<{ seq: number; type: string; data: { sha256?: string } }>>(
      `/api/audit/cases/${caseId}/events`,
      { token: web.token('auditor-wu') },
    );
    const filed = events.body.find((event) => event.type === 'material.filed' && event.data.sha256 === sha(png))!;
    const page = await web.loginAs('auditor-wu');
    await page.goto(web.url(`/audit/cases/${caseId}?seq=${filed.seq}`));
    const detail = page.getByTestId('event-detail');
    await detail.getByText(`第 ${filed.seq} 条：材料文件`).waitFor();
    await detail.getByRole('button', { name: '预览 布局图.png' }).click();
    await page.getByRole('img', { name: '布局图.png' }).waitFor();
    await imageShown(page, '布局图.png');
  });

  it('should store nothing of an upload the browser broke off half way', async () => {
    const before = await web.storage.objects();
    // The applicant is on a slow line (20 KB/s up): a 300 KB file takes some 15 seconds to go up.
    const line = await startSlowProxy(web.server.url, { bytesPerTick: 2048, tickMs: 100 });
    try {
      const page = await web.loginAs('zhang-san', line.url);
      await page.goto(`${line.url}/apply/${MATTER}`);
      await page
        .getByLabel('上传「食品经营许可申请书」')
        .setInputFiles({ name: '大文件.pdf', mimeType: 'application/pdf', buffer: samplePdf(300_000) });
      // The file is streaming in: the server holds it half in its upload folder …
      await web.server.eventually(async () => (web.storage.uploadsLeft().length === 1 ? true : undefined), {
        what: 'the upload to be under way',
      });
      await page.waitForTimeout(500);
      // … when the applicant closes the page.
      await page.close();
      // The server saw the body stop half way and removed what it had; nothing was stored.
      await web.server.eventually(async () => (web.storage.uploadsLeft().length === 0 ? true : undefined), {
        timeoutMs: 15_000,
        what: 'the half upload to be removed',
      });
      expect(await web.storage.objects()).to.equal(before);
    } finally {
      await line.close();
    }
  });
});
