/**
 * 与上一版本比较: the server's diff of two deployed versions (GET /api/definitions/{id}/diff), or
 * of the diagram being edited against the latest published version (POST, nothing stored),
 * shown on the canvas of the later one — added and changed elements and flows get markers,
 * removed ones are drawn as dashed outlines where the earlier version had them — with a legend
 * listing each change (click to select).
 */
import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import { api } from '../shared/api.js';
import { el } from '../shared/dom.js';

interface Change {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}
interface Side {
  readonly added: ReadonlyArray<{ id: string; name?: string | null }>;
  readonly removed: ReadonlyArray<{ id: string; name?: string | null }>;
  readonly changed: ReadonlyArray<{ id: string; changes: readonly Change[] }>;
}
export interface DefinitionDiff {
  readonly processId: string;
  readonly from: number;
  /** The later version, or null for the diagram on the canvas (not yet published). */
  readonly to: number | null;
  readonly elements: Side;
  readonly flows: Side;
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  kind: '类型',
  name: '名称',
  gov: '政务属性',
  incoming: '流入',
  outgoing: '流出',
  default: '默认流',
  conditions: '出口条件',
  sourceId: '起点',
  targetId: '终点',
  condition: '条件',
};

const DIFF_MARKERS = { added: 'mf-diff-added', changed: 'mf-diff-changed', removed: 'mf-diff-removed' } as const;
const SVG = 'http://www.w3.org/2000/svg';
const DI = 'http://www.omg.org/spec/BPMN/20100524/DI';
const DC = 'http://www.omg.org/spec/DD/20100524/DC';

export class DiffView {
  readonly legend = el('aside', { class: 'mf-diff-legend', 'aria-label': '版本比较', hidden: true });
  private marked: Array<{ id: string; marker: string }> = [];
  private ghosts: SVGElement[] = [];

  constructor(private readonly modeler: Modeler) {}

  get active(): boolean {
    return !this.legend.hidden;
  }

  /** Compare version `from` with `to` (the diagram on the canvas is `to`). */
  async show(processId: string, from: number, to: number): Promise<DefinitionDiff> {
    this.clear();
    return this.present(
      await api<DefinitionDiff>(`/api/definitions/${encodeURIComponent(processId)}/diff`, { query: { from, to } }),
    );
  }

  /** Compare the diagram on the canvas (`xml`, not yet published) with the latest published version of its process. */
  async showAgainstPublished(processId: string, xml: string): Promise<DefinitionDiff> {
    this.clear();
    return this.present(
      await api<DefinitionDiff>(`/api/definitions/${encodeURIComponent(processId)}/diff`, { body: { xml } }),
    );
  }

  private async present(diff: DefinitionDiff): Promise<DefinitionDiff> {
    const { processId, from } = diff;
    const registry = this.modeler.get<ElementRegistry>('elementRegistry');
    const canvas = this.modeler.get<Canvas>('canvas');
    const mark = (id: string, marker: string) => {
      if (!registry.get(id)) return;
      canvas.addMarker(id, marker);
      this.marked.push({ id, marker });
    };
    for (const side of [diff.elements, diff.flows]) {
      for (const item of side.added) mark(item.id, DIFF_MARKERS.added);
      for (const item of side.changed) mark(item.id, DIFF_MARKERS.changed);
    }
    const removedIds = [...diff.elements.removed, ...diff.flows.removed].map((item) => item.id);
    if (removedIds.length > 0) {
      const previous = await api<{ xml: string }>(
        `/api/definitions/${encodeURIComponent(processId)}/versions/${from}/xml`,
      );
      this.drawRemoved(previous.xml, new Set(removedIds));
    }
    this.renderLegend(diff);
    return diff;
  }

  clear(): void {
    const canvas = this.modeler.get<Canvas>('canvas');
    const registry = this.modeler.get<ElementRegistry>('elementRegistry');
    for (const { id, marker } of this.marked) if (registry.get(id)) canvas.removeMarker(id, marker);
    this.marked = [];
    for (const ghost of this.ghosts) ghost.remove();
    this.ghosts = [];
    this.legend.hidden = true;
    this.legend.replaceChildren();
  }

