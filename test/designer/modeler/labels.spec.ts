/**
 * Labels on the canvas, in the Camunda Modeler files: eight kinds (task, start, end and boundary
 * event, gateway, sequence flow, sub-process, pool and lane) keep their words whole, in the box
 * the file sized for Arial. A screenshot of each goes to test-results/labels/ to be looked at.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/fixtures.js';
import { useWorkspace } from '../support/browser.js';
import { CAMUNDA, openCamunda, waitForDiagram } from './modeler-support.js';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'labels');

/** The eight kinds: file, element id, its name, and whether the label is drawn outside the shape. */
const KINDS = [
  {
    kind: 'task',
    file: 'c7/twitter-demo.bpmn',
    id: 'service_task_send_rejection_notification',
    name: 'Send rejection notification',
    external: false,
  },
  {
    kind: 'start-event',
    file: 'c7/job-announcement.bpmn',
    id: 'Event_0nt3pjb',
    name: 'New open position',
    external: true,
  },
  {
    kind: 'end-event',
    file: 'c7/twitter-demo.bpmn',
    id: 'end_event_tweet_handled',
    name: 'Tweet handled',
    external: true,
  },
  {
    kind: 'boundary-event',
    file: 'c7/order-handling.bpmn',
    id: 'BoundaryEvent_1y1bvad',
    name: 'Archive invoice?',
    external: true,
  },
  { kind: 'gateway', file: 'c7/twitter-demo.bpmn', id: 'gateway_approved', name: 'Approved?', external: true },
  { kind: 'sequence-flow', file: 'c7/twitter-demo.bpmn', id: 'yes', name: 'yes', external: true },
  {
    kind: 'sub-process',
    file: 'c8/grpc-state-machine.bpmn',
    id: 'SubProcess_01hwpo0',
    name: 'gRPC Sync method',
    external: false,
  },
  { kind: 'pool', file: 'c8/message-start-pools.bpmn', id: 'Start_Job_Pool', name: 'Job Start', external: false },
  { kind: 'lane', file: 'c7/job-announcement.bpmn', id: 'Lane_0sb6j56', name: 'Management', external: false },
] as const;

const CAMUNDA_FILES = ['c7', 'c8'].flatMap((dir) =>
  readdirSync(path.join(CAMUNDA, dir))
    .filter((file) => file.endsWith('.bpmn'))
    .map((file) => `${dir}/${file}`),
);

/** Element ids and names (line breaks read as spaces) of a file's elements named in Latin letters only. */
function latinNames(xml: string): Array<[string, string]> {
  const names: Array<[string, string]> = [];
  for (const match of xml.matchAll(/<(?:bpmn2?:)?(\w+)\s[^>]*?\bid="([^"]+)"[^>]*?\bname="([^"]*)"/g)) {
    const [, tag, id, raw] = match;
    if (tag === 'process' || tag === 'message' || tag === 'error' || tag === 'signal') continue;
    const name = raw!
      .replace(/&#10;|&#xA;/gi, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/\s+/g, ' ')
      .trim();
    if (name && /^[\x20-\x7e]+$/.test(name)) names.push([id!, name]);
  }
  return names;
}

/** The heights of the external label boxes (BPMNLabel bounds) by element id. */
function labelHeights(xml: string): Map<string, number> {
  const heights = new Map<string, number>();
  for (const match of xml.matchAll(
    /bpmnElement="([^"]+)"[^>]*>(?:(?!<\/bpmndi:BPMN(?:Shape|Edge)>)[\s\S])*?<bpmndi:BPMNLabel[^>]*>\s*<(?:\w+:)?Bounds[^>]*\bheight="([\d.]+)"/g,
  ))
    heights.set(match[1]!, Number(match[2]));
  return heights;
}

/** Lines read back as the text: a space between them, none after a hyphen (bpmn-js breaks there). */
function rejoined(lines: readonly string[]): string {
  return lines.reduce((text, line) => (text === '' ? line : text.endsWith('-') ? text + line : `${text} ${line}`), '');
}

