/**
 * Helpers for the modeler's browser tests: open the page and wait for a diagram, read the
 * issues panel, reach bpmn-js services through the canvas's DOM, and compare element ids and
 * gov attributes of two BPMN files with bpmn-moddle (as the engine reads them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import type { Page } from 'playwright-core';
import { govDescriptor } from '../../../engine/model/gov-descriptor.js';
import { REPO_ROOT } from '../../support/fixtures.js';

/** The Camunda 7 and 8 diagrams the modeler must open (test/fixtures/camunda/c7, c8). */
export const CAMUNDA = path.join(REPO_ROOT, 'test', 'fixtures', 'camunda');

/** Wait until the modeler shows a diagram (the canvas has its root and the status line says what is open). */
export async function waitForDiagram(page: Page): Promise<void> {
  await page.locator('[data-testid="canvas"] .djs-container svg .djs-element').first().waitFor();
  await page.locator('[data-testid="modeler-status"]').filter({ hasText: /\S/ }).waitFor();
}

/** Open `file` (a path under CAMUNDA) as a local file, and wait until the status line names it. */
export async function openCamunda(page: Page, file: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({
    name: path.basename(file),
    mimeType: 'application/xml',
    buffer: readFileSync(path.join(CAMUNDA, file)),
  });
  await page
    .locator('[data-testid="modeler-status"]')
    .filter({ hasText: path.basename(file) })
    .waitFor();
}

/** The issues panel's live-lint rows: severity label, element label, message. */
export async function lintIssues(
  page: Page,
): Promise<Array<{ severity: string; elementId: string | null; message: string }>> {
  return page.locator('.mf-issues-section[data-source="lint"] .mf-issue').evaluateAll((buttons) =>
    buttons.map((button) => ({
      severity: button.querySelector('.mf-issue-severity')?.textContent ?? '',
      elementId: button.getAttribute('data-element-id'),
      message: button.querySelector('.mf-issue-message')?.textContent ?? '',
    })),
  );
}

/** Wait until the lint and the server's check have run on the current diagram (检查结果 has its verdict). */
export async function waitForLint(page: Page): Promise<void> {
  await page
    .locator('[data-testid="issues-summary"]')
    .and(page.locator('[data-verdict="clean"], [data-verdict="refused"]'))
    .waitFor({ timeout: 20_000 });
}

const moddle = () => new BpmnModdle({ gov: govDescriptor });

interface Walked {
  readonly ids: Set<string>;
  /** gov attributes and children by element id: `attr=value` strings. */
  readonly gov: Map<string, string[]>;
}

/** Every element id in a BPMN file (semantic and DI), and the gov attributes by element. */
export async function walkBpmn(xml: string): Promise<Walked> {
  const { rootElement } = await moddle().fromXML(xml, 'bpmn:Definitions');
  const ids = new Set<string>();
  const gov = new Map<string, string[]>();
  const seen = new Set<unknown>();
  const visit = (node: unknown, owner: string | null): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const element = node as {
      $type?: string;
      id?: string;
      $attrs?: Record<string, string>;
      $descriptor?: { properties?: Array<{ name: string; ns?: { prefix?: string }; isReference?: boolean }> };
    } & Record<string, unknown>;
    if (typeof element.$type !== 'string') return;
    const id = typeof element.id === 'string' ? element.id : null;
    if (id) ids.add(id);
    const here = id ?? owner;
    for (const property of element.$descriptor?.properties ?? []) {
      if (property.isReference || property.name === '$parent') continue;
      const value = element[property.name];
      if (value === undefined) continue;
      if (property.ns?.prefix === 'gov' && here && (typeof value !== 'object' || value === null)) {
        (gov.get(here) ?? gov.set(here, []).get(here)!).push(`${property.name}=${String(value)}`);
      }
      if (element.$type.startsWith('gov:') && here && (typeof value !== 'object' || value === null)) {
        (gov.get(here) ?? gov.set(here, []).get(here)!).push(`${element.$type}.${property.name}=${String(value)}`);
      }
      if (Array.isArray(value)) for (const item of value) visit(item, here);
      else if (typeof value === 'object') visit(value, here);
    }
  };
  visit(rootElement, null);
  for (const list of gov.values()) list.sort();
  return { ids, gov };
}

/**
 * Gives every activity of every process some gov attributes (and each process a matter code
 * and materials), written back with bpmn-moddle: the file the round trip must keep them in.
 */
export async function withGovAttributes(xml: string): Promise<string> {
  const bpmn = moddle();
  const { rootElement } = await bpmn.fromXML(xml, 'bpmn:Definitions');
  const definitions = rootElement as unknown as {
    rootElements?: Array<{
      $type: string;
      set(name: string, value: unknown): void;
      get(name: string): unknown;
      flowElements?: unknown[];
    }>;
  };
  const activities = (
    elements: unknown[] | undefined,
  ): Array<{ $type: string; set(name: string, value: unknown): void; flowElements?: unknown[] }> =>
    (elements ?? []).flatMap((element) => {
      const node = element as { $type: string; set(name: string, value: unknown): void; flowElements?: unknown[] };
      const isActivity = /Task$|SubProcess$|^bpmn:CallActivity$|^bpmn:Transaction$/.test(node.$type);
      return [...(isActivity ? [node] : []), ...activities(node.flowElements)];
    });
  let index = 0;
  for (const root of definitions.rootElements ?? []) {
    if (root.$type !== 'bpmn:Process') continue;
    root.set('gov:matterCode', `330106-TEST-${String(++index).padStart(4, '0')}`);
    root.set('gov:promisedLimit', 20);
    root.set('gov:promisedLimitUnit', '工作日');
    for (const activity of activities(root.flowElements)) {
      activity.set('gov:department', '西湖区市场监督管理局行政许可科');
      activity.set('gov:timeLimit', 2);
      activity.set('gov:timeLimitUnit', '工作日');
    }
  }
  const { xml: out } = await bpmn.toXML(rootElement, { format: true });
  return out;
}

/** The name of a file's process as the modeler names a draft: the executable process's, else the first one's ('' when it has none). */
export async function processNameOf(xml: string): Promise<string> {
  const { rootElement } = await moddle().fromXML(xml, 'bpmn:Definitions');
  const processes = (
    (rootElement as unknown as { rootElements?: Array<{ $type: string; name?: string; isExecutable?: boolean }> })
      .rootElements ?? []
  ).filter((element) => element.$type === 'bpmn:Process');
  return ((processes.find((process) => process.isExecutable) ?? processes[0])?.name ?? '').trim();
}
