/**
 * The modeler in Chinese where it was not: the replace menu (自由子流程, not "Ad-hoc sub-process"),
 * the properties panel's and the lint's one word for the department (承办部门), the lint markers'
 * rules by their Chinese titles (not `no-disconnected`), and no deprecated
 * `ContextPad#getPad` call (a console warning) when the context pad opens its menus.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { useWorkspace } from '../support/browser.js';
import { waitForDiagram, waitForLint } from './modeler-support.js';

const CJK = /[\u4e00-\u9fff]/;

async function select(page: Page, id: string, modifiers: Array<'Shift'> = []): Promise<void> {
  await page.locator(`[data-testid="canvas"] .djs-element[data-element-id="${id}"]`).click({ modifiers });
  await page.locator(`.djs-element.selected[data-element-id="${id}"]`).waitFor();
}

/** The labels (or, for icon-only entries, titles) of the open popup menu's entries. */
const popupEntries = (page: Page) =>
  page
    .locator('.djs-popup .djs-popup-body .entry')
    .evaluateAll((entries) =>
      entries.map(
        (entry) => entry.querySelector('.djs-popup-label')?.textContent?.trim() || entry.getAttribute('title') || '',
      ),
    );

describe('Modeler: Chinese throughout (browser)', function () {
  this.timeout(180_000);
  const web = useWorkspace();

  it('should offer every replacement in Chinese, and open the menus without the deprecated ContextPad#getPad', async () => {
    const page = await web.loginAs('admin');
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
    await page.goto(web.url('/designer?process=construction-permit'));
    await waitForDiagram(page);
    const labels: string[] = [];
    for (const id of ['parallelReview', 'windowAcceptance', 'received']) {
      await select(page, id);
      await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
      await page.locator('.djs-popup').waitFor();
      // the menu opens under the context pad, as bpmn-js places it
      const pad = (await page.locator('.djs-context-pad').boundingBox())!;
      const popup = (await page.locator('.djs-popup').boundingBox())!;
      expect(popup.y).to.be.within(pad.y + pad.height - 1, pad.y + pad.height + 40);
      labels.push(...(await popupEntries(page)));
      await page.keyboard.press('Escape');
      await page.locator('.djs-popup').waitFor({ state: 'detached' });
    }
    expect(labels).to.include.members(['自由子流程（折叠）', '自由子流程（展开）']);
    for (const label of labels) expect(label, label).to.match(CJK);
    // two elements: the align menu
    await select(page, 'windowAcceptance');
    await select(page, 'received', ['Shift']);
    await page.locator('.djs-context-pad .entry[data-action="align-elements"]').click();
    await page.locator('.djs-popup').waitFor();
    for (const label of await popupEntries(page)) expect(label, label).to.match(CJK);
    expect(warnings.filter((warning) => /getPad/.test(warning))).to.deep.equal([]);
  });

  it('should call the department 承办部门 in the panel, the finding and the marker on the canvas, without an attribute name or rule id', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer?process=food-licence'));
    await waitForDiagram(page);
    await select(page, 'review');
    const panel = page.locator('.mf-modeler-panel');
    await panel.getByLabel('承办部门').selectOption('');
    await waitForLint(page);
    const issue = page.locator('.mf-issue[data-element-id="review"][data-rule="matterflow/user-task-department"]');
    await issue.waitFor();
    expect(await issue.locator('.mf-issue-message').textContent()).to.equal('用户任务“审查”未设置承办部门');
    expect(await issue.getAttribute('title')).to.equal('用户任务须设置承办部门（点击定位到元素）');
    // the marker on the canvas names the rule in Chinese too, not by its id
    const overlay = page.locator('.bjsl-overlay li[data-rule="matterflow/user-task-department"]');
    await overlay.waitFor({ state: 'attached' });
    expect(await overlay.locator('.message').textContent()).to.equal('用户任务“审查”未设置承办部门');
    expect(await overlay.locator('.rule').textContent()).to.equal('（用户任务须设置承办部门）');
    const ruleTexts = await page.locator('.bjsl-overlay li .rule').allTextContents();
    expect(ruleTexts.length).to.be.greaterThan(0);
    for (const text of ruleTexts)
      expect(text, text)
        .to.match(CJK)
        .and.not.match(/[a-z]+-[a-z]+/);
    const text = `${await panel.innerText()}\n${await page.locator('.mf-issues').innerText()}`;
    expect(text).not.to.contain('办理部门');
    expect(text).not.to.match(/gov:department/);
  });
});
