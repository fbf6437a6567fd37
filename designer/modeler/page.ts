/**
 * The modeler page: layout (toolbar, canvas with the issues panel and the comparison legend,
 * properties panel), the bpmn-js Modeler and what the toolbar does with it.
 */
import { layoutProcess } from 'bpmn-auto-layout';
import Modeler from 'bpmn-js/lib/Modeler';
import lintModule from 'bpmn-js-bpmnlint';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type CommandStack from 'diagram-js/lib/command/CommandStack';
import { lintConfig, lintResolver } from '../../engine/lint/index.js';
import { govDescriptor } from '../../engine/model/gov-descriptor.js';
import { api, ApiFailure, newIdempotencyKey } from '../shared/api.js';
import { el } from '../shared/dom.js';
import type { Shell } from '../shared/shell.js';
import { contextPadMenusModule } from './context-pad-menus.js';
import { DiffView } from './diff.js';
import { decodeXml, download, fileNameOf, importErrorMessage, lacksDiagram } from './files.js';
import { translateModule } from './i18n/index.js';
import { IssuesPanel, type ServerFinding, type Verdict } from './issues.js';
import { labelToleranceModule } from './label-tolerance.js';
import { lintOverlaysModule } from './lint-overlays.js';
import { openDialogContent, type DefinitionRow, type DraftRow } from './open-dialog.js';
import { govPropertiesModule, PANEL_ZH } from './properties/index.js';
import { PublishOutcome, type PublishedProcess } from './publish.js';
import { instantiate, TEMPLATES } from './templates/index.js';

/** Where the diagram on the canvas came from (what 保存草稿 and 与上一版本比较 work on). */
export type Source =
  | { readonly kind: 'new'; readonly template: string }
  | { readonly kind: 'file'; readonly fileName: string }
  | { readonly kind: 'draft'; readonly draftId: string; readonly revision: number }
  | { readonly kind: 'deployed'; readonly processId: string; readonly version: number };

interface DeployResult {
  readonly processes: readonly PublishedProcess[];
  readonly findings: readonly ServerFinding[];
}

/** The font bpmn-js measures labels with: the canvas's (modeler.css --mf-canvas-font), Arial's metrics first. */
const CANVAS_FONT =
  'Arial, "Liberation Sans", Arimo, "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Room the palette takes over the canvas's left edge, and the margin kept around a diagram. */
const PALETTE_WIDTH = 130;
const MARGIN = 30;

const button = (label: string, onClick: () => unknown, attributes: Record<string, string | boolean | null> = {}) => {
  const element = el('button', { type: 'button', ...attributes }, label);
  element.addEventListener('click', () => void onClick());
  return element;
};

export class ModelerPage {
  readonly modeler: Modeler;
  private readonly isAdmin: boolean;
  private readonly issues: IssuesPanel;
  private readonly diff: DiffView;
  private readonly outcome = new PublishOutcome();
  private source: Source = { kind: 'new', template: 'blank' };
  private readonly nameInput = el('input', {
    class: 'mf-modeler-name',
    'aria-label': '名称',
    placeholder: '流程或草稿名称',
    maxlength: 200,
  });
  private readonly status = el('span', { class: 'mf-modeler-status', 'data-testid': 'modeler-status', role: 'status' });
  private readonly undoButton: HTMLButtonElement;
  private readonly redoButton: HTMLButtonElement;
  private readonly compareButton: HTMLButtonElement;
  private readonly fileInput = el('input', {
    type: 'file',
    accept: '.bpmn,.xml,application/xml,text/xml',
    hidden: true,
    'aria-label': '选择 BPMN 文件',
  });
  private readonly dialog = el('dialog', { class: 'mf-dialog' });

