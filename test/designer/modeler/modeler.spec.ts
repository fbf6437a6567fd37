import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { lintXml } from '../../../engine/lint/index.js';
import { SHIPPED_MATTERS } from '../../../processes/index.js';
import { MIWG_DIR } from '../../support/fixtures.js';
import { useWorkspace } from '../support/browser.js';
import {
  lintIssues,
  processNameOf,
  waitForDiagram,
  waitForLint,
  walkBpmn,
  withGovAttributes,
} from './modeler-support.js';

const MIWG = MIWG_DIR;
const DEPARTMENT = '西湖区市场监督管理局行政许可科';

/**
 * Element ids the MIWG round trip loses, by model: known bpmn-js DI limits, nothing else.
 * B.1.0 and B.2.0 draw the elements of a process that no participant references
 * (Process_ba16239e…) on the collaboration's plane: bpmn-js cannot place them, so their
 * BPMNShape / BPMNEdge ids are dropped (the semantic elements stay). C.7.0 has a BPMNEdge
 * without a bpmnElement, which bpmn-js skips on import ("no bpmnElement referenced").
 */
const KNOWN_DI_LOSSES: Readonly<Record<string, readonly string[]>> = {
  'B.1.0': [
    'S1373655174923__200f43e7-1385-46e2-a380-3ef16ebe7847',
    'S1373655174924__c57a5344-213f-4834-a6c3-94ce878b413c',
    'S1373655174925__ed405919-9fd6-47d0-bb00-9be7d5467efb',
    'E1373655174973__60ed96e6-5954-48de-861b-7d1e3c1fb23e',
    'E1373655174983__6c6288e8-43f6-4085-87c7-1ff21c38fe17',
  ],
  'B.2.0': [
    'S1373638080853__200f43e7-1385-46e2-a380-3ef16ebe7847',
    'S1373638080854__cba8fbed-2bb6-40a9-8ac5-83e827ce9d9f',
    'S1373638080855__c57a5344-213f-4834-a6c3-94ce878b413c',
    'S1373638080856__7f4fe4ea-901f-4c74-bcd4-e933495712fd',
    'S1373638080857__86b052b4-225c-424e-b900-bb94bdd77cec',
    'S1373638080858__3bfec246-ab94-4807-a79a-3df91ac13800',
    'S1373638080859__778ff738-a5af-4373-a8da-0fbbfae9e00a',
    'S1373638080860__ed405919-9fd6-47d0-bb00-9be7d5467efb',
    'E1373638080964__088b81bd-2a43-43a7-86c9-34c1cdd5f11b',
    'E1373638080971__60ed96e6-5954-48de-861b-7d1e3c1fb23e',
    'E1373638080992__9ff30396-5ef2-42c0-ab4b-5343fbb0af21',
    'E1373638081018__c72ddf62-21b8-4895-a7bf-7a765f5981eb',
    'E1373638081025__6c6288e8-43f6-4085-87c7-1ff21c38fe17',
    'E1373638081039__99e68e88-586e-4f77-9506-f30903307209',
  ],
  'C.7.0': ['_985753e3-a4ce-486b-908a-509d382259ed'],
};

const shape = (page: Page, id: string) =>
  page.locator(`[data-testid="canvas"] .djs-element.djs-shape[data-element-id="${id}"]`);
/** Click an element on the canvas until it is selected (a click right after the replace menu closes can be lost). */
async function select(page: Page, id: string): Promise<void> {
  const selected = page.locator(`.djs-element.selected[data-element-id="${id}"]`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await shape(page, id).click();
    if (
      await selected.waitFor({ timeout: 2_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  throw new Error(`could not select ${id}`);
}
const panel = (page: Page) => page.locator('.mf-modeler-panel');
const notice = (page: Page, text: string | RegExp) => page.locator('.mf-notice').filter({ hasText: text });

/** The diagram's XML as 下载 XML gives it. */
async function downloadXml(page: Page): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载 XML' }).click(),
  ]);
  return readFileSync((await file.path())!, 'utf8');
}

/** The ids of the elements on the canvas (shapes and connections, labels left out). */
const canvasIds = (page: Page) =>
  page
    .locator('[data-testid="canvas"] .djs-element[data-element-id]')
    .evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-element-id')!).filter((id) => !id.endsWith('_label')),
    );

