/**
 * 检查结果: the issues panel under the canvas, one verdict with the server's. It lists the live
 * lint (bpmn-js-bpmnlint's `linting.completed`, in Chinese, with deploy's severities) and what
 * the server's deploy check finds beyond it (engine validation: unsupported elements, missing job
 * types, called processes …), asked of POST /api/definitions/validate a moment after every
 * change. The summary is the server's verdict on the diagram as it is now: exactly what 发布
 * will answer. Errors that refuse publishing are outlined in red on the canvas. Clicking an
 * issue selects its element and scrolls to it; its tooltip names the rule in Chinese.
 */
import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import { ruleTitleZh } from '../../engine/lint/index.js';
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

/** What publishing the diagram would answer: refused or not, with every finding (validation and lint). */
export interface Verdict {
  readonly refused: boolean;
  readonly findings: readonly ServerFinding[];
}

interface LintReport {
  readonly id?: string;
  readonly message: string;
  readonly category: 'error' | 'warn' | 'info' | 'rule-error';
  readonly rule: string;
}

/** Where the verdict stands: asked and answered for the diagram as it is, being asked, or not available. */
type VerdictState = 'current' | 'checking' | 'unavailable';

const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告' };
/** How long the diagram must stay unchanged before the server is asked (typing a name is many changes). */
const CHECK_DELAY_MS = 400;

export class IssuesPanel {
  readonly element: HTMLElement;
  private lint: Issue[] = [];
  private verdict: Verdict | null = null;
  private state: VerdictState = 'checking';
  /** Bumped on every change: an answer for an older diagram is dropped. */
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private marked: string[] = [];
  private readonly summary = el('span', { class: 'mf-issues-summary', 'data-testid': 'issues-summary' });
  private readonly list = el('div', { class: 'mf-issues-list' });
  private collapsed = false;

  constructor(
    private readonly modeler: Modeler,
    /** Asks the server what publishing this XML would say (POST /api/definitions/validate). */
    private readonly ask: (xml: string) => Promise<Verdict>,
  ) {
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
    eventBus.on('commandStack.changed', () => this.changed());
    this.render();
  }

  /** A new diagram was imported: forget the old one's verdict and ask for this one's. */
  reset(): void {
    this.clearMarkers();
    this.verdict = null;
    this.lint = [];
    this.changed();
  }

  /**
   * The verdict of a 发布 just answered (its refusal's findings, or the warnings it published
   * with): shown at once, as the validate answer would be, and any pending ask dropped.
   */
  showVerdict(verdict: Verdict): void {
    clearTimeout(this.timer);
    this.generation += 1;
    this.apply(verdict);
  }

  /** The diagram changed: the verdict is being asked again (after a short pause). */
  private changed(): void {
    const generation = ++this.generation;
    this.state = 'checking';
    this.render();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(generation), CHECK_DELAY_MS);
  }

  private async check(generation: number): Promise<void> {
    try {
      const { xml } = await this.modeler.saveXML();
      if (generation !== this.generation || xml === undefined) return;
      const verdict = await this.ask(xml);
      if (generation === this.generation) this.apply(verdict);
    } catch {
      if (generation !== this.generation) return;
      this.state = 'unavailable';
      this.render();
    }
  }

  private apply(verdict: Verdict): void {
    this.verdict = verdict;
    this.state = 'current';
    this.clearMarkers();
    const canvas = this.modeler.get<Canvas>('canvas');
    const registry = this.modeler.get<ElementRegistry>('elementRegistry');
    for (const finding of verdict.findings) {
      if (finding.severity !== 'error' || !finding.elementId || !registry.get(finding.elementId)) continue;
      if (this.marked.includes(finding.elementId)) continue;
      canvas.addMarker(finding.elementId, 'mf-finding-error');
      this.marked.push(finding.elementId);
    }
    this.render();
  }

  private clearMarkers(): void {
    const canvas = this.modeler.get<Canvas>('canvas');
    const registry = this.modeler.get<ElementRegistry>('elementRegistry');
    for (const id of this.marked) if (registry.get(id)) canvas.removeMarker(id, 'mf-finding-error');
    this.marked = [];
  }

  /** The server's findings the live lint does not show (the engine's validation; a lint finding only if the live one lacks it). */
  private serverOnly(): Issue[] {
    const live = new Set(this.lint.map((issue) => `${issue.rule} ${issue.elementId}`));
    const seen = new Set<string>();
    return (this.verdict?.findings ?? []).flatMap((finding) => {
      const key = `${finding.rule} ${finding.elementId} ${finding.message.zh}`;
      if (live.has(`${finding.rule} ${finding.elementId}`) || seen.has(key)) return [];
      seen.add(key);
      return [{ ...finding, message: finding.message.zh }];
    });
  }

  private render(): void {
    const server = this.serverOnly();
    const count = (issues: readonly { severity: Severity }[], severity: Severity) =>
      issues.filter((issue) => issue.severity === severity).length;
    // The verdict's own counts when it is current (they are deploy's), else what is known so far.
    const counted: readonly { severity: Severity }[] =
      this.state === 'current' && this.verdict ? this.verdict.findings : [...this.lint, ...server];
    const errors = count(counted, 'error');
    const warnings = count(counted, 'warning');
    const refused = this.state === 'current' ? (this.verdict?.refused ?? false) : errors > 0;
    this.summary.textContent = summaryText(this.state, refused, errors, warnings);
    this.summary.dataset['verdict'] = this.state === 'current' ? (refused ? 'refused' : 'clean') : this.state;
    this.summary.className = `mf-issues-summary ${errors > 0 ? 'mf-has-errors' : warnings > 0 ? 'mf-has-warnings' : 'mf-clean'}`;
    this.list.replaceChildren(
      this.section('发布检查（服务器，与发布时相同）', server, 'server'),
      this.section('规则检查（实时）', this.lint, 'lint'),
    );
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
          'data-rule': issue.rule,
          title: `${ruleTitleZh(issue.rule)}（点击定位到元素）`,
        },
        el('span', { class: 'mf-issue-severity' }, SEVERITY_LABELS[issue.severity]),
        el('span', { class: 'mf-issue-element' }, this.elementLabel(issue.elementId)),
        el('span', { class: 'mf-issue-message' }, issue.message),
      );
      button.addEventListener('click', () => this.select(issue.elementId));
      return el('li', {}, button);
    });
    const empty =
      source === 'server' && this.state === 'checking' && !this.verdict
        ? '正在检查…'
        : source === 'server' && this.state === 'unavailable'
          ? '服务器暂时无法检查，发布时会再检查'
          : '没有发现问题';
    return el(
      'div',
      { class: 'mf-issues-section', 'data-source': source },
      el('h3', {}, title),
      items.length === 0 ? el('p', { class: 'mf-muted' }, empty) : el('ul', {}, ...items),
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

/** The summary line: the verdict when it is current, else what the live lint knows and that the server is asked. */
function summaryText(state: VerdictState, refused: boolean, errors: number, warnings: number): string {
  const counts = `${errors} 个错误，${warnings} 个警告`;
  if (state === 'checking') return `正在进行发布检查…（目前 ${counts}）`;
  if (state === 'unavailable') return `规则检查：${counts}（服务器暂时无法检查）`;
  if (refused) return `发布检查：${counts}，发布将被拒绝`;
  return warnings > 0 ? `发布检查：无错误，可以发布（${warnings} 个警告）` : '发布检查：无问题，可以发布';
}