  constructor(private readonly shell: Shell) {
    this.isAdmin = shell.session?.user.roles.includes('admin') ?? false;
    const canvas = el('div', { class: 'mf-modeler-canvas', 'data-testid': 'canvas' });
    const panel = el('div', { class: 'mf-modeler-panel', 'aria-label': '属性面板' });

    this.undoButton = button('撤销', () => this.commandStack().undo(), { disabled: true, title: '撤销（Ctrl+Z）' });
    this.redoButton = button('重做', () => this.commandStack().redo(), { disabled: true, title: '重做（Ctrl+Y）' });
    this.compareButton = button('与上一版本比较', () => this.compare(), { disabled: true });
    const toolbar = el(
      'div',
      { class: 'mf-toolbar mf-modeler-toolbar', role: 'toolbar', 'aria-label': '设计器工具栏' },
      button('新建', () => this.showNewDialog()),
      button('打开', () => this.showOpenDialog()),
      button('打开本地文件', () => this.fileInput.click()),
      this.fileInput,
      el('span', { class: 'mf-toolbar-sep' }),
      this.nameInput,
      this.isAdmin ? button('保存草稿', () => this.saveDraft()) : null,
      this.isAdmin ? button('发布新版本', () => this.deploy(), { class: 'primary' }) : null,
      el('span', { class: 'mf-toolbar-sep' }),
      this.compareButton,
      button('下载 XML', () => this.downloadXml()),
      button('下载 SVG', () => this.downloadSvg()),
      el('span', { class: 'mf-toolbar-sep' }),
      this.undoButton,
      this.redoButton,
      this.status,
    );
    this.fileInput.addEventListener('change', () => void this.openLocalFile());

    this.modeler = new Modeler({
      container: canvas,
      propertiesPanel: { parent: panel },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        govPropertiesModule,
        lintModule,
        lintOverlaysModule,
        contextPadMenusModule,
        labelToleranceModule,
        translateModule(PANEL_ZH),
      ],
      moddleExtensions: { gov: govDescriptor },
      textRenderer: { defaultStyle: { fontFamily: CANVAS_FONT }, externalStyle: { fontFamily: CANVAS_FONT } },
      linting: { bpmnlint: { config: lintConfig, resolver: lintResolver }, active: true },
    } as ConstructorParameters<typeof Modeler>[0]);
    this.issues = new IssuesPanel(this.modeler, (xml) =>
      api<Verdict>('/api/definitions/validate', { method: 'POST', body: { xml } }),
    );
    this.diff = new DiffView(this.modeler);

    const stage = el('div', { class: 'mf-modeler-stage' }, canvas, this.diff.legend, this.issues.element);
    this.shell.main.append(
      el(
        'div',
        { class: 'mf-modeler' },
        toolbar,
        this.outcome.element,
        el('div', { class: 'mf-modeler-body' }, stage, panel),
      ),
      this.dialog,
    );

