/**
 * The toolbar in the browser: 新建 opens every template connected and clean, 打开 searches its
 * lists and keeps each row's buttons on one line, and a diagram opens at 100 % (never smaller).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { TEMPLATES } from '../../../designer/modeler/templates/index.js';
import { REPO_ROOT } from '../../support/fixtures.js';
import { useWorkspace } from '../support/browser.js';
import { lintIssues, waitForDiagram, waitForLint } from './modeler-support.js';

const dialog = (page: Page) => page.locator('.mf-dialog');

/** The canvas's zoom: the scale of bpmn-js's viewport transform. */
const zoomOf = (page: Page) =>
  page
    .locator('[data-testid="canvas"] svg g.viewport')
    .evaluate(
      (viewport) =>
        (
          viewport as unknown as { transform: { baseVal: { consolidate(): { matrix: { a: number } } | null } } }
        ).transform.baseVal.consolidate()?.matrix.a ?? 1,
    );

describe('Modeler: toolbar (browser)', function () {
  this.timeout(180_000);
  const web = useWorkspace();

  it('should open every 新建 template connected (an edge for every sequence flow), laid out and with nothing in 检查结果', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    for (const template of TEMPLATES) {
      await page.getByRole('button', { name: '新建' }).click();
      await dialog(page).getByLabel('流程名称').fill(`${template.label}测试`);
      await dialog(page).getByRole('button', { name: template.label, exact: true }).click();
      await page.waitForFunction(
        (name) =>
          (
            globalThis as unknown as { document: { querySelector(selector: string): { value: string } | null } }
          ).document.querySelector('.mf-modeler-name')?.value === name,
        `${template.label}测试`,
      );
      const flows = [...template.xml.matchAll(/<bpmn:sequenceFlow id="([^"]+)"/g)].map((match) => match[1]!);
      expect(flows.length, template.id).to.be.greaterThan(0);
      for (const flow of flows) {
        const edge = page.locator(`[data-testid="canvas"] .djs-connection[data-element-id="${flow}"] path`).first();
        await edge.waitFor({ state: 'attached' });
        expect((await edge.getAttribute('d'))?.length ?? 0, `${template.id} ${flow}`).to.be.greaterThan(5);
      }
      await waitForLint(page);
      expect(await lintIssues(page), template.id).to.deep.equal([]);
      expect(await page.locator('.mf-issue').count(), template.id).to.equal(0);
      expect(await page.locator('[data-testid="issues-summary"]').textContent()).to.equal('发布检查：无问题，可以发布');
    }
  });

  it("should search 打开 by name or process id, and keep a row's buttons on one line", async () => {
    const as = { Authorization: `Bearer ${web.server.tokens['admin']}` };
    const xml = readFileSync(path.join(REPO_ROOT, 'processes/food-licence.bpmn'), 'utf8');
    for (const name of ['食品经营许可（补办）草稿', '最低生活保障草稿'])
      await request(web.server.app).post('/api/drafts').set(as).send({ name, xml }).expect(201);
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    await page.getByRole('button', { name: '打开', exact: true }).click();
    const search = dialog(page).getByLabel('搜索流程或草稿');
    await search.waitFor();
    const rows = dialog(page).locator('tbody tr');
    const all = await rows.count();
    expect(all).to.be.greaterThan(5);

    // buttons in a draft row sit side by side, one line high
    const draftRow = dialog(page).locator('tr[data-draft-id]').first();
    const open = (await draftRow.getByRole('button', { name: /^打开草稿/ }).boundingBox())!;
    const remove = (await draftRow.getByRole('button', { name: /^删除草稿/ }).boundingBox())!;
    expect(Math.abs(open.y - remove.y)).to.be.below(2);
    expect(remove.x).to.be.greaterThan(open.x + open.width - 1);
    const lineHeight = await draftRow
      .getByRole('button', { name: /^打开草稿/ })
      .evaluate((button) =>
        parseFloat(
          (globalThis as unknown as { getComputedStyle(element: unknown): { lineHeight: string } }).getComputedStyle(
            button,
          ).lineHeight,
        ),
      );
    expect(open.height).to.be.below(lineHeight * 2);

    // the search filters both lists as one types
    await search.fill('食品');
    const shown = async () =>
      rows.evaluateAll((trs) =>
        trs.filter((tr) => !(tr as unknown as { hidden: boolean }).hidden).map((tr) => tr.textContent ?? ''),
      );
    expect(await shown()).to.have.length.greaterThan(1);
    for (const text of await shown()) expect(text).to.contain('食品');
    await search.fill('minimum-living');
    expect((await shown()).every((text) => text.includes('minimum-living'))).to.equal(true);
    expect(await shown()).to.have.length(1);
    await search.fill('没有这个流程');
    expect(await shown()).to.deep.equal([]);
    expect(await dialog(page).getByText('没有符合搜索的项').count()).to.equal(2);
  });

  it('should open a large diagram at 100 % from its start, and a small one at 100 % in the middle', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    for (const [file, large] of [
      ['test/fixtures/camunda/c8/grpc-state-machine.bpmn', true],
      ['test/fixtures/camunda/c7/invoice-approval.bpmn', false],
    ] as const) {
      await page.locator('input[type=file]').setInputFiles({
        name: path.basename(file),
        mimeType: 'application/xml',
        buffer: readFileSync(path.join(REPO_ROOT, file)),
      });
      await page
        .locator('[data-testid="modeler-status"]')
        .filter({ hasText: path.basename(file) })
        .waitFor();
      expect(await zoomOf(page), file).to.equal(1);
      const canvas = (await page.locator('[data-testid="canvas"]').boundingBox())!;
      const diagram = (await page.locator('[data-testid="canvas"] svg g.viewport').boundingBox())!;
      if (large) {
        expect(diagram.width).to.be.greaterThan(canvas.width);
        // its top left is in view, right of the palette
        expect(diagram.x - canvas.x).to.be.within(100, 200);
        expect(diagram.y - canvas.y).to.be.within(0, 80);
      } else {
        const middle = diagram.x + diagram.width / 2;
        expect(middle - (canvas.x + 130 + (canvas.width - 160) / 2)).to.be.within(-5, 5);
      }
    }
  });
});
