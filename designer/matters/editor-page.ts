/**
 * /matters/:code and /matters?new: the matter editor. The form is json-editor's, generated from
 * the published schema (GET /api/matters/schema); ajv (standalone code of the same schema) checks
 * every change and its Chinese messages sit at their fields, as do the server's refusals. 保存
 * deploys the file (POST /api/matters): changed content is a new version, unchanged is not.
 */
import { JSONEditor, type MatterFormEditor } from './json-editor.js';
import { api, ApiFailure } from '../shared/api.js';
import { Attempt } from '../shared/attempt.js';
import { localizeJsonEditorDom, setJsonEditorLanguageZh } from '../shared/json-editor-zh.js';
import { el } from '../shared/dom.js';
import { formatDateTime } from '../shared/format.js';
import type { Shell } from '../shared/shell.js';
import { fieldTitle, messagesFromAjv, showAtFields, type FieldMessage } from './field-messages.js';
import { registerJsonTextEditor } from './json-text-editor.js';
import { SCHEMA_JSON, validate } from './matter-validator.js';
import { presentationSchema } from './presentation.js';

interface StoredMatter {
  readonly matterCode: string;
  readonly version: number;
  readonly processId: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly matter: Record<string, unknown>;
}

interface VersionRow {
  readonly version: number;
  readonly name: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

interface Deployed {
  readonly matterCode: string;
  readonly version: number;
  readonly created: boolean;
}

interface ServerFieldError {
  readonly field: string;
  readonly message: { readonly zh: string };
}

setJsonEditorLanguageZh(JSONEditor);
registerJsonTextEditor();

/** code: an existing matter; null: a new one (optionally copied from `from`). */
export async function renderEditor(shell: Shell, code: string | null, from: string | null): Promise<void> {
  const schema = await api<Record<string, unknown>>('/api/matters/schema');
  const source = code ?? from;
  const stored = source ? await api<StoredMatter>(`/api/matters/${encodeURIComponent(source)}`) : null;
  const start = stored ? structuredClone(stored.matter) : undefined;
  if (start && !code) {
    delete start['implementationCode'];
    delete start['handlingItemCode'];
  }

  const title = el('h1', {}, code ? String(stored?.matter['name'] ?? code) : '新建事项');
  const meta = el('p', { class: 'mf-muted', 'data-testid': 'matter-meta' });
  const processLink = el('a', { class: 'mf-matter-process' });
  const summary = el('div', { class: 'mf-matter-summary', role: 'alert', hidden: true });
  const saveButton = el('button', { type: 'button', class: 'primary' }, '保存（部署新版本）');
  const versions = el('section', { class: 'mf-card mf-matter-versions', 'aria-labelledby': 'versions-title' });
  const form = el('div', { class: 'mf-matter-form', lang: 'zh-CN' });
  const stale = JSON.stringify(schema) !== SCHEMA_JSON;
  shell.main.replaceChildren(
    el(
      'div',
      { class: 'mf-matter-editor' },
      el('p', { class: 'mf-muted' }, el('a', { href: '/matters' }, '事项管理'), ' › ', code ? '编辑事项' : '新建事项'),
      title,
      meta,
      el('div', { class: 'mf-toolbar' }, saveButton, processLink),
      stale
        ? el(
            'p',
            { class: 'mf-notice mf-notice-error', role: 'alert' },
            '页面的校验规则与服务器发布的事项模式不一致，请刷新页面；保存时以服务器的校验为准。',
          )
        : null,
      summary,
      el('div', { class: 'mf-matter-layout' }, form, versions),
    ),
  );

  const editor = new JSONEditor(form, {
    schema: presentationSchema(schema),
    ...(start ? { startval: start } : {}),
    theme: 'html',
    iconlib: null,
    show_errors: 'never',
    disable_edit_json: true,
    disable_properties: true,
    disable_array_delete_all_rows: true,
    disable_array_delete_last_row: true,
    show_opt_in: true,
    no_additional_properties: true,
    prompt_before_delete: false,
  });
  await new Promise<void>((resolve) => editor.on('ready', resolve));
  localizeJsonEditorDom(form);
  editor.on('change', () => localizeJsonEditorDom(form));

  let current: { matterCode: string; version: number; processId: string } | null = stored && code ? stored : null;
  let serverMessages: FieldMessage[] = [];
  let lastValue = JSON.stringify(editor.getValue());

  const describe = () => {
    if (!current) {
      meta.textContent = '尚未部署：保存后成为第 1 版。';
      processLink.hidden = true;
      return;
    }
    meta.textContent = `事项编码 ${current.matterCode} · 当前第 ${current.version} 版`;
    processLink.hidden = false;
  };

  const updateProcessLink = () => {
    const value = editor.getValue() as { process?: { processId?: unknown } } | null;
    const processId =
      typeof value?.process?.processId === 'string' && value.process.processId
        ? value.process.processId
        : current?.processId;
    if (processId) {
      processLink.setAttribute('href', `/designer?process=${encodeURIComponent(processId)}`);
      processLink.textContent = `在流程设计器中打开流程 ${processId}`;
      processLink.hidden = false;
    } else processLink.hidden = true;
  };

  /** ajv's messages for the current value (and a note for application-form text that is not JSON). */
  const check = (): FieldMessage[] => {
    const value = editor.getValue() as Record<string, unknown>;
    const messages = validate(value) ? [] : messagesFromAjv(validate.errors);
    if (typeof value['applicationForm'] === 'string') {
      return [
        { pointer: '/applicationForm', message: '申请表单不是有效的 JSON，请检查括号、引号和逗号' },
        ...messages.filter((m) => m.pointer !== '/applicationForm'),
      ];
    }
    return messages;
  };

  const show = (messages: readonly FieldMessage[], heading: string) => {
    const placed = showAtFields(editor, messages);
    summary.replaceChildren();
    summary.hidden = placed.length === 0;
    if (placed.length === 0) return;
    const list = el('ul');
    for (const item of placed) {
      const go = el('button', { type: 'button', class: 'mf-link' }, fieldTitle(editor, item.path));
      go.addEventListener('click', () => focusField(editor, item.path));
      list.append(el('li', {}, go, `：${item.message}`));
    }
    summary.append(el('strong', {}, heading), list);
  };

  const refresh = () => {
    const text = JSON.stringify(editor.getValue());
    if (text !== lastValue) serverMessages = [];
    lastValue = text;
    const messages = check();
    show(
      [...messages, ...serverMessages],
      messages.length + serverMessages.length > 0 ? `有 ${messages.length + serverMessages.length} 处需要修改：` : '',
    );
    updateProcessLink();
  };
  editor.on('change', refresh);

  const loadVersions = async () => {
    versions.replaceChildren(el('h2', { id: 'versions-title' }, '版本'));
    if (!current) {
      versions.append(el('p', { class: 'mf-muted' }, '保存后在此列出各版本。'));
      return;
    }
    const rows = await api<VersionRow[]>(`/api/matters/${encodeURIComponent(current.matterCode)}/versions`);
    const body = el('tbody');
    for (const row of [...rows].reverse()) {
      body.append(
        el(
          'tr',
          {},
          el('td', {}, `第 ${row.version} 版`),
          el('td', {}, row.createdBy),
          el('td', {}, formatDateTime(row.createdAt)),
        ),
      );
    }
    versions.append(
      el(
        'table',
        { 'aria-label': '版本列表' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, '版本'),
            el('th', { scope: 'col' }, '部署人'),
            el('th', { scope: 'col' }, '部署时间'),
          ),
        ),
        body,
      ),
    );
  };

  /** The same content saved again after no answer is a retry (its key kept); an answer frees the key. */
  const attempt = new Attempt();
  saveButton.addEventListener('click', () => {
    const messages = check();
    if (messages.length > 0) {
      show(messages, `有 ${messages.length} 处需要修改，修改后再保存：`);
      shell.notify('事项填写有误，请按提示修改后再保存', 'error');
      return;
    }
    const value = editor.getValue();
    saveButton.disabled = true;
    api<Deployed>('/api/matters', { body: value, idempotencyKey: attempt.keyFor(value) })
      .then(async (deployed) => {
        attempt.answered(); // the next save is a new action, not a retry of this one
        serverMessages = [];
        show([], '');
        const isNew = !current;
        current = {
          matterCode: deployed.matterCode,
          version: deployed.version,
          processId: String((value as { process: { processId: string } }).process.processId),
        };
        title.textContent = String((value as { name?: unknown }).name ?? deployed.matterCode);
        describe();
        updateProcessLink();
        if (isNew) history.replaceState(null, '', `/matters/${encodeURIComponent(deployed.matterCode)}`);
        shell.notify(
          deployed.created
            ? `已保存为第 ${deployed.version} 版`
            : `内容未改变，未创建新版本（仍为第 ${deployed.version} 版）`,
          deployed.created ? 'success' : 'info',
        );
        await loadVersions();
      })
      .catch((error: unknown) => {
        attempt.failed(error);
        const details =
          error instanceof ApiFailure ? (error.details as { errors?: ServerFieldError[] } | undefined) : undefined;
        if (details?.errors && details.errors.length > 0) {
          serverMessages = details.errors.map((e) => ({ pointer: e.field, message: e.message.zh }));
          show(serverMessages, `服务器未接受：有 ${serverMessages.length} 处需要修改：`);
        }
        shell.showError(error);
      })
      .finally(() => {
        saveButton.disabled = false;
      });
  });

  describe();
  updateProcessLink();
  await loadVersions();
}

function focusField(editor: MatterFormEditor, path: string): void {
  const target = editor.getEditor(path);
  const input = target?.input ?? target?.container.querySelector<HTMLElement>('input, select, textarea');
  target?.container.scrollIntoView({ block: 'center' });
  input?.focus();
}