/** Scrolls the canvas (mouse wheel, as a user would) until `element`'s top left is well inside it, right of the palette; its box then. */
async function bringIntoView(
  page: Page,
  element: Locator,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const canvas = (await page.locator('[data-testid="canvas"]').boundingBox())!;
  const before = (await element.boundingBox())!;
  const target = { x: canvas.x + 300, y: canvas.y + 150 };
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  // bpmn-js scrolls 0.75 px a wheel pixel.
  await page.mouse.wheel((before.x - target.x) / 0.75, (before.y - target.y) / 0.75);
  await page.waitForTimeout(100);
  return (await element.boundingBox())!;
}

/** The lines bpmn-js drew for an element's label (one per tspan). */
async function labelLines(page: Page, id: string, external: boolean): Promise<string[]> {
  const text = external
    ? page.locator(`[data-testid="canvas"] .djs-element[data-element-id="${id}_label"] text`)
    : page.locator(`[data-testid="canvas"] .djs-element[data-element-id="${id}"] > .djs-visual > text`).first();
  return text.locator('tspan').allTextContents();
}

describe('Modeler: labels in Arial metrics (browser)', function () {
  this.timeout(180_000);
  const web = useWorkspace();

  it('should draw the eight kinds of label with whole words, and take a screenshot of each', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    const font = await page
      .locator('[data-testid="canvas"] .djs-element[data-element-id] text')
      .first()
      .evaluate(
        (text) =>
          (globalThis as unknown as { getComputedStyle(element: unknown): { fontFamily: string } }).getComputedStyle(
            text,
          ).fontFamily,
      );
    expect(font).to.match(/^Arial, "Liberation Sans", Arimo, "Noto Sans CJK SC"/);
    const broken: string[] = [];
    for (const { kind, file, id, name, external } of KINDS) {
      await openCamunda(page, file);
      const lines = (await labelLines(page, id, external)).map((line) => line.trim()).filter(Boolean);
      expect(lines.length, `${kind}: ${id} has no label`).to.be.greaterThan(0);
      // Words are whole: the lines, rejoined, are the name (a word cut in two adds a space inside it).
      if (rejoined(lines) !== name) broken.push(`${kind}: ${JSON.stringify(lines)} for "${name}"`);
      // The label's own text: an external label element, or the text drawn in the shape (a sub-process's is centred on top).
      const element = external
        ? page.locator(`[data-testid="canvas"] .djs-element[data-element-id="${id}_label"]`)
        : page.locator(`[data-testid="canvas"] .djs-element[data-element-id="${id}"] > .djs-visual > text`).first();
      const box = await bringIntoView(page, element);
      await page.screenshot({
        path: path.join(SHOTS, `${kind}.png`),
        clip: {
          x: Math.max(0, box.x - 40),
          y: Math.max(0, box.y - 30),
          width: Math.min(box.width + 80, 500),
          height: Math.min(box.height + 60, 300),
        },
      });
    }
    expect(broken).to.deep.equal([]);
  });
  it('should draw every label of the ten Camunda Modeler files as the file sized it: no more lines than its box holds, Latin words whole inside shapes', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    const broken: string[] = [];
    let checked = 0;
    for (const file of CAMUNDA_FILES) {
      await openCamunda(page, file);
      const xml = readFileSync(path.join(CAMUNDA, file), 'utf8');
      const heights = labelHeights(xml);
      for (const [id, name] of latinNames(xml)) {
        const height = heights.get(id);
        const lines = (await labelLines(page, id, height !== undefined)).map((line) => line.trim()).filter(Boolean);
        if (lines.length === 0) continue;
        checked += 1;
        // An external label's box holds as many lines as its author's modeler drew (11 px text, 1.2 line height).
        if (height !== undefined && lines.length > Math.max(1, Math.round(height / 13.2)))
          broken.push(`${file} ${id}: ${JSON.stringify(lines)} in a box ${height} px high`);
        if (height === undefined && rejoined(lines) !== name)
          broken.push(`${file} ${id}: ${JSON.stringify(lines)} for "${name}"`);
      }
    }
    expect(checked).to.be.greaterThan(100);
    expect(broken).to.deep.equal([]);
  });
});
