/**
 * 发布新版本's answer, in a line under the toolbar that each new answer replaces (so a refusal
 * never lingers beside a later success): refused with the count of errors (the findings are in
 * 检查结果 and outlined on the canvas), or published, naming the process by its name, with what
 * comes next: windows can only 收件 for a process once a matter (事项) uses it, so the line links
 * to that matter in 事项管理, or to a new one.
 */
import { api } from '../shared/api.js';
import { el } from '../shared/dom.js';

/** One process of a deploy's answer. */
export interface PublishedProcess {
  readonly processId: string;
  readonly version: number;
  readonly created: boolean;
}

interface MatterRow {
  readonly matterCode: string;
  readonly name: string;
  readonly processId: string;
}

export class PublishOutcome {
  readonly element = el('div', {
    class: 'mf-publish-outcome',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'publish-outcome',
    hidden: true,
  });
  /** The answer's text (the close button beside it). */
  private text = el('span');

  /** A new diagram, or a new attempt: the last answer no longer applies. */
  clear(): void {
    this.element.hidden = true;
    this.element.replaceChildren();
    delete this.element.dataset['outcome'];
  }

  /** 发布 was refused: the errors are in 检查结果 and marked on the canvas. */
  refused(errors: number): void {
    this.show(
      'refused',
      el('strong', {}, `发布失败：${errors} 个错误`),
      '，已在图中标出并列在下方检查结果中；改正后再发布。',
    );
  }

  /** 发布 failed for another reason (the server's message). */
  failed(message: string): void {
    this.show('refused', el('strong', {}, '发布失败：'), message);
  }

  /** Published (or unchanged): each process by its name and version, then what comes next. */
  async published(processes: readonly PublishedProcess[], nameOf: (processId: string) => string): Promise<void> {
    const lines = processes.map((process) =>
      process.created
        ? `“${nameOf(process.processId)}”已发布为第 ${process.version} 版`
        : `“${nameOf(process.processId)}”与已发布的第 ${process.version} 版相同，未产生新版本`,
    );
    this.show('published', el('strong', {}, lines.join('；')), '。');
    const next = await nextStep(
      processes.map((process) => process.processId),
      nameOf,
    ).catch(() => null);
    if (next && this.element.dataset['outcome'] === 'published') this.text.append(' ', next);
  }

  private show(outcome: 'refused' | 'published', ...content: Array<Node | string>): void {
    const close = el('button', { type: 'button', class: 'mf-link', 'aria-label': '关闭发布结果' }, '×');
    close.addEventListener('click', () => this.clear());
    this.text = el('span', {}, ...content);
    this.element.replaceChildren(this.text, close);
    this.element.dataset['outcome'] = outcome;
    this.element.className = `mf-publish-outcome mf-publish-${outcome}`;
    this.element.hidden = false;
  }
}

/** What comes after publishing: the matters that use the processes, or making one (收件 needs a matter). */
async function nextStep(processIds: readonly string[], nameOf: (processId: string) => string): Promise<Node> {
  const matters = await api<MatterRow[]>('/api/matters');
  const using = matters.filter((matter) => processIds.includes(matter.processId));
  if (using.length > 0)
    return el(
      'span',
      { class: 'mf-publish-next' },
      '使用该流程的事项：',
      ...using.flatMap((matter, index) => [
        index > 0 ? '、' : '',
        el(
          'a',
          { href: `/matters/${encodeURIComponent(matter.matterCode)}` },
          `${matter.name}（${matter.matterCode}）`,
        ),
      ]),
      '，新收件的办件按最新发布的版本办理。',
    );
  const first = processIds[0] ?? '';
  return el(
    'span',
    { class: 'mf-publish-next' },
    `下一步：窗口收件前，须在 `,
    el('a', { href: '/matters?new' }, '事项管理'),
    ` 中新建一个事项，选择流程“${nameOf(first)}”（${first}）。`,
  );
}
