/**
 * 检查结果: the issues panel under the canvas. It lists the live lint (bpmn-js-bpmnlint's
 * `linting.completed`, already in Chinese) and the server's findings from the last 发布 (engine
 * validation + lint, per element), which are also marked on the canvas. Clicking an issue
 * selects its element and scrolls to it.
 */
import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import { el } from '../shared/dom.js';

type Severity = 'error' | 'warning';

export interface Issue {
  readonly elementId: string | null;
  readonly severity: Severity;
  readonly message: string;
  readonly rule: string;
}

/** A finding as the server returns it (engine/model Finding): its message in Chinese and English. */
export interface ServerFinding {
  readonly elementId: string | null;
  readonly severity: Severity;
  readonly message: { readonly zh: string; readonly en: string };
  readonly rule: string;
  readonly line?: number;
  readonly column?: number;
}

interface LintReport {
  readonly id?: string;
  readonly message: string;
  readonly category: 'error' | 'warn' | 'info' | 'rule-error';
  readonly rule: string;
}

const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告' };
const MARKER: Readonly<Record<Severity, string>> = { error: 'mf-finding-error', warning: 'mf-finding-warning' };

export class IssuesPanel {
  readonly element: HTMLElement;
  private lint: Issue[] = [];
  private server: Issue[] = [];
  private marked: Array<{ id: string; marker: string }> = [];
  private readonly summary = el('span', { class: 'mf-issues-summary', 'data-testid': 'issues-summary' });
  private readonly list = el('div', { class: 'mf-issues-list' });
  private collapsed = false;

  constructor(private readonly modeler: Modeler) {
    const toggle = el('button', { type: 'button', class: 'mf-link', 'aria-expanded': 'true' }, '收起');
    toggle.addEventListener('click', () => {
      this.collapsed = !this.collapsed;
      this.element.classList.toggle('mf-issues-collapsed', this.collapsed);
      toggle.textContent = this.collapsed ? '展开' : '收起';
      toggle.setAttribute('aria-expanded', String(!this.collapsed));
    });
    this.element = el(
      'section',
      { class: 'mf-issues', 'aria-label': '检查结果' },
      el('header', {}, el('strong', {}, '检查结果'), this.summary, toggle),
      this.list,
    );
    const eventBus = modeler.get<EventBus>('eventBus');
    eventBus.on('linting.completed', (event: { issues: Record<string, LintReport[]> }) => {
      this.lint = Object.entries(event.issues).flatMap(([id, reports]) =>
        reports.map((report) => ({
          elementId: report.id ?? id,
          severity: report.category === 'error' ? ('error' as const) : ('warning' as const),
          message: report.category === 'rule-error' ? `检查规则执行失败：${report.message}` : report.message,
          rule: report.rule,
        })),
      );
      this.render();
    });
    this.render();
  }

  /** The server's findings of the last deploy, marked on their elements (replacing earlier ones). */
  setServerFindings(findings: readonly ServerFinding[]): void {
    this.clearMarkers();
    this.server = findings.map((finding) => ({ ...finding, message: finding.message.zh }));
    const canvas = this.modeler.get<Canvas>('canvas');
    const registry = this.modeler.get<ElementRegistry>('elementRegistry');
    for (const finding of findings) {
      if (!finding.elementId || !registry.get(finding.elementId)) continue;
      const marker = MARKER[finding.severity];
      canvas.addMarker(finding.elementId, marker);
      this.marked.push({ id: finding.elementId, marker });
    }
    this.render();
  }

  /** A new diagram: the old one's server findings no longer apply. */
  reset(): void {
    this.clearMarkers();
    this.server = [];
    this.lint = [];
    this.render();
  }

  private clearMarkers(): void {
    const canvas = this.modeler.get<Canvas>('canvas');
    const registry = this.modeler.get<ElementRegistry>('elementRegistry');
    for (const { id, marker } of this.marked) if (registry.get(id)) canvas.removeMarker(id, marker);
    this.marked = [];
  }

  private render(): void {
    const count = (issues: readonly Issue[], severity: Severity) =>
      issues.filter((issue) => issue.severity === severity).length;
    const errors = count(this.lint, 'error');
    const warnings = count(this.lint, 'warning');
    this.summary.textContent =
      errors + warnings === 0 ? '规则检查：无问题' : `规则检查：${errors} 个错误，${warnings} 个警告`;
    this.summary.className = `mf-issues-summary ${errors > 0 ? 'mf-has-errors' : warnings > 0 ? 'mf-has-warnings' : 'mf-clean'}`;
    const sections: HTMLElement[] = [];
    if (this.server.length > 0) sections.push(this.section('发布校验（服务器）', this.server, 'server'));
    sections.push(this.section('规则检查（实时）', this.lint, 'lint'));
    this.list.replaceChildren(...sections);
  }

  private section(title: string, issues: readonly Issue[], source: 'lint' | 'server'): HTMLElement {
    const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    const items = sorted.map((issue) => {
      const button = el(
        'button',
        {
          type: 'button',
          class: `mf-issue mf-issue-${issue.severity}`,
          'data-element-id': issue.elementId,
          title: issue.rule,
        },
        el('span', { class: 'mf-issue-severity' }, SEVERITY_LABELS[issue.severity]),
        el('span', { class: 'mf-issue-element' }, this.elementLabel(issue.elementId)),
        el('span', { class: 'mf-issue-message' }, issue.message),
      );
      button.addEventListener('click', () => this.select(issue.elementId));
      return el('li', {}, button);
    });
    return el(
      'div',
      { class: 'mf-issues-section', 'data-source': source },
      el('h3', {}, title),
      items.length === 0
        ? el('p', { class: 'mf-muted' }, source === 'lint' ? '没有发现问题' : '没有发现问题')
        : el('ul', {}, ...items),
    );
  }

  private elementLabel(id: string | null): string {
    if (!id) return '整个文件';
    const element = this.modeler.get<ElementRegistry>('elementRegistry').get(id) as
      { businessObject?: { name?: string } } | undefined;
    const name = element?.businessObject?.name?.trim();
    return name ? `${name}（${id}）` : id;
  }

  private select(id: string | null): void {
    if (!id) return;
    const element = this.modeler.get<ElementRegistry>('elementRegistry').get(id);
    if (!element) return;
    const canvas = this.modeler.get<Canvas>('canvas');
    if (element !== canvas.getRootElement()) canvas.scrollToElement(element as never);
    this.modeler.get<Selection>('selection').select(element);
  }
}
