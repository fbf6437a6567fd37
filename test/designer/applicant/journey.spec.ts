/**
 * The applicant's whole journey in the browser, against the real server process (issue 19):
 * 网上申报 with files (a wrong type, an oversized file and a name that lies about its type
 * refused or typed by content; the draft kept over a reload), submitted as 网上 收件 → the
 * window's 补正 notice answered online with a corrected file (a new version) → 受理 → 办结 →
 * 评价 (a 差评 with its reason) → the receipt with the files' sha256 → the public progress query
 * by 办件编号 and code. Officers' steps go through the API; everything the applicant does, through
 * the pages.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { htmlPretendingToBePdf, samplePdf, samplePng } from '../../support/material-files.js';
import { BUREAU, ID_NUMBER, imageShown, useApplicantWorkspace } from './support.js';

const FOOD = '食品经营许可（新办）';
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const file = (name: string, mimeType: string, buffer: Buffer) => ({ name, mimeType, buffer });

describe('Applicant: the whole journey in the browser (apply with files → 补正 online → 受理 → 办结 → 评价 → progress query)', function () {
  this.timeout(180_000);
  const web = useApplicantWorkspace({ MATTERFLOW_MATERIALS_MAX_FILE_MB: '0.05' });
  const journey: { caseId?: string; number?: string; code?: string } = {};
  const application = samplePdf(12_000);
  const corrected = samplePdf(13_000);
  const layout = samplePng([30, 90, 200]);

  before(async () => {
    // Monday 2026-03-02 09:30 Beijing.
    const set = await web.server.request('/api/test/clock', { body: { set: '2026-03-02T01:30:00.000Z' } });
    expect(set.status, set.text).to.equal(200);
  });

  const api = async <T>(user: string, path: string, body?: unknown): Promise<T> => {
    const answer = await web.server.request<T>(path, {
      token: web.token(user),
      ...(body === undefined ? {} : { body }),
    });
    expect(answer.status, answer.text).to.be.within(200, 299);
    return answer.body;
  };
  const operate = (user: string, operation: string, data: Record<string, unknown>) =>
    api(user, `/api/cases/${journey.caseId}/operations`, { operation, data });
  const taskOf = async (elementId: string) =>
    (
      await api<{ tasks: Array<{ taskId: string; elementId: string }> }>('auditor-wu', `/api/cases/${journey.caseId}`)
    ).tasks.find((task) => task.elementId === elementId)!.taskId;
  const row = (page: Page, materialId: string) => page.locator(`tr[data-material="${materialId}"]`);

  it('should apply online with files, refusing what the content says is wrong, keeping the draft until submitted', async () => {
    const page = await web.loginAs('zhang-san');
    expect(new URL(page.url()).pathname).to.equal('/apply');
    await page.getByRole('link', { name: `在线申报 ${FOOD}` }).click();
    await page.getByLabel('申请人姓名').fill('张三');
    await page.getByLabel('申请人（法定代表人）姓名').fill('张三');
    await page.getByLabel('证件类型', { exact: true }).selectOption('居民身份证');
    await page.getByLabel('证件号码', { exact: true }).fill(ID_NUMBER);
    await page.getByLabel('经营者名称（与营业执照一致）').fill('杭州某某餐饮有限公司');
    await page.getByLabel('经营场所', { exact: true }).fill('杭州市西湖区某某路 88 号');
    await page.getByLabel('热食类食品制售').check();

    // A web page named .pdf: refused by its content.
    await page
      .getByLabel('上传「食品经营许可申请书」')
      .setInputFiles(file('申请书.pdf', 'application/pdf', htmlPretendingToBePdf()));
    await expect_(row(page, 'application').getByRole('alert')).toContain('该文件的内容是HTML / XML 文本');
    // Too large for the material.
    await page
      .getByLabel('上传「食品经营许可申请书」')
      .setInputFiles(file('申请书.pdf', 'application/pdf', samplePdf(80_000)));
    await expect_(row(page, 'application').getByRole('alert')).toContain('不能超过 51.2 KB');
    // The real ones; a PNG named .pdf is taken as the PNG it is.
    await page
      .getByLabel('上传「食品经营许可申请书」')
      .setInputFiles(file('食品经营许可申请书.pdf', 'application/pdf', application));
    await row(page, 'application').getByText('食品经营许可申请书.pdf').waitFor();
    await page
      .getByLabel('上传「经营场所平面布局图及设备布局图」')
      .setInputFiles(file('平面图.pdf', 'application/pdf', layout));
    await expect_(row(page, 'premises-layout').locator('.ap-chosen')).toContain('PNG 图片');
    await page
      .getByLabel('上传「食品安全管理制度文本」')
      .setInputFiles(file('管理制度.pdf', 'application/pdf', samplePdf(2_000)));
    await row(page, 'safety-rules').getByText('管理制度.pdf').waitFor();
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存').waitFor();

    // The draft is kept: a reload brings back the applicant, the form and the files.
    await page.reload();
    await row(page, 'application').getByText('食品经营许可申请书.pdf').waitFor();
    expect(await page.getByLabel('申请人姓名').inputValue()).to.equal('张三');
    expect(await page.getByLabel('经营者名称（与营业执照一致）').inputValue()).to.equal('杭州某某餐饮有限公司');
    expect(await row(page, 'premises-layout').locator('.ap-chosen li').count()).to.equal(1);

    // Submitted under the 证件号码 the account is bound to (another is refused in the server's words).
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByLabel('本人证件号码（须与账号绑定的一致）').fill('330102199202021236');
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect_(page.locator('.ap-actions').getByRole('alert')).toContain('只能以本人名义申报');
    await page.getByLabel('本人证件号码（须与账号绑定的一致）').fill(ID_NUMBER);
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.getByRole('heading', { name: '申报已提交' }).waitFor();
    journey.number = (await page.getByTestId('case-number').textContent())!;
    journey.code = (await page.getByTestId('verification-code').textContent())!;
    expect(journey.number).to.match(/^20260302-\d{4}$/);
    expect(journey.code).to.match(/^[2-9A-HJ-NP-Z]{8}$/);
    const mine = await api<Array<{ caseId: string; number: string; channel: string; status: string }>>(
      'zhang-san',
      '/api/applicant/cases',
    );
    expect(mine).to.have.length(1);
    expect(mine[0]).to.deep.include({ number: journey.number, channel: '网上', status: '已收件' });
    journey.caseId = mine[0]!.caseId;
  });

  it('should show the 补正 notice with each defect in 我的办件 and take the corrected file as a new version', async () => {
    await operate('window-li', 'case.noticeCorrection', { defects: ['申请书未签字', '平面图未标注面积'] });
    const page = await web.loginAs('zhang-san');
    await page.goto(web.url('/my-cases'));
    const listed = page.locator('tbody tr', { hasText: journey.number! });
    await expect_(listed).toContain('补正中');
    await expect_(listed.locator('.ap-ask')).toContain('补正');
    await listed.getByRole('link', { name: journey.number! }).click();
    const asks = page.getByRole('region', { name: '需要您办理' });
    await expect_(asks).toContain('申请书未签字');
    await expect_(asks).toContain('平面图未标注面积');
    await asks.getByRole('link', { name: '去补正' }).click();

    const notice = page.getByRole('region', { name: '补正告知书' });
    expect(await notice.getByRole('checkbox', { name: '申请书未签字' }).isChecked()).to.equal(true);
    await page
      .getByLabel('上传「食品经营许可申请书」')
      .setInputFiles(file('申请书（已签字）.pdf', 'application/pdf', corrected));
    await row(page, 'application').getByText('申请书（已签字）.pdf').waitFor();
    await page
      .getByLabel('上传「经营场所平面布局图及设备布局图」')
      .setInputFiles(file('平面图（标注面积）.png', 'image/png', samplePng([1, 2, 3])));
    await row(page, 'premises-layout').getByText('平面图（标注面积）.png').waitFor();
    await page.getByRole('button', { name: '提交补正材料' }).click();
    await page.waitForURL((url) => url.pathname === `/my-cases/${journey.caseId}`);
    await page.getByText('补正材料已提交').waitFor();
    await expect_(page.getByTestId('case-status')).toContain('已收件');
    // Both versions of the application are there, each with its hash.
    const files = page.getByRole('region', { name: '申请材料' }).locator('li[data-sha256]');
    const hashes = await files.evaluateAll((items) => items.map((item) => item.getAttribute('data-sha256')));
    expect(hashes).to.include.members([sha(application), sha(corrected), sha(layout)]);
    await expect_(page.getByRole('region', { name: '申请材料' })).toContain('第 2 版');
    // And the applicant previews the corrected file in the page.
    await page.getByRole('button', { name: '预览 平面图（标注面积）.png' }).click();
    const image = page.getByRole('img', { name: '平面图（标注面积）.png' });
    await image.waitFor();
    await imageShown(page, '平面图（标注面积）.png');
  });

  it('should take a 差评 with its reason after 办结, and print the receipt with the files’ sha256', async () => {
    await operate('window-li', 'materials.supply', { materials: ['business-licence', 'id-card'] });
    await operate('window-li', 'case.accept', { taskId: await taskOf('windowAcceptance') });
    const review = await taskOf('review');
    await operate('permits-zhao', 'task.claim', { taskId: review });
    await operate('permits-zhao', 'task.complete', { taskId: review, opinion: { decision: '通过', text: '材料齐全' } });
    const decision = await taskOf('decision');
    await operate('bureau-qian', 'task.claim', { taskId: decision });
    await operate('bureau-qian', 'case.conclude', {
      taskId: decision,
      kind: '出证',
      licence: { name: '食品经营许可证', number: 'JY13301060000001' },
    });

    const page = await web.loginAs('zhang-san');
    await page.goto(web.url(`/my-cases/${journey.caseId}`));
    await expect_(page.getByTestId('case-status')).toContain('已办结');
    await page.getByRole('link', { name: '去评价' }).click();
    await page.getByLabel('不满意', { exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect_(page.getByRole('alert')).toContain('差评请至少选择一项原因');
    await page.getByLabel('办理时间长').check();
    expect(await page.getByLabel('被评价部门').inputValue()).to.equal(BUREAU);
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForURL((url) => url.pathname === `/my-cases/${journey.caseId}`);
    await page.getByText('评价已提交，相关部门将在限期内整改并回访').waitFor();
    await page.getByText('您的评价：不满意').waitFor();

    await page.getByRole('link', { name: '受理回执' }).click();
    const receipt = page.getByRole('article', { name: '受理回执' });
    await receipt.waitFor();
    await expect_(page.getByTestId('paper-number')).toContain(journey.number!);
    await expect_(page.getByTestId('paper-code')).toContain(journey.code!);
    await expect_(receipt).toContain('10 个工作日（自受理之日起）');
    for (const hash of [sha(application), sha(corrected), sha(layout)]) await expect_(receipt).toContain(hash);
    await page.goto(web.url(`/papers/${journey.caseId}/result-notice`));
    await expect_(page.getByTestId('paper-result')).toContain('出证');
    await expect_(page.getByRole('article', { name: '办结通知书' })).toContain('JY13301060000001');
  });

  it('should show the progress to anyone with the number and the code, and nothing personal', async () => {
    const page = await web.anonymousPage();
    await page.goto(web.url(`/progress?number=${journey.number}&code=${journey.code}`));
    await expect_(page.getByTestId('progress-status')).toContain('已办结');
    const shown = (await page.locator('#app').textContent()) ?? '';
    for (const milestone of ['收件', '补正告知', '受理', '办结（出证）']) expect(shown).to.contain(milestone);
    for (const personal of ['张三', ID_NUMBER, '********1234', '钱局长', 'JY13301060000001'])
      expect(shown).to.not.contain(personal);
    await page.getByLabel('查询码').fill('AAAAAAAA');
    await page.getByRole('button', { name: '查询' }).click();
    await expect_(page.getByRole('alert')).toContain('办件编号或查询码不正确');
  });
});

/** Wait until the element's text contains `text` (a few seconds), else fail saying what it shows. */
function expect_(locator: ReturnType<Page['locator']>) {
  return {
    async toContain(text: string): Promise<void> {
      const deadline = Date.now() + 10_000;
      let last = '';
      while (Date.now() < deadline) {
        last =
          (await locator
            .first()
            .textContent()
            .catch(() => '')) ?? '';
        if (last.includes(text)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`Expected the page to show “${text}”, but it shows “${last}”`);
    },
  };
}
