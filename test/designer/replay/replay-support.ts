/**
 * For the replay and audit browser tests: the cases (made through the HTTP API by the
 * `CaseDriver`), and what the store's own replay says the diagram should show at a seq.
 */
import type { Page } from 'playwright-core';
import type { CaseState } from '../../../engine/case/index.js';

/** The centre's shipped 电子监察 rules (预警 1 working day before a step's due date). */
export { SHIPPED_SUPERVISION as SUPERVISION } from '../../support/supervision.js';
export { CaseDriver } from '../../support/case-driver.js';
export { BUSINESS_STARTUP_APPLICATION as STARTUP_APPLICATION } from '../../support/applications.js';

/** What the diagram must show after an event, from the store's replay of the log up to it. */
export interface Markers {
  readonly completed: string[];
  readonly active: string[];
  readonly flows: string[];
  readonly tokens: Record<string, number>;
}

export function expectedMarkers(state: CaseState): Markers {
  const tokens: Record<string, number> = {};
  for (const instance of Object.values(state.instances)) {
    if (instance.id === state.rootInstanceId || instance.mi) continue;
    tokens[instance.elementId] = (tokens[instance.elementId] ?? 0) + 1;
  }
  const positive = (record: Record<string, number>) =>
    Object.keys(record)
      .filter((id) => (record[id] ?? 0) > 0 && id !== state.processId)
      .sort();
  return {
    completed: positive(state.stats.completed),
    active: Object.keys(tokens).sort(),
    flows: positive(state.stats.flows),
    tokens,
  };
}

/** What the page's diagram shows now. */
export async function shownMarkers(page: Page): Promise<Markers> {
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  return page.evaluate<Markers>(`(() => {
    const ids = (marker) => [...new Set([...document.querySelectorAll('[data-testid="replay-diagram"] .djs-element.' + marker)].map((element) => element.getAttribute('data-element-id') || ''))].sort();
    const tokens = {};
    for (const badge of document.querySelectorAll('[data-testid="tokens"]')) tokens[badge.getAttribute('data-element-id') || ''] = Number(badge.textContent);
    return { completed: ids('mf-completed'), active: ids('mf-active'), flows: ids('mf-flow-taken'), tokens };
  })()`);
}

/** The replay page of a case, with its diagram drawn. */
export async function openReplay(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-testid="replay-diagram"][data-ready="true"]').waitFor();
}

/** "第 12 / 40 条" -> [12, 40] */
export async function position(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('position').textContent()) ?? '';
  const match = /第\s*(\d+)\s*\/\s*(\d+)\s*条/.exec(text);
  if (!match) throw new Error(`No position in "${text}"`);
  return [Number(match[1]), Number(match[2])];
}
