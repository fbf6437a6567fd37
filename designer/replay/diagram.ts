/**
 * The replay's diagram: bpmn-js NavigatedViewer over the exact deployed XML the case ran, and the
 * state after one event painted on it with canvas markers (completed, active, flows taken, the
 * current event's elements, signal colours) and overlays (token counts, visit counts, pending
 * timers, signals). Every paint first removes the previous one.
 */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { formatDateTime } from '../shared/format.js';
import { LEVEL_CLASS } from './labels.js';
import type { StateSummary } from './types.js';

interface Canvas {
  getRootElement(): { id: string };
  zoom(level: 'fit-viewport' | number, center?: 'auto'): number;
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
}
interface Overlays {
  add(element: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement | string }): string;
  remove(filter: { type?: string; element?: string }): void;
}
interface DiagramElement {
  id: string;
  type: string;
  businessObject: { name?: string; $type: string };
  width?: number;
  waypoints?: unknown;
}
interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
  getAll(): DiagramElement[];
}
interface EventBus {
  on(event: string, callback: (event: { element: DiagramElement }) => void): void;
}
interface Definitions {
  diagrams?: Array<{ id: string; plane?: { bpmnElement?: { id: string } } }>;
}

const OVERLAY = 'mf-replay';
type Marker =
  'mf-completed' | 'mf-active' | 'mf-current' | 'mf-flow-taken' | 'mf-sig-warning' | 'mf-sig-yellow' | 'mf-sig-red';

export class ReplayDiagram {
  readonly viewer: NavigatedViewer;
  #marked: Array<[string, string]> = [];

  constructor(container: HTMLElement) {
    this.viewer = new NavigatedViewer({ container });
  }

  /** Import the XML and show the diagram of `processId` (a file may hold several processes). */
  async open(xml: string, processId: string): Promise<void> {
    await this.viewer.importXML(xml);
    const definitions = this.viewer.getDefinitions() as unknown as Definitions;
    const diagram = definitions.diagrams?.find((d) => d.plane?.bpmnElement?.id === processId);
    if (diagram && definitions.diagrams?.[0] !== diagram) await this.viewer.open(diagram.id);
    this.canvas.zoom('fit-viewport', 'auto');
  }

  get canvas(): Canvas {
    return this.viewer.get<Canvas>('canvas');
  }

  get registry(): ElementRegistry {
    return this.viewer.get<ElementRegistry>('elementRegistry');
  }

  /** The element's name (or its id), for labels outside the diagram. */
  nameOf(elementId: string): string {
    return this.registry.get(elementId)?.businessObject.name?.trim() || elementId;
  }

  isCallActivity(elementId: string): boolean {
    return this.registry.get(elementId)?.businessObject.$type === 'bpmn:CallActivity';
  }

  onElementClick(callback: (element: { id: string; type: string }) => void): void {
    this.viewer.get<EventBus>('eventBus').on('element.click', (event) => callback(event.element));
  }

  /** Paint the state after one event; `current` are the elements and flows that event touched. */
  paint(state: StateSummary | null, current: { elements: readonly string[]; flows: readonly string[] }): void {
    const canvas = this.canvas;
    const overlays = this.viewer.get<Overlays>('overlays');
    for (const [id, marker] of this.#marked) canvas.removeMarker(id, marker);
    this.#marked = [];
    overlays.remove({ type: OVERLAY });
    const root = canvas.getRootElement().id;
    const mark = (id: string, marker: Marker) => {
      if (id === root || !this.registry.get(id)) return false;
      canvas.addMarker(id, marker);
      this.#marked.push([id, marker]);
      return true;
    };
    const overlay = (id: string, position: Record<string, number>, html: HTMLElement) => {
      if (id !== root && this.registry.get(id)) overlays.add(id, OVERLAY, { position, html });
    };

    for (const id of [...current.elements, ...current.flows]) mark(id, 'mf-current');
    if (!state) return;
    for (const [id, count] of Object.entries(state.completed)) if (count > 0) mark(id, 'mf-completed');
    for (const [id, count] of Object.entries(state.flows)) {
      if (count <= 0 || !mark(id, 'mf-flow-taken') || count < 2) continue;
      overlay(
        id,
        { top: -18, left: 0 },
        badge('mf-ov-flow', `×${count}`, {
          'data-testid': 'flow-count',
          'data-element-id': id,
          title: `经过 ${count} 次`,
        }),
      );
    }
    for (const [id, count] of Object.entries(state.active)) {
      if (!mark(id, 'mf-active')) continue;
      overlay(
        id,
        { bottom: 8, right: 8 },
        badge('mf-ov-tokens', String(count), {
          'data-testid': 'tokens',
          'data-element-id': id,
          title: `令牌 ${count} 个`,
        }),
      );
    }
    for (const [id, count] of Object.entries(state.entered)) {
      const element = this.registry.get(id);
      if (!element || id === root || count <= 0 || element.type === 'label') continue;
      overlay(
        id,
        { top: -10, left: -6 },
        badge('mf-ov-visits', `${count}次`, {
          'data-testid': 'visits',
          'data-element-id': id,
          title: `到达 ${count} 次`,
        }),
      );
    }
    const timersBy = new Map<string, HTMLElement>();
    for (const timer of state.timers) {
      if (timer.elementId === root || !this.registry.get(timer.elementId)) continue;
      let box = timersBy.get(timer.elementId);
      if (!box) {
        box = document.createElement('div');
        box.className = 'mf-ov-timers';
        box.dataset.testid = 'timers';
        box.dataset.elementId = timer.elementId;
        timersBy.set(timer.elementId, box);
      }
      const what =
        timer.kind === 'alert'
          ? `${timer.level ?? ''}时点`
          : timer.kind === 'deadline'
            ? `期限（${timer.deadline ?? ''}）`
            : '定时';
      box.append(
        badge(
          `mf-ov-timer${timer.level ? ` mf-ov-timer-${LEVEL_CLASS[timer.level] ?? ''}` : ''}`,
          `${what} ${formatDateTime(timer.dueAt)}`,
          {},
        ),
      );
    }
    for (const [id, box] of timersBy) overlay(id, { bottom: -8 - 20 * box.childElementCount, left: 0 }, box);
    for (const signal of state.signals) {
      if (!signal.elementId) continue;
      const level = LEVEL_CLASS[signal.level] ?? 'warning';
      if (!mark(signal.elementId, `mf-sig-${level}`)) continue;
      overlay(
        signal.elementId,
        { top: -12, right: 12 },
        badge(`mf-signal mf-signal-${level} mf-ov-signal`, signal.level, {
          'data-testid': 'signal',
          'data-element-id': signal.elementId,
          'data-level': signal.level,
        }),
      );
    }
  }

  /** Ids of elements (shapes and flows) carrying a marker now. */
  marked(marker: Marker): string[] {
    return this.#marked
      .filter(([, m]) => m === marker)
      .map(([id]) => id)
      .sort();
  }

  destroy(): void {
    this.viewer.destroy();
  }
}

function badge(className: string, text: string, attributes: Record<string, string>): HTMLElement {
  const element = document.createElement('div');
  element.className = className;
  element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}