    this.modeler.get<EventBus>('eventBus').on('commandStack.changed', () => this.updateButtons());
  }

  private commandStack(): CommandStack {
    return this.modeler.get<CommandStack>('commandStack');
  }

  /** Open what the address names (a draft or a deployed version), else a blank diagram. */
  async start(params: URLSearchParams): Promise<void> {
    const draft = params.get('draft');
    const processId = params.get('process');
    if (draft) await this.openDraft(draft);
    else if (processId)
      await this.openDeployed(processId, params.get('version') ? Number(params.get('version')) : undefined);
    else await this.createFromTemplate('blank', '新流程');
  }

  /** Import `xml`: laid out first when it has no diagram; false (with a Chinese notice) when it cannot be opened. */
  async load(xml: string, source: Source, name: string, { announceLayout = true } = {}): Promise<boolean> {
    this.diff.clear();
    let text = xml;
    let laidOut = false;
    if (lacksDiagram(xml)) {
      try {
        text = await layoutProcess(xml);
        laidOut = true;
      } catch (error) {
        this.shell.notify(importErrorMessage(error), 'error');
        return false;
      }
    }
    try {
      const { warnings } = await this.modeler.importXML(text);
      if (warnings.length > 0)
        this.shell.notify(`已打开，导入时有 ${warnings.length} 条警告（部分内容可能无法显示）`, 'info');
    } catch (error) {
      this.shell.notify(importErrorMessage(error), 'error');
      return false;
    }
    this.issues.reset();
    this.outcome.clear();
    this.fitDiagram();
    if (laidOut && announceLayout)
      this.shell.notify('该流程没有图形信息（例如由工具生成），已自动布局；泳道不会保留', 'info');
    this.setSource(source, name);
    return true;
  }

  /**
   * Show the diagram at 100 %, never smaller (labels must stay readable): one that fits is
   * centred to the right of the palette (which floats over the canvas's left edge); a larger one
   * shows its start, top left, and the rest is a scroll or zoom away.
   */
  private fitDiagram(): void {
    const canvas = this.modeler.get<Canvas>('canvas');
    canvas.resized();
    const { inner, outer } = canvas.viewbox();
    if (!inner.width || !inner.height || !outer.width || !outer.height) return;
    const room = { width: outer.width - PALETTE_WIDTH - MARGIN, height: outer.height - 2 * MARGIN };
    const offsetX = PALETTE_WIDTH + Math.max(0, (room.width - inner.width) / 2);
    const offsetY = MARGIN + Math.max(0, (room.height - inner.height) / 2);
    canvas.viewbox({ x: inner.x - offsetX, y: inner.y - offsetY, width: outer.width, height: outer.height });
  }

  private setSource(source: Source, name: string): void {
    this.source = source;
    this.nameInput.value = name;
    const url = new URL(location.href);
    url.search = '';
    if (source.kind === 'draft') url.searchParams.set('draft', source.draftId);
    if (source.kind === 'deployed') {
      url.searchParams.set('process', source.processId);
      url.searchParams.set('version', String(source.version));
    }
    history.replaceState(null, '', url.pathname + url.search);
    this.updateButtons();
  }

  private updateButtons(): void {
    const stack = this.commandStack();
    this.undoButton.disabled = !stack.canUndo();
    this.redoButton.disabled = !stack.canRedo();
    const source = this.source;
    const versions = source.kind === 'deployed' && source.version > 1;
    this.compareButton.textContent = versions ? '与上一版本比较' : '与已发布版本比较';
    this.compareButton.title = versions
      ? `第 ${source.version - 1} 版与第 ${source.version} 版比较`
      : '当前图与该流程最新发布的版本比较（不保存）';
    this.compareButton.disabled = !versions && this.canvasProcessId() === null;
    const changed = stack.canUndo() ? '（有未保存的修改）' : '';
    const describe: Record<Source['kind'], () => string> = {
      new: () => '新流程，未保存',
      file: () => `本地文件 ${(source as { fileName: string }).fileName}`,
      draft: () => `草稿 · 第 ${(source as { revision: number }).revision} 次保存`,
      deployed: () =>
        `已发布：${(source as { processId: string }).processId} 第 ${(source as { version: number }).version} 版`,
    };
    this.status.textContent = describe[source.kind]() + changed;
    this.status.dataset['sourceKind'] = source.kind;
    if (source.kind === 'draft') {
      this.status.dataset['draftId'] = source.draftId;
      this.status.dataset['revision'] = String(source.revision);
    } else {
      delete this.status.dataset['draftId'];
      delete this.status.dataset['revision'];
    }
  }

  async createFromTemplate(templateId: string, name: string): Promise<void> {
    const template = TEMPLATES.find((candidate) => candidate.id === templateId) ?? TEMPLATES[0]!;
    const { xml } = instantiate(template, name);
    await this.load(xml, { kind: 'new', template: template.id }, name, { announceLayout: false });
  }

  async openDeployed(processId: string, version?: number): Promise<void> {
    const versions = await api<DefinitionRow[]>('/api/definitions', { query: { processId } });
    const chosen = version === undefined ? versions.at(-1) : versions.find((row) => Number(row.version) === version);
    if (!chosen) {
      this.shell.notify(
        version === undefined ? `流程 ${processId} 尚未发布` : `流程 ${processId} 没有第 ${version} 版`,
        'error',
      );
      await this.createFromTemplate('blank', '新流程');
      return;
    }
    const { xml } = await api<{ xml: string }>(
      `/api/definitions/${encodeURIComponent(processId)}/versions/${chosen.version}/xml`,
    );
    await this.load(xml, { kind: 'deployed', processId, version: Number(chosen.version) }, chosen.name ?? processId);
  }

  async openDraft(draftId: string): Promise<void> {
    const draft = await api<DraftRow & { xml: string }>(`/api/drafts/${encodeURIComponent(draftId)}`);
    await this.load(draft.xml, { kind: 'draft', draftId: draft.draftId, revision: draft.revision }, draft.name);
  }

  private async openLocalFile(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    const xml = decodeXml(await file.arrayBuffer());
    const fallback = file.name.replace(/\.(bpmn|xml)$/i, '');
    const opened = await this.load(xml, { kind: 'file', fileName: file.name }, fallback);
    if (!opened) return;
    // A draft is named after the process it holds (as publishing names it), the file name only when it has none.
    const processId = this.canvasProcessId();
    this.nameInput.value = (processId && this.processName(processId)) || fallback;
    this.shell.notify(`已打开本地文件 ${file.name}`, 'success');
  }

  private name(): string {
    return this.nameInput.value.trim();
  }

  async saveDraft(): Promise<void> {
    const name = this.name();
    if (!name) {
      this.shell.notify('请先填写名称，再保存草稿', 'error');
      this.nameInput.focus();
      return;
    }
    const { xml } = await this.modeler.saveXML({ format: true });
    try {
      const source = this.source;
      const saved =
        source.kind === 'draft'
          ? await api<DraftRow>(`/api/drafts/${encodeURIComponent(source.draftId)}`, {
              method: 'PUT',
              body: { name, xml: xml!, revision: source.revision },
            })
          : await api<DraftRow>('/api/drafts', {
              method: 'POST',
              body: { name, xml: xml! },
              idempotencyKey: newIdempotencyKey(),
            });
      this.commandStack().clear();
      this.setSource({ kind: 'draft', draftId: saved.draftId, revision: saved.revision }, saved.name);
      this.shell.notify(`草稿“${saved.name}”已保存`, 'success');
    } catch (error) {
      this.shell.showError(error);
    }
  }

  async deploy(): Promise<void> {
    const { xml } = await this.modeler.saveXML({ format: true });
    this.outcome.clear();
    try {
      const result = await api<DeployResult>('/api/definitions', {
        method: 'POST',
        body: { xml: xml! },
        idempotencyKey: newIdempotencyKey(),
      });
      this.issues.showVerdict({ refused: false, findings: result.findings });
      const first = result.processes[0];
      if (!first) {
        this.outcome.failed('文件中没有可执行的流程，未发布任何版本');
        return;
      }
      this.commandStack().clear();
      const nameOf = (processId: string) => this.processName(processId) || processId;
      this.setSource({ kind: 'deployed', processId: first.processId, version: first.version }, this.name());
      await this.outcome.published(result.processes, nameOf);
    } catch (error) {
      const findings =
        error instanceof ApiFailure
          ? (error.details as { findings?: ServerFinding[] } | undefined)?.findings
          : undefined;
      if (findings) {
        this.issues.showVerdict({ refused: true, findings });
        this.outcome.refused(findings.filter((finding) => finding.severity === 'error').length);
      } else {
        this.outcome.failed(error instanceof ApiFailure ? error.zh : '请稍后重试');
      }
    }
  }

  /** A published version from 2 on: with the version before it. Anything else: the diagram as it is with the latest published version of its process. */
  private async compare(): Promise<void> {
    const source = this.source;
    try {
      if (source.kind === 'deployed' && source.version > 1) {
        await this.diff.show(source.processId, source.version - 1, source.version);
        return;
      }
      const processId = this.canvasProcessId();
      if (!processId) {
        this.shell.notify('图中没有流程，无法比较', 'error');
        return;
      }
      const { xml } = await this.modeler.saveXML();
      await this.diff.showAgainstPublished(processId, xml!);
    } catch (error) {
      this.shell.showError(error);
    }
  }

  /** The process of the diagram on the canvas (the executable one when there are several), or null. */
  private canvasProcessId(): string | null {
    const processes = this.canvasProcesses();
    return (processes.find((process) => process.isExecutable) ?? processes[0])?.id ?? null;
  }

  /** The name a process of the diagram on the canvas has, '' when it has none. */
  private processName(processId: string): string {
    return (
      this.canvasProcesses()
        .find((process) => process.id === processId)
        ?.name?.trim() ?? ''
    );
  }

  private canvasProcesses(): ReadonlyArray<{ id: string; name?: string; isExecutable?: boolean }> {
    const definitions = this.modeler.getDefinitions() as
      | { rootElements?: ReadonlyArray<{ $type: string; id: string; name?: string; isExecutable?: boolean }> }
      | undefined;
    return (definitions?.rootElements ?? []).filter((element) => element.$type === 'bpmn:Process');
  }

  private async downloadXml(): Promise<void> {
    const { xml } = await this.modeler.saveXML({ format: true });
    download(`${fileNameOf(this.name())}.bpmn`, xml!, 'application/xml');
  }

  private async downloadSvg(): Promise<void> {
    const { svg } = await this.modeler.saveSVG();
    download(`${fileNameOf(this.name())}.svg`, svg, 'image/svg+xml');
  }

  private openDialog(title: string, ...content: Node[]): void {
    const close = button('关闭', () => this.dialog.close());
    this.dialog.replaceChildren(el('header', {}, el('h2', {}, title), close), ...content);
    this.dialog.setAttribute('aria-label', title);
    if (!this.dialog.open) this.dialog.showModal();
  }

  private showNewDialog(): void {
    const name = el('input', { 'aria-label': '流程名称', value: '新流程', maxlength: 200 });
    const cards = TEMPLATES.map((template) =>
      el(
        'li',
        {},
        button(template.label, async () => {
          this.dialog.close();
          await this.createFromTemplate(template.id, name.value.trim() || template.label);
        }),
        el('span', { class: 'mf-muted' }, template.description),
      ),
    );
    this.openDialog(
      '新建流程',
      el('label', { class: 'mf-dialog-field' }, '流程名称', name),
      el('p', {}, '选择办件类型模板：'),
      el('ul', { class: 'mf-template-list' }, ...cards),
    );
  }

  private async showOpenDialog(): Promise<void> {
    const content = await openDialogContent({
      isAdmin: this.isAdmin,
      openDeployed: async (processId, version) => {
        this.dialog.close();
        await this.openDeployed(processId, version);
      },
      openDraft: async (draftId) => {
        this.dialog.close();
        await this.openDraft(draftId);
      },
      deleteDraft: async (draftId) => {
        await api(`/api/drafts/${encodeURIComponent(draftId)}`, { method: 'DELETE' }).catch((error: unknown) =>
          this.shell.showError(error),
        );
        await this.showOpenDialog();
      },
    });
    this.openDialog('打开', ...content);
  }
}