/** A file's text in the encoding its XML declaration names (six MIWG models are ISO-8859-1). */
function readBpmn(path: string): string {
  const bytes = readFileSync(path);
  return /encoding="ISO-8859-1"/i.test(bytes.subarray(0, 200).toString('latin1'))
    ? bytes.toString('latin1')
    : bytes.toString('utf8');
}

describe('Modeler (browser)', function () {
  this.timeout(240_000);
  const web = useWorkspace();
  const as = (user: string) => `Bearer ${web.server.tokens[user]}`;

  it('speaks Chinese (palette, context pad, panel, lint button), keeps the bpmn.io watermark and renders CJK labels', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer?process=food-licence'));
    await waitForDiagram(page);
    const paletteTitles = await page
      .locator('.djs-palette .entry')
      .evaluateAll((entries) =>
        entries.map((entry) => entry.getAttribute('aria-label') ?? entry.getAttribute('title') ?? ''),
      );
    expect(paletteTitles).to.include('创建开始事件');
    for (const title of paletteTitles.filter(Boolean)) expect(title, title).to.match(/[\u4e00-\u9fff]/);
    await select(page, 'review');
    const padTitles = await page
      .locator('.djs-context-pad .entry')
      .evaluateAll((entries) =>
        entries.map((entry) => entry.getAttribute('title') ?? entry.getAttribute('aria-label') ?? ''),
      );
    expect(padTitles.length).to.be.greaterThan(3);
    for (const title of padTitles) expect(title, title).to.match(/[\u4e00-\u9fff]/);
    expect(await panel(page).locator('.bio-properties-panel-header-type').textContent()).to.equal('用户任务');
    const headers = await panel(page).locator('.bio-properties-panel-group-header-title').allTextContents();
    expect(headers).to.include.members(['通用', '办理要求']);
    for (const header of headers) expect(header, header).not.to.match(/^[A-Za-z ]+$/);
    await waitForLint(page);
    expect(await page.locator('[data-testid="issues-summary"]').textContent()).to.match(/^发布检查：/);
    const watermark = page.locator('.bjs-powered-by');
    expect(await watermark.isVisible()).to.equal(true);
    // The task's label is drawn in a CJK font: two ideographs take real width (a missing glyph would draw nothing or boxes of the Latin font's width).
    const width = await shape(page, 'review')
      .locator('text')
      .evaluate((text) => (text as unknown as { getBBox(): { width: number } }).getBBox().width);
    expect(width).to.be.greaterThan(14);
    const fontAvailable = await page.evaluate(() =>
      (
        globalThis as unknown as { document: { fonts: { check(font: string, text: string): boolean } } }
      ).document.fonts.check('12px "Noto Sans CJK SC"', '审查'),
    );
    expect(fontAvailable).to.equal(true);
  });

  it('draws start → user task → end, lints the task once a matter code is set, fixes it in the panel, undoes, deploys version 2 and compares it with version 1', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);

    // Append a task to the template's start event with the context pad, name it, make it a user task, append an end event.
    await select(page, 'received');
    await page.locator('.djs-context-pad .entry[data-action="append.append-task"]').click();
    await page.keyboard.type('审查');
    await page.locator('[data-testid="canvas"]').click({ position: { x: 700, y: 420 } });
    const taskId = (await canvasIds(page)).find((id) => id.startsWith('Activity_'))!;
    expect(taskId).to.be.a('string');
    await select(page, taskId);
    await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
    await page.locator('.djs-popup [data-id="replace-with-user-task"]').click();
    await page.locator('.djs-popup').waitFor({ state: 'detached' });
    await select(page, taskId);
    await page.locator('.djs-context-pad .entry[data-action="append.end-event"]').click();
    await page.keyboard.type('办结');
    await page.locator('[data-testid="canvas"]').click({ position: { x: 700, y: 420 } });
    const ids = await canvasIds(page);
    expect(ids.filter((id) => id.startsWith('Event_'))).to.have.length(1);
    expect(ids.filter((id) => id.startsWith('Flow_'))).to.have.length(2);
    await waitForLint(page);
    expect((await lintIssues(page)).filter((issue) => issue.severity === '错误')).to.deep.equal([]);

    // The process's matter code makes our matter rules apply: the user task has no department and no limit.
    await page.locator('[data-testid="canvas"]').click({ position: { x: 700, y: 420 } });
    await panel(page).getByLabel('事项编码').fill('330106-XK-TEST-001');
    await page
      .locator('.mf-issue[data-element-id="' + taskId + '"]')
      .filter({ hasText: '未设置承办部门' })
      .waitFor();
    await page
      .locator('.mf-issue[data-element-id="' + taskId + '"]')
      .filter({ hasText: '未设置有效的办理时限' })
      .waitFor();

    // 发布 now: the server refuses, as the panel said it would, and the task is marked.
    await page.locator('[data-testid="issues-summary"][data-verdict="refused"]').waitFor();
    await page.getByRole('button', { name: '发布新版本' }).click();
    await page
      .locator('[data-testid="publish-outcome"][data-outcome="refused"]')
      .filter({ hasText: '发布失败：2 个错误' })
      .waitFor();
    await page.locator(`.djs-element.mf-finding-error[data-element-id="${taskId}"]`).waitFor();

    // Clicking an issue selects its element; set the department and the limit in the panel.
    await page
      .locator('.mf-issue[data-element-id="' + taskId + '"]')
      .first()
      .click();
    await page.locator(`.djs-element.selected[data-element-id="${taskId}"]`).waitFor();
    await panel(page).getByLabel('承办部门').selectOption({ label: DEPARTMENT });
    await panel(page).getByLabel('办理时限', { exact: true }).fill('3');
    await panel(page).getByLabel('办理时限单位').selectOption('工作日');
    await page.locator('[data-testid="issues-summary"][data-verdict="clean"]').waitFor();
    expect((await lintIssues(page)).filter((issue) => issue.elementId === taskId)).to.deep.equal([]);

    // 撤销 brings one error back; 重做 fixes it again.
    await page.getByRole('button', { name: '撤销' }).click();
    await page
      .locator('.mf-issue[data-element-id="' + taskId + '"]')
      .first()
      .waitFor();
    expect((await lintIssues(page)).filter((issue) => issue.elementId === taskId)).to.have.length(1);
    await page.getByRole('button', { name: '重做' }).click();
    await page
      .locator('.mf-issues-section[data-source="lint"] .mf-issue[data-element-id="' + taskId + '"]')
      .waitFor({ state: 'detached' });

    // Version 1 through the API (the task still named 初审), then 发布新版本 from the page gives version 2.
    const xml = await downloadXml(page);
    expect(xml).to.contain(`gov:department="${DEPARTMENT}"`).and.to.contain('gov:matterCode="330106-XK-TEST-001"');
    const processId = /<bpmn:process id="([^"]+)"/.exec(xml)![1]!;
    const v1 = await request(web.server.app)
      .post('/api/definitions')
      .set('Authorization', as('admin'))
      .send({ xml: xml.replace('name="审查"', 'name="初审"') })
      .expect(201);
    expect(v1.body.processes[0]).to.include({ processId, version: 1 });
    await page.getByRole('button', { name: '发布新版本' }).click();
    await page.locator('[data-testid="publish-outcome"]').filter({ hasText: '“新流程”已发布为第 2 版' }).waitFor();
    expect(await page.locator('.djs-element.mf-finding-error').count()).to.equal(0);
    await page.getByRole('button', { name: '打开', exact: true }).click();
    const row = page.locator(`.mf-dialog tr[data-process-id="${processId}"]`);
    await row.waitFor();
    expect(await row.locator('option').allTextContents())
      .to.have.length(2)
      .and.satisfy((options: string[]) => options[0]!.startsWith('第 2 版'));
    await page.locator('.mf-dialog').getByRole('button', { name: '关闭' }).click();

    // 与上一版本比较: the renamed task is changed, the legend says so.
    await page.getByRole('button', { name: '与上一版本比较' }).click();
    await page.locator(`.djs-element.mf-diff-changed[data-element-id="${taskId}"]`).waitFor();
    const legend = page.getByRole('complementary', { name: '版本比较' });
    expect(await legend.textContent())
      .to.contain('第 1 版 → 第 2 版')
      .and.to.contain('修改 1')
      .and.to.contain('名称有变化');
  });

  it('compares a shipped process with a version that added and removed steps: added and changed marked, removed drawn where it was', async () => {
    const original = readFileSync('processes/food-licence.bpmn', 'utf8');
    // Version 2 renames 审查 and drops 现场核查 (its flows rejoin the gateway directly).
    const edited = original
      .replace('name="审查"', 'name="书面审查"')
      .replace(/<bpmn:userTask id="onSiteInspection"[\s\S]*?<\/bpmn:userTask>/, '')
      .replace(/<bpmn:sequenceFlow id="inspected"[^>]*\/>/, '')
      .replace(
        '<bpmn:sequenceFlow id="toInspection" name="是" sourceRef="inspectionNeeded" targetRef="onSiteInspection">',
        '<bpmn:sequenceFlow id="toInspection" name="是" sourceRef="inspectionNeeded" targetRef="beforeDecision">',
      )
      .replace('<bpmn:incoming>inspected</bpmn:incoming>', '<bpmn:incoming>toInspection</bpmn:incoming>')
      .replace(/<bpmndi:BPMNShape id="[^"]*" bpmnElement="onSiteInspection"[\s\S]*?<\/bpmndi:BPMNShape>/, '')
      .replace(/<bpmndi:BPMNEdge id="[^"]*" bpmnElement="inspected"[\s\S]*?<\/bpmndi:BPMNEdge>/, '');
    expect(edited).not.to.contain('onSiteInspection');
    const deployed = await request(web.server.app)
      .post('/api/definitions')
      .set('Authorization', as('admin'))
      .send({ xml: edited })
      .expect(201);
    const version = deployed.body.processes[0].version as number;
    const page = await web.loginAs('supervisor-sun');
    await page.goto(web.url(`/designer?process=food-licence&version=${version}`));
    await waitForDiagram(page);
    await page.getByRole('button', { name: '与上一版本比较' }).click();
    await page.locator('.djs-element.mf-diff-changed[data-element-id="review"]').waitFor();
    await page.locator('.mf-diff-ghost[data-element-id="onSiteInspection"]').waitFor({ state: 'attached' });
    const legend = page.getByRole('complementary', { name: '版本比较' });
    expect(await legend.textContent())
      .to.contain('删除')
      .and.to.contain('onSiteInspection');
    await legend.getByRole('button', { name: '结束比较' }).click();
    expect(await page.locator('.mf-diff-changed, .mf-diff-ghost').count()).to.equal(0);
  });

  it('compares the diagram being edited with the published version, without publishing anything', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer?process=minimum-living-allowance&version=1'));
    await waitForDiagram(page);
    const compare = page.getByRole('button', { name: '与已发布版本比较' });
    // Rename 乡镇（街道）审核 on the canvas (direct editing), then compare.
    await page.locator('.djs-element[data-element-id="townshipReview"]').dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('街道审核');
    await page.locator('[data-testid="canvas"]').click({ position: { x: 700, y: 420 } });
    await compare.click();
    await page.locator('.djs-element.mf-diff-changed[data-element-id="townshipReview"]').waitFor();
    const legend = page.getByRole('complementary', { name: '版本比较' });
    expect(await legend.textContent())
      .to.contain('第 1 版 → 当前图（未发布）')
      .and.to.contain('修改 1')
      .and.to.contain('名称有变化');
    expect(await web.server.store.listDefinitions('minimum-living-allowance')).to.have.length(1);
  });

  it('opens each of the 21 MIWG models and saves it as a draft: every element id (but the known bpmn-js DI limits) and every gov attribute survives', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    const files = readdirSync(MIWG)
      .filter((file) => file.endsWith('.bpmn'))
      .sort();
    expect(files).to.have.length(21);
    const lostByModel: Record<string, string[]> = {};
    for (const file of files) {
      const model = file.replace(/\.bpmn$/, '');
      const original = readBpmn(`${MIWG}/${file}`);
      const withGov = await withGovAttributes(original);
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: file, mimeType: 'application/xml', buffer: Buffer.from(withGov, 'utf8') });
      await notice(page, `已打开本地文件 ${file}`).waitFor();
      const previous = await page.locator('[data-testid="modeler-status"]').getAttribute('data-draft-id');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page
        .locator(
          `[data-testid="modeler-status"][data-source-kind="draft"]${previous ? `:not([data-draft-id="${previous}"])` : ''}`,
        )
        .waitFor();
      const draftId = await page.locator('[data-testid="modeler-status"]').getAttribute('data-draft-id');
      const { body } = await request(web.server.app)
        .get(`/api/drafts/${draftId}`)
        .set('Authorization', as('admin'))
        .expect(200);
      // A draft is named after its process (the executable one, else the first), by the file name only when that has none.
      expect(body.name).to.equal((await processNameOf(original)) || model);
      const before = await walkBpmn(original);
      const injected = await walkBpmn(withGov);
      const after = await walkBpmn(body.xml as string);
      const lost = [...before.ids].filter((id) => !after.ids.has(id));
      if (lost.length > 0) lostByModel[model] = lost;
      for (const [id, attributes] of injected.gov) {
        if (after.ids.has(id)) expect(after.gov.get(id), `${model} ${id}`).to.deep.equal(attributes);
      }
      expect([...injected.gov.keys()].length, model).to.be.greaterThan(0);
      await page
        .locator('.mf-notice .mf-link')
        .evaluateAll((buttons) => buttons.forEach((button) => (button as unknown as { click(): void }).click()));
    }
    expect(lostByModel).to.deep.equal(KNOWN_DI_LOSSES);
  });

  it('opens the four shipped processes from 打开: the live lint shows exactly what the server lint finds, and no error', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    expect(SHIPPED_MATTERS).to.have.length(4);
    for (const shipped of SHIPPED_MATTERS) {
      await page.getByRole('button', { name: '打开', exact: true }).click();
      const row = page.locator(`.mf-dialog tr[data-process-id="${shipped.processId}"]`);
      await row.locator('select').selectOption('1');
      await row.getByRole('button', { name: /^打开/ }).click();
      await page
        .locator(`[data-testid="modeler-status"]`)
        .filter({ hasText: `已发布：${shipped.processId} 第 1 版` })
        .waitFor();
      await waitForLint(page);
      const expected = await lintXml(readFileSync(shipped.bpmn, 'utf8'));
      const shown = await lintIssues(page);
      const key = (issue: { elementId: string | null; message: string }) => `${issue.elementId} ${issue.message}`;
      expect(shown.map(key).sort(), shipped.processId).to.deep.equal(
        expected.map((finding) => key({ elementId: finding.elementId, message: finding.message.zh })).sort(),
      );
      expect(
        shown.filter((issue) => issue.severity === '错误'),
        shipped.processId,
      ).to.deep.equal([]);
    }
  });

  it('creates from the matter-type templates: 承诺件 with 受理/审查/决定/送达 and 并联审批 with a parallel split and join, gov attributes filled in', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    await page.getByRole('button', { name: '新建' }).click();
    await page.getByLabel('流程名称').fill('建设工程消防验收');
    await page.locator('.mf-dialog').getByRole('button', { name: '并联审批' }).click();
    await shape(page, 'join').waitFor();
    expect(await canvasIds(page)).to.include.members([
      'split',
      'reviewA',
      'reviewB',
      'reviewC',
      'join',
      'decision',
      'delivery',
    ]);
    expect(await page.locator('.mf-modeler-name').inputValue()).to.equal('建设工程消防验收');
    const xml = await downloadXml(page);
    expect(xml)
      .to.contain('name="建设工程消防验收"')
      .and.to.contain('gov:promisedLimit="15"')
      .and.to.contain('<bpmndi:BPMNShape');
    await page.getByRole('button', { name: '新建' }).click();
    await page.locator('.mf-dialog').getByRole('button', { name: '承诺件' }).click();
    await shape(page, 'delivery').waitFor();
    await select(page, 'acceptance');
    expect(await panel(page).getByLabel('承办部门').inputValue()).to.equal('政务服务中心综合窗口');
    expect(await panel(page).getByLabel('办理时限', { exact: true }).inputValue()).to.equal('1');
    expect(
      (await canvasIds(page)).filter((id) => ['acceptance', 'review', 'decision', 'delivery'].includes(id)),
    ).to.have.length(4);
  });

  it('lays out a process without a diagram (with a notice) and refuses malformed XML with its line and column', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    const withoutDi = readFileSync('processes/minimum-living-allowance.bpmn', 'utf8').replace(
      /<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/,
      '',
    );
    expect(withoutDi).not.to.contain('BPMNShape');
    await page.locator('input[type=file]').setInputFiles({
      name: 'tool-written.bpmn',
      mimeType: 'application/xml',
      buffer: Buffer.from(withoutDi, 'utf8'),
    });
    await notice(page, '已自动布局').waitFor();
    const flowIds = [
      ...withoutDi.matchAll(
        /<bpmn:(?:userTask|serviceTask|startEvent|endEvent|exclusiveGateway|parallelGateway|intermediateCatchEvent|boundaryEvent|sequenceFlow)\b[^>]*\sid="([^"]+)"/g,
      ),
    ].map((match) => match[1]!);
    expect(flowIds.length).to.be.greaterThan(5);
    expect(await canvasIds(page)).to.include.members(flowIds);
    const broken =
      '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">\n  <bpmn:process id="p">\n    <bpmn:task id="t"></bpmn:process>\n</bpmn:definitions>';
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'broken.bpmn', mimeType: 'application/xml', buffer: Buffer.from(broken, 'utf8') });
    await notice(page, /无法打开：XML 格式错误（第 \d+ 行，第 \d+ 列）/).waitFor();
  });

  it('a non-admin (auditor-wu) reads but sees no 发布新版本 or 保存草稿, and the API answers 403', async () => {
    const page = await web.loginAs('auditor-wu');
    await page.goto(web.url('/designer?process=food-licence'));
    await waitForDiagram(page);
    expect(await page.getByRole('button', { name: '打开', exact: true }).count()).to.equal(1);
    expect(await page.getByRole('button', { name: '发布新版本' }).count()).to.equal(0);
    expect(await page.getByRole('button', { name: '保存草稿' }).count()).to.equal(0);
    const xml = readFileSync('processes/food-licence.bpmn', 'utf8').replace('name="审查"', 'name="复审"');
    const refused = await request(web.server.app)
      .post('/api/definitions')
      .set('Authorization', as('auditor-wu'))
      .send({ xml })
      .expect(403);
    expect(refused.body.message.zh).to.contain('无权');
    await request(web.server.app)
      .post('/api/drafts')
      .set('Authorization', as('auditor-wu'))
      .send({ name: '审计草稿', xml })
      .expect(403);
  });
});
