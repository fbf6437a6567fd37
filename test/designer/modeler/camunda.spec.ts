/**
 * A Camunda 7 file in the modeler: the Java service tasks the server refuses are told in Chinese
 * what to use instead, and the properties panel makes the change in one click (one undo step);
 * an external task shows its topic as what its workers take.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/fixtures.js';
import { useWorkspace } from '../support/browser.js';
import { openCamunda, waitForDiagram } from './modeler-support.js';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'camunda');
const panel = (page: Page) => page.locator('.mf-modeler-panel');
const finding = (page: Page, id: string) =>
  page.locator(
    `.mf-issues-section[data-source="server"] .mf-issue[data-element-id="${id}"][data-rule="job-type-missing"]`,
  );

async function select(page: Page, id: string): Promise<void> {
  await page.locator(`.mf-issue[data-element-id="${id}"]`).first().click();
  await page.locator(`.djs-element.selected[data-element-id="${id}"]`).waitFor();
}

describe('Modeler: Camunda files (browser)', function () {
  this.timeout(180_000);
  const web = useWorkspace();

  it('should offer a camunda:class task its handler type in one click: the finding goes, undo brings it back', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    await openCamunda(page, 'c7/retry-example.bpmn');
    await finding(page, 'service-fetch-data').waitFor();
    expect(await finding(page, 'service-fetch-data').textContent())
      .to.contain('Fetch data from the CRM system')
      .and.contain('本引擎不运行 Java 代码');

    // given the task selected: 服务实现 says what it was and offers the handler type
    await select(page, 'service-fetch-data');
    const group = panel(page).locator('[data-group-id="group-gov-job"]');
    await group.waitFor();
    expect(await group.locator('.bio-properties-panel-group-header-title').textContent()).to.equal('服务实现');
    expect(await group.locator('.mf-migration-text').textContent()).to.contain(
      'Camunda 7 的 Java 类实现（camunda:class="org.camunda.bpm.example.delegate.ServiceTaskOneDelegate"）',
    );
    await page.screenshot({ path: path.join(SHOTS, 'migration-offered.png') });

    // when the change is made
    await group.getByRole('button', { name: '改为处理程序类型“ServiceTaskOneDelegate”' }).click();

    // then the task has the type, its finding is gone, the other three remain
    await finding(page, 'service-fetch-data').waitFor({ state: 'detached' });
    expect(await panel(page).getByLabel('处理程序类型').inputValue()).to.equal('ServiceTaskOneDelegate');
    expect(await group.locator('.mf-migration').count()).to.equal(0);
    await finding(page, 'service-fetch-address').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'migration-done.png') });

    // and one 撤销 takes the whole change back
    await page.getByRole('button', { name: '撤销' }).click();
    await finding(page, 'service-fetch-data').waitFor();
    await group.locator('.mf-migration').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 XML' }).click(),
    ]);
    const xml = readFileSync((await download.path())!, 'utf8');
    expect(xml).to.contain('camunda:class="org.camunda.bpm.example.delegate.ServiceTaskOneDelegate"');
    expect(xml).not.to.contain('gov:taskDefinition');
  });

  it("should show an external task's topic as its job type, keep camunda:type and camunda:topic, and not refuse it", async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    await openCamunda(page, 'c7/order-handling.bpmn');
    await page.locator('[data-testid="issues-summary"][data-verdict="refused"]').waitFor();
    expect(await page.locator('.mf-issue[data-rule="job-type-missing"]').count()).to.equal(0);
    await page.locator('.djs-element[data-element-id="Task_1yjkccw"]').click();
    const entry = panel(page).locator('[data-entry-id="gov-jobType"]');
    await entry.waitFor();
    expect(await entry.textContent()).to.contain('Camunda 7 外部任务，主题“invoiceArchiver”');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 XML' }).click(),
    ]);
    expect(readFileSync((await download.path())!, 'utf8')).to.contain(
      'camunda:type="external" camunda:topic="invoiceArchiver"',
    );
  });
});
