/**
 * 发布新版本's answer: a refusal is replaced by the success that follows it (no lingering
 * failure, no red outline), the process is named by its name, and the next step links to
 * 事项管理: a new matter for a new process, the matter that uses a process already in use.
 * With MATTERFLOW_SCREENSHOTS=1 it saves docs/screenshots/modeler.png (1440×900).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { REPO_ROOT } from '../../support/fixtures.js';
import { useWorkspace } from '../support/browser.js';
import { waitForDiagram } from './modeler-support.js';

const outcome = (page: Page) => page.locator('[data-testid="publish-outcome"]');
const verdict = (page: Page, value: string) => page.locator(`[data-testid="issues-summary"][data-verdict="${value}"]`);

describe('Modeler: publishing (browser)', function () {
  this.timeout(180_000);
  const web = useWorkspace();

  it('should replace a refusal with the success that follows: failure line, findings and red outline gone, the process named, 事项管理 linked', async () => {
    // given a Camunda 7 file whose two Java service tasks the server refuses
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    const xml = readFileSync(path.join(REPO_ROOT, 'test/fixtures/camunda/c7/retry-example.bpmn'), 'utf8')
      .replace('<bpmn:process id="process"', '<bpmn:process id="crm-sync" name="客户资料同步"')
      .replace(/ camunda:class="[^"]+"/g, '');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'retry-example.bpmn', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await verdict(page, 'refused').waitFor();
    expect(await page.locator('.mf-modeler-name').inputValue()).to.equal('客户资料同步');
    await page.getByRole('button', { name: '发布新版本' }).click();
    await outcome(page).filter({ hasText: '发布失败：4 个错误' }).waitFor();
    expect(await page.locator('.djs-element.mf-finding-error').count()).to.equal(4);
    expect(await page.locator('.mf-notice-error').count()).to.equal(0);

    // when each task gets a handler type in the panel and 发布 runs again
    for (const id of ['service-fetch-data', 'service-fetch-address', 'service-send-data', 'service-add-address']) {
      await page.locator(`.mf-issue[data-element-id="${id}"]`).first().click();
      await page.locator(`.djs-element.selected[data-element-id="${id}"]`).waitFor();
      await page.locator('.mf-modeler-panel').getByLabel('处理程序类型').fill(`crm.${id}`);
      await page.locator('.mf-modeler-panel').getByLabel('处理程序类型').press('Tab');
    }
    await verdict(page, 'clean').waitFor();
    await page.getByRole('button', { name: '发布新版本' }).click();

    // then only the success is shown, naming the process, with the next step
    await outcome(page).filter({ hasText: '“客户资料同步”已发布为第 1 版' }).waitFor();
    expect(await outcome(page).textContent()).not.to.contain('发布失败');
    expect(await outcome(page).getAttribute('data-outcome')).to.equal('published');
    expect(await page.locator('.djs-element.mf-finding-error').count()).to.equal(0);
    expect(await page.locator('.mf-issues-section .mf-issue-error').count()).to.equal(0);
    const next = outcome(page).getByRole('link', { name: '事项管理' });
    await next.waitFor();
    expect(await next.getAttribute('href')).to.equal('/matters?new');
    expect(await outcome(page).textContent()).to.contain(
      '窗口收件前，须在 事项管理 中新建一个事项，选择流程“客户资料同步”（crm-sync）',
    );
    expect(await web.server.store.listDefinitions('crm-sync')).to.have.length(1);
  });

  it('should link the matter that uses a process already in use', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer?process=food-licence&version=1'));
    await waitForDiagram(page);
    await verdict(page, 'clean').waitFor();
    await page.getByRole('button', { name: '发布新版本' }).click();
    await outcome(page).and(page.locator('[data-outcome="published"]')).waitFor();
    expect(await outcome(page).textContent()).to.match(/^“食品经营许可[^”]*”已发布为第 2 版/);
    const matter = outcome(page).getByRole('link', { name: /食品经营许可/ });
    await matter.waitFor();
    const [matterRow] = (
      await request(web.server.app)
        .get('/api/matters')
        .set('Authorization', `Bearer ${web.server.tokens['admin']}`)
        .expect(200)
    ).body.filter((row: { processId: string }) => row.processId === 'food-licence') as Array<{
      matterCode: string;
      name: string;
    }>;
    expect(await matter.getAttribute('href')).to.equal(`/matters/${encodeURIComponent(matterRow!.matterCode)}`);
    expect(await matter.textContent()).to.equal(`${matterRow!.name}（${matterRow!.matterCode}）`);

    // The README's screenshot: this answer, 审查 selected with its 办理要求, the verdict below.
    if (process.env.MATTERFLOW_SCREENSHOTS === '1') {
      await page.locator('[data-testid="canvas"] .djs-element[data-element-id="review"]').click();
      await page.locator('.djs-element.selected[data-element-id="review"]').waitFor();
      await verdict(page, 'clean').waitFor();
      await page
        .locator('.mf-notice .mf-link')
        .evaluateAll((buttons) => buttons.forEach((button) => (button as unknown as { click(): void }).click()));
      mkdirSync(path.join(REPO_ROOT, 'docs', 'screenshots'), { recursive: true });
      await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'screenshots', 'modeler.png'), fullPage: false });
    }
  });
});