  /** Removed elements as dashed outlines (and removed flows as dashed lines) at their old places. */
  private drawRemoved(xml: string, ids: ReadonlySet<string>): void {
    const layer = this.modeler.get<Canvas>('canvas').getLayer('mf-diff-removed', 1000);
    const previous = new DOMParser().parseFromString(xml, 'application/xml');
    for (const shape of previous.getElementsByTagNameNS(DI, 'BPMNShape')) {
      const id = shape.getAttribute('bpmnElement');
      const bounds = shape.getElementsByTagNameNS(DC, 'Bounds')[0];
      if (!id || !ids.has(id) || !bounds) continue;
      const node = document.createElementNS(SVG, 'g');
      node.setAttribute('class', 'mf-diff-ghost');
      node.setAttribute('data-element-id', id);
      const rect = document.createElementNS(SVG, 'rect');
      for (const name of ['x', 'y', 'width', 'height']) rect.setAttribute(name, bounds.getAttribute(name) ?? '0');
      rect.setAttribute('rx', '6');
      node.append(rect);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `已删除：${id}`;
      node.append(title);
      layer.append(node);
      this.ghosts.push(node);
    }
    for (const edge of previous.getElementsByTagNameNS(DI, 'BPMNEdge')) {
      const id = edge.getAttribute('bpmnElement');
      if (!id || !ids.has(id)) continue;
      const points = [...edge.getElementsByTagNameNS(DI, 'waypoint')].map(
        (point) => `${point.getAttribute('x')},${point.getAttribute('y')}`,
      );
      const line = document.createElementNS(SVG, 'polyline');
      line.setAttribute('points', points.join(' '));
      line.setAttribute('class', 'mf-diff-ghost mf-diff-ghost-flow');
      line.setAttribute('data-element-id', id);
      layer.append(line);
      this.ghosts.push(line);
    }
  }

  private renderLegend(diff: DefinitionDiff): void {
    const registry = this.modeler.get<ElementRegistry>('elementRegistry');
    const nameOf = (id: string, fallback?: string | null) =>
      (registry.get(id) as { businessObject?: { name?: string } } | undefined)?.businessObject?.name ?? fallback ?? '';
    const entry = (kind: 'added' | 'changed' | 'removed', id: string, detail: string) => {
      const button = el(
        'button',
        { type: 'button', class: `mf-diff-entry mf-diff-entry-${kind}`, 'data-element-id': id },
        `${nameOf(id) || id}${detail ? `：${detail}` : ''}`,
      );
      button.addEventListener('click', () => {
        const element = registry.get(id);
        if (element) this.modeler.get<Selection>('selection').select(element);
      });
      return el('li', {}, button);
    };
    const list = (side: Side, what: string) => [
      ...side.added.map((item) => entry('added', item.id, `新增${what}`)),
      ...side.changed.map((item) =>
        entry(
          'changed',
          item.id,
          `${what}的${item.changes.map((change) => FIELD_LABELS[change.field] ?? change.field).join('、')}有变化`,
        ),
      ),
      ...side.removed.map((item) => entry('removed', item.id, `删除${item.name ? `${what}“${item.name}”` : what}`)),
    ];
    const count = (key: keyof Side) => diff.elements[key].length + diff.flows[key].length;
    const close = el('button', { type: 'button' }, '结束比较');
    close.addEventListener('click', () => this.clear());
    const items = [...list(diff.elements, '元素'), ...list(diff.flows, '顺序流')];
    this.legend.replaceChildren(
      el(
        'header',
        {},
        el('strong', {}, `第 ${diff.from} 版 → ${diff.to === null ? '当前图（未发布）' : `第 ${diff.to} 版`}`),
        close,
      ),
      el(
        'ul',
        { class: 'mf-diff-keys' },
        el('li', {}, el('span', { class: 'mf-diff-swatch mf-diff-swatch-added' }), `新增 ${count('added')}`),
        el('li', {}, el('span', { class: 'mf-diff-swatch mf-diff-swatch-changed' }), `修改 ${count('changed')}`),
        el(
          'li',
          {},
          el('span', { class: 'mf-diff-swatch mf-diff-swatch-removed' }),
          `删除 ${count('removed')}（虚线为原位置）`,
        ),
      ),
      items.length === 0
        ? el('p', { class: 'mf-muted' }, '两个版本的流程元素相同')
        : el('ul', { class: 'mf-diff-entries' }, ...items),
    );
    this.legend.hidden = false;
  }
}
