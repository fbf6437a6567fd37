/**
 * The gov properties panel (designer/modeler/properties) in headless Chromium, against the real
 * server: the panel runs in its own harness (harness/ beside this spec), bundled here
 * with esbuild and served on the server's origin through a Playwright route, so the admin's
 * session and GET /api/departments are the real ones. Every edit is checked in the XML the
 * modeler exports, and undo is checked step by step.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { BpmnModdle } from 'bpmn-moddle';
import { buildOptions } from '../../../../designer/build.js';
import { eventually, useWorkspace } from '../../support/browser.js';
import govDescriptor from '../../../../engine/model/gov-descriptor.json' with { type: 'json' };

const HARNESS = '/__properties-harness/';
const DEPARTMENT = '西湖区市场监督管理局行政许可科';

/** What the test reaches of the harness page (no DOM types in the Node test project). */
interface HarnessGlobal {
  propertiesHarness: {
    ready: Promise<unknown>;
    modeler: {
      saveXML(options: { format: boolean }): Promise<{ xml: string }>;
      importXML(xml: string): Promise<unknown>;
      get(service: string): { [method: string]: (...args: unknown[]) => unknown };
    };
  };
}

describe('Designer: the gov properties panel (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();
  let out = '';

  before(async function () {
    this.timeout(120_000);
    out = mkdtempSync(path.join(tmpdir(), 'mf-properties-harness-'));
    await esbuild.build({
      ...buildOptions({ dev: true }),
      entryPoints: { harness: path.resolve('test/designer/modeler/properties/harness/main.ts') },
      outdir: out,
      splitting: false,
      metafile: false,
      sourcemap: false,
      legalComments: 'none',
    });
    writeFileSync(
      path.join(out, 'index.html'),
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>属性面板</title><link rel="stylesheet" href="harness.css">
<style>html,body{margin:0;height:100%;font-family:"Noto Sans CJK SC",sans-serif}#canvas{position:absolute;left:0;top:0;bottom:0;right:420px}#panel{position:absolute;top:0;right:0;bottom:0;width:420px;overflow:auto;border-left:1px solid #ccc}</style>
</head><body><div id="canvas"></div><div id="panel"></div><script type="module" src="harness.js"></script></body></html>`,
    );
  });

  after(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  /** The admin, logged in, on the harness (served from the temp dir on the server's origin). */
  async function openHarness(): Promise<Page> {
    const page = await web.loginAs('admin');
    await page.route(
      (url) => url.pathname.startsWith(HARNESS),
      (route) => route.fulfill({ path: path.join(out, new URL(route.request().url()).pathname.slice(HARNESS.length)) }),
    );
    await page.goto(web.url(`${HARNESS}index.html`));
    await page.evaluate(() => (globalThis as unknown as HarnessGlobal).propertiesHarness.ready.then(() => true));
    return page;
  }

  const exportXml = (page: Page): Promise<string> =>
    page.evaluate(
      async () =>
        (await (globalThis as unknown as HarnessGlobal).propertiesHarness.modeler.saveXML({ format: true })).xml,
    );

  const command = (page: Page, method: 'undo' | 'redo' | 'canUndo'): Promise<unknown> =>
    page.evaluate(
      (name) => (globalThis as unknown as HarnessGlobal).propertiesHarness.modeler.get('commandStack')[name]!(),
      method,
    );

  const select = (page: Page, id: string): Promise<unknown> =>
    page.evaluate((elementId) => {
      const { modeler } = (globalThis as unknown as HarnessGlobal).propertiesHarness;
      return modeler.get('selection').select!(modeler.get('elementRegistry').get!(elementId));
    }, id);

  /** Waits (the panel debounces typing) until the exported XML satisfies `test`. */
  async function xmlUntil(page: Page, test: (xml: string) => boolean, what: string): Promise<string> {
    let xml = '';
    for (let attempt = 0; attempt < 50; attempt++) {
      xml = await exportXml(page);
      if (test(xml)) return xml;
      await page.waitForTimeout(100);
    }
    throw new Error(`The exported XML never had ${what}:\n${xml}`);
  }

  async function parse(xml: string): Promise<Record<string, { get(name: string): unknown; [key: string]: unknown }>> {
    const moddle = new BpmnModdle({ gov: govDescriptor });
    const { elementsById, warnings } = await moddle.fromXML(xml);
    expect(warnings).to.deep.equal([]);
    return elementsById as Record<string, { get(name: string): unknown }>;
  }

  /**
   * 新增 in a list group's header. The button widens to show its label under the pointer, so a
   * pointer click races the layout; the click event is dispatched on the button instead.
   */
  async function addItem(page: Page, groupId: string, index: number): Promise<void> {
    await page.locator(`[data-group-id="group-${groupId}"] .bio-properties-panel-add-entry`).dispatchEvent('click');
    // The new item opens itself, unless another edit re-renders the panel at that moment.
    const item = page.locator(`[data-entry-id="${groupId}-${index}"]`);
    await item.waitFor();
    if (!((await item.getAttribute('class')) ?? '').includes(' open'))
      await item.locator('.bio-properties-panel-collapsible-entry-header').click();
  }

  /** Opens a (closed) group of the panel. */
  async function openGroup(page: Page, groupId: string): Promise<void> {
    const header = page.locator(`[data-group-id="group-${groupId}"] > .bio-properties-panel-group-header`);
    await header.waitFor();
    if (!((await header.getAttribute('class')) ?? '').includes(' open')) await header.click();
  }

  const reviewTag = (xml: string): string => /<bpmn:userTask id="review"[^>]*>/.exec(xml)?.[0] ?? '';

  it('a user task: department from the server list, limit and unit, two materials, 票签 with ratio 0.6; exported, then undone step by step', async () => {
    const page = await openHarness();
    await page.locator('[data-element-id="review"]').click();
    await page.getByText('办理要求').first().waitFor();

    // 承办部门 is a select filled from GET /api/departments, not a text field.
    const department = page.getByLabel('承办部门');
    await page
      .locator('#bio-properties-panel-gov-department option', { hasText: DEPARTMENT })
      .waitFor({ state: 'attached' });
    const options = await department.locator('option').allTextContents();
    expect(options[0]).to.equal('（未选择）');
    expect(options).to.include.members([DEPARTMENT, '消防救援']);
    await department.selectOption({ label: DEPARTMENT });
    await xmlUntil(page, (xml) => reviewTag(xml).includes(`gov:department="${DEPARTMENT}"`), 'the department');

    // 办理时限: a refused value shows the message and is not written; a positive one is, with the default unit.
    const limit = page.getByLabel('办理时限', { exact: true });
    await limit.fill('-3');
    await page.getByText('办理时限必须是大于 0 的数字').waitFor();
    await limit.fill('5');
    await xmlUntil(
      page,
      (xml) => reviewTag(xml).includes('gov:timeLimit="5"') && reviewTag(xml).includes('gov:timeLimitUnit="工作日"'),
      'the limit with its default unit',
    );
    expect(await page.getByText('办理时限必须是大于 0 的数字').count()).to.equal(0);
    const units = await page.getByLabel('办理时限单位').locator('option').allTextContents();
    expect(units).to.deep.equal(['工作日', '自然日', '小时（按工作日计）', '小时（按自然日计）']);
    await page.getByLabel('办理时限单位').selectOption('自然日');
    await xmlUntil(page, (xml) => reviewTag(xml).includes('gov:timeLimitUnit="自然日"'), 'the unit 自然日');

    // 申请材料: two list entries, the second 容缺.
    const materials = page.locator('[data-group-id="group-gov-materials"]');
    await addItem(page, 'gov-materials', 0);
    await page.locator('[data-entry-id="gov-materials-0-name"] input').fill('食品经营许可申请书');
    await xmlUntil(page, (xml) => xml.includes('name="食品经营许可申请书"'), 'the first material');
    await addItem(page, 'gov-materials', 1);
    await page.locator('[data-entry-id="gov-materials-1-name"] input').fill('营业执照');
    await page.locator('[data-entry-id="gov-materials-1-necessity"] select').selectOption({ label: '容缺' });
    await xmlUntil(
      page,
      (xml) => /<gov:material name="营业执照" necessity="tolerated"/.test(xml),
      'the second material, 容缺',
    );
    expect(await materials.locator('.bio-properties-panel-list-badge').textContent()).to.equal('2');

    // 会签方式 票签: the task becomes multi-instance; 通过比例 must be in (0, 1].
    await page.getByLabel('会签方式').selectOption('票签');
    await xmlUntil(page, (xml) => reviewTag(xml).includes('gov:countersign="票签"'), '票签');
    const ratio = page.getByLabel('通过比例');
    await page.getByText('票签须填写通过比例').waitFor();
    await ratio.fill('1.5');
    await page.getByText('通过比例必须大于 0 且不超过 1').waitFor();
    await ratio.fill('0.6');
    const xml = await xmlUntil(page, (text) => reviewTag(text).includes('gov:passRatio="0.6"'), 'the pass ratio 0.6');
    expect(xml).not.to.contain('gov:passRatio="1.5"');

    // The export, read back with the gov descriptor.
    const review = (await parse(xml)).review!;
    expect(review.get('gov:department')).to.equal(DEPARTMENT);
    expect(review.get('gov:timeLimit')).to.equal(5);
    expect(review.get('gov:timeLimitUnit')).to.equal('自然日');
    expect(review.get('gov:countersign')).to.equal('票签');
    expect(review.get('gov:passRatio')).to.equal(0.6);
    expect((review.get('loopCharacteristics') as { $type: string }).$type).to.equal(
      'bpmn:MultiInstanceLoopCharacteristics',
    );
    const blocks = (
      review.get('extensionElements') as {
        values: { $type: string; materials?: { name: string; necessity: string; source: string }[] }[];
      }
    ).values.filter((value) => value.$type === 'gov:Materials');
    expect(blocks).to.have.length(1);
    expect(blocks[0]!.materials!.map(({ name, necessity, source }) => ({ name, necessity, source }))).to.deep.equal([
      { name: '食品经营许可申请书', necessity: 'required', source: 'applicant' },
      { name: '营业执照', necessity: 'tolerated', source: 'applicant' },
    ]);

    // Undo: the ratio goes, then 票签 (and the multi-instance it brought); the materials stay.
    await command(page, 'undo');
    let back = await exportXml(page);
    expect(reviewTag(back)).not.to.contain('gov:passRatio');
    expect(reviewTag(back)).to.contain('gov:countersign="票签"');
    await command(page, 'undo');
    back = await exportXml(page);
    expect(reviewTag(back)).not.to.contain('gov:countersign');
    expect(back).not.to.match(
      /<bpmn:userTask id="review"[\s\S]*?multiInstanceLoopCharacteristics[\s\S]*?<\/bpmn:userTask>/,
    );
    expect(back).to.contain('name="营业执照"');
    await page.locator('[data-entry-id="gov-passRatio"]').waitFor({ state: 'detached' });
    await eventually(() => page.getByLabel('会签方式').inputValue(), '', { message: '会签方式 after undo' });
    // Redo brings 票签 back into the file and the panel (which re-renders after the command).
    await command(page, 'redo');
    expect(reviewTag(await exportXml(page))).to.contain('gov:countersign="票签"');
    await eventually(() => page.getByLabel('会签方式').inputValue(), '票签', { message: '会签方式 after redo' });
  });

  it('窗口环节: ticking it writes gov:windowStep="true" on the user task, clearing it removes the attribute, undo brings it back', async () => {
    const page = await openHarness();
    await select(page, 'review');
    await openGroup(page, 'gov-assignment');
    const windowStep = page.getByLabel('窗口环节');
    expect(await windowStep.isChecked()).to.equal(false);
    await windowStep.check();
    const xml = await xmlUntil(page, (text) => reviewTag(text).includes('gov:windowStep="true"'), 'gov:windowStep');
    expect((await parse(xml)).review!.get('gov:windowStep')).to.equal(true);
    await windowStep.click();
    await xmlUntil(page, (text) => !reviewTag(text).includes('gov:windowStep'), 'no gov:windowStep');
    await command(page, 'undo');
    expect(reviewTag(await exportXml(page))).to.contain('gov:windowStep="true"');
    await eventually(() => windowStep.isChecked(), true, { message: '窗口环节 after undo' });
  });

  it('a department the list lacks is kept and marked; removing a material and undoing it restores the file', async () => {
    const page = await openHarness();
    const xml = (await exportXml(page)).replace(
      '<bpmn:userTask id="review" name="审查">',
      `<bpmn:userTask id="review" name="审查" gov:department="已撤并的某科室"><bpmn:extensionElements><gov:materials><gov:material name="身份证明" /></gov:materials></bpmn:extensionElements>`,
    );
    await page.evaluate(
      (text) => (globalThis as unknown as HarnessGlobal).propertiesHarness.modeler.importXML(text),
      xml,
    );
    await page.locator('[data-element-id="review"]').click();
    const department = page.getByLabel('承办部门');
    await page
      .locator('#bio-properties-panel-gov-department option', { hasText: DEPARTMENT })
      .waitFor({ state: 'attached' });
    expect(await department.inputValue()).to.equal('已撤并的某科室');
    expect(await department.locator('option:checked').textContent()).to.equal('已撤并的某科室（不在部门名录中）');
    await page.getByText('请核对或改选名录中的部门').waitFor();
    // Export unchanged, then remove the only material: the empty gov:materials block goes too.
    expect(reviewTag(await exportXml(page))).to.contain('gov:department="已撤并的某科室"');
    const materials = page.locator('[data-group-id="group-gov-materials"]');
    await openGroup(page, 'gov-materials');
    await materials.locator('.bio-properties-panel-collapsible-entry-header').hover();
    await materials.getByTitle('删除此项').click();
    const removed = await xmlUntil(page, (text) => !text.includes('身份证明'), 'the material removed');
    expect(removed).not.to.contain('gov:materials');
    await command(page, 'undo');
    expect(await exportXml(page)).to.match(/<gov:materials>\s*<gov:material name="身份证明" \/>\s*<\/gov:materials>/);
  });

  it('the process: 事项编码, 承诺时限 (a unit written with it), 申请材料 and 特别程序 on the process', async () => {
    const page = await openHarness();
    await page
      .locator('.djs-container svg')
      .first()
      .click({ position: { x: 700, y: 600 } });
    await page.getByText('事项信息').first().waitFor();
    await page.getByLabel('事项编码').fill('330106-XK-SP-001');
    await page.getByLabel('承诺时限', { exact: true }).fill('0');
    await page.getByText('承诺时限必须是大于 0 的数字').waitFor();
    await page.getByLabel('承诺时限', { exact: true }).fill('20');
    await addItem(page, 'gov-process-procedures', 0);
    await page.getByText('请选择特别程序类型').waitFor();
    await page.locator('[data-entry-id="gov-process-procedures-0-kind"] select').selectOption('现场勘验');
    await addItem(page, 'gov-process-materials', 0);
    await page.locator('[data-entry-id="gov-process-materials-0-name"] input').fill('经营场所证明');
    await page.locator('[data-entry-id="gov-process-materials-0-source"] select').selectOption({ label: '共享获取' });
    const xml = await xmlUntil(
      page,
      (text) =>
        text.includes('name="经营场所证明"') &&
        text.includes('source="shared"') &&
        text.includes('kind="现场勘验"') &&
        text.includes('gov:promisedLimit="20"'),
      'the process attributes',
    );
    const process = (await parse(xml)).harnessProcess!;
    expect(process.get('gov:matterCode')).to.equal('330106-XK-SP-001');
    expect(process.get('gov:promisedLimit')).to.equal(20);
    expect(process.get('gov:promisedLimitUnit')).to.equal('工作日');
    const values = (process.get('extensionElements') as { values: { $type: string; [key: string]: unknown }[] }).values;
    expect(values.map((value) => value.$type)).to.deep.equal(['gov:SpecialProcedures', 'gov:Materials']);
    expect((values[0]!.procedures as { kind: string }[]).map((procedure) => procedure.kind)).to.deep.equal([
      '现场勘验',
    ]);
    expect(
      (values[1]!.materials as { name: string; source: string }[]).map(({ name, source }) => ({ name, source })),
    ).to.deep.equal([{ name: '经营场所证明', source: 'shared' }]);
  });

  it('办件类型: choosing 即办件 writes gov:caseType="1" on the process, 未声明 removes it, undo brings it back', async () => {
    const page = await openHarness();
    await page
      .locator('.djs-container svg')
      .first()
      .click({ position: { x: 700, y: 600 } });
    const caseType = page.getByLabel('办件类型');
    expect(await caseType.inputValue()).to.equal('');
    await caseType.selectOption({ label: '即办件（当场办结，不计时限、不发预警）' });
    let xml = await xmlUntil(page, (text) => text.includes('gov:caseType="1"'), 'gov:caseType="1"');
    expect((await parse(xml)).harnessProcess!.get('gov:caseType')).to.equal('1');
    await caseType.selectOption({ label: '未声明' });
    xml = await xmlUntil(page, (text) => !text.includes('gov:caseType'), 'no gov:caseType');
    await page.evaluate(() =>
      (globalThis as unknown as HarnessGlobal).propertiesHarness.modeler.get('commandStack')['undo']!(),
    );
    xml = await xmlUntil(page, (text) => text.includes('gov:caseType="1"'), 'gov:caseType="1" after undo');
    expect(xml).to.contain('gov:caseType="1"');
  });

  it('with pools, the process attributes are edited on the participant and land on its processRef', async () => {
    const page = await openHarness();
    const collaboration = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="pools" targetNamespace="t">
  <bpmn:collaboration id="collaboration"><bpmn:participant id="centre" name="政务服务中心" processRef="pooled" /></bpmn:collaboration>
  <bpmn:process id="pooled" isExecutable="true"><bpmn:userTask id="accept" name="受理" /></bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="collaboration">
    <bpmndi:BPMNShape id="centre_di" bpmnElement="centre" isHorizontal="true"><dc:Bounds x="100" y="80" width="600" height="250" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="accept_di" bpmnElement="accept"><dc:Bounds x="250" y="160" width="100" height="80" /></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
    await page.evaluate(
      (text) => (globalThis as unknown as HarnessGlobal).propertiesHarness.modeler.importXML(text),
      collaboration,
    );
    await select(page, 'centre');
    await page.getByText('事项信息').first().waitFor();
    await page.getByLabel('事项编码').fill('330106-QR-001');
    await page.getByLabel('承诺时限', { exact: true }).fill('3');
    const xml = await xmlUntil(
      page,
      (text) => text.includes('gov:promisedLimit="3"') && text.includes('gov:matterCode="330106-QR-001"'),
      'the process attributes',
    );
    expect(xml).to.match(
      /<bpmn:process id="pooled" isExecutable="true" gov:matterCode="330106-QR-001" gov:promisedLimit="3" gov:promisedLimitUnit="工作日">/,
    );
    expect(xml).to.match(/<bpmn:participant id="centre" name="政务服务中心" processRef="pooled" \/>/);
    await command(page, 'undo');
    expect(await exportXml(page)).not.to.contain('gov:promisedLimit');
  });

  it('a condition is FEEL: written to the flow, and a syntax error shows a Chinese diagnostic from feel-lint', async () => {
    const page = await openHarness();
    await select(page, 'granted');
    const editor = page.locator('[data-entry-id="gov-condition"] .cm-content');
    await editor.click();
    await page.keyboard.insertText('办结结果 = "出证"');
    await xmlUntil(
      page,
      (xml) =>
        /<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=办结结果 = "出证"<\/bpmn:conditionExpression>/.test(
          xml,
        ),
      'the condition',
    );
    expect(await page.locator('[data-entry-id="gov-condition"] .bio-properties-panel-error').count()).to.equal(0);

    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('金额 > (1 +');
    const error = page.locator('[data-entry-id="gov-condition"] .bio-properties-panel-error');
    await error.waitFor();
    expect(await error.textContent()).to.match(/语法错误/);
    // The default flow carries no condition, so the panel offers none there.
    await select(page, 'refused');
    await page.getByText('不予许可').first().waitFor();
    expect(await page.locator('[data-entry-id="gov-condition"]').count()).to.equal(0);
  });

  it('a multi-instance task: the gov collection and the completion condition are FEEL editors', async () => {
    const page = await openHarness();
    await page.locator('[data-element-id="review"]').click();
    await page.getByLabel('会签方式').selectOption('会签');
    await openGroup(page, 'multiInstance');
    await page.locator('[data-entry-id="gov-collection"] .cm-content').click();
    await page.keyboard.insertText('审图机构列表');
    await page.locator('[data-entry-id="gov-completionCondition"] .cm-content').click();
    await page.keyboard.insertText('count(审图意见[item = true]) = nrOfInstances');
    const xml = await xmlUntil(
      page,
      (text) =>
        text.includes('gov:collection="=审图机构列表"') &&
        text.includes('>=count(审图意见[item = true]) = nrOfInstances</bpmn:completionCondition>'),
      'the collection and completion condition',
    );
    expect(xml).to.match(/<bpmn:multiInstanceLoopCharacteristics gov:collection="=审图机构列表">/);
    await page.locator('[data-entry-id="gov-completionCondition"] .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('count(');
    await page.locator('[data-entry-id="gov-completionCondition"] .bio-properties-panel-error').waitFor();
  });

  it('on the real /designer page (食品经营许可): the panel edits 审查, 下载 XML has the edits, and 撤销 takes them back one by one', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer?process=food-licence'));
    await page.locator('[data-testid="canvas"] .djs-element.djs-shape[data-element-id="review"]').waitFor();
    const panel = page.locator('.mf-modeler-panel');
    const downloadXml = async (): Promise<string> => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '下载 XML' }).click(),
      ]);
      return readFileSync((await file.path())!, 'utf8');
    };
    const selected = page.locator('.djs-element.selected[data-element-id="review"]');
    for (let attempt = 0; attempt < 3 && !(await selected.count()); attempt++) {
      await page.locator('[data-testid="canvas"] .djs-element.djs-shape[data-element-id="review"]').click();
      await selected.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    const department = panel.getByLabel('承办部门');
    await panel
      .locator('#bio-properties-panel-gov-department option', { hasText: '消防救援' })
      .waitFor({ state: 'attached' });
    expect(await department.inputValue()).to.equal(DEPARTMENT);
    await department.selectOption({ label: '消防救援' });
    await panel.getByLabel('办理时限', { exact: true }).fill('6');
    // Typing is debounced (300 ms): let the limit land before the next edit, so the undo steps come in this order.
    await page.waitForTimeout(600);
    await panel.getByLabel('会签方式').selectOption('票签');
    await panel.getByLabel('通过比例').fill('0.6');
    await page.waitForTimeout(600);
    const xml = await downloadXml();
    const tag = /<bpmn:userTask id="review"[^>]*>/.exec(xml)?.[0] ?? '';
    for (const attribute of [
      'gov:department="消防救援"',
      'gov:timeLimit="6"',
      'gov:timeLimitUnit="工作日"',
      'gov:countersign="票签"',
      'gov:passRatio="0.6"',
    ])
      expect(tag).to.contain(attribute);

    await page.getByRole('button', { name: '撤销' }).click();
    let back = /<bpmn:userTask id="review"[^>]*>/.exec(await downloadXml())?.[0] ?? '';
    expect(back).not.to.contain('gov:passRatio');
    expect(back).to.contain('gov:countersign="票签"');
    await page.getByRole('button', { name: '撤销' }).click();
    back = /<bpmn:userTask id="review"[^>]*>/.exec(await downloadXml())?.[0] ?? '';
    expect(back).not.to.contain('gov:countersign');
    expect(back).to.contain('gov:timeLimit="6"');
    await page.getByRole('button', { name: '撤销' }).click();
    await page.getByRole('button', { name: '撤销' }).click();
    back = /<bpmn:userTask id="review"[^>]*>/.exec(await downloadXml())?.[0] ?? '';
    expect(back).to.contain(`gov:department="${DEPARTMENT}"`);
    expect(back).to.contain('gov:timeLimit="4"');
  });
});
